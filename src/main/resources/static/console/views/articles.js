import '../i18n-kb.js';
import { t, fmtTime } from '../core/i18n.js';
import { api, tp } from '../core/api.js';
import { rerender } from '../core/router.js';
import { state } from '../core/state.js';
import { h, field, input, select, formError, page, table, toast, showErrors, badge, errorText, entries } from '../core/dom.js';

const STATUSES = ['all', 'draft', 'in_review', 'approved', 'rejected', 'published', 'withdrawn'];
const statusBadge = (a) => badge(a.statusLabel, a.status === 'PUBLISHED' ? 'ok' : a.status === 'REJECTED' ? 'bad' : 'warn');
// approving and rejecting take a reviewer (the API checks it; the page only hides what would be refused)
const canReview = () => state.platformAdmin || (state.me && state.me.roles.some((r) => r === 'REVIEWER' || r === 'TENANT_ADMIN'));
const lines = (text) => entries(text).slice(0, 20);

/** The tenant's personas (target groups), for the picker; empty when there are none or they cannot be read. */
const personaList = () => api(tp('/personas?size=100'))
  .then((p) => p.items.map((x) => ({ id: x.id, name: (x.persona && x.persona.name) || x.id }))).catch(() => []);

/** Checkboxes of the personas an article version is for; none ticked = for everyone. */
function personaPicker(personas, selected = []) {
  const fs = h('fieldset', { id: 'article-personas' }, h('legend', { text: t('articlePersonasPick') }));
  if (!personas.length) fs.append(h('p', { class: 'muted', text: t('articlePersonasNone') }));
  for (const p of personas) {
    const cid = 'ap-' + p.id;
    fs.append(h('div', null, h('input', { type: 'checkbox', id: cid, name: 'personaIds', value: p.id, checked: selected.includes(p.id) }),
      ' ', h('label', { for: cid, style: 'display:inline', text: p.name })));
  }
  return fs;
}

/**
 * Knowledge articles: the list by status, the unanswered-question clusters analytics found (each can become a draft
 * article whose questions are the citizens' own), and a form for a new article.
 */
export async function articles(params, query) {
  const status = STATUSES.includes(query.get('status')) ? query.get('status') : 'all';
  const [list, spaces, unanswered, personas] = await Promise.all([
    api(tp('/kb/articles?size=100' + (status === 'all' ? '' : '&status=' + status))),
    api(tp('/spaces?size=200')),
    api(tp('/analytics/unanswered')).catch(() => null), personaList()]);
  const filter = select('status', STATUSES.map((s) => [s, t('articleStatus_' + s)]), status, { id: 'article-status' });
  filter.addEventListener('change', () => { location.hash = '#/articles?status=' + filter.value; });
  const form = articleForm(spaces.items, personas);
  const clusters = unanswered && unanswered.clusters ? unanswered.clusters : [];
  const clusterList = h('section', { class: 'stack', id: 'article-clusters' }, h('h2', { text: t('unansweredClusters') }),
    clusters.length ? table([
      { label: t('clusterTopic'), value: (c) => c.label },
      { label: t('clusterQuestions'), num: true, value: (c) => String(c.questions) },
      { label: t('clusterExamples'), value: (c) => h('ul', null, c.examples.slice(0, 3).map((e) => h('li', { text: e.question }))) },
      { label: t('actions'), value: (c) => h('button', { type: 'button', class: 'secondary', onclick: () => form.fromCluster(c) },
        t('articleFromCluster') + ': ' + c.label) }
    ], clusters, t('unansweredClusters')) : h('p', { class: 'muted', text: t('noClusters') }));
  page('articles', h('p', { class: 'muted', text: t('articlesIntro') }), field(t('articleShow'), filter),
    table([
      { label: t('articleTitle'), value: (a) => h('a', { href: '#/articles/' + a.id, text: a.title }) },
      { label: t('status'), value: statusBadge },
      { label: t('articleVersion'), num: true, value: (a) => String(a.version) },
      { label: t('articleAuthor'), value: (a) => a.authorName || a.authorId },
      { label: t('articleUpdated'), value: (a) => fmtTime(a.updatedAt) }
    ], list.items, t('articles')), clusterList, form.element);
}

/** The new-article form; fromCluster fills it with a cluster's topic and questions and remembers their messages. */
function articleForm(spaces, personas) {
  let handled = [];
  const el = h('form', { class: 'stack card', id: 'article-form' }, h('h2', { text: t('articleNew') }),
    field(t('articleSpace'), select('spaceId', spaces.map((s) => [s.id, s.name]), spaces[0] && spaces[0].id)),
    field(t('articleTitle'), input('title', { required: true, maxlength: '300' })),
    field(t('articleQuestions'), h('textarea', { name: 'questions', rows: '4' }), t('articleQuestionsHint')),
    field(t('articleBody'), h('textarea', { name: 'body', rows: '8', required: true })),
    personaPicker(personas),
    formError(), h('div', null, h('button', { type: 'submit' }, t('articleCreate'))));
  el.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const d = new FormData(el);
    const body = { spaceId: d.get('spaceId'), title: String(d.get('title') || ''), body: String(d.get('body') || ''),
      questions: lines(d.get('questions')), personaIds: d.getAll('personaIds') };
    try {
      const created = await api(tp('/kb/articles'), { method: 'POST', body });
      // the cluster's questions now have an article on the way: analytics stops listing them as open
      if (handled.length) await api(tp('/analytics/unanswered/handled'), { method: 'POST', body: { messageIds: handled } }).catch(() => null);
      toast(t('saved'));
      location.hash = '#/articles/' + created.id;
    } catch (e) { showErrors(el, e); }
  });
  return {
    element: el,
    fromCluster(c) {
      el.elements.title.value = c.label.charAt(0).toUpperCase() + c.label.slice(1);
      el.elements.questions.value = [...new Set(c.examples.map((e) => e.question))].slice(0, 20).join('\n');
      handled = c.messageIds || [];
      el.elements.body.focus();
    }
  };
}

/** One article: its current version, the actions its status allows (review by a second person), its versions. */
export async function article({ id }) {
  const [a, personas] = await Promise.all([api(tp('/kb/articles/' + encodeURIComponent(id))), personaList()]);
  const personaNames = a.personaIds.map((pid) => (personas.find((p) => p.id === pid) || { name: pid }).name);
  const result = h('p', { role: 'status', 'aria-live': 'polite', id: 'article-result' });
  const comment = h('textarea', { name: 'comment', rows: '2', maxlength: '2000' });
  const act = async (action) => {
    const needsComment = action === 'reject' || action === 'approve';
    try {
      await api(tp('/kb/articles/' + a.id + '/' + action), { method: 'POST', body: needsComment ? { comment: comment.value || null } : {} });
      toast(t('articleDone_' + action));
      rerender();
    } catch (e) { result.textContent = errorText(e); result.className = 'bad'; }
  };
  const actions = a.allowedActions.filter((x) => x !== 'edit' && (canReview() || (x !== 'approve' && x !== 'reject')));
  const edit = a.allowedActions.includes('edit') ? editForm(a, personas) : null;
  const validity = a.validFrom || a.validTo ? t('articleValidity', { from: a.validFrom ? fmtTime(a.validFrom) : t('articleOpen'),
    to: a.validTo ? fmtTime(a.validTo) : t('articleOpen') }) : null;
  // set by "Article draft" on the documents page: where the summary came from (shown once, on arrival)
  const draftNote = sessionStorage.getItem('wattos.draftNote.' + a.id);
  if (draftNote) sessionStorage.removeItem('wattos.draftNote.' + a.id);
  page('article', draftNote ? h('p', { class: 'card', role: 'status', id: 'article-draft-note', text: draftNote }) : null,
    h('p', null, statusBadge(a), ' ', t('articleVersionOf', { v: a.version }),
      a.publishedVersion ? ' · ' + t('articlePublishedVersion', { v: a.publishedVersion }) : '',
      a.status === 'PUBLISHED' ? ' · ' + t(a.served ? 'articleServed' : 'articleNotServed') : ''),
    validity || a.personaIds.length ? h('p', { class: 'muted', id: 'article-validity' }, validity || '',
      validity && a.personaIds.length ? ' · ' : '', a.personaIds.length ? t('articlePersonaNames', { names: personaNames.join(', ') }) : '') : null,
    h('section', { class: 'card stack' }, h('h2', { text: a.title }),
      a.questions.length ? h('ul', { 'aria-label': t('articleQuestions') }, a.questions.map((q) => h('li', { text: q }))) : null,
      h('div', { class: 'article-body', text: a.body })),
    a.reviewComment ? h('p', { class: 'muted', text: t('articleReviewComment', { c: a.reviewComment }) }) : null,
    actions.length ? h('div', { class: 'stack' },
      actions.includes('reject') ? field(t('rv_comment'), comment) : null,
      h('div', { class: 'row' }, actions.map((x) => h('button', { type: 'button', class: x === 'reject' || x === 'withdraw' ? 'danger' : null,
        onclick: () => act(x) }, t('articleAction_' + x))))) : null,
    result, edit, a.version > 1 ? compareForm(a) : null, h('p', null, h('a', { href: '#/articles', text: t('articlesBack') })));
}

/** A datetime-local value (the browser's time zone) from an ISO instant, and back. */
const localValue = (iso) => {
  if (!iso) return '';
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
};
const isoValue = (local) => (local ? new Date(local).toISOString() : null);

/**
 * Two versions side by side: the title, the body sentence by sentence, questions, tags, target groups and validity,
 * what changed marked with del/ins (not by colour alone). A form, so Enter and the keyboard work as everywhere.
 */
function compareForm(a) {
  const versions = Array.from({ length: a.version }, (_, i) => a.version - i);
  const newer = select('version', versions.map((v) => [String(v), String(v)]), String(a.version), { id: 'diff-version' });
  const older = select('against', versions.map((v) => [String(v), String(v)]), String(a.version - 1), { id: 'diff-against' });
  const out = h('div', { id: 'article-diff', 'aria-live': 'polite' });
  const el = h('form', { class: 'stack card', id: 'article-compare' }, h('h2', { text: t('articleCompare') }),
    h('div', { class: 'row' }, field(t('articleCompareNew'), newer), field(t('articleCompareOld'), older),
      h('div', null, h('button', { type: 'submit' }, t('articleCompareGo')))), out);
  el.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (newer.value === older.value) { out.replaceChildren(h('p', { class: 'muted', text: t('diffNeedsTwo') })); return; }
    try {
      const d = await api(tp('/kb/articles/' + a.id + '/versions/' + newer.value + '/diff?against=' + older.value));
      out.replaceChildren(...renderDiff(d));
    } catch (e) { out.replaceChildren(h('p', { class: 'bad', text: errorText(e) })); }
  });
  return el;
}

function diffSide(title, sentences, mark, label) {
  const body = sentences.length ? sentences.map((s) => h('p', { class: s.changed ? 'changed' : null },
    s.changed ? h(mark, { 'aria-label': label + ': ' + s.text }, s.text) : s.text)) : [h('p', { class: 'muted', text: t('noText') })];
  return h('section', { class: 'card diff-side', 'aria-label': title }, h('h3', { text: title }), body);
}

function listDiff(label, l, show = (x) => x) {
  if (!l.added.length && !l.removed.length && !l.kept.length) return null;
  return h('div', { class: 'diff-list' }, h('h3', { text: label }), h('ul', null,
    l.removed.map((x) => h('li', null, h('del', { 'aria-label': t('diffRemoved') + ': ' + show(x) }, show(x)))),
    l.added.map((x) => h('li', null, h('ins', { 'aria-label': t('diffAdded') + ': ' + show(x) }, show(x)))),
    l.kept.map((x) => h('li', { text: show(x) }))));
}

function fieldDiff(label, f, show = (x) => x || t('articleOpen')) {
  return h('p', null, h('strong', { text: label + ': ' }), f.changed
    ? [h('del', { 'aria-label': t('diffRemoved') + ': ' + show(f.old) }, show(f.old)), ' → ',
      h('ins', { 'aria-label': t('diffAdded') + ': ' + show(f.current) }, show(f.current))]
    : [show(f.current), ' (' + t('diffNoChange') + ')']);
}

function renderDiff(d) {
  const time = (x) => (x ? fmtTime(x) : t('articleOpen'));
  return [
    h('p', { id: 'article-diff-summary', text: t('diffSummary', { removed: d.body.removed, added: d.body.added }) }),
    fieldDiff(t('diffTitle'), d.title, (x) => x),
    h('div', { class: 'diff' }, diffSide(t('diffSide', { v: d.against }), d.body.oldSide, 'del', t('removedSentence')),
      diffSide(t('diffSide', { v: d.version }), d.body.newSide, 'ins', t('addedSentence'))),
    listDiff(t('diffQuestions'), d.questions), listDiff(t('diffTags'), d.tags),
    d.personaIds.added.length || d.personaIds.removed.length ? listDiff(t('diffPersonas'), d.personaIds) : null,
    d.validFrom.changed || d.validTo.changed ? h('div', null, h('h3', { text: t('diffValidity') }),
      fieldDiff(t('articleValidFrom'), d.validFrom, time), fieldDiff(t('articleValidTo'), d.validTo, time)) : null
  ].filter(Boolean);
}

function editForm(a, personas) {
  const el = h('form', { class: 'stack card', id: 'article-edit' }, h('h2', { text: t('articleEdit') }),
    field(t('articleTitle'), input('title', { required: true, maxlength: '300', value: a.title })),
    field(t('articleQuestions'), h('textarea', { name: 'questions', rows: '4' }), t('articleQuestionsHint')),
    field(t('articleBody'), h('textarea', { name: 'body', rows: '8', required: true })),
    h('div', { class: 'row' },
      field(t('articleValidFrom'), input('validFrom', { type: 'datetime-local', value: localValue(a.validFrom) }), t('articleValidityHint')),
      field(t('articleValidTo'), input('validTo', { type: 'datetime-local', value: localValue(a.validTo) }), t('articleValidityHint'))),
    personaPicker(personas, a.personaIds),
    formError(), h('div', null, h('button', { type: 'submit' }, t('save'))));
  el.elements.questions.value = a.questions.join('\n');
  el.elements.body.value = a.body;
  el.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const d = new FormData(el);
    try {
      await api(tp('/kb/articles/' + a.id), { method: 'PUT', body: { title: String(d.get('title') || ''),
        body: String(d.get('body') || ''), questions: lines(d.get('questions')), version: a.version,
        validFrom: isoValue(d.get('validFrom')), validTo: isoValue(d.get('validTo')),
        personaIds: d.getAll('personaIds') } });
      toast(t('saved')); rerender();
    } catch (e) { showErrors(el, e); }
  });
  return el;
}
