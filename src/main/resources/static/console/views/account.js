import { state } from '../core/state.js';
import { t, tv } from '../core/i18n.js';
import { api } from '../core/api.js';
import { h, $, field, input, formError, page, toast, showErrors } from '../core/dom.js';

/** The signed-in user's own account: who they are and a new password (PUT /api/v1/me/password → 204). */
export async function account() {
  const me = state.me;
  const form = h('form', { class: 'stack card', novalidate: true, 'aria-labelledby': 'h-pw' }, h('h2', { id: 'h-pw', text: t('changePassword') }),
    h('input', { type: 'text', name: 'username', autocomplete: 'username', value: me.user.username, hidden: true, 'aria-hidden': 'true', tabindex: '-1' }),
    field(t('currentPassword'), input('currentPassword', { type: 'password', autocomplete: 'current-password', required: true })),
    field(t('newPassword'), input('newPassword', { type: 'password', autocomplete: 'new-password', required: true, minlength: '12' }), t('newPasswordHint')),
    field(t('repeatPassword'), input('repeatPassword', { type: 'password', autocomplete: 'new-password', required: true })),
    formError(), h('div', null, h('button', { type: 'submit' }, t('changePassword'))));
  const done = h('p', { role: 'status', 'aria-live': 'polite' });
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault(); const f = new FormData(form);
    if (f.get('newPassword') !== f.get('repeatPassword')) {
      showErrors(form, { detail: '', errors: [{ field: 'repeatPassword', message: t('passwordsDiffer') }] });
      return;
    }
    try {
      await api('/api/v1/me/password', { method: 'PUT', body: { currentPassword: f.get('currentPassword'), newPassword: f.get('newPassword') } });
      form.reset(); showErrors(form, { errors: [] }); $('.form-error', form).textContent = '';
      done.textContent = t('passwordChanged'); done.className = 'ok'; toast(t('passwordChanged'));
    } catch (e) { showErrors(form, e); }
  });
  page('account', h('dl', { class: 'card facts' },
    h('dt', { text: t('username') }), h('dd', { text: me.user.username }),
    me.user.email ? [h('dt', { text: t('email') }), h('dd', { text: me.user.email })] : null,
    h('dt', { text: t('role') }), h('dd', { text: me.roles.map((r) => tv('role', r)).join(', ') }),
    me.tenant ? [h('dt', { text: t('tenant') }), h('dd', { text: me.tenant.name })] : null), done, form);
}
