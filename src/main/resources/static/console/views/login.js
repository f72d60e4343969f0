import { state, save } from '../core/state.js';
import { t } from '../core/i18n.js';
import { api } from '../core/api.js';
import { loadMe } from '../core/session.js';
import { h, $, field, input, formError, page } from '../core/dom.js';

export async function login() {
  const form = h('form', { class: 'stack card', novalidate: true },
    field(t('username'), input('username', { autocomplete: 'username', required: true })),
    field(t('password'), input('password', { type: 'password', autocomplete: 'current-password', required: true })),
    field(t('tenantOptional'), input('tenant', { autocomplete: 'organization' }), t('tenantHint')),
    formError(), h('div', null, h('button', { type: 'submit' }, t('login'))));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const f = new FormData(form);
    const body = { username: f.get('username'), password: f.get('password') };
    if (f.get('tenant')) body.tenant = f.get('tenant');
    try {
      const tokens = await api('/api/v1/auth/login', { method: 'POST', body });
      state.token = tokens.accessToken; state.refreshToken = tokens.refreshToken; state.tenant = body.tenant; save();
      await loadMe();
      location.hash = state.tenant ? '#/spaces' : '#/tenants';
    } catch (e) { $('.form-error', form).textContent = t('loginFailed', { msg: e.detail || e.message }); }
  });
  page('login', form);
  $('[name=username]', form).focus();
}
