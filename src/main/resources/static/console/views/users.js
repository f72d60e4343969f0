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
        try { await api(tp('/users/' + x.id), { method: 'PUT', body: { username: x.username, email: x.email, displayName: x.displayName, roles: [s.value] } }); x.roles = [s.value]; toast(t('saved')); }
        catch (e) { toast(errorText(e)); }
      });
      return s;
    } },
    { label: t('actions'), value: (x) => h('div', { class: 'stack' }, passwordReset(x), h('button', { type: 'button', class: 'danger', onclick: async () => {
      if (!confirm(t('confirmDelete', { name: x.username }))) return;
      try { await api(tp('/users/' + x.id), { method: 'DELETE' }); rerender(); } catch (e) { toast(errorText(e)); }
    } }, t('delete') + ' ' + x.username)) }
  ], list, t('users')), form);
}

/**
 * A new password for a user who forgot theirs (PUT …/users/{id} with the password): the user's other sign-ins end.
 * Not a form of its own, so the page's one form stays the new-user form.
 */
function passwordReset(x) {
  const box = h('input', { type: 'password', name: 'newPassword', autocomplete: 'new-password', minlength: '12' });
  const fieldBox = field(t('newPassword'), box, t('newPasswordHint'));
  const err = fieldBox.querySelector('.field-error');
  err.setAttribute('role', 'alert');
  const setIt = async () => {
    err.textContent = ''; box.removeAttribute('aria-invalid');
    try {
      await api(tp('/users/' + x.id), { method: 'PUT', body: { username: x.username, email: x.email, displayName: x.displayName, roles: x.roles, password: box.value } });
      box.value = ''; toast(t('userPasswordSet', { name: x.username }));
    } catch (e) {
      box.setAttribute('aria-invalid', 'true'); box.setAttribute('aria-describedby', err.id);
      err.textContent = (e.errors || []).map((fe) => fe.message).join(' ') || errorText(e);
    }
  };
  box.addEventListener('keydown', (ev) => { if (ev.key === 'Enter') { ev.preventDefault(); setIt(); } });
  return h('details', { class: 'settings' }, h('summary', { text: t('userSetPassword', { name: x.username }) }),
    fieldBox,
    h('button', { type: 'button', class: 'secondary', onclick: setIt }, t('userSetPasswordButton')));
}
