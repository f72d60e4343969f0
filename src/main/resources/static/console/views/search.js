import { t } from '../core/i18n.js';
import { api, tp } from '../core/api.js';
import { h, field, input, select, formError, page, showErrors, extLink } from '../core/dom.js';
import { spaceOptions, spacePicker } from './pickers.js';

/** Search playground: POST …/search → {hits:[{title, url, headingPath, page, snippet, score}], tookMs}. */
export async function search() {
  const spaces = await spaceOptions();
  const results = h('section', { 'aria-live': 'polite', 'aria-labelledby': 'h-res' });
  const form = h('form', { class: 'stack card', role: 'search' },
    field(t('query'), input('query', { type: 'search', required: true })),
    h('div', { class: 'row' }, field(t('mode'), select('mode', [['hybrid', t('mode_hybrid')], ['lexical', t('mode_lexical')], ['vector', t('mode_vector')]], 'hybrid')),
      field(t('topK'), input('topK', { type: 'number', min: '1', max: '50', value: '10' }))),
    spacePicker(spaces), formError(), h('div', null, h('button', { type: 'submit' }, t('doSearch'))));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault(); const f = new FormData(form);
    try {
      const r = await api(tp('/search'), { method: 'POST', body: { query: f.get('query'), spaceIds: f.getAll('spaceIds'), topK: Number(f.get('topK') || 10), mode: String(f.get('mode')).toUpperCase() } });
      results.replaceChildren(h('h2', { id: 'h-res', text: t('results', { n: r.hits.length, ms: r.tookMs }) }),
        ...r.hits.map((x, i) => h('article', { class: 'hit' }, h('h3', null, (i + 1) + '. ', extLink(x.url, x.title || x.url)),
          x.headingPath ? h('p', { class: 'muted', text: x.headingPath + (x.page ? ' · ' + t('page') + ' ' + x.page : '') }) : null,
          snippet(x.snippet), h('p', { class: 'muted', text: t('score') + ': ' + x.score.toFixed(4) }))));
    } catch (e) { showErrors(form, e); }
  });
  page('search', form, results);
}

// snippets carry highlight marks (<b>, <em>, <mark>): render them as <mark>, everything else as text
function snippet(s) {
  const p = h('p');
  String(s || '').split(/(<\/?(?:b|em|strong|mark)>)/i).reduce((open, part) => {
    if (/^<(b|em|strong|mark)>$/i.test(part)) return true;
    if (/^<\/(b|em|strong|mark)>$/i.test(part)) return false;
    const text = part.replace(/&(amp|lt|gt|quot|#39|#x27|apos);/g, (m, e) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'", apos: "'" })[e]);
    if (text) p.append(open ? h('mark', { text }) : text);
    return open;
  }, false);
  return p;
}
