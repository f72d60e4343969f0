import '../i18n-agent.js';
import { t, fmtTime, locale } from '../core/i18n.js';
import { api, tp } from '../core/api.js';
import { h, page, badge, table, field, select, formError, showErrors, errorBox } from '../core/dom.js';

const ROUTING = '/agent-runtime/routing';

/**
 * Routing between agents: which published agents take part, the recent decisions of routed conversations (which agent
 * took which question, why: by the routing call or by the words, staying or switching) and a try-out that shows which
 * agent a question would go to (nothing stored). The decisions are for tenant admins; others see a note instead.
 */
export async function routing() {
  const [settings, participants] = await Promise.all([api(tp(ROUTING)), api(tp(ROUTING + '/participants'))]);
  let decisions = null; let decisionsError = null;
  try { decisions = await api(tp(ROUTING + '/decisions?size=20')); } catch (e) { decisionsError = e; }
  const score = (v) => Number(v).toLocaleString(locale(), { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const nameOf = (id) => (participants.find((p) => p.agentId === id) || {}).name;
  // decisions name the agent they came from; a try-out only its id
  const why = (d) => {
    const from = d.fromAgentId || d.previousAgentId;
    return (d.method === 'model' ? t('routedByModel') : t('routedByWords', { score: score(d.score) })) + ' – '
      + (d.switched ? t('routedSwitched', { from: d.fromAgentName || nameOf(from) || t('routedNobody') }) : from ? t('routedStayed') : t('routedFirst'));
  };

  const taking = participants.filter((p) => p.takesPart);
  const participantsBox = h('section', { 'aria-labelledby': 'routing-agents' },
    h('h2', { id: 'routing-agents', text: t('routingAgents') }),
    h('p', null, badge(settings.enabled ? t('routingOn') : t('routingOff'), settings.enabled ? 'ok' : 'warn'), ' ',
      settings.enabled ? (taking.length < 2 ? t('routingTooFew') : t('routingHelp')) : t('routingOffHelp')),
    participants.length ? h('ul', { class: 'participants' }, participants.map((p) => h('li', null,
      h('strong', { text: p.name }), ' ', badge(p.takesPart ? t('takesPart') : t('takesNoPart'), p.takesPart ? 'ok' : 'warn'),
      p.topics.length ? h('span', { class: 'muted', text: ' – ' + t('routingTopics') + ': ' + p.topics.join(', ') }) : null)))
      : h('p', { class: 'muted', text: t('routingNoPublished') }));

  const result = h('div', { role: 'status', 'aria-live': 'polite', class: 'routing-result' });
  const questionField = h('textarea', { name: 'question', rows: 2, maxlength: 2000 });
  const current = select('currentAgentId', [['', t('routingNoCurrent')], ...taking.map((p) => [p.agentId, p.name])], '');
  const form = h('form', { class: 'routing-try', novalidate: true, onsubmit: async (ev) => {
    ev.preventDefault();
    result.replaceChildren();
    const body = { question: questionField.value };
    if (current.value) body.currentAgentId = current.value;
    try {
      const d = await api(tp(ROUTING + '/try'), { method: 'POST', body });
      for (const n of form.querySelectorAll('.field-error, .form-error')) n.textContent = '';
      for (const n of form.querySelectorAll('[aria-invalid]')) n.removeAttribute('aria-invalid');
      result.replaceChildren(h('p', null, t('routingWouldTake') + ' ', h('strong', { text: d.agentName })), h('p', { class: 'muted', text: why(d) }));
    } catch (e) { showErrors(form, e); }
  } }, field(t('routingQuestion'), questionField), field(t('routingCurrent'), current), formError(),
  h('button', { type: 'submit' }, t('routingTry')));
  const tryBox = h('section', { 'aria-labelledby': 'routing-try' }, h('h2', { id: 'routing-try', text: t('routingTryTitle') }), form, result);

  const decisionsBox = h('section', { 'aria-labelledby': 'routing-decisions' }, h('h2', { id: 'routing-decisions', text: t('routingDecisions') }),
    decisions ? table([
      { label: t('routingWhen'), value: (d) => fmtTime(d.decidedAt) },
      { label: t('routingQuestion'), value: (d) => d.question },
      { label: t('routingAnswered'), value: (d) => d.agentName },
      { label: t('routingWhy'), value: (d) => why(d) },
    ], decisions.items, t('routingDecisions'))
      : decisionsError && decisionsError.status === 403 ? h('p', { class: 'muted', text: t('routingDecisionsAdmins') }) : errorBox(decisionsError));

  page('routing', participantsBox, tryBox, decisionsBox);
}
