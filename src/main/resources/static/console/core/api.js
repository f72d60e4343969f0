// The console's only way to the server: the public REST API with the bearer token, problem+json errors as ApiError,
// and Accept-Language so the server's error texts come in the UI's language.
import { state, save } from './state.js';
import { active, isCurrent, never } from './navigation.js';

export class ApiError extends Error {
  /** body: an RFC 9457 problem (title, detail, code, errors[{field, message}]) or null. */
  constructor(status, body) {
    const problem = body && typeof body === 'object' ? body : {};
    super(problem.detail || problem.title || 'HTTP ' + status);
    this.status = status;
    this.code = problem.code;
    this.detail = problem.detail;
    this.errors = Array.isArray(problem.errors) ? problem.errors : [];
  }
}

export function headers(extra) {
  const h = Object.assign({ 'Accept-Language': state.lang === 'en' ? 'en' : 'de' }, extra);
  if (state.token) h.Authorization = 'Bearer ' + state.token;
  return h;
}

/** Path of a resource of the chosen tenant. */
export const tp = (path) => '/api/v1/tenants/' + encodeURIComponent(state.tenant) + path;

/**
 * A GET belongs to the navigation it was made in (core/navigation.js): leaving the view aborts it, and its answer,
 * if it still comes, is dropped (the returned promise never settles). Changes (POST, PUT, DELETE) always complete.
 */
export async function api(path, { method = 'GET', body, form } = {}) {
  const nav = method === 'GET' ? active() : null;
  let payload;
  const h = headers({ Accept: 'application/json, application/problem+json' });
  if (form) payload = form; else if (body !== undefined) { h['Content-Type'] = 'application/json'; payload = JSON.stringify(body); }
  let res;
  let text;
  try {
    res = await fetch(path, { method, headers: h, body: payload, signal: nav ? nav.controller.signal : undefined });
    if (nav && !isCurrent(nav)) return never();
    if (res.status === 401 && state.token && !path.startsWith('/api/v1/auth/')) {
      if (await refresh()) return api(path, { method, body, form });
      logout();
      throw new ApiError(401, null);
    }
    text = await res.text();
  } catch (e) {
    if (nav && !isCurrent(nav)) return never(); // aborted by leaving the view: nobody waits for it any more
    throw e;
  }
  if (nav && !isCurrent(nav)) return never();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

/** Fetches a file with the session's token and language and hands it to the browser as a download. */
export async function download(path, filename) {
  let res = await fetch(path, { headers: headers({ Accept: '*/*' }) });
  if (res.status === 401 && await refresh()) res = await fetch(path, { headers: headers({ Accept: '*/*' }) });
  if (!res.ok) {
    let body = null;
    try { body = await res.json(); } catch (e) { body = null; }
    throw new ApiError(res.status, body);
  }
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url; a.download = filename; document.body.append(a); a.click(); a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** Rotates the refresh token; false when the session cannot be continued. */
export async function refresh() {
  if (!state.refreshToken) return false;
  try {
    const res = await fetch('/api/v1/auth/refresh', { method: 'POST', headers: headers({ 'Content-Type': 'application/json' }),
      body: JSON.stringify({ refreshToken: state.refreshToken }) });
    if (!res.ok) return false;
    const tokens = await res.json();
    state.token = tokens.accessToken; state.refreshToken = tokens.refreshToken; save();
    return true;
  } catch (e) { return false; }
}

export function logout() {
  delete state.token; delete state.refreshToken; delete state.me; delete state.tenant; delete state.platformAdmin; save();
  location.hash = '#/login';
}
