import '../i18n-character.js';
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
      h('div', { class: 'row' },
        h('button', { type: 'button', class: 'secondary', onclick: () => act('/agents/' + x.id + '/validate') }, t('validate') + ': ' + a.name),
        (NEXT[x.status] || []).map((s) => h('button', { type: 'button', class: s === 'archived' ? 'danger' : s === 'published' ? null : 'secondary',
          onclick: () => act('/agents/' + x.id + '/status', { status: s }) }, t(ACTION[s]) + ': ' + a.name))));
  });
  page('agents', cards.length ? cards : h('p', { class: 'muted', text: t('none') }));
}
