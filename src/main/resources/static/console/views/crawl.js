import { t, tv, fmtNumber } from '../core/i18n.js';
import { api, tp } from '../core/api.js';
import { stream } from '../core/sse.js';
import { h, page, table, extLink, badge } from '../core/dom.js';
import { runKind } from './space.js';

// Counters in reading order; counters the server adds later (e.g. redirected) are shown too, after these.
const ORDER = ['discovered', 'fetched', 'new', 'changed', 'unchanged', 'redirected', 'skipped', 'failed', 'removed'];
// A discovered URL is settled once fetched, redirected, skipped or failed: the four add up to discovered at the end.
const SETTLED = ['fetched', 'redirected', 'skipped', 'failed'];

/** Percent of the discovered URLs that are settled (0–100), or null while nothing is discovered yet. */
export function crawlProgress(c) {
  if (!c || !c.discovered) return null;
  const settled = SETTLED.reduce((n, k) => n + (c[k] || 0), 0);
  return Math.min(100, Math.round((100 * settled) / c.discovered));
}
const TERMINAL = ['succeeded', 'failed', 'cancelled'];

let current = null; // the open progress stream; a new crawl page closes the previous one

/** A crawl run: status, counters that add up, live progress while it runs (SSE), failures with reasons. */
export async function crawl({ id: crawlId }, query) {
  const spaceId = query.get('space');
  const statusLine = h('p', { role: 'status', 'aria-live': 'polite', class: 'crawl-status' });
  const prog = h('progress', { max: '100', 'aria-label': t('live') });
  const counters = h('div');
  const failures = h('div');
  const main = page('crawlReport', spaceId ? h('p', null, h('a', { href: '#/spaces/' + spaceId, text: t('backToSpace') })) : null,
    h('section', { class: 'card' }, h('h2', { text: t('live') }), statusLine, prog, h('h3', { text: t('counters') }), counters),
    h('section', { class: 'card' }, h('h2', { text: t('failures') }), failures));

  const show = (run) => {
    const running = !TERMINAL.includes(run.status);
    statusLine.replaceChildren(t('status') + ': ', badge(tv('st', run.status), runKind(run.status)), running ? ' – ' + t('crawlRunning') : '',
      run.error ? ' – ' + run.error : '');
    counters.replaceChildren(counterTable(run.counters));
    const percent = crawlProgress(run.counters);
    if (!running) prog.value = 100; else if (percent != null) prog.value = percent; else prog.removeAttribute('value');
    if (run.failures) {
      failures.replaceChildren(run.failures.length ? table([
        { label: t('url'), value: (x) => extLink(x.url) },
        { label: t('reason'), value: (x) => x.reason },
        { label: 'HTTP', value: (x) => x.httpStatus == null ? '' : String(x.httpStatus) }], run.failures, t('failures')) : h('p', { text: t('noFailures') }));
    }
    return running;
  };

  const running = show(await api(tp('/crawls/' + crawlId)));
  if (current) current.abort();
  if (!running) return;
  const ctl = new AbortController(); current = ctl;
  // progress: RunResponse without failures; end: RunResponse with failures (docs/events.md)
  stream(tp('/crawls/' + crawlId + '/events'), { signal: ctl.signal }, (name, run) => {
    if (!main.isConnected || !statusLine.isConnected) { ctl.abort(); return; }
    if (name === 'progress' || name === 'end') show(run);
  }).catch(() => { /* the page was left or the stream dropped: reload shows the final state */ })
    .finally(() => { if (statusLine.isConnected && !ctl.signal.aborted) api(tp('/crawls/' + crawlId)).then(show).catch(() => {}); });
}

/** The run's counters, translated, in reading order. */
export function counterTable(c) {
  const keys = [...ORDER.filter((k) => k in c), ...Object.keys(c).filter((k) => !ORDER.includes(k))];
  return table([
    { label: t('counters'), value: (k) => tv('c', k) },
    { label: t('count'), num: true, value: (k) => fmtNumber(c[k]) }
  ], keys, t('counters'));
}
