import { t, tv, fmtTime } from '../core/i18n.js';
import { api, tp } from '../core/api.js';
import { h, $, field, input, formError, page, table, toast, showErrors, extLink, badge, errorText } from '../core/dom.js';
import { canEdit } from '../core/session.js';
import { rerender } from '../core/router.js';
import { documentsSection } from './documents.js';
import { crawlSettingsForm } from './crawl-settings.js';

export const runKind = (status) => (status === 'succeeded' ? 'ok' : status === 'failed' || status === 'cancelled' ? 'bad' : 'warn');

/** One knowledge space: its website sources (crawl settings, last run, start a crawl) and its documents. */
export async function space({ space: spaceId }, query) {
  const sp = await api(tp('/spaces/' + spaceId));
  const editor = canEdit();
  const main = page('space');
  $('h1', main).textContent = t('space') + ': ' + sp.name;

  const sourcesBox = h('section', { class: 'card', 'aria-labelledby': 'h-src' }, h('h2', { id: 'h-src', text: t('sources') }));
  const sourcesList = h('div', { id: 'sources-table' });
  const renderSources = async () => {
    const sources = (await api(tp('/spaces/' + spaceId + '/sources?size=100'))).items;
    const lastRuns = await Promise.all(sources.map((x) => api(tp('/sources/' + x.id + '/crawls?size=1')).then((p) => p.items[0]).catch(() => null)));
    const tbl = table([
      { label: t('name'), value: (x) => x.name || '' },
      { label: t('startUrl'), value: (x) => x.startUrls.map((u) => h('div', null, extLink(u))) },
      { label: t('schedule'), value: (x) => scheduleText(x) },
      { label: t('lastCrawl'), value: (x) => { const run = lastRuns[sources.indexOf(x)];
        return run ? h('a', { href: '#/crawls/' + run.id + '?space=' + spaceId }, badge(tv('st', run.status), runKind(run.status)), ' ' + fmtTime(run.finishedAt || run.createdAt)) : t('never'); } },
      { label: t('actions'), value: (x) => !editor ? '' : h('div', { class: 'row' }, h('button', { type: 'button', class: 'secondary', onclick: async (ev) => {
        ev.target.disabled = true;
        try { const run = await api(tp('/sources/' + x.id + '/crawls'), { method: 'POST', body: {} }); location.hash = '#/crawls/' + run.id + '?space=' + spaceId; }
        catch (e) { ev.target.disabled = false; toast(errorText(e)); }
      } }, t('startCrawl') + (x.name ? ': ' + x.name : '')),
      h('button', { type: 'button', class: 'danger', onclick: async (ev) => {
        const name = x.name || x.startUrls[0];
        if (!confirm(t('confirmRemoveSource', { name }))) return;
        ev.target.disabled = true;
        try { await api(tp('/spaces/' + spaceId + '/sources/' + x.id), { method: 'DELETE' }); toast(t('sourceRemoved')); rerender(); }
        catch (e) { ev.target.disabled = false; toast(errorText(e)); }
      } }, t('removeSource') + ': ' + (x.name || x.startUrls[0]))) }
    ], sources, t('sources'));
    const settings = sources.map((x) => h('details', { class: 'settings' }, h('summary', { text: t('crawlSettings') + ': ' + (x.name || x.startUrls[0]) }),
      crawlSettingsForm(spaceId, x, renderSources)));
    sourcesList.replaceChildren(tbl, ...settings);
  };
  const addForm = h('form', { class: 'stack' }, h('h3', { text: t('addWebsite') }),
    field(t('name'), input('name')), field(t('startUrl'), input('startUrls', { type: 'url', required: true }), t('startUrlHint')), formError(),
    h('div', null, h('button', { type: 'submit' }, t('addWebsite'))));
  addForm.addEventListener('submit', async (ev) => {
    ev.preventDefault(); const f = new FormData(addForm);
    const url = String(f.get('startUrls') || '').trim();
    let name = f.get('name'); if (!name) { try { name = new URL(url).host; } catch (e) { name = url; } }
    try {
      await api(tp('/spaces/' + spaceId + '/sources'), { method: 'POST', body: { type: 'website', name, startUrls: [url] } });
      addForm.reset(); toast(t('saved')); await renderSources();
    } catch (e) { showErrors(addForm, e); }
  });
  sourcesBox.append(sourcesList, editor ? addForm : null);
  main.append(sourcesBox, await documentsSection(spaceId, query), editor ? spaceSettings(sp) : null);
  await renderSources();
}

/** Rename the space or delete it with everything in it (after a confirmation naming it). */
function spaceSettings(sp) {
  const form = h('form', { class: 'stack', id: 'space-edit' },
    field(t('name'), input('name', { required: true, value: sp.name, maxlength: '200' })),
    field(t('description'), input('description', { value: sp.description || '' })), formError(),
    h('div', { class: 'row' }, h('button', { type: 'submit' }, t('save')),
      h('button', { type: 'button', class: 'danger', onclick: async () => {
        if (!confirm(t('confirmDeleteSpace', { name: sp.name }))) return;
        try { await api(tp('/spaces/' + sp.id), { method: 'DELETE' }); toast(t('spaceDeleted')); location.hash = '#/spaces'; }
        catch (e) { toast(errorText(e)); }
      } }, t('deleteSpace'))));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault(); const f = new FormData(form);
    try {
      await api(tp('/spaces/' + sp.id), { method: 'PUT', body: { name: String(f.get('name') || ''), description: f.get('description') || null, language: sp.language || 'de' } });
      toast(t('saved')); rerender();
    } catch (e) { showErrors(form, e); }
  });
  return h('details', { class: 'card settings', id: 'space-settings' }, h('summary', { text: t('editSpace') }), form);
}

export function scheduleText(source) {
  if (!source.schedule) return t('scheduleManual');
  const daily = /^0 (\d{1,2}) (\d{1,2}) \* \* \*$/.exec(source.schedule);
  const text = daily ? t('scheduleDailyAt', { time: daily[2].padStart(2, '0') + ':' + daily[1].padStart(2, '0') }) : source.schedule;
  return source.nextRunAt ? text + ' · ' + t('nextRun', { at: fmtTime(source.nextRunAt) }) : text;
}
