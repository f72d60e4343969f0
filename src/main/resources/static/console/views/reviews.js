import '../i18n-kb.js';
import { t, tv, fmtTime } from '../core/i18n.js';
import { api, tp } from '../core/api.js';
import { rerender, onLeave } from '../core/router.js';
import { h, page, select, extLink, badge, toast, errorText, field } from '../core/dom.js';

const STATUSES = ['pending', 'approved', 'rejected', 'superseded', 'all'];
const kindBadge = (c) => badge(c.kindLabel, c.kind === 'REMOVED' ? 'bad' : c.kind === 'NEW' ? 'ok' : 'warn');

/** The review queue of crawl changes: filter by status, select and approve in bulk, open one to see its diff. */
export async function reviews(params, query) {
  const status = STATUSES.includes(query.get('status')) ? query.get('status') : 'pending';
  const list = await api(tp('/kb/changes?size=200&status=' + status));
  const filter = select('status', STATUSES.map((s) => [s, t('reviewStatus_' + s)]), status, { id: 'review-status' });
  filter.addEventListener('change', () => { location.hash = '#/reviews?status=' + filter.value; });
  const pending = status === 'pending';
  const boxes = [];
  const rows = list.items.map((c) => {
    const box = pending ? h('input', { type: 'checkbox', value: c.id, 'aria-label': t('selectChange', { title: c.title }) }) : null;
    if (box) boxes.push(box);
    return h('tr', null,
      pending ? h('td', null, box) : null,
      h('td', null, kindBadge(c)),
      h('td', null, h('a', { href: '#/reviews/' + c.id, text: c.title }), h('div', { class: 'muted' }, c.url)),
      h('td', { text: fmtTime(c.detectedAt) }),
      h('td', null, pending ? h('a', { href: '#/reviews/' + c.id, class: 'button secondary', text: t('rv_open'),
        'aria-label': t('rv_open') + ': ' + c.title }) : [c.statusLabel, c.decidedBy ? ' ' + t('decidedBy', { by: c.decidedBy }) : '']));
  });
  const all = pending && rows.length ? h('input', { type: 'checkbox', id: 'select-all' }) : null;
  if (all) all.addEventListener('change', () => boxes.forEach((b) => { b.checked = all.checked; }));
  const result = h('p', { role: 'status', 'aria-live': 'polite' });
  const bulk = pending && rows.length ? h('button', { type: 'button', id: 'approve-selected', onclick: async () => {
    const ids = boxes.filter((b) => b.checked).map((b) => b.value);
    if (!ids.length) { result.textContent = t('nothingSelected'); return; }
    try {
      const r = await api(tp('/kb/changes/approve'), { method: 'POST', body: { ids } });
      toast(t('bulkDone', { n: r.approved, failed: r.failed }));
      rerender();
    } catch (e) { result.textContent = errorText(e); }
  } }, t('approveSelected')) : null;
  const head = h('tr', null, pending ? h('th', { scope: 'col' }, all ? h('label', { for: 'select-all', class: 'sr', text: t('selectAll') }) : null, all) : null,
    h('th', { scope: 'col', text: t('rv_changeKind') }), h('th', { scope: 'col', text: t('rv_page') }),
    h('th', { scope: 'col', text: t('rv_detected') }), h('th', { scope: 'col', text: pending ? t('actions') : t('status') }));
  page('reviews', h('p', { class: 'muted', text: t('reviewIntro') }), field(t('reviewStatus'), filter),
    rows.length ? h('table', null, h('caption', { class: 'sr', text: t('reviews') }), h('thead', null, head), h('tbody', null, rows))
      : h('p', { class: 'muted', text: pending ? t('queueEmpty') : t('none') }),
    bulk ? h('div', { class: 'row' }, bulk) : null, result);
}

/** One side of the diff: sentences in reading order, the changed ones marked (del/ins, not by colour alone). */
function side(title, sentences, mark, label) {
  const body = sentences.length ? sentences.map((s) => h('p', { class: s.changed ? 'changed' : null },
    s.changed ? h(mark, { 'aria-label': label + ': ' + s.text }, s.text) : s.text)) : [h('p', { class: 'muted', text: t('noText') })];
  return h('section', { class: 'card diff-side', 'aria-label': title }, h('h2', { text: title }), body);
}

/** One change: old and new text side by side with the changed sentences marked; approve (A), reject (R), next (N). */
export async function review({ id }) {
  const view = await api(tp('/kb/changes/' + encodeURIComponent(id)));
  const c = view.change;
  const d = view.diff;
  const open = c.status === 'PENDING';
  const comment = h('textarea', { name: 'comment', rows: '2', maxlength: '2000' });
  const status = h('p', { role: 'status', 'aria-live': 'polite' });
  const next = async () => {
    const queue = await api(tp('/kb/changes?size=1'));
    location.hash = queue.items.length ? '#/reviews/' + queue.items[0].id : '#/reviews';
  };
  const decide = async (action) => {
    try {
      await api(tp('/kb/changes/' + encodeURIComponent(c.id) + '/' + action), { method: 'POST', body: { comment: comment.value || null } });
      toast(t(action === 'approve' ? 'approvedMsg' : 'rejectedMsg'));
      await next();
    } catch (e) { status.textContent = errorText(e); }
  };
  const keys = (ev) => {
    if (ev.target.closest('textarea, input, select') || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    const k = ev.key.toLowerCase();
    if (open && k === 'a') { ev.preventDefault(); decide('approve'); }
    else if (open && k === 'r') { ev.preventDefault(); decide('reject'); }
    else if (k === 'n') { ev.preventDefault(); next(); }
  };
  document.addEventListener('keydown', keys);
  onLeave(() => document.removeEventListener('keydown', keys));
  page('review',
    h('p', null, h('a', { href: '#/reviews', text: t('backToQueue') })),
    h('div', { class: 'card' }, h('h2', { text: c.title }), h('p', null, kindBadge(c), ' ', c.statusLabel, ' · ', extLink(c.url)),
      h('p', { class: 'muted', text: t('rv_detected') + ': ' + fmtTime(c.detectedAt) }),
      c.decidedAt ? h('p', { class: 'muted', text: t('rv_decided') + ': ' + fmtTime(c.decidedAt) + (c.decidedBy ? ' ' + t('decidedBy', { by: c.decidedBy }) : '') + (c.comment ? ' – ' + c.comment : '') }) : null),
    h('p', { id: 'diff-summary', text: t('diffSummary', { removed: d.removed, added: d.added }) }),
    h('div', { class: 'diff' }, side(t('oldVersion'), d.oldSide, 'del', t('removedSentence')), side(t('newVersion'), d.newSide, 'ins', t('addedSentence'))),
    open ? h('div', { class: 'card stack' }, field(t('rv_comment'), comment),
      h('div', { class: 'row' },
        h('button', { type: 'button', id: 'approve', 'aria-keyshortcuts': 'A', onclick: () => decide('approve') }, t('rv_approve')),
        h('button', { type: 'button', id: 'reject', class: 'danger', 'aria-keyshortcuts': 'R', onclick: () => decide('reject') }, t('rv_reject')),
        h('button', { type: 'button', class: 'secondary', 'aria-keyshortcuts': 'N', onclick: next }, t('nextChange'))),
      h('p', { class: 'muted', text: t('keysHint') }), status) : null);
}
