import { t, tv, fmtTime } from '../core/i18n.js';
import { api, tp } from '../core/api.js';
import { h, $, field, input, formError, page, table, toast, showErrors, extLink, badge, errorText } from '../core/dom.js';
import { documentsSection } from './documents.js';
import { crawlSettingsForm } from './crawl-settings.js';

export const runKind = (status) => (status === 'succeeded' ? 'ok' : status === 'failed' || status === 'cancelled' ? 'bad' : 'warn');

/** One knowledge space: its website sources (crawl settings, last run, start a crawl) and its documents. */
export async function space({ space: spaceId }, query) {
  const sp = await api(tp('/spaces/' + spaceId));
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
      { label: t('actions'), value: (x) => h('button', { type: 'button', class: 'secondary', onclick: async (ev) => {
        ev.target.disabled = true;
        try { const run = await api(tp('/sources/' + x.id + '/crawls'), { method: 'POST', body: {} }); location.hash = '#/crawls/' + run.id + '?space=' + spaceId; }
        catch (e) { ev.target.disabled = false; toast(errorText(e)); }
      } }, t('startCrawl') + (x.name ? ': ' + x.name : '')) }
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
  sourcesBox.append(sourcesList, addForm);
  main.append(sourcesBox, await documentsSection(spaceId, query));
  await renderSources();
}

export function scheduleText(source) {
  if (!source.schedule) return t('scheduleManual');
  const daily = /^0 (\d{1,2}) (\d{1,2}) \* \* \*$/.exec(source.schedule);
  const text = daily ? t('scheduleDailyAt', { time: daily[2].padStart(2, '0') + ':' + daily[1].padStart(2, '0') }) : source.schedule;
  return source.nextRunAt ? text + ' · ' + t('nextRun', { at: fmtTime(source.nextRunAt) }) : text;
}
