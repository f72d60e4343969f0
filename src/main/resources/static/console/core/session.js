// Who is signed in (GET /api/v1/me) and which tenant the console works on.
import { state, save } from './state.js';
import { api } from './api.js';

/** Reads the caller's profile; picks the tenant when there is only one to pick (own tenant, or a platform's only one). */
export async function loadMe() {
  const me = await api('/api/v1/me'); // {user:{id, username, kind, email, displayName}, tenant:{id, slug, name, …}|null, roles:[…]}
  state.me = me;
  state.platformAdmin = me.roles.includes('PLATFORM_ADMIN');
  if (!state.tenant && me.tenant) state.tenant = me.tenant.slug;
  if (!state.tenant && state.platformAdmin) {
    const tenants = await api('/api/v1/tenants?size=2');
    if (tenants.total === 1) state.tenant = tenants.items[0].slug;
  }
  save();
  return me;
}

export const isAdmin = () => state.platformAdmin || (state.me && state.me.roles.includes('TENANT_ADMIN'));
/** Editors, reviewers and admins change content; viewers only look. */
export const canEdit = () => isAdmin() || (state.me && state.me.roles.some((r) => r === 'EDITOR' || r === 'REVIEWER'));
