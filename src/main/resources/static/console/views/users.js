import { t, tv } from '../core/i18n.js';
import { api, tp } from '../core/api.js';
import { rerender } from '../core/router.js';
import { h, field, input, select, formError, page, table, toast, showErrors, errorText } from '../core/dom.js';

export const ROLES = ['VIEWER', 'EDITOR', 'REVIEWER', 'TENANT_ADMIN'];
export const roleOptions = () => ROLES.map((r) => [r, tv('role', r)]);
const highestRole = (roles) => [...roles].sort((a, b) => ROLES.indexOf(b) - ROLES.indexOf(a))[0];

/** Users of the tenant (UserView: id, username, email, displayName, roles): add, change role, delete. */
export async function users() {
  const list = (await api(tp('/users?size=200'))).items;
  const form = h('form', { class: 'stack card' }, h('h2', { text: t('newUser') }),
    field(t('username'), input('username', { required: true, autocomplete: 'off' })), field(t('email'), input('email', { type: 'email' })),
    field(t('password'), input('password', { type: 'password', autocomplete: 'new-password', required: true })),
    field(t('role'), select('roles', roleOptions(), 'EDITOR')), formError(), h('div', null, h('button', { type: 'submit' }, t('create'))));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault(); const f = new FormData(form); const b = { username: f.get('username'), password: f.get('password'), roles: [f.get('roles')] };
    if (f.get('email')) b.email = f.get('email');
    try { await api(tp('/users'), { method: 'POST', body: b }); toast(t('saved')); rerender(); } catch (e) { showErrors(form, e); }
  });
  page('users', table([
    { label: t('username'), value: (x) => x.username },
    { label: t('email'), value: (x) => x.email || '' },
    { label: t('role'), value: (x) => {
      const s = select('role-' + x.id, roleOptions(), highestRole(x.roles), { 'aria-label': t('role') + ' ' + x.username });
      s.addEventListener('change', async () => {
        try { await api(tp('/users/' + x.id), { method: 'PUT', body: { username: x.username, email: x.email, displayName: x.displayName, roles: [s.value] } }); toast(t('saved')); }
        catch (e) { toast(errorText(e)); }
      });
      return s;
    } },
    { label: t('actions'), value: (x) => h('button', { type: 'button', class: 'danger', onclick: async () => {
      if (!confirm(t('confirmDelete', { name: x.username }))) return;
      try { await api(tp('/users/' + x.id), { method: 'DELETE' }); rerender(); } catch (e) { toast(errorText(e)); }
    } }, t('delete') + ' ' + x.username) }
  ], list, t('users')), form);
}
