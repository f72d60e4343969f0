import '../i18n-character.js';
import '../i18n-agent.js';
import { t, tv, fmtTime } from '../core/i18n.js';
import { api, tp } from '../core/api.js';
import { rerender } from '../core/router.js';
import { h, page, toast, badge, errorText } from '../core/dom.js';

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
  const budgets = {};
  await Promise.all(list.map(async (x) => {
    try { budgets[x.id] = await api(tp('/agent-runtime/agents/' + x.id + '/budget')); } catch (e) { budgets[x.id] = null; }
  }));
  // token caps per agent, checked by the run loop before every model call; empty = no cap
  const budgetForm = (x) => {
    const b = budgets[x.id];
    if (!b) return null;
    const field = (name) => h('label', null, t('budget_' + name), h('input', { type: 'number', min: '1', name, value: b.budget[name] == null ? '' : String(b.budget[name]) }));
    return h('details', null, h('summary', { text: t('budget') + ' – ' + t('budgetSpent', { today: b.spent.today, month: b.spent.month }) }),
      h('form', { class: 'row', onsubmit: async (ev) => {
        ev.preventDefault();
        const f = new FormData(ev.target); const body = {};
        for (const k of ['tokensPerConversation', 'tokensPerDay', 'tokensPerMonth']) body[k] = f.get(k) ? Number(f.get(k)) : null;
        try { await api(tp('/agent-runtime/agents/' + x.id + '/budget'), { method: 'PUT', body }); toast(t('saved')); rerender(); } catch (e) { toast(errorText(e)); }
      } }, field('tokensPerConversation'), field('tokensPerDay'), field('tokensPerMonth'),
      h('button', { type: 'submit' }, t('budgetSave') + ': ' + x.agent.name)));
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
          onclick: () => act('/agents/' + x.id + '/status', { status: s }) }, t(ACTION[s]) + ': ' + a.name))));
  });
  page('agents', cards.length ? cards : h('p', { class: 'muted', text: t('none') }));
}
