import '../i18n-kb.js';
import { t, tv, fmtNumber, fmtTime } from '../core/i18n.js';
import { api, tp } from '../core/api.js';
import { subscribe } from '../core/sse.js';
import { onLeave } from '../core/router.js';
import { canEdit } from '../core/session.js';
import { h, field, input, select, formError, table, toast, showErrors, extLink, badge, errorText, errorBox } from '../core/dom.js';

export const DOCUMENT_STATUSES = ['pending', 'indexed', 'duplicate', 'failed'];
const docKind = (s) => (s === 'indexed' ? 'ok' : s === 'failed' ? 'bad' : 'warn');
const PAGE_SIZE = 25;

/**
 * "Draft from document": a knowledge-article draft from the document's summary (F13, the tenant's model or the
 * document's own key sentences); the article page then says where the summary came from and what was skipped.
 */
function draftButton(x) {
  const name = x.title || x.filename || x.id;
  const button = h('button', { type: 'button', class: 'secondary', 'aria-label': t('draftFromDocumentFor', { name }), onclick: async () => {
    button.disabled = true; button.setAttribute('aria-busy', 'true'); button.textContent = t('draftFromDocumentBusy');
    try {
      const r = await api(tp('/kb/articles/from-document'), { method: 'POST', body: { documentId: x.id } });
      const skipped = (r.skipped || []).map((s) => s.source.toUpperCase() + ': ' + s.reason).join('; ');
      sessionStorage.setItem('wattos.draftNote.' + r.article.id, t('draftFromDocumentNote', {
        source: r.summarySourceLabel + (r.summaryInput === 'file' ? ' ' + t('draftFromDocumentFile') : ''), name })
        + (skipped ? ' ' + t('draftFromDocumentSkipped', { list: skipped }) : ''));
      location.hash = '#/articles/' + r.article.id;
    } catch (e) {
      toast(errorText(e)); button.disabled = false; button.removeAttribute('aria-busy'); button.textContent = t('draftFromDocument');
    }
  } }, t('draftFromDocument'));
  return button;
}

/**
 * The documents of a space, paged on the server (25 a page), filtered by status and searched by title, URL or file
 * name; the filter lives in the URL's query (status, q, page) so a view can be linked and reloaded.
 */
export async function documentsSection(spaceId, query) {
  const filter = { status: query.get('status') || '', q: query.get('q') || '', page: Number(query.get('page') || 0) };
  const editor = canEdit();
  const box = h('section', { class: 'card', 'aria-labelledby': 'h-docs' }, h('h2', { id: 'h-docs', text: t('documents') }));
  const summary = h('p', { role: 'status', 'aria-live': 'polite', class: 'doc-summary' });
  const list = h('div', { class: 'doc-list' });
  const nav = h('nav', { class: 'row pager', 'aria-label': t('documentPages') });

  const search = h('form', { class: 'row', role: 'search', 'aria-label': t('documentSearch') },
    field(t('documentQuery'), input('q', { type: 'search', value: filter.q })),
    field(t('status'), select('status', [['', t('allStatuses')], ...DOCUMENT_STATUSES.map((s) => [s, tv('ds', s)])], filter.status)),
    h('div', null, h('button', { type: 'submit' }, t('filter'))));
  search.addEventListener('submit', (ev) => {
    ev.preventDefault(); const f = new FormData(search);
    filter.q = String(f.get('q') || '').trim(); filter.status = String(f.get('status') || ''); filter.page = 0; render();
  });

  const remember = () => {
    const qs = new URLSearchParams();
    if (filter.status) qs.set('status', filter.status);
    if (filter.q) qs.set('q', filter.q);
    if (filter.page) qs.set('page', String(filter.page));
    history.replaceState(null, '', '#/spaces/' + spaceId + (qs.toString() ? '?' + qs : ''));
  };

  const render = async () => {
    remember();
    const qs = new URLSearchParams({ page: String(filter.page), size: String(PAGE_SIZE) });
    if (filter.status) qs.set('status', filter.status);
    if (filter.q) qs.set('q', filter.q);
    let p;
    try { p = await api(tp('/spaces/' + spaceId + '/documents?' + qs)); } catch (e) { list.replaceChildren(errorBox(e)); return; }
    const pages = Math.max(1, Math.ceil(p.total / p.size));
    summary.textContent = t('documentsShown', { from: p.total ? p.page * p.size + 1 : 0, to: p.page * p.size + p.items.length, total: fmtNumber(p.total) });
    list.replaceChildren(table([
      { label: t('title'), value: (x) => x.url ? extLink(x.url, x.title || x.url) : (x.title || x.filename || x.id) },
      { label: t('type'), value: (x) => x.type || '' },
      { label: t('status'), value: (x) => badge(tv('ds', x.status), docKind(x.status)) },
      { label: t('failureReason'), value: (x) => x.failureReason || '' },
      { label: t('chunks'), num: true, value: (x) => String(x.chunkCount) },
      { label: t('updated'), value: (x) => fmtTime(x.indexedAt || x.updatedAt) },
      { label: t('actions'), value: (x) => !editor ? '' : h('div', { class: 'row' },
        x.status === 'indexed' || x.status === 'duplicate' ? draftButton(x) : null,
        h('button', { type: 'button', class: 'danger', 'aria-label': t('delete') + ': ' + (x.title || x.filename || x.id), onclick: async () => {
          if (!confirm(t('confirmDelete', { name: x.title || x.filename || x.id }))) return;
          try { await api(tp('/spaces/' + spaceId + '/documents/' + x.id), { method: 'DELETE' }); toast(t('deleted')); render(); } catch (e) { toast(errorText(e)); }
        } }, t('delete'))) }
    ], p.items, t('documents')));
    const go = (n) => h('button', { type: 'button', class: 'secondary', onclick: () => { filter.page = n; render(); } });
    nav.replaceChildren(...[
      p.page > 0 ? Object.assign(go(p.page - 1), { textContent: t('prev') }) : null,
      h('span', { class: 'muted', text: t('pageOf', { n: p.page + 1, of: pages }) }),
      p.page + 1 < pages ? Object.assign(go(p.page + 1), { textContent: t('next') }) : null].filter(Boolean));
  };

  const upload = h('form', { class: 'stack' }, h('h3', { text: t('upload') }),
    field(t('files'), h('input', { type: 'file', name: 'files', multiple: true, required: true })), formError(),
    h('div', null, h('button', { type: 'submit' }, t('upload')), ' ', h('button', { type: 'button', class: 'secondary', onclick: () => render() }, t('refresh'))));
  upload.addEventListener('submit', async (ev) => {
    ev.preventDefault(); const fd = new FormData(upload);
    try {
      await api(tp('/spaces/' + spaceId + '/documents'), { method: 'POST', form: fd });
      toast(t('uploadDone', { n: fd.getAll('files').length })); upload.reset(); render();
    } catch (e) { showErrors(upload, e); }
  });
  box.append(search, summary, list, nav, editor ? upload : h('div', null, h('button', { type: 'button', class: 'secondary', onclick: () => render() }, t('refresh'))));
  await render();
  // live: the list follows indexing and removals in this space (tenant event feed, docs/events.md)
  let pending = 0;
  const stop = subscribe(tp('/events?topics=' + encodeURIComponent('knowledge.document.*')), (topic, event) => {
    if (!box.isConnected || event.payload.spaceId !== spaceId) return;
    clearTimeout(pending); pending = setTimeout(render, 400);
  });
  onLeave(() => { stop(); clearTimeout(pending); });
  return box;
}
