import { t, fmtNumber } from '../core/i18n.js';
import { api, tp, download } from '../core/api.js';
import { h, page, select, toast, showErrors, formError, input, field, errorText } from '../core/dom.js';
import { subscribe } from '../core/sse.js';
import { onLeave, rerender } from '../core/router.js';

const GRIDSTACK = '/console/vendor/gridstack-14.1.0/';
const CHARTJS = '/webjars/chart.js/dist/chart.umd.min.js';
const KPIS = ['conversations', 'messages', 'uniqueVisitors', 'answerRate', 'noAnswerRate', 'csat', 'thumbsUp', 'thumbsDown',
  'answerTimeP95Ms', 'timeToFirstTokenP95Ms', 'citationsPerAnswer', 'completionRate', 'selfServiceRate', 'handoffRate',
  'citationClickThrough', 'cost'];

// the size a widget gets from the library (columns, rows): a KPI tile's 3 × 2 is too small for the activity widgets'
// lists and the endpoint table, whose figures would sit outside the visible box
const ADD_SIZE = { agents: [4, 4], 'kb-sync': [4, 3], metrics: [8, 4] };

let loading;
/** gridstack is a classic script (UMD) from the vendored npm package: loaded once, on the first dashboard visit. */
function gridstack() {
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      document.head.append(h('link', { rel: 'stylesheet', href: GRIDSTACK + 'gridstack.min.css' }));
      const s = h('script', { src: GRIDSTACK + 'gridstack-all.js' });
      s.addEventListener('load', () => resolve(window.GridStack));
      s.addEventListener('error', reject);
      document.head.append(s);
    });
  }
  return loading;
}

let loadingCharts;
/** Chart.js (WebJar, UMD build) is loaded once, on the first dashboard visit, like gridstack. */
function chartjs() {
  if (!loadingCharts) {
    loadingCharts = new Promise((resolve, reject) => {
      const s = h('script', { src: CHARTJS });
      s.addEventListener('load', () => resolve(window.Chart));
      s.addEventListener('error', reject);
      document.head.append(s);
    });
  }
  return loadingCharts;
}

/**
 * A chart with the same figures as a table for screen readers (a canvas alone says nothing to them). The chart
 * instance hangs on the canvas so that a live update or a removed widget can destroy it.
 */
function chart(Chart, { type, labels, datasets, caption }) {
  const canvas = h('canvas', { role: 'img', 'aria-label': caption });
  const table = h('table', { class: 'sr' }, h('caption', { text: caption }),
    h('tr', null, h('th', { text: '' }), datasets.map((d) => h('th', { text: d.label }))),
    labels.map((l, i) => h('tr', null, h('th', { text: l }), datasets.map((d) => h('td', { text: fmtNumber(d.data[i] ?? 0) })))));
  const box = h('div', { class: 'dash-chart' }, canvas, table);
  canvas.chart = new Chart(canvas, {
    type, data: { labels, datasets },
    options: { responsive: true, maintainAspectRatio: false, animation: false, plugins: { legend: { position: 'bottom' } },
      scales: type === 'doughnut' ? undefined : { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  });
  return box;
}

/** Buckets start at midnight (or the hour) in the tenant's time zone: labelled in that zone, not the browser's. */
const bucketLabel = (start, report) => {
  const d = new Date(start); const timeZone = report.timeZone || undefined;
  return report.granularity === 'hour' ? d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', timeZone })
    : d.toLocaleDateString(undefined, { day: '2-digit', month: '2-digit', timeZone });
};

const pct = (v) => (v == null ? '–' : fmtNumber(v, { style: 'percent', maximumFractionDigits: 1 }));
const kpiText = (name, k) => (!k || k.value == null ? '–' : /Rate$|^csat$|ClickThrough$/.test(name) ? pct(k.value)
  : fmtNumber(k.value, { maximumFractionDigits: name === 'cost' ? 2 : 1 }));

/** What one grid item shows, from the tenant's KPI report (one request for the whole dashboard). */
function content(type, config, report, Chart) {
  const k = report.kpis || {};
  const facts = (names) => h('dl', { class: 'facts' }, names.flatMap((n) => [h('dt', { text: t('kpi_' + n) }), h('dd', { class: 'num', text: kpiText(n, k[n]) })]));
  switch (type) {
    case 'kpi-tile': {
      const name = (config && config.kpi) || 'conversations';
      const v = k[name];
      return h('div', { class: 'kpi' }, h('div', { class: 'kpi-value num', text: kpiText(name, v) }),
        v && v.trend ? h('div', { class: 'muted', text: t('trend_' + v.trend) }) : null);
    }
    case 'time-series': {
      const rows = (report.series || []).slice(-31);
      if (!rows.length) return h('p', { class: 'muted', text: t('none') });
      return chart(Chart, { type: 'line', caption: t('wt_time-series'), labels: rows.map((p) => bucketLabel(p.start, report)),
        datasets: [{ label: t('kpi_conversations'), data: rows.map((p) => p.conversations), borderColor: '#1d4ed8', backgroundColor: '#1d4ed8', tension: 0.2 },
          { label: t('kpi_messages'), data: rows.map((p) => p.messages), borderColor: '#b45309', backgroundColor: '#b45309', tension: 0.2 },
          { label: t('kpi_noAnswers'), data: rows.map((p) => p.noAnswers), borderColor: '#b91c1c', backgroundColor: '#b91c1c', tension: 0.2 }] });
    }
    case 'top-pages':
      return list((report.topCitedPages || []).map((p) => (p.title || p.url) + ' (' + fmtNumber(p.citations) + ')'));
    case 'unanswered':
      return facts(['noAnswers', 'noAnswerRate']);
    case 'feedback': {
      const up = (k.thumbsUp && k.thumbsUp.value) || 0; const down = (k.thumbsDown && k.thumbsDown.value) || 0;
      return h('div', null, facts(['thumbsUp', 'thumbsDown', 'csat']), up + down === 0 ? null
        : chart(Chart, { type: 'doughnut', caption: t('wt_feedback'), labels: [t('kpi_thumbsUp'), t('kpi_thumbsDown')],
          datasets: [{ label: t('wt_feedback'), data: [up, down], backgroundColor: ['#15803d', '#b91c1c'] }] }));
    }
    case 'conversations':
      return facts(['conversations', 'messages', 'averageTurns']);
    case 'overview': case 'analytics':
      return facts(['conversations', 'answerRate', 'answerTimeP95Ms']);
    case 'agents': {
      const a = report.activity || {};
      const row = (key, v) => [h('dt', { text: t('act_' + key) }), h('dd', { class: 'num', text: fmtNumber(v || 0) })];
      return h('dl', { class: 'facts' }, row('agentRuns', a.agentRuns), row('approvalsRequested', a.approvalsRequested),
        row('approvalsGranted', a.approvalsGranted), row('approvalsDenied', a.approvalsDenied),
        row('handoffsRequested', a.handoffsRequested), row('handoffsAccepted', a.handoffsAccepted), row('handoffsEnded', a.handoffsEnded));
    }
    case 'kb-sync': {
      const a = report.activity || {}; const rate = k.kbSyncRate;
      return h('div', null, h('dl', { class: 'facts' },
        h('dt', { text: t('kpi_kbSyncRate') }), h('dd', { class: 'num', text: kpiText('kbSyncRate', rate) }),
        h('dt', { text: t('act_kbSyncDelivered') }), h('dd', { class: 'num', text: fmtNumber(a.kbSyncDelivered || 0) }),
        h('dt', { text: t('act_kbSyncFailed') }), h('dd', { class: 'num', text: fmtNumber(a.kbSyncFailed || 0) })),
      rate && rate.noData ? h('p', { class: 'muted', text: t('kbSyncNoData') }) : null);
    }
    case 'metrics': {
      const m = report.tenantMetrics;
      const rows = Object.entries((m && m.endpointLatency) || {}).sort((x, y) => y[1].requests - x[1].requests).slice(0, 6);
      if (!rows.length) return h('p', { class: 'muted', text: t('none') });
      return h('table', null, h('caption', { class: 'sr', text: t('wt_metrics') }),
        h('thead', null, h('tr', null, [t('mt_endpoint'), t('mt_requests'), 'p50 (ms)', 'p95 (ms)'].map((c) => h('th', { scope: 'col', text: c })))),
        h('tbody', null, rows.map(([endpoint, l]) => h('tr', null, h('td', { text: endpoint }), h('td', { class: 'num', text: fmtNumber(l.requests) }),
          h('td', { class: 'num', text: l.p50Ms == null ? '–' : fmtNumber(l.p50Ms) }), h('td', { class: 'num', text: l.p95Ms == null ? '–' : fmtNumber(l.p95Ms) })))));
    }
    default:
      return h('p', { class: 'muted', text: type });
  }
}

const list = (items) => (items.length ? h('ul', null, items.slice(0, 8).map((s) => h('li', { text: s }))) : h('p', { class: 'muted', text: t('none') }));

/**
 * The low-code dashboard builder: a 12-column gridstack grid of widgets over the tenant's KPIs. Every item can be
 * moved and resized with the mouse or with its own buttons (keyboard), configured (KPI tiles) and removed; "Save"
 * stores the layout (PUT …/dashboards/{id}).
 */
export async function dashboard(_, query) {
  // the KPI report and, for the metrics widget, the tenant's endpoint latencies (both reloaded on live updates)
  const load = () => Promise.all([api(tp('/analytics')).catch(() => ({})), api(tp('/metrics')).catch(() => null)])
    .then(([r, m]) => Object.assign(r, { tenantMetrics: m }));
  const [GridStack, Chart, list0, report0] = await Promise.all([gridstack(), chartjs(), api(tp('/dashboards')), load()]);
  let report = report0;
  const dashboards = list0.items;
  const current = dashboards.find((d) => d.id === query.get('id')) || dashboards[0];
  const gridEl = h('div', { class: 'grid-stack', role: 'region', 'aria-label': t('dashboardGrid') });
  const status = h('p', { class: 'sr', role: 'status', 'aria-live': 'polite' });
  let grid;

  const announce = (msg) => { status.textContent = msg; };
  const itemLabel = (el) => t('wt_' + el.dataset.widgetType);
  const describe = (el) => { const n = el.gridstackNode; return t('itemAt', { name: itemLabel(el), x: n.x + 1, y: n.y + 1, w: n.w, h: n.h }); };

  function move(el, dx, dy, dw, dh) {
    const n = el.gridstackNode;
    const next = { x: Math.max(0, n.x + dx), y: Math.max(0, n.y + dy), w: Math.max(1, n.w + dw), h: Math.max(1, n.h + dh) };
    if (next.x + next.w > list0.columns) return announce(t('cannotMove'));
    grid.update(el, next);
    announce(describe(el));
  }

  function card(item) {
    const type = item.widgetType;
    const config = Object.assign({}, item.config || {});
    const body = h('div', { class: 'dash-body' }, content(type, config, report, Chart));
    const btn = (label, text, fn) => h('button', { type: 'button', class: 'small', 'aria-label': label, title: label, onclick: fn }, text);
    const el = h('div', { class: 'grid-stack-item', 'data-widget-type': type },
      h('div', { class: 'grid-stack-item-content card dash-item' }));
    el.dataset.config = JSON.stringify(config);
    el.refresh = () => { destroyCharts(body); body.replaceChildren(content(type, config, report, Chart)); };
    const name = () => t('wt_' + type) + (type === 'kpi-tile' ? ': ' + t('kpi_' + config.kpi) : '');
    const heading = h('h2', { class: 'dash-title', text: name() });
    const controls = h('div', { class: 'dash-controls', role: 'group', 'aria-label': t('arrange', { name: t('wt_' + type) }) },
      btn(t('moveLeft'), '←', () => move(el, -1, 0, 0, 0)), btn(t('moveRight'), '→', () => move(el, 1, 0, 0, 0)),
      btn(t('moveUp'), '↑', () => move(el, 0, -1, 0, 0)), btn(t('moveDown'), '↓', () => move(el, 0, 1, 0, 0)),
      btn(t('wider'), '+↔', () => move(el, 0, 0, 1, 0)), btn(t('narrower'), '−↔', () => move(el, 0, 0, -1, 0)),
      btn(t('taller'), '+↕', () => move(el, 0, 0, 0, 1)), btn(t('shorter'), '−↕', () => move(el, 0, 0, 0, -1)),
      btn(t('removeWidget'), '✕', () => { destroyCharts(body); grid.removeWidget(el); announce(t('removed', { name: t('wt_' + type) })); }));
    const inner = el.firstChild;
    inner.append(heading, controls);
    if (type === 'kpi-tile') {
      const pick = select('kpi', KPIS.map((k) => [k, t('kpi_' + k)]), config.kpi || 'conversations', { class: 'small' });
      pick.addEventListener('change', () => {
        config.kpi = pick.value; el.dataset.config = JSON.stringify(config);
        heading.textContent = name(); el.refresh();
      });
      inner.append(field(t('kpi'), pick));
    }
    inner.append(body);
    return el;
  }

  function add(item) {
    const el = card(item);
    gridEl.append(el);
    grid.makeWidget(el, { x: item.x, y: item.y, w: item.w, h: item.h, autoPosition: item.x == null });
    return el;
  }

  const layout = () => grid.getGridItems().map((el) => {
    const n = el.gridstackNode;
    return { widgetType: el.dataset.widgetType, x: n.x, y: n.y, w: n.w, h: n.h, config: JSON.parse(el.dataset.config || '{}') };
  });

  const nameInput = input('name', { value: current.name, required: true, maxlength: '100' });
  const library = select('widgetType', list0.widgetTypes.map((w) => [w, t('wt_' + w)]), 'kpi-tile');
  const form = h('form', { class: 'row card', 'aria-label': t('dashboardTools') },
    field(t('dashboardName'), nameInput), field(t('widgetLibrary'), library),
    h('div', null, h('button', { type: 'button', id: 'dash-add', onclick: () => {
      const [w, h0] = ADD_SIZE[library.value] || [3, 2];
      const el = add({ widgetType: library.value, w, h: h0, config: library.value === 'kpi-tile' ? { kpi: 'conversations' } : {} });
      announce(t('added', { name: t('wt_' + library.value) }));
      el.querySelector('button').focus();
    } }, t('addWidget'))),
    h('div', null, h('button', { type: 'submit', id: 'dash-save' }, t('save'))), formError());
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      await api(tp('/dashboards/' + current.id), { method: 'PUT', body: { name: nameInput.value, layout: layout() } });
      toast(t('saved'));
    } catch (e) { showErrors(form, e); }
  });

  // on-demand period report (KPIs with trends, top lists) as a file in the console's language
  const day = (d) => d.toISOString().slice(0, 10);
  const reportFrom = input('from', { type: 'date', required: true, value: day(new Date(Date.now() - 7 * 864e5)) });
  const reportTo = input('to', { type: 'date', required: true, value: day(new Date(Date.now() - 864e5)) });
  const reportFormat = select('format', [['pdf', 'PDF'], ['csv', 'CSV']], 'pdf');
  const reportForm = h('form', { class: 'row card', 'aria-label': t('report') },
    field(t('reportFrom'), reportFrom), field(t('reportTo'), reportTo), field(t('reportFormat'), reportFormat),
    h('div', null, h('button', { type: 'submit', id: 'report-download' }, t('reportDownload'))), formError());
  reportForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const q = new URLSearchParams({ from: reportFrom.value, to: reportTo.value, format: reportFormat.value });
    try {
      await download(tp('/analytics/reports?' + q), 'analytics-' + reportFrom.value + '-' + reportTo.value + '.' + reportFormat.value);
    } catch (e) { showErrors(reportForm, e); }
  });

  const picker = dashboards.length > 1 ? h('nav', { class: 'row', 'aria-label': t('dashboards') },
    dashboards.map((d) => h('a', { href: '#/dashboards?id=' + d.id, 'aria-current': d.id === current.id ? 'page' : null, text: d.name }))) : null;
  // more dashboards: a new empty one (opened at once), and deleting the one shown (the tenant keeps a default one)
  const newName = input('newName', { maxlength: '100', required: true });
  const newForm = h('form', { class: 'row', id: 'dash-new', 'aria-label': t('dashboardNew'), novalidate: true },
    field(t('dashboardNewName'), newName), h('div', null, h('button', { type: 'submit' }, t('dashboardNew'))), formError(),
    dashboards.length > 1 ? h('div', null, h('button', { type: 'button', class: 'danger', id: 'dash-delete', onclick: async () => {
      if (!confirm(t('confirmDelete', { name: current.name }))) return;
      try { await api(tp('/dashboards/' + current.id), { method: 'DELETE' }); toast(t('deleted')); if (location.hash === '#/dashboards') rerender(); else location.hash = '#/dashboards'; }
      catch (e) { toast(errorText(e)); }
    } }, t('delete') + ': ' + current.name)) : null);
  newForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      const d = await api(tp('/dashboards'), { method: 'POST', body: { name: newName.value.trim(), layout: [] } });
      toast(t('saved')); location.hash = '#/dashboards?id=' + d.id;
    } catch (e) { showErrors(newForm, e); }
  });
  page('dashboards', picker, form, status, gridEl, reportForm, h('details', { class: 'card settings' },
    h('summary', { text: t('dashboardMore') }), newForm));
  grid = GridStack.init({ column: list0.columns, maxRow: list0.maxRows, cellHeight: 90, margin: 6, float: true,
    handle: '.dash-title', resizable: { handles: 'se', autoHide: false } }, gridEl);
  for (const item of current.layout) add(item);
  grid.on('change', (_e, nodes) => { if (nodes && nodes[0]) announce(describe(nodes[0].el)); });

  // live: analytics announces on the tenant's event stream when new events are in its figures (at most every few
  // seconds per tenant); the dashboard then reloads its one KPI report, never on a timer of its own
  let reloading = null;
  const stop = subscribe(tp('/events?topics=' + encodeURIComponent('platform.analytics.updated')), () => {
    if (!gridEl.isConnected || reloading) return;
    reloading = load().then((next) => {
      report = next;
      for (const el of grid.getGridItems()) if (el.refresh) el.refresh();
      gridEl.dataset.updated = String(Date.now());
    }).catch(() => {}).finally(() => { reloading = null; });
  });
  onLeave(() => { stop(); for (const c of gridEl.querySelectorAll('canvas')) if (c.chart) c.chart.destroy(); });
}

function destroyCharts(root) {
  for (const c of root.querySelectorAll('canvas')) if (c.chart) c.chart.destroy();
}
