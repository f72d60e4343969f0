import '../i18n-kb.js';
import { t, fmtTime } from '../core/i18n.js';
import { api, tp } from '../core/api.js';
import { rerender } from '../core/router.js';
import { state } from '../core/state.js';
import { h, field, input, select, formError, page, table, toast, showErrors, badge, errorText } from '../core/dom.js';

const STATUSES = ['all', 'draft', 'in_review', 'approved', 'rejected', 'published', 'withdrawn'];
const statusBadge = (a) => badge(a.statusLabel, a.status === 'PUBLISHED' ? 'ok' : a.status === 'REJECTED' ? 'bad' : 'warn');
// approving and rejecting take a reviewer (the API checks it; the page only hides what would be refused)
const canReview = () => state.platformAdmin || (state.me && state.me.roles.some((r) => r === 'REVIEWER' || r === 'TENANT_ADMIN'));
const lines = (text) => String(text || '').split('\n').map((s) => s.trim()).filter(Boolean).slice(0, 20);

/**
 * Knowledge articles: the list by status, the unanswered-question clusters analytics found (each can become a draft
 * article whose questions are the citizens' own), and a form for a new article.
 */
export async function articles(params, query) {
  const status = STATUSES.includes(query.get('status')) ? query.get('status') : 'all';
  const [list, spaces, unanswered] = await Promise.all([
    api(tp('/kb/articles?size=100' + (status === 'all' ? '' : '&status=' + status))),
    api(tp('/spaces?size=200')),
    api(tp('/analytics/unanswered')).catch(() => null)]);
  const filter = select('status', STATUSES.map((s) => [s, t('articleStatus_' + s)]), status, { id: 'article-status' });
  filter.addEventListener('change', () => { location.hash = '#/articles?status=' + filter.value; });
  const form = articleForm(spaces.items);
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
function articleForm(spaces) {
  let handled = [];
  const el = h('form', { class: 'stack card', id: 'article-form' }, h('h2', { text: t('articleNew') }),
    field(t('articleSpace'), select('spaceId', spaces.map((s) => [s.id, s.name]), spaces[0] && spaces[0].id)),
    field(t('articleTitle'), input('title', { required: true, maxlength: '300' })),
    field(t('articleQuestions'), h('textarea', { name: 'questions', rows: '4' }), t('articleQuestionsHint')),
    field(t('articleBody'), h('textarea', { name: 'body', rows: '8', required: true })),
    formError(), h('div', null, h('button', { type: 'submit' }, t('articleCreate'))));
  el.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const d = new FormData(el);
    const body = { spaceId: d.get('spaceId'), title: String(d.get('title') || ''), body: String(d.get('body') || ''),
      questions: lines(d.get('questions')) };
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
  const a = await api(tp('/kb/articles/' + encodeURIComponent(id)));
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
  const edit = a.allowedActions.includes('edit') ? editForm(a) : null;
  page('article', h('p', null, statusBadge(a), ' ', t('articleVersionOf', { v: a.version }),
      a.publishedVersion ? ' · ' + t('articlePublishedVersion', { v: a.publishedVersion }) : ''),
    h('section', { class: 'card stack' }, h('h2', { text: a.title }),
      a.questions.length ? h('ul', { 'aria-label': t('articleQuestions') }, a.questions.map((q) => h('li', { text: q }))) : null,
      h('div', { class: 'article-body', text: a.body })),
    a.reviewComment ? h('p', { class: 'muted', text: t('articleReviewComment', { c: a.reviewComment }) }) : null,
    actions.length ? h('div', { class: 'stack' },
      actions.includes('reject') ? field(t('rv_comment'), comment) : null,
      h('div', { class: 'row' }, actions.map((x) => h('button', { type: 'button', class: x === 'reject' || x === 'withdraw' ? 'danger' : null,
        onclick: () => act(x) }, t('articleAction_' + x))))) : null,
    result, edit, h('p', null, h('a', { href: '#/articles', text: t('articlesBack') })));
}

function editForm(a) {
  const el = h('form', { class: 'stack card', id: 'article-edit' }, h('h2', { text: t('articleEdit') }),
    field(t('articleTitle'), input('title', { required: true, maxlength: '300', value: a.title })),
    field(t('articleQuestions'), h('textarea', { name: 'questions', rows: '4' }), t('articleQuestionsHint')),
    field(t('articleBody'), h('textarea', { name: 'body', rows: '8', required: true })),
    formError(), h('div', null, h('button', { type: 'submit' }, t('save'))));
  el.elements.questions.value = a.questions.join('\n');
  el.elements.body.value = a.body;
  el.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const d = new FormData(el);
    try {
      await api(tp('/kb/articles/' + a.id), { method: 'PUT', body: { title: String(d.get('title') || ''),
        body: String(d.get('body') || ''), questions: lines(d.get('questions')), version: a.version } });
      toast(t('saved')); rerender();
    } catch (e) { showErrors(el, e); }
  });
  return el;
}
