import { t, tv, fmtTime } from '../core/i18n.js';
import { api, tp } from '../core/api.js';
import { rerender } from '../core/router.js';
import { h, field, input, select, formError, page, table, toast, showErrors, badge, errorText } from '../core/dom.js';
import { roleOptions } from './users.js';

/** API keys (ApiKeyView: name, prefix, roles, revokedAt …; secret only in the answer to POST). */
export async function apikeys() {
  const list = (await api(tp('/api-keys?size=200'))).items;
  const secret = h('div', { role: 'status', 'aria-live': 'polite' });
  const form = h('form', { class: 'stack card' }, h('h2', { text: t('newApiKey') }), field(t('name'), input('name', { required: true })),
    field(t('role'), select('role', roleOptions(), 'VIEWER')), formError(), h('div', null, h('button', { type: 'submit' }, t('create'))));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault(); const f = new FormData(form);
    try {
      const created = await api(tp('/api-keys'), { method: 'POST', body: { name: f.get('name'), roles: [f.get('role')] } });
      secret.replaceChildren(h('div', { class: 'secret' }, h('p', { text: t('secretOnce') }), h('code', { text: created.secret })));
      form.reset();
    } catch (e) { showErrors(form, e); }
  });
  page('apikeys', secret, table([
    { label: t('name'), value: (x) => x.name },
    { label: t('role'), value: (x) => x.roles.map((r) => tv('role', r)).join(', ') },
    { label: t('prefix'), value: (x) => h('code', { text: x.prefix }) },
    { label: t('created'), value: (x) => fmtTime(x.createdAt) },
    { label: t('status'), value: (x) => x.revokedAt ? badge(t('revoked'), 'bad') : badge(t('activeKey'), 'ok') },
    { label: t('actions'), value: (x) => x.revokedAt ? '' : h('button', { type: 'button', class: 'danger', onclick: async () => {
      if (!confirm(t('confirmRevoke', { name: x.name }))) return;
      try { await api(tp('/api-keys/' + x.id), { method: 'DELETE' }); rerender(); } catch (e) { toast(errorText(e)); }
    } }, t('revoke') + ' ' + x.name) }
  ], list, t('apikeys')), form);
}
