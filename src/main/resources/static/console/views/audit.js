import { state } from '../core/state.js';
import { t, tv, fmtTime, datePattern } from '../core/i18n.js';
import { api, tp } from '../core/api.js';
import { h, field, input, dateInput, readDates, select, page, table, badge, pager } from '../core/dom.js';

export const AUDIT_ACTIONS = ['auth.login', 'auth.logout', 'user.created', 'user.updated', 'user.deleted', 'user.password_changed',
  'tenant.created', 'tenant.updated', 'tenant_settings.updated', 'api_key.created', 'api_key.revoked', 'space.created', 'space.updated', 'space.deleted',
  'crawl_source.created', 'crawl_source.updated', 'crawl_source.deleted', 'crawl_run.requested', 'crawl_run.cancelled',
  'document.uploaded', 'document.indexed', 'document.failed', 'document.updated', 'document.removed',
  'widget.created', 'widget.updated', 'widget.deleted', 'llm_provider.created', 'llm_provider.updated', 'llm_provider.deleted',
  'llm_budget.updated', 'conversation.created', 'conversation.deleted'];
const PAGE_SIZE = 50;
const outcomeKind = (o) => (o === 'SUCCESS' ? 'ok' : o === 'FAILURE' ? 'bad' : 'warn');

/**
 * The tenant's audit log (AuditView: at, actor{kind, id, name}, action, targetType, targetId, outcome, details),
 * filtered by actor, action (or a whole area such as document.*) and period; ids shown as the names of what they
 * point to; runs of the same automatic action (document.indexed …) folded into one row.
 */
export async function audit(_, query) {
  const f = { actor: query.get('actor') || '', action: query.get('action') || '', from: query.get('from') || '', to: query.get('to') || '', page: Number(query.get('page') || 0) };
  const qs = new URLSearchParams({ page: String(f.page), size: String(PAGE_SIZE) });
  if (f.actor) qs.set('actor', f.actor);
  if (f.action) qs.set('action', f.action);
  if (f.from) qs.set('from', new Date(f.from + 'T00:00:00').toISOString());
  if (f.to) qs.set('to', new Date(new Date(f.to + 'T00:00:00').getTime() + 86400000).toISOString());
  const [p, names] = await Promise.all([api(tp('/audit?' + qs)), nameIndex()]);
  await documentTitles(p.items, names);

  const areas = [...new Set(AUDIT_ACTIONS.map((a) => a.split('.')[0] + '.*'))];
  const form = h('form', { class: 'row card', 'aria-label': t('auditFilter') },
    field(t('actor'), input('actor', { value: f.actor, list: 'audit-actors' })),
    h('datalist', { id: 'audit-actors' }, names.usernames.map((u) => h('option', { value: u }))),
    field(t('action'), select('action', [['', t('allActions')], ...areas.map((a) => [a, tv('area', a.slice(0, -2)) + ' (' + a + ')']), ...AUDIT_ACTIONS.map((a) => [a, actionText(a)])], f.action)),
    field(t('fromDate'), dateInput('from', f.from), '(' + datePattern() + ')'),
    field(t('toDate'), dateInput('to', f.to), '(' + datePattern() + ')'),
    h('div', null, h('button', { type: 'submit' }, t('filter'))));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault(); const d = new FormData(form); const q = new URLSearchParams();
    const dates = readDates(form);
    if (!dates) return;
    for (const k of ['actor', 'action']) if (d.get(k)) q.set(k, String(d.get(k)).trim());
    for (const k of ['from', 'to']) if (dates[k]) q.set(k, dates[k]);
    location.hash = '#/audit' + (q.toString() ? '?' + q : '');
  });

  const groups = group(p.items);
  const rows = table([
    { label: t('time'), value: (g) => g.entries.length > 1 ? fmtTime(g.entries.at(-1).at) + ' – ' + fmtTime(g.entries[0].at) : fmtTime(g.entries[0].at) },
    { label: t('actor'), value: (g) => actorText(g.entries[0].actor) },
    { label: t('action'), value: (g) => g.entries.length > 1 ? h('span', null, actionText(g.entries[0].action), ' ', badge('× ' + g.entries.length, 'warn')) : actionText(g.entries[0].action) },
    { label: t('target'), value: (g) => g.entries.length > 1 ? folded(g.entries, names) : targetText(g.entries[0], names) },
    { label: t('outcome'), value: (g) => badge(tv('outcome', g.entries[0].outcome), outcomeKind(g.entries[0].outcome)) },
    { label: t('details'), value: (g) => g.entries.length > 1 ? '' : detailsText(g.entries[0].details, names) }
  ], groups, t('audit'));
  const keep = new URLSearchParams(query); keep.delete('page');
  page('audit', form, h('p', { class: 'muted', role: 'status', text: t('auditShown', { n: p.items.length, total: p.total }) }), rows,
    pager(p, (n) => '#/audit?' + new URLSearchParams([...keep, ['page', String(n)]]), t('auditPages')));
}

/** Consecutive entries with the same action, actor and outcome form one group. */
function group(entries) {
  const out = [];
  for (const e of entries) {
    const last = out.at(-1);
    if (last && last.key === e.action + '|' + e.actor.id + '|' + e.outcome) last.entries.push(e);
    else out.push({ key: e.action + '|' + e.actor.id + '|' + e.outcome, entries: [e] });
  }
  return out;
}

function folded(entries, names) {
  return h('details', null, h('summary', { text: t('showEntries', { n: entries.length }) }),
    h('ul', null, entries.map((e) => h('li', null, fmtTime(e.at) + ' · ', targetText(e, names), e.details && Object.keys(e.details).length ? ' · ' + detailsText(e.details, names).textContent : ''))));
}

export function actionText(action) {
  const text = tv('act', action);
  return text === action ? action : text;
}

function actorText(actor) {
  if (actor.kind === 'SYSTEM') return t('actorSystem');
  return actor.name || actor.id;
}

function targetText(e, names) {
  const type = e.targetType ? tv('tt', e.targetType) : '';
  const name = e.targetId ? names.byId[e.targetId] : null;
  return [type, name || (e.targetId ? shortId(e.targetId) : '')].filter(Boolean).join(': ');
}

const shortId = (id) => (/^[0-9a-f-]{36}$/.test(id) ? id.slice(0, 8) + '…' : id);

function detailsText(details, names) {
  if (!details || !Object.keys(details).length) return '';
  const show = (v) => (typeof v === 'string' && names.byId[v] ? names.byId[v] : typeof v === 'object' ? JSON.stringify(v) : v);
  return h('code', { text: Object.entries(details).map(([k, v]) => k + '=' + show(v)).join(', ') });
}

/** Names of the tenant's users, spaces, sources, widgets, API keys and providers by id. */
async function nameIndex() {
  const byId = {}; const usernames = [];
  const safe = (p) => p.then((r) => r.items).catch(() => []);
  const [users, spaces, widgets, keys, providers] = await Promise.all([safe(api(tp('/users?size=200'))), safe(api(tp('/spaces?size=200'))),
    safe(api(tp('/widgets?size=200'))), safe(api(tp('/api-keys?size=200'))), safe(api(tp('/llm/providers?size=200')))]);
  for (const u of users) { byId[u.id] = u.displayName || u.username; usernames.push(u.username); }
  for (const x of [...spaces, ...widgets, ...keys, ...providers]) byId[x.id] = x.name;
  const sources = (await Promise.all(spaces.map((s) => safe(api(tp('/spaces/' + s.id + '/sources?size=100')))))).flat();
  for (const s of sources) byId[s.id] = s.name || s.startUrls[0];
  if (state.me && state.me.tenant) byId[state.me.tenant.id] = state.me.tenant.name;
  return { byId, usernames };
}

/** Titles of the documents named by single (not folded) entries; at most 20 look-ups a page. */
async function documentTitles(entries, names) {
  const ids = [...new Set(entries.filter((e) => e.targetType === 'document' && e.targetId && !names.byId[e.targetId]).map((e) => e.targetId))].slice(0, 20);
  await Promise.all(ids.map((id) => api(tp('/documents/' + id)).then((d) => { names.byId[id] = d.title || d.filename || d.url; }).catch(() => {})));
}
