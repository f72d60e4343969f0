// Hash routing: views register a path pattern ('/spaces/:space') and a render function; the router draws the
// header, checks the session and renders the matching view into <main>. Views call rerender() after a change.
import { state, save } from './state.js';
import { t } from './i18n.js';
import { api, logout } from './api.js';
import { loadMe } from './session.js';
import { h, $, select, page, errorBox } from './dom.js';
import { begin, isCurrent } from './navigation.js';

const routes = [];
const navigation = [];

/**
 * path: '/widgets/:id' style; render(params, query) draws into <main> (params by name); name marks the view on
 * body[data-view] (tests wait for it); nav: the navigation entry to highlight; public: shown without a session;
 * noTenant: usable before a tenant is chosen.
 */
export function route(path, render, { name, nav, public: open = false, noTenant = false } = {}) {
  const keys = [];
  const re = new RegExp('^' + path.replace(/:(\w+)/g, (_, k) => { keys.push(k); return '([^/]+)'; }) + '$');
  routes.push({ re, keys, render, name: name || path.split('/')[1], nav, open, noTenant });
}

/** A navigation entry: key is the text key suffix (nav_<key>) and the hash path; platform: platform admins only. */
export function navEntry(key, { platform = false } = {}) {
  navigation.push({ key, platform });
}

function match(path) {
  for (const r of routes) {
    const m = r.re.exec(path);
    if (m) return { r, params: Object.fromEntries(r.keys.map((k, i) => [k, decodeURIComponent(m[i + 1])])) };
  }
  return null;
}

async function header(active) {
  document.documentElement.lang = state.lang;
  $('#skip').textContent = t('skip');
  const nav = $('#nav'); nav.setAttribute('aria-label', t('mainNav')); nav.replaceChildren();
  const tools = $('#tools'); tools.replaceChildren();
  tools.append(h('button', { type: 'button', lang: state.lang === 'de' ? 'en' : 'de',
    onclick: () => { state.lang = state.lang === 'de' ? 'en' : 'de'; save(); rerender(); } }, t('switchLang')));
  if (!state.token) return;
  const list = h('ul');
  for (const e of navigation) {
    if (e.platform && !state.platformAdmin) continue;
    list.append(h('li', null, h('a', { href: '#/' + e.key, 'aria-current': active === e.key ? 'page' : null, text: t('nav_' + e.key) })));
  }
  nav.append(list);
  if (state.platformAdmin) {
    let tenants = [];
    try { tenants = (await api('/api/v1/tenants?size=200')).items; } catch (e) { /* the tenants page shows the error */ }
    // an installation with more tenants than one page: the one being worked on is always in the switch
    if (state.tenant && !tenants.some((x) => x.slug === state.tenant)) {
      try { tenants = [await api('/api/v1/tenants/' + encodeURIComponent(state.tenant)), ...tenants]; } catch (e) { /* gone: the switch shows what exists */ }
    }
    const sel = select('tenant', [['', t('chooseTenant')], ...tenants.map((x) => [x.slug, x.name + ' (' + x.slug + ')'])], state.tenant || '', { id: 'tenant-switch' });
    sel.addEventListener('change', () => { state.tenant = sel.value || undefined; save(); rerender(); });
    tools.append(h('label', { for: 'tenant-switch', text: t('tenant') }), sel);
  }
  tools.append(h('a', { href: '#/account', class: 'tool-link', 'aria-current': active === 'account' ? 'page' : null, text: t('nav_account') }));
  tools.append(h('button', { type: 'button', onclick: logout }, t('logout')));
}

let leaving = [];
/** Runs fn when the current view is replaced (closing its live streams, timers). */
export function onLeave(fn) {
  leaving.push(fn);
}

let moved = false;
export async function rerender() {
  // every render is a navigation of its own: the previous one's requests are aborted and their answers dropped
  const nav = begin();
  for (const fn of leaving.splice(0)) { try { fn(); } catch (e) { /* a cleanup must not block the next view */ } }
  const raw = location.hash.replace(/^#/, '') || '/spaces';
  const [path, qs] = raw.split('?');
  const query = new URLSearchParams(qs || '');
  const found = match(path);
  if (!state.token && !(found && found.r.open)) { location.hash = '#/login'; return; }
  if (state.token && !state.me) { try { await loadMe(); } catch (e) { if (isCurrent(nav)) logout(); return; } }
  await header(found ? found.r.nav : null);
  if (!isCurrent(nav)) return;
  const main = $('#main');
  if (!found) { page('notFound'); return; }
  if (!found.r.open && !found.r.noTenant && !state.tenant) { location.hash = state.platformAdmin ? '#/tenants' : '#/login'; return; }
  main.replaceChildren(h('p', { text: t('loading') }));
  document.body.dataset.view = 'loading';
  try { await found.r.render(found.params, query); } catch (e) { if (isCurrent(nav)) main.replaceChildren(h('h1', { text: t('errorTitle') }), errorBox(e)); }
  if (!isCurrent(nav)) return; // the user moved on meanwhile: the newer navigation owns the page
  const h1 = $('h1', main);
  if (moved && h1) { h1.setAttribute('tabindex', '-1'); h1.focus({ preventScroll: false }); }
  moved = true;
  document.body.dataset.view = found.r.name;
}

export function start() {
  window.addEventListener('hashchange', rerender);
  rerender();
}
