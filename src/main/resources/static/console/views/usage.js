import { t, fmtNumber, fmtTime, datePattern } from '../core/i18n.js';
import { api, tp } from '../core/api.js';
import { isAdmin } from '../core/session.js';
import { h, field, input, dateInput, readDates, formError, page, table, toast, showErrors, badge } from '../core/dom.js';

const eur = (v) => fmtNumber(v, { style: 'currency', currency: 'EUR', minimumFractionDigits: 2, maximumFractionDigits: 4 });

/**
 * Model usage in a period (GET …/llm/usage: {from, to, summary{calls, failedCalls, inputTokens, outputTokens,
 * costEur, avgLatencyMs, byModel[…]}}) and the monthly budget (GET/PUT …/llm/budget).
 */
export async function usage(_, query) {
  const qs = new URLSearchParams();
  if (query.get('from')) qs.set('from', query.get('from'));
  if (query.get('to')) qs.set('to', query.get('to'));
  const [u, budget] = await Promise.all([api(tp('/llm/usage' + (qs.toString() ? '?' + qs : ''))), api(tp('/llm/budget'))]);
  const s = u.summary;
  const period = h('form', { class: 'row card', 'aria-label': t('period') },
    field(t('fromDate'), dateInput('from', query.get('from') || ''), '(' + datePattern() + ')'),
    field(t('toDate'), dateInput('to', query.get('to') || ''), '(' + datePattern() + ')'),
    h('div', null, h('button', { type: 'submit' }, t('show'))));
  period.addEventListener('submit', (ev) => {
    ev.preventDefault(); const q = new URLSearchParams();
    const dates = readDates(period);
    if (!dates) return;
    for (const k of ['from', 'to']) if (dates[k]) q.set(k, dates[k]);
    location.hash = '#/usage' + (q.toString() ? '?' + q : '');
  });
  const fact = (label, value) => [h('dt', { text: label }), h('dd', { class: 'num', text: value })];
  const summary = h('section', { class: 'card', 'aria-labelledby': 'h-sum' }, h('h2', { id: 'h-sum', text: t('usageIn', { from: fmtTime(u.from), to: fmtTime(u.to) }) }),
    h('dl', { class: 'facts' }, fact(t('calls'), fmtNumber(s.calls)), fact(t('failedCalls'), fmtNumber(s.failedCalls)),
      fact(t('inputTokens'), fmtNumber(s.inputTokens)), fact(t('outputTokens'), fmtNumber(s.outputTokens)), fact(t('cost'), eur(s.costEur)),
      fact(t('avgLatency'), s.avgLatencyMs == null ? '–' : fmtNumber(s.avgLatencyMs) + ' ms')),
    table([
      { label: t('model'), value: (m) => m.provider + ' · ' + m.model },
      { label: t('calls'), num: true, value: (m) => fmtNumber(m.calls) },
      { label: t('inputTokens'), num: true, value: (m) => fmtNumber(m.inputTokens) },
      { label: t('outputTokens'), num: true, value: (m) => fmtNumber(m.outputTokens) },
      { label: t('cost'), num: true, value: (m) => eur(m.costEur) }
    ], s.byModel, t('byModel')));

  const spent = h('p', null, t('spentThisMonth', { tokens: fmtNumber(budget.spentTokens), eur: eur(budget.spentEur) }), ' ',
    budget.exceeded ? badge(t('budgetExceeded'), 'bad') : badge(t('budgetWithin'), 'ok'));
  const form = h('form', { class: 'stack', novalidate: true },
    field(t('monthlyTokens'), input('monthlyTokens', { type: 'number', min: '0', value: budget.monthlyTokens == null ? '' : String(budget.monthlyTokens) }), t('emptyNoLimit')),
    field(t('monthlyEur'), input('monthlyEur', { type: 'number', min: '0', step: '0.01', value: budget.monthlyEur == null ? '' : String(budget.monthlyEur) }), t('emptyNoLimit')),
    h('div', { class: 'check' }, h('input', { type: 'checkbox', id: 'extractiveFallback', name: 'extractiveFallback', checked: budget.extractiveFallback }), ' ',
      h('label', { for: 'extractiveFallback', text: t('extractiveFallback') })),
    formError(), isAdmin() ? h('div', null, h('button', { type: 'submit' }, t('saveBudget'))) : null);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault(); const d = new FormData(form);
    const num = (k) => (d.get(k) === '' ? null : Number(d.get(k)));
    try {
      await api(tp('/llm/budget'), { method: 'PUT', body: { monthlyTokens: num('monthlyTokens'), monthlyEur: num('monthlyEur'), extractiveFallback: d.get('extractiveFallback') === 'on' } });
      toast(t('saved'));
    } catch (e) { showErrors(form, e); }
  });
  page('usage', period, summary, h('section', { class: 'card', 'aria-labelledby': 'h-budget' }, h('h2', { id: 'h-budget', text: t('budget') }), spent, form));
}
