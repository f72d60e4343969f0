import '../i18n-kb.js';
import { t, fmtTime } from '../core/i18n.js';
import { api, tp } from '../core/api.js';
import { rerender } from '../core/router.js';
import { h, field, input, select, formError, page, table, toast, showErrors, badge, errorText } from '../core/dom.js';

const ITEM_STATUSES = ['all', 'pending', 'delivered', 'dead'];
const statusBadge = (s) => badge(t('syncStatus_' + String(s).toLowerCase()), s === 'DELIVERED' ? 'ok' : s === 'DEAD' ? 'bad' : 'warn');

/**
 * Sync targets of approved knowledge (webhook, file export, F13): configure (secrets are write-only, only a hint
 * comes back), test the connection, see the outbox per target with each item's failure reason, retry dead items.
 */
export async function sync(params, query) {
  const [targets, types] = await Promise.all([api(tp('/kb/sync-targets')), api(tp('/kb/sync-target-types'))]);
  const result = h('p', { role: 'status', 'aria-live': 'polite', id: 'sync-result' });
  const say = (text, ok) => { result.textContent = text; result.className = ok ? 'ok' : 'bad'; };
  const selected = targets.find((x) => x.id === query.get('target')) || null;

  const testIt = async (x) => {
    say(t('loading'), true);
    try {
      const r = await api(tp('/kb/sync-targets/' + x.id + '/test'), { method: 'POST' }); // {ok, reason, millis}
      if (r.ok) say(t('syncTestOk', { name: x.name, ms: r.millis }), true);
      else say(t('syncTestFailed', { name: x.name, reason: r.reason }), false);
    } catch (e) { say(errorText(e), false); }
  };
  const retry = async (x) => {
    try { const r = await api(tp('/kb/sync-targets/' + x.id + '/retry'), { method: 'POST' }); toast(t('syncRetried', { n: r.rows })); rerender(); }
    catch (e) { say(errorText(e), false); }
  };
  const remove = async (x) => {
    if (!confirm(t('confirmDelete', { name: x.name }))) return;
    try { await api(tp('/kb/sync-targets/' + x.id), { method: 'DELETE' }); rerender(); } catch (e) { toast(errorText(e)); }
  };
  const list = table([
    { label: t('name'), value: (x) => h('a', { href: '#/sync?target=' + x.id, text: x.name }) },
    { label: t('type'), value: (x) => t('syncType_' + x.type) },
    { label: t('syncAddress'), value: (x) => x.url || '' },
    { label: t('syncSecret'), value: (x) => x.hasSecret ? x.secretHint : '–' },
    { label: t('syncPending'), num: true, value: (x) => String(x.status.pending) },
    { label: t('syncDelivered'), num: true, value: (x) => String(x.status.delivered) },
    { label: t('syncDead'), num: true, value: (x) => x.status.dead ? badge(String(x.status.dead), 'bad') : '0' },
    { label: t('syncLast'), value: (x) => [x.status.lastDeliveredAt ? fmtTime(x.status.lastDeliveredAt) : '–',
      x.status.lastError ? h('div', { class: 'muted', text: x.status.lastError }) : null] },
    { label: t('actions'), value: (x) => h('div', { class: 'row' },
      h('button', { type: 'button', class: 'secondary', onclick: () => testIt(x) }, t('syncTest') + ': ' + x.name),
      x.status.dead ? h('button', { type: 'button', class: 'secondary', onclick: () => retry(x) }, t('syncRetry') + ': ' + x.name) : null,
      h('button', { type: 'button', class: 'danger', onclick: () => remove(x) }, t('delete') + ': ' + x.name)) }
  ], targets, t('sync'));

  page('sync', h('p', { class: 'muted', text: t('syncIntro') }), list, result,
    selected ? await outbox(selected, query) : null, form(types));
}

/** One target's outbox: every item version with its status, attempts and, if it failed, why. */
async function outbox(target, query) {
  const status = ITEM_STATUSES.includes(query.get('status')) ? query.get('status') : 'all';
  const items = await api(tp('/kb/sync-targets/' + target.id + '/items?size=100' + (status === 'all' ? '' : '&status=' + status)));
  const filter = select('status', ITEM_STATUSES.map((s) => [s, t('syncStatus_' + s)]), status, { id: 'sync-item-status' });
  filter.addEventListener('change', () => { location.hash = '#/sync?target=' + target.id + '&status=' + filter.value; });
  return h('section', { id: 'sync-items', class: 'stack' }, h('h2', { text: t('syncItemsOf', { name: target.name }) }),
    field(t('syncShow'), filter),
    table([
      { label: t('syncItem'), value: (i) => [i.title || i.itemId, i.deleted ? ' ' + t('syncDeleted') : ''] },
      { label: t('status'), value: (i) => statusBadge(i.status) },
      { label: t('syncAttempts'), num: true, value: (i) => String(i.attempts) },
      { label: t('syncReason'), value: (i) => i.lastError || '' },
      { label: t('syncWhen'), value: (i) => fmtTime(i.deliveredAt || i.nextAttemptAt) }
    ], items.items, t('syncItemsOf', { name: target.name })));
}

/** The form shows the fields the chosen type needs; F13 also its Keycloak client (or guest mode). */
function form(types) {
  const type = select('type', types.map((x) => [x, t('syncType_' + x)]), types.includes('webhook') ? 'webhook' : types[0], { id: 'sync-type' });
  const f13 = h('div', { class: 'stack', id: 'sync-f13' },
    field(t('syncTokenUrl'), input('tokenUrl', { type: 'url' })), field(t('syncClientId'), input('clientId')),
    field(t('syncAudience'), input('audience', { placeholder: 'f13-api' })),
    h('label', null, h('input', { type: 'checkbox', name: 'guest' }), ' ' + t('syncGuest')));
  const url = field(t('syncAddress'), input('url', { type: 'url' }));
  const secret = field(t('syncSecret'), input('secret', { type: 'password', autocomplete: 'new-password' }), t('syncSecretHint'));
  const show = () => {
    const v = type.value;
    url.hidden = v === 'file-export'; secret.hidden = v === 'file-export'; f13.hidden = v !== 'f13';
  };
  type.addEventListener('change', show);
  const el = h('form', { class: 'stack card', id: 'sync-form' }, h('h2', { text: t('syncNew') }),
    field(t('name'), input('name', { required: true })), field(t('type'), type), url, secret, f13,
    formError(), h('div', null, h('button', { type: 'submit' }, t('save'))));
  show();
  el.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const d = new FormData(el); const g = (k) => { const v = d.get(k); return v == null || v === '' ? null : String(v); };
    const options = {};
    if (type.value === 'f13') {
      for (const k of ['tokenUrl', 'clientId', 'audience']) if (g(k)) options[k] = g(k);
      if (d.get('guest')) options.guest = 'true';
    }
    const body = { name: g('name'), type: type.value, url: type.value === 'file-export' ? null : g('url'),
      secret: type.value === 'file-export' ? null : g('secret'), options };
    try { await api(tp('/kb/sync-targets'), { method: 'POST', body }); toast(t('saved')); rerender(); } catch (e) { showErrors(el, e); }
  });
  return el;
}
