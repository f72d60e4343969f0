import '../i18n-character.js';
import '../i18n-agent.js';
import { t, tv, fmtTime } from '../core/i18n.js';
import { api, tp } from '../core/api.js';
import { rerender } from '../core/router.js';
import { h, page, toast, badge, errorText, field, input, formError, showErrors } from '../core/dom.js';
import { state } from '../core/state.js';

const NEXT = { draft: ['in_review', 'archived'], in_review: ['published', 'draft', 'archived'], published: ['archived'], archived: ['draft'] };
const ACTION = { in_review: 'toReview', published: 'publish', archived: 'archive', draft: 'toDraft' };

/**
 * Generated agents: each with its status, validation report (named checks with why), tools (listed, not run until the
 * agent runtime exists), suggested questions and system prompt; validate and move it through draft → in_review →
 * published → archived (POST …/agents/{id}/status; publishing needs a passed validation, four-eyes where turned on).
 */
export async function agents() {
  const list = (await api(tp('/agents?size=100'))).items;
  const act = async (path, body) => {
    try { await api(tp(path), { method: 'POST', body: body || {} }); toast(t('saved')); rerender(); } catch (e) { toast(errorText(e)); }
  };
  const budgets = {}; const policies = {};
  await Promise.all(list.map(async (x) => {
    try { budgets[x.id] = await api(tp('/agent-runtime/agents/' + x.id + '/budget')); } catch (e) { budgets[x.id] = null; }
    try { policies[x.id] = await api(tp('/agent-runtime/agents/' + x.id + '/policy')); } catch (e) { policies[x.id] = null; }
  }));
  // a typed number as JSON: empty = no cap; what is no number goes as typed, so the server names the field's error
  const numberOf = (raw, decimal) => {
    const v = String(raw || '').trim();
    if (!v) return null;
    const n = decimal ? v.replace(',', '.') : v;
    return (decimal ? /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i : /^-?\d+$/).test(n) ? Number(n) : v;
  };
  const eur = (v) => v == null ? '' : (state.lang === 'en' ? String(v) : String(v).replace('.', ','));
  // limits per agent, checked by the run loop before every model call: token caps (budget) and the policy's cost cap
  // in EUR per conversation; empty = no cap
  const budgetForm = (x) => {
    const b = budgets[x.id]; const p = policies[x.id];
    if (!b || !p) return null;
    const tokens = (name) => field(t('budget_' + name), input(name, { value: b.budget[name] == null ? '' : String(b.budget[name]),
      inputmode: 'numeric', autocomplete: 'off' }));
    const form = h('form', { class: 'limits', novalidate: true, onsubmit: async (ev) => {
      ev.preventDefault();
      const f = new FormData(form); const body = {};
      for (const k of ['tokensPerConversation', 'tokensPerDay', 'tokensPerMonth']) body[k] = numberOf(f.get(k), false);
      const cap = numberOf(f.get('maxCostEurPerConversation'), true);
      try {
        await api(tp('/agent-runtime/agents/' + x.id + '/budget'), { method: 'PUT', body });
        if (cap !== p.maxCostEurPerConversation) {
          await api(tp('/agent-runtime/agents/' + x.id + '/policy'), { method: 'PUT', body: Object.assign({}, p, { maxCostEurPerConversation: cap }) });
        }
        toast(t('saved')); rerender();
      } catch (e) { showErrors(form, e); }
    } }, tokens('tokensPerConversation'), tokens('tokensPerDay'), tokens('tokensPerMonth'),
    field(t('maxCostEur'), input('maxCostEurPerConversation', { value: eur(p.maxCostEurPerConversation), inputmode: 'decimal', autocomplete: 'off' }), t('maxCostEurHint')),
    formError(),
    h('button', { type: 'submit' }, t('budgetSave') + ': ' + x.agent.name));
    return h('details', { class: 'limits' }, h('summary', { text: t('agentLimits') + ' – ' + t('budgetSpent', { today: b.spent.today, month: b.spent.month }) }), form);
  };
  const cards = list.map((x) => {
    const a = x.agent; const v = x.validation;
    return h('article', { class: 'card agent', 'aria-labelledby': 'an-' + x.id },
      h('h2', { id: 'an-' + x.id }, a.name, ' ', badge(tv('as', x.status), x.status === 'published' ? 'ok' : 'warn')),
      h('dl', { class: 'facts' },
        h('dt', { text: t('version') }), h('dd', { text: String(x.version) }),
        h('dt', { text: t('validation') }), h('dd', null, v ? badge(v.passed ? t('passed') : t('failed'), v.passed ? 'ok' : 'bad') : t('notValidated'),
          v ? ' ' + fmtTime(v.validatedAt) : ''),
        h('dt', { text: t('tools') }), h('dd', { text: a.tools.join(', ') + ' – ' + t('toolsNote') }),
        h('dt', { text: t('suggestedQuestions') }), h('dd', { text: a.suggestedQuestions.join(' · ') })),
      v ? h('ul', { class: 'checks' }, v.checks.map((c) => h('li', null, badge(c.passed ? t('check_ok') : t('check_fail'), c.passed ? 'ok' : 'bad'), ' ', h('code', { text: c.name }), ' – ' + c.detail))) : null,
      h('details', null, h('summary', { text: t('systemPrompt') }), h('pre', { text: a.systemPrompt })),
      budgetForm(x),
      h('div', { class: 'row' },
        h('button', { type: 'button', class: 'secondary', onclick: () => act('/agents/' + x.id + '/validate') }, t('validate') + ': ' + a.name),
        (NEXT[x.status] || []).map((s) => h('button', { type: 'button', class: s === 'archived' ? 'danger' : s === 'published' ? null : 'secondary',
          onclick: () => act('/agents/' + x.id + '/status', { status: s }) }, t(ACTION[s]) + ': ' + a.name)),
        h('button', { type: 'button', class: 'danger', onclick: async () => {
          if (!confirm(t('confirmDelete', { name: a.name }))) return;
          try { await api(tp('/agents/' + x.id), { method: 'DELETE' }); toast(t('deleted')); rerender(); } catch (e) { toast(errorText(e)); }
        } }, t('delete') + ': ' + a.name)));
  });
  page('agents', cards.length ? cards : h('p', { class: 'muted', text: t('none') }));
}
