import '../i18n-kb.js';
import { t, fmtTime } from '../core/i18n.js';
import { api, tp } from '../core/api.js';
import { h, errorText } from '../core/dom.js';
import { subscribe } from '../core/sse.js';

/**
 * The signed-in reviewer's review requests (articles submitted, crawl changes proposed), as a section of the inbox:
 * each links to the article or the change and can be marked done. Live: the server publishes
 * knowledge.kb.review.notified once the entries are stored, and the section reloads when it names this user.
 */
export function reviewInbox(userId) {
  const list = h('div', { id: 'review-requests-list' });
  const heading = h('h2', { id: 'inbox-reviews', text: t('reviewRequests') });
  const element = h('section', { 'aria-labelledby': 'inbox-reviews', id: 'review-requests' }, heading, list);
  const render = async () => {
    let inbox;
    try { inbox = await api(tp('/kb/notifications?size=50')); } catch (e) { list.replaceChildren(h('p', { class: 'bad', text: errorText(e) })); return; }
    heading.textContent = t('reviewRequests') + (inbox.unread ? ' (' + t('reviewUnread', { n: inbox.unread }) + ')' : '');
    if (!inbox.items.length) { list.replaceChildren(h('p', { class: 'muted', text: t('noReviewRequests') })); return; }
    list.replaceChildren(h('ul', { class: 'stack' }, inbox.items.map((n) => {
      const href = n.kind === 'article' ? '#/articles/' + n.subjectId : '#/reviews/' + n.subjectId;
      const done = n.readAt ? null : h('button', { type: 'button', class: 'secondary', onclick: async () => {
        await api(tp('/kb/notifications/' + n.id + '/read'), { method: 'POST', body: {} }).catch(() => null);
        render();
      } }, t('reviewMarkDone', { title: n.title || '' }));
      return h('li', { class: n.readAt ? 'muted' : null },
        h('a', { href, text: t(n.kind === 'article' ? 'reviewKindArticle' : 'reviewKindChange') + ': ' + (n.title || n.subjectId) }),
        ' · ', fmtTime(n.createdAt), done ? ' ' : null, done);
    })));
  };
  render();
  const stop = subscribe(tp('/events?topics=' + encodeURIComponent('knowledge.kb.review.notified')), (topic, event) => {
    const recipients = (event && event.payload && event.payload.recipients) || [];
    if (element.isConnected && (!userId || recipients.includes(userId))) render();
  });
  return { element, stop };
}
