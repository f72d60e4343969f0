import { state, save } from '../core/state.js';
import { t } from '../core/i18n.js';
import { api } from '../core/api.js';
import { rerender } from '../core/router.js';
import { h, field, input, formError, page, table, toast, showErrors } from '../core/dom.js';

/** Platform admins: all tenants, a new one, and which one the console works on. */
export async function tenants() {
  const list = (await api('/api/v1/tenants?size=200')).items;
  const form = h('form', { class: 'stack card' }, h('h2', { text: t('newTenant') }),
    field(t('slug'), input('slug', { required: true, pattern: '[a-z0-9-]+' })), field(t('name'), input('name', { required: true })),
    formError(), h('div', null, h('button', { type: 'submit' }, t('create'))));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault(); const f = new FormData(form);
    try {
      const created = await api('/api/v1/tenants', { method: 'POST', body: { slug: f.get('slug'), name: f.get('name') } });
      state.tenant = created.slug; save(); toast(t('saved')); rerender();
    } catch (e) { showErrors(form, e); }
  });
  page('tenants', table([
    { label: t('name'), value: (x) => x.name },
    { label: t('slug'), value: (x) => x.slug },
    { label: t('created'), value: (x) => new Date(x.createdAt).toLocaleDateString(state.lang === 'en' ? 'en-GB' : 'de-DE') },
    { label: t('actions'), value: (x) => h('button', { type: 'button', class: 'secondary', onclick: () => { state.tenant = x.slug; save(); location.hash = '#/spaces'; } }, t('open') + ' ' + x.slug) }
  ], list, t('tenants')), form);
}
