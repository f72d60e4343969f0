// WattOS console: one small SPA (ES modules, hash routing) on the public REST API only. The bearer token lives in
// sessionStorage. All text goes into the DOM through textContent (h()), never as HTML.
import { I18N } from './i18n.js';

// ---------------------------------------------------------------- state
const KEY = 'wattos.console';
const state = Object.assign({ lang: 'de' }, JSON.parse(sessionStorage.getItem(KEY) || '{}'));
const save = () => sessionStorage.setItem(KEY, JSON.stringify(state));
const t = (key, vars) => {
  let s = (I18N[state.lang] || I18N.de)[key] ?? I18N.de[key] ?? key;
  if (vars) for (const k in vars) s = s.split('{' + k + '}').join(String(vars[k]));
  return s;
};

// ---------------------------------------------------------------- DOM helpers
export function h(tag, attrs, ...kids) {
  const n = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k === 'text') n.textContent = v;
    else if (k.startsWith('on')) n.addEventListener(k.slice(2), v);
    else if (k === 'value') n.value = v;
    else n.setAttribute(k, v === true ? '' : v);
  }
  for (const c of kids.flat()) if (c != null && c !== false) n.append(c instanceof Node ? c : String(c));
  return n;
}
const $ = (sel, root = document) => root.querySelector(sel);
let uid = 0;
const id = (p) => p + '-' + (++uid);
function field(label, input, hint) {
  if (!input.id) input.id = id('f');
  return h('div', { class: 'field' }, h('label', { for: input.id }, label, hint ? h('span', { class: 'hint', text: ' ' + hint }) : null), input,
    h('div', { class: 'field-error', id: input.id + '-err' }));
}
const input = (name, attrs = {}) => h('input', Object.assign({ name, type: 'text' }, attrs));
function select(name, options, value, attrs = {}) {
  const s = h('select', Object.assign({ name }, attrs));
  for (const [v, label] of options) s.append(h('option', { value: v, selected: String(v) === String(value) }, label));
  return s;
}
const safeHref = (u) => { try { const x = new URL(u, location.href); return ['http:', 'https:'].includes(x.protocol) ? x.href : null; } catch (e) { return null; } };
const extLink = (href, label) => safeHref(href) ? h('a', { href: safeHref(href), target: '_blank', rel: 'noopener noreferrer' }, label || href) : (label || href || '');
const items = (x) => (Array.isArray(x) ? x : (x && (x.items || x.content || x.data || x.results)) || []);
const fmtTime = (v) => { if (!v) return ''; const d = new Date(v); return isNaN(d) ? String(v) : d.toLocaleString(state.lang === 'en' ? 'en-GB' : 'de-DE'); };
function toast(msg) { const n = $('#toast'); n.textContent = msg; n.classList.add('show'); clearTimeout(toast.timer); toast.timer = setTimeout(() => n.classList.remove('show'), 3500); }
function errorBox(e) { return h('p', { class: 'error', role: 'alert', text: t('error', { msg: e.detail || e.message }) }); }

function table(columns, rows, caption) {
  if (!rows.length) return h('p', { class: 'muted', text: t('none') });
  return h('table', null, caption ? h('caption', { class: 'sr', text: caption }) : null,
    h('thead', null, h('tr', null, columns.map((c) => h('th', { scope: 'col', class: c.num ? 'num' : null, text: c.label })))),
    h('tbody', null, rows.map((r) => h('tr', null, columns.map((c) => { const v = c.value(r); return h('td', { class: c.num ? 'num' : null }, v == null ? '' : v); })))));
}

// ---------------------------------------------------------------- HTTP
class ApiError extends Error {
  constructor(status, body) { super((body && (body.detail || body.title)) || 'HTTP ' + status); this.status = status; this.code = body && body.code; this.detail = body && body.detail; this.errors = (body && body.errors) || []; }
}
async function api(path, { method = 'GET', body, form } = {}) {
  const headers = { Accept: 'application/json' };
  if (state.token) headers.Authorization = 'Bearer ' + state.token;
  let payload;
  if (form) payload = form; else if (body !== undefined) { headers['Content-Type'] = 'application/json'; payload = JSON.stringify(body); }
  const res = await fetch(path, { method, headers, body: payload });
  if (res.status === 401 && state.token && !path.startsWith('/api/v1/auth/')) {
    if (await refresh()) return api(path, { method, body, form });
    logout(); throw new ApiError(401, { detail: 'Session expired' });
  }
  const text = await res.text();
  let data = null; try { data = text ? JSON.parse(text) : null; } catch (e) { data = text; }
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}
async function refresh() {
  if (!state.refreshToken) return false;
  try {
    const res = await fetch('/api/v1/auth/refresh', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ refreshToken: state.refreshToken }) });
    if (!res.ok) return false;
    const b = await res.json(); state.token = b.accessToken; if (b.refreshToken) state.refreshToken = b.refreshToken; save(); return true;
  } catch (e) { return false; }
}
const tp = (path) => '/api/v1/tenants/' + encodeURIComponent(state.tenant) + path;

/** Server-Sent Events over fetch (so the bearer token can be sent); calls onEvent(name, data) until the stream ends. */
async function sse(path, { method = 'GET', body, signal } = {}, onEvent) {
  const headers = { Accept: 'text/event-stream' };
  if (state.token) headers.Authorization = 'Bearer ' + state.token;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
  if (!res.ok) { let b = null; try { b = await res.json(); } catch (e) { /* none */ } throw new ApiError(res.status, b); }
  const reader = res.body.getReader(); const dec = new TextDecoder(); let buf = '';
  const flush = (block) => {
    let event = 'message'; const data = [];
    for (const line of block.split(/\r?\n/)) {
      if (!line || line[0] === ':') continue;
      const i = line.indexOf(':'); const f = i < 0 ? line : line.slice(0, i); let v = i < 0 ? '' : line.slice(i + 1); if (v[0] === ' ') v = v.slice(1);
      if (f === 'event') event = v; else if (f === 'data') data.push(v);
    }
    if (data.length) { const raw = data.join('\n'); let d = raw; try { d = JSON.parse(raw); } catch (e) { /* text */ } onEvent(event, d); }
  };
  for (;;) {
    const { value, done } = await reader.read(); if (done) break;
    buf += dec.decode(value, { stream: true });
    let m; while ((m = /\r?\n\r?\n/.exec(buf))) { flush(buf.slice(0, m.index)); buf = buf.slice(m.index + m[0].length); }
  }
  if (buf.trim()) flush(buf);
}

// form errors from problem+json (errors[].field) shown next to the fields
function showErrors(form, e) {
  for (const n of form.querySelectorAll('.field-error')) n.textContent = '';
  for (const n of form.querySelectorAll('[aria-invalid]')) n.removeAttribute('aria-invalid');
  let shown = 0;
  for (const fe of e.errors || []) {
    const base = String(fe.field || '').replace(/\[\d+\]$/, '');
    const inp = form.querySelector(`[name="${CSS.escape(base)}"]`) || form.querySelector(`[name="${CSS.escape(fe.field)}"]`);
    if (inp) { inp.setAttribute('aria-invalid', 'true'); inp.setAttribute('aria-describedby', inp.id + '-err'); const err = $('#' + CSS.escape(inp.id) + '-err', form); if (err) err.textContent += (err.textContent ? ' ' : '') + fe.field + ': ' + fe.message; shown++; }
  }
  const box = form.querySelector('.form-error');
  if (box) box.textContent = shown ? t('fixErrors') + ' ' + (e.detail || '') : t('error', { msg: e.detail || e.message });
}
function formError() { return h('p', { class: 'form-error error', role: 'alert' }); }

// ---------------------------------------------------------------- session
function logout() { delete state.token; delete state.refreshToken; delete state.me; delete state.tenant; save(); location.hash = '#/login'; }
async function loadMe() {
  const me = await api('/api/v1/me');
  state.me = me;
  const roles = [].concat(me.roles || me.role || []);
  state.platformAdmin = !!(me.platformAdmin || roles.includes('PLATFORM_ADMIN'));
  if (!state.tenant) {
    const tn = me.tenant && typeof me.tenant === 'object' ? (me.tenant.slug || me.tenant.id) : (me.tenantSlug || me.tenant || me.tenantId);
    if (tn) state.tenant = tn;
  }
  save();
}

// ---------------------------------------------------------------- layout
const NAV = ['spaces', 'search', 'chat', 'widgets', 'providers', 'users', 'apikeys', 'audit'];
async function chrome(active) {
  document.documentElement.lang = state.lang;
  $('#skip').textContent = t('skip');
  const nav = $('#nav'); nav.setAttribute('aria-label', t('mainNav')); nav.replaceChildren();
  const tools = $('#tools'); tools.replaceChildren();
  tools.append(h('button', { type: 'button', lang: state.lang === 'de' ? 'en' : 'de', onclick: () => { state.lang = state.lang === 'de' ? 'en' : 'de'; save(); route(); } }, t('switchLang')));
  if (!state.token) return;
  const list = h('ul');
  const entries = state.platformAdmin ? ['tenants', ...NAV] : NAV;
  for (const k of entries) list.append(h('li', null, h('a', { href: '#/' + k, 'aria-current': active === k ? 'page' : null, text: t('nav_' + k) })));
  nav.append(list);
  if (state.platformAdmin) {
    let tenants = [];
    try { tenants = items(await api('/api/v1/tenants?size=200')); } catch (e) { /* shown on the tenants page */ }
    const sel = select('tenant', [['', t('chooseTenant')], ...tenants.map((x) => [x.slug || x.id, x.name ? x.name + ' (' + (x.slug || x.id) + ')' : (x.slug || x.id)])], state.tenant || '', { id: 'tenant-switch' });
    sel.addEventListener('change', () => { state.tenant = sel.value || undefined; save(); route(); });
    tools.append(h('label', { for: 'tenant-switch', text: t('tenant') }), sel);
  }
  tools.append(h('button', { type: 'button', onclick: logout }, t('logout')));
}
function page(titleKey, ...content) {
  const main = $('#main');
  document.title = t(titleKey) + ' – ' + t('appTitle');
  main.replaceChildren(h('h1', { text: t(titleKey) }), ...content);
  return main;
}

// ---------------------------------------------------------------- views
const views = {};

views.login = async () => {
  const form = h('form', { class: 'stack card', novalidate: true },
    field(t('username'), input('username', { autocomplete: 'username', required: true })),
    field(t('password'), input('password', { type: 'password', autocomplete: 'current-password', required: true })),
    field(t('tenantOptional'), input('tenant', { autocomplete: 'organization' }), t('tenantHint')),
    formError(), h('div', null, h('button', { type: 'submit' }, t('login'))));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const f = new FormData(form); const body = { username: f.get('username'), password: f.get('password') };
    if (f.get('tenant')) body.tenant = f.get('tenant');
    try {
      const r = await api('/api/v1/auth/login', { method: 'POST', body });
      state.token = r.accessToken; state.refreshToken = r.refreshToken; state.tenant = body.tenant; save();
      await loadMe();
      location.hash = state.tenant ? '#/spaces' : '#/tenants';
    } catch (e) { $('.form-error', form).textContent = t('loginFailed', { msg: e.detail || e.message }); }
  });
  page('login', form);
  $('[name=username]', form).focus();
};

views.tenants = async () => {
  const list = items(await api('/api/v1/tenants?size=200'));
  const form = h('form', { class: 'stack card' }, h('h2', { text: t('newTenant') }),
    field(t('slug'), input('slug', { required: true, pattern: '[a-z0-9-]+' })), field(t('name'), input('name', { required: true })),
    formError(), h('div', null, h('button', { type: 'submit' }, t('create'))));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault(); const f = new FormData(form);
    try { const r = await api('/api/v1/tenants', { method: 'POST', body: { slug: f.get('slug'), name: f.get('name') } }); state.tenant = r.slug || r.id; save(); toast(t('saved')); route(); } catch (e) { showErrors(form, e); }
  });
  page('tenants', table([
    { label: t('name'), value: (x) => x.name },
    { label: t('slug'), value: (x) => x.slug },
    { label: t('status'), value: (x) => x.status || '' },
    { label: t('actions'), value: (x) => h('button', { type: 'button', class: 'secondary', onclick: () => { state.tenant = x.slug || x.id; save(); location.hash = '#/spaces'; } }, t('open') + ' ' + (x.slug || '')) }
  ], list, t('tenants')), form);
};

views.spaces = async () => {
  const list = items(await api(tp('/spaces?size=200')));
  const form = h('form', { class: 'stack card' }, h('h2', { text: t('newSpace') }),
    field(t('name'), input('name', { required: true })), field(t('description'), input('description')), formError(),
    h('div', null, h('button', { type: 'submit' }, t('create'))));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault(); const f = new FormData(form);
    try { const r = await api(tp('/spaces'), { method: 'POST', body: { name: f.get('name'), description: f.get('description') || null } }); toast(t('saved')); location.hash = '#/spaces/' + r.id; } catch (e) { showErrors(form, e); }
  });
  page('spaces', table([
    { label: t('name'), value: (x) => h('a', { href: '#/spaces/' + x.id, text: x.name }) },
    { label: t('description'), value: (x) => x.description || '' },
    { label: t('documents'), num: true, value: (x) => x.documentCount ?? x.documents ?? '' },
    { label: t('created'), value: (x) => fmtTime(x.createdAt) }
  ], list, t('spaces')), form);
};

views.space = async ([spaceId]) => {
  const space = await api(tp('/spaces/' + spaceId));
  const main = page('space');
  $('h1', main).textContent = t('space') + ': ' + space.name;
  // sources
  const sourcesBox = h('section', { class: 'card', 'aria-labelledby': 'h-src' }, h('h2', { id: 'h-src', text: t('sources') }));
  const renderSources = async () => {
    const sources = items(await api(tp('/spaces/' + spaceId + '/sources')));
    await Promise.all(sources.map(async (x) => { try { x.lastCrawl = items(await api(tp('/sources/' + x.id + '/crawls?size=1')))[0]; } catch (e) { /* none */ } }));
    const tbl = table([
      { label: t('name'), value: (x) => x.name || '' },
      { label: t('type'), value: (x) => x.type },
      { label: t('startUrl'), value: (x) => (x.startUrls || (x.config && x.config.startUrls) || []).map((u) => extLink(u)) },
      { label: t('lastCrawl'), value: (x) => x.lastCrawl ? h('a', { href: '#/crawls/' + x.lastCrawl.id + '?space=' + spaceId, text: x.lastCrawl.status + ' · ' + fmtTime(x.lastCrawl.finishedAt || x.lastCrawl.createdAt) }) : '' },
      { label: t('actions'), value: (x) => h('button', { type: 'button', class: 'secondary', onclick: async (ev) => {
        ev.target.disabled = true;
        try { const c = await api(tp('/sources/' + x.id + '/crawls'), { method: 'POST', body: {} }); location.hash = '#/crawls/' + c.id + '?space=' + spaceId; } catch (e) { ev.target.disabled = false; toast(t('error', { msg: e.detail || e.message })); }
      } }, t('startCrawl') + (x.name ? ': ' + x.name : '')) }
    ], sources, t('sources'));
    const old = $('#sources-table', sourcesBox); const wrap = h('div', { id: 'sources-table' }, tbl);
    if (old) old.replaceWith(wrap); else sourcesBox.insertBefore(wrap, sourcesBox.children[1] || null);
  };
  const addForm = h('form', { class: 'stack' }, h('h3', { text: t('addWebsite') }),
    field(t('name'), input('name')), field(t('startUrl'), input('startUrls', { type: 'url', required: true }), t('startUrlHint')), formError(),
    h('div', null, h('button', { type: 'submit' }, t('addWebsite'))));
  addForm.addEventListener('submit', async (ev) => {
    ev.preventDefault(); const f = new FormData(addForm);
    const url = String(f.get('startUrls') || '').trim();
    let name = f.get('name'); if (!name) { try { name = new URL(url).host; } catch (e) { name = url; } }
    try { await api(tp('/spaces/' + spaceId + '/sources'), { method: 'POST', body: { type: 'website', name, startUrls: [url] } }); addForm.reset(); toast(t('saved')); await renderSources(); } catch (e) { showErrors(addForm, e); }
  });
  sourcesBox.append(addForm);
  // documents
  const docsBox = h('section', { class: 'card', 'aria-labelledby': 'h-docs' }, h('h2', { id: 'h-docs', text: t('documents') }));
  const docsTable = h('div');
  const renderDocs = async () => {
    const docs = items(await api(tp('/spaces/' + spaceId + '/documents?size=200')));
    docsTable.replaceChildren(table([
      { label: t('title'), value: (x) => x.url ? extLink(x.url, x.title || x.url) : (x.title || x.filename || x.id) },
      { label: t('status'), value: (x) => h('span', { class: 'status ' + (/fail/i.test(x.status) ? 'bad' : /index|ready|ok/i.test(x.status) ? 'ok' : 'warn'), text: x.status }) },
      { label: t('failureReason'), value: (x) => x.failureReason || x.reason || x.error || '' },
      { label: t('chunks'), num: true, value: (x) => x.chunkCount ?? '' },
      { label: t('actions'), value: (x) => h('button', { type: 'button', class: 'danger', onclick: async () => {
        if (!confirm(t('confirmDelete', { name: x.title || x.id }))) return;
        try { await api(tp('/spaces/' + spaceId + '/documents/' + x.id), { method: 'DELETE' }); toast(t('deleted')); renderDocs(); } catch (e) { toast(t('error', { msg: e.detail || e.message })); }
      }, 'aria-label': t('delete') + ': ' + (x.title || x.filename || x.id) }, t('delete')) }
    ], docs, t('documents')));
  };
  const upForm = h('form', { class: 'stack' }, field(t('files'), h('input', { type: 'file', name: 'files', multiple: true, required: true })), formError(),
    h('div', null, h('button', { type: 'submit' }, t('upload')), ' ', h('button', { type: 'button', class: 'secondary', onclick: renderDocs }, t('refresh'))));
  upForm.addEventListener('submit', async (ev) => {
    ev.preventDefault(); const fd = new FormData(upForm);
    try { await api(tp('/spaces/' + spaceId + '/documents'), { method: 'POST', form: fd }); toast(t('uploadDone', { n: fd.getAll('files').length })); upForm.reset(); renderDocs(); } catch (e) { showErrors(upForm, e); }
  });
  docsBox.append(docsTable, upForm);
  main.append(sourcesBox, docsBox);
  await Promise.all([renderSources(), renderDocs()]);
};

let crawlAbort = null;
views.crawl = async ([crawlId], query) => {
  const spaceId = query.get('space');
  const counters = h('div');
  const statusLine = h('p', { role: 'status', 'aria-live': 'polite' });
  const prog = h('progress', { max: '100', 'aria-label': t('live') });
  const failures = h('div');
  const main = page('crawlReport', spaceId ? h('p', null, h('a', { href: '#/spaces/' + spaceId, text: t('backToSpace') })) : null,
    h('section', { class: 'card' }, h('h2', { text: t('live') }), statusLine, prog, h('h3', { text: t('counters') }), counters),
    h('section', { class: 'card' }, h('h2', { text: t('failures') }), failures));
  const show = (c) => {
    const running = /run|queue|pend|start/i.test(c.status || '');
    statusLine.textContent = t('status') + ': ' + t('st_' + c.status) + ' (' + (c.status || '?') + ')' + (running ? ' – ' + t('crawlRunning') : '');
    const nums = Object.assign({}, c.counters || {}, ...['fetched', 'discovered', 'new', 'changed', 'unchanged', 'removed', 'skipped', 'failed'].filter((k) => typeof c[k] === 'number').map((k) => ({ [k]: c[k] })));
    counters.replaceChildren(table([{ label: t('counters'), value: ([k]) => t('c_' + k) }, { label: t('count'), num: true, value: ([, v]) => String(v) }], Object.entries(nums), t('counters')));
    const done = nums.fetched, total = nums.discovered;
    if (running && done != null && total) { prog.value = Math.min(100, Math.round((100 * done) / Math.max(1, total))); } else if (!running) prog.value = 100; else prog.removeAttribute('value');
    const fl = c.failures || c.errors || [];
    failures.replaceChildren(fl.length ? table([{ label: t('url'), value: (x) => extLink(x.url) }, { label: t('reason'), value: (x) => x.reason || x.message || x.error || '' }, { label: 'HTTP', value: (x) => x.status ?? x.httpStatus ?? '' }], fl, t('failures')) : h('p', { text: t('noFailures') }));
    return running;
  };
  const load = async () => show(await api(tp('/crawls/' + crawlId)));
  let running = await load();
  if (crawlAbort) crawlAbort.abort();
  if (running) {
    const ctl = new AbortController(); crawlAbort = ctl;
    const poll = setInterval(() => { if (!main.isConnected) { clearInterval(poll); ctl.abort(); return; } load().then((r) => { if (!r) { clearInterval(poll); ctl.abort(); } }).catch(() => {}); }, 2000);
    sse(tp('/crawls/' + crawlId + '/events'), { signal: ctl.signal }, (ev, d) => { if (d && typeof d === 'object' && (d.status || d.counters)) show(Object.assign({}, d)); if (/end|finish|done|complete/i.test(ev)) load(); })
      .catch(() => { /* polling covers it */ }).finally(() => load().catch(() => {}));
  }
};

async function spaceOptions() { try { return items(await api(tp('/spaces?size=200'))); } catch (e) { return []; } }
function spacePicker(spaces, name = 'spaceIds', selected = []) {
  const fs = h('fieldset', null, h('legend', { text: t('spacesForWidget') }));
  if (!spaces.length) fs.append(h('p', { class: 'muted', text: t('none') }));
  for (const s of spaces) { const cid = id('sp'); fs.append(h('div', null, h('input', { type: 'checkbox', id: cid, name, value: s.id, checked: selected.includes(s.id) }), ' ', h('label', { for: cid, style: 'display:inline', text: s.name }))); }
  return fs;
}

views.search = async () => {
  const spaces = await spaceOptions();
  const results = h('section', { 'aria-live': 'polite', 'aria-labelledby': 'h-res' });
  const form = h('form', { class: 'stack card', role: 'search' },
    field(t('query'), input('query', { type: 'search', required: true })),
    h('div', { class: 'row' }, field(t('mode'), select('mode', [['hybrid', t('mode_hybrid')], ['lexical', t('mode_lexical')], ['vector', t('mode_vector')]], 'hybrid')),
      field(t('topK'), input('topK', { type: 'number', min: '1', max: '50', value: '10' }))),
    spacePicker(spaces), formError(), h('div', null, h('button', { type: 'submit' }, t('doSearch'))));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault(); const f = new FormData(form);
    try {
      const r = await api(tp('/search'), { method: 'POST', body: { query: f.get('query'), spaceIds: f.getAll('spaceIds'), topK: Number(f.get('topK') || 10), mode: String(f.get('mode')).toUpperCase() } });
      const hits = r.hits || [];
      results.replaceChildren(h('h2', { id: 'h-res', text: t('results', { n: hits.length, ms: r.tookMs ?? '?' }) }),
        ...hits.map((x, i) => h('article', { class: 'hit' }, h('h3', null, (i + 1) + '. ', extLink(x.url, x.title || x.url)),
          x.headingPath ? h('p', { class: 'muted', text: x.headingPath + (x.page ? ' · ' + t('page') + ' ' + x.page : '') }) : null,
          snippet(x.snippet), h('p', { class: 'muted', text: t('score') + ': ' + (typeof x.score === 'number' ? x.score.toFixed(4) : x.score) }))));
    } catch (e) { showErrors(form, e); }
  });
  page('search', form, results);
};
// snippets may carry highlight marks (<b>, <em>, <mark>): render them as <mark>, everything else as text
function snippet(s) {
  const p = h('p');
  String(s || '').split(/(<\/?(?:b|em|strong|mark)>)/i).reduce((open, part) => {
    if (/^<(b|em|strong|mark)>$/i.test(part)) return true;
    if (/^<\/(b|em|strong|mark)>$/i.test(part)) return false;
    const text = part.replace(/&(amp|lt|gt|quot|#39|#x27|apos);/g, (m, e) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'", apos: "'" })[e]);
    if (text) p.append(open ? h('mark', { text }) : text);
    return open;
  }, false);
  return p;
}

views.chat = async () => {
  const spaces = await spaceOptions();
  const log = h('div', { class: 'chat-log', role: 'log', 'aria-live': 'polite', tabindex: '0', 'aria-label': t('chat') });
  let conversation = null;
  const form = h('form', { class: 'stack card' }, spacePicker(spaces), field(t('question'), h('textarea', { name: 'content', rows: '3', required: true, maxlength: '4000' })), formError(),
    h('div', { class: 'row' }, h('button', { type: 'submit' }, t('ask')), h('button', { type: 'button', class: 'secondary', onclick: () => { conversation = null; log.replaceChildren(); } }, t('newConversation'))));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault(); const f = new FormData(form); const content = String(f.get('content') || '').trim(); if (!content) return;
    const btn = $('button[type=submit]', form); btn.disabled = true;
    try {
      if (!conversation) { const c = await api(tp('/conversations'), { method: 'POST', body: { spaceIds: f.getAll('spaceIds'), title: content.slice(0, 80) } }); conversation = c.id; }
      $('textarea', form).value = '';
      log.append(h('div', { class: 'u', text: content }));
      const answer = h('div', { class: 'a', text: t('answering') }); const meta = h('p', { class: 'muted' }); const cites = h('ol');
      log.append(h('div', null, answer, cites, meta));
      let text = ''; let model = '';
      log.setAttribute('aria-busy', 'true');
      await sse(tp('/conversations/' + conversation + '/messages'), { method: 'POST', body: { content, stream: true } }, (event, d) => {
        const o = d && typeof d === 'object' ? d : {};
        if (event === 'start') model = o.model || model;
        if (event === 'delta') { text += typeof d === 'string' ? d : (o.text || o.delta || o.content || ''); answer.textContent = text; }
        if (event === 'citations') cites.replaceChildren(...(Array.isArray(d) ? d : o.citations || []).map((x) => h('li', { value: String(x.n || '') }, extLink(x.url, x.title || x.url), x.headingPath ? ' – ' + x.headingPath : '')));
        if (event === 'end') { model = o.model || model; if (!text && o.content) { text = o.content; answer.textContent = text; } meta.textContent = t('model') + ': ' + (model || '?') + (o.latencyMs != null ? ' · ' + o.latencyMs + ' ms' : '') + (o.noAnswer ? ' · no answer' : ''); }
        if (event === 'error') answer.textContent = t('error', { msg: o.message || o.detail || o.code || d });
      });
      if (!meta.textContent) meta.textContent = t('model') + ': ' + (model || '?');
    } catch (e) { showErrors(form, e); } finally { btn.disabled = false; log.setAttribute('aria-busy', 'false'); log.scrollTop = log.scrollHeight; }
  });
  page('chat', form, log);
};

// ---------------------------------------------------------------- widgets
views.widgets = async () => {
  const list = items(await api(tp('/widgets?size=200')));
  page('widgets', table([
    { label: t('name'), value: (x) => h('a', { href: '#/widgets/' + x.id, text: x.name }) },
    { label: t('status'), value: (x) => h('span', { class: 'status ' + (x.status === 'active' ? 'ok' : 'warn'), text: x.status }) },
    { label: t('publicKey'), value: (x) => h('code', { text: x.publicKey }) },
    { label: t('allowedOrigins'), value: (x) => (x.allowedOrigins || []).join(', ') }
  ], list, t('widgets')), h('p', null, h('a', { class: 'button', href: '#/widgets/new', text: t('newWidget') })));
};

views.widget = async ([widgetId]) => {
  const isNew = widgetId === 'new';
  const spaces = await spaceOptions();
  const w = isNew ? { name: '', status: 'draft', mode: 'launcher', position: 'bottom-right', size: 'medium', locale: state.lang, allowedOrigins: [], spaceIds: spaces.map((s) => s.id),
    theme: { primaryColor: '#00508c', backgroundColor: '#ffffff', textColor: '#1a1a1a', fontFamily: 'system-ui, sans-serif', radius: 12, colorScheme: 'auto' },
    limits: { messagesPerVisitorPerHour: 30, messagesPerIpPerHour: 120, dailyTokenBudget: 200000 }, suggestedQuestions: [] } : await api(tp('/widgets/' + widgetId));
  const th = w.theme || {}; const lim = w.limits || {};
  const opts = (keys) => keys.map((k) => [k, k]);
  const form = h('form', { class: 'stack', novalidate: true },
    field(t('name'), input('name', { value: w.name, required: true })),
    h('div', { class: 'row' },
      field(t('status'), select('status', opts(['draft', 'active', 'paused']), w.status)),
      field(t('mode'), select('mode', opts(['launcher', 'inline', 'fullpage']), w.mode)),
      field(t('position'), select('position', opts(['bottom-right', 'bottom-left', 'top-right', 'top-left']), w.position)),
      field(t('size'), select('size', opts(['small', 'medium', 'large']), w.size)),
      field(t('locale'), select('locale', [['de', 'Deutsch'], ['en', 'English']], (w.locale || 'de').slice(0, 2)))),
    spacePicker(spaces, 'spaceIds', w.spaceIds || []),
    field(t('allowedOrigins'), h('textarea', { name: 'allowedOrigins', rows: '3', value: (w.allowedOrigins || []).join('\n') }), t('originsHint')),
    h('fieldset', null, h('legend', { text: t('theme') }), h('div', { class: 'row' },
      field(t('primaryColor'), input('theme.primaryColor', { type: 'color', value: th.primaryColor || '#00508c' })),
      field(t('backgroundColor'), input('theme.backgroundColor', { type: 'color', value: th.backgroundColor || '#ffffff' })),
      field(t('textColor'), input('theme.textColor', { type: 'color', value: th.textColor || '#1a1a1a' })),
      field(t('radius'), input('theme.radius', { type: 'number', min: '0', max: '32', value: String(th.radius ?? 12) })),
      field(t('colorScheme'), select('theme.colorScheme', [['auto', t('scheme_auto')], ['light', t('scheme_light')], ['dark', t('scheme_dark')]], th.colorScheme || 'auto'))),
      field(t('fontFamily'), input('theme.fontFamily', { value: th.fontFamily || '' }))),
    field(t('assistantName'), input('assistantName', { value: w.assistantName || '' })),
    field(t('avatarUrl'), input('avatarUrl', { type: 'url', value: w.avatarUrl || '' })),
    field(t('greeting'), h('textarea', { name: 'greeting', rows: '2', value: w.greeting || '' })),
    field(t('suggested'), h('textarea', { name: 'suggestedQuestions', rows: '3', value: (w.suggestedQuestions || []).join('\n') }), t('suggestedHint')),
    field(t('disclosure'), h('textarea', { name: 'disclosureText', rows: '3', value: w.disclosureText || '' })),
    field(t('privacyUrl'), input('privacyUrl', { type: 'url', value: w.privacyUrl || '' })),
    h('fieldset', null, h('legend', { text: t('limits') }), h('div', { class: 'row' },
      field(t('perVisitor'), input('limits.messagesPerVisitorPerHour', { type: 'number', min: '1', value: String(lim.messagesPerVisitorPerHour ?? 30) })),
      field(t('perIp'), input('limits.messagesPerIpPerHour', { type: 'number', min: '1', value: String(lim.messagesPerIpPerHour ?? 120) })),
      field(t('budget'), input('limits.dailyTokenBudget', { type: 'number', min: '1', value: String(lim.dailyTokenBudget ?? 200000) })))),
    formError(),
    h('div', { class: 'row' }, h('button', { type: 'submit' }, t('save')),
      isNew ? null : h('button', { type: 'button', class: 'danger', onclick: async () => {
        if (!confirm(t('confirmDelete', { name: w.name }))) return;
        try { await api(tp('/widgets/' + widgetId), { method: 'DELETE' }); toast(t('deleted')); location.hash = '#/widgets'; } catch (e) { toast(t('error', { msg: e.message })); }
      } }, t('delete'))));
  const lines = (v) => String(v || '').split('\n').map((s) => s.trim()).filter(Boolean);
  const num = (v) => (v === '' || v == null ? null : Number(v));
  const collect = () => {
    const f = new FormData(form); const g = (k) => { const v = f.get(k); return v == null || v === '' ? null : String(v); };
    return { name: g('name') || '', status: g('status'), mode: g('mode'), position: g('position'), size: g('size'), locale: g('locale'),
      spaceIds: f.getAll('spaceIds'), allowedOrigins: lines(f.get('allowedOrigins')), assistantName: g('assistantName'), avatarUrl: g('avatarUrl'),
      greeting: g('greeting'), suggestedQuestions: lines(f.get('suggestedQuestions')), disclosureText: g('disclosureText'), privacyUrl: g('privacyUrl'),
      theme: { primaryColor: g('theme.primaryColor'), backgroundColor: g('theme.backgroundColor'), textColor: g('theme.textColor'), fontFamily: g('theme.fontFamily'), radius: num(g('theme.radius')), colorScheme: g('theme.colorScheme') },
      limits: { messagesPerVisitorPerHour: num(g('limits.messagesPerVisitorPerHour')), messagesPerIpPerHour: num(g('limits.messagesPerIpPerHour')), dailyTokenBudget: num(g('limits.dailyTokenBudget')) } };
  };
  // live preview with the real widget element, fed locally (no server round trip)
  const box = h('div', { class: 'preview-box' });
  const paint = () => {
    const c = collect(); const el = document.createElement('wattos-assistant');
    el.setAttribute('mode', 'inline'); el.setAttribute('locale', c.locale || 'de');
    el.preview({ mode: 'inline', size: c.size, theme: c.theme, assistantName: c.assistantName, avatarUrl: c.avatarUrl, greeting: c.greeting,
      suggestedQuestions: c.suggestedQuestions.slice(0, 6), locale: c.locale, privacyUrl: c.privacyUrl, disclosureText: c.disclosureText, maxMessageLength: 4000 });
    box.replaceChildren(el);
  };
  let timer = 0; form.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(paint, 200); });
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      const saved = await api(isNew ? tp('/widgets') : tp('/widgets/' + widgetId), { method: isNew ? 'POST' : 'PUT', body: collect() });
      toast(t('saved'));
      if (isNew) location.hash = '#/widgets/' + saved.id; else route();
    } catch (e) { showErrors(form, e); }
  });
  const embed = h('section', { class: 'card', 'aria-labelledby': 'h-embed' }, h('h2', { id: 'h-embed', text: t('embedCode') }));
  if (!isNew) {
    try {
      const code = await api(tp('/widgets/' + widgetId + '/embed-code'));
      const block = (label, text, key) => { const pid = id('code'); return h('div', null, h('h3', { id: pid, text: label }), h('pre', { 'aria-labelledby': pid, 'data-embed': key }, h('code', { text })),
        h('button', { type: 'button', class: 'secondary', onclick: async () => { try { await navigator.clipboard.writeText(text); toast(t('copied')); } catch (e) { toast(text); } } }, t('copy') + ': ' + label)); };
      embed.append(block(t('scriptTag'), code.script, 'script'), block(t('iframe'), code.iframe, 'iframe'),
        h('p', null, h('a', { href: code.previewUrl || ('/w/' + w.publicKey + '/preview'), target: '_blank', rel: 'noopener', text: t('previewPage') })));
    } catch (e) { embed.append(errorBox(e)); }
  }
  const main = page(isNew ? 'newWidget' : 'editWidget', h('div', { class: 'designer' }, h('section', { class: 'card', 'aria-label': t('designer') }, form),
    h('section', { 'aria-labelledby': 'h-prev' }, h('h2', { id: 'h-prev', text: t('preview') }), box)), isNew ? null : embed);
  if (!isNew) $('h1', main).textContent = t('editWidget') + ': ' + w.name;
  await widgetScript();
  paint();
};
let widgetLoading = null;
function widgetScript() {
  if (customElements.get('wattos-assistant')) return Promise.resolve();
  if (!widgetLoading) widgetLoading = new Promise((ok) => { const s = document.createElement('script'); s.src = '/widget.js'; s.type = 'module'; s.onload = ok; s.onerror = ok; document.head.append(s); });
  return widgetLoading.then(() => customElements.whenDefined('wattos-assistant'));
}

// ---------------------------------------------------------------- providers, users, keys, audit
views.providers = async () => {
  const list = items(await api(tp('/llm/providers')));
  const result = h('p', { role: 'status', 'aria-live': 'polite' });
  const testIt = async (x) => {
    result.textContent = t('loading'); result.className = '';
    try {
      const r = await api(tp('/llm/providers/' + x.id + '/test'), { method: 'POST' });
      if (r.ok) { result.textContent = t('testOk', { msg: [x.name, r.latencyMs + ' ms', (r.models || []).slice(0, 5).join(', ')].filter(Boolean).join(' · ') }); result.className = 'ok'; }
      else { result.textContent = t('testFailed', { msg: x.name + ': ' + (r.error || r.errorCode || '?') }); result.className = 'bad'; }
    } catch (e) { result.textContent = t('testFailed', { msg: e.detail || e.message }); result.className = 'bad'; }
  };
  const form = h('form', { class: 'stack card' }, h('h2', { text: t('newProvider') }),
    field(t('name'), input('name', { required: true })),
    field(t('type'), select('type', [['openai', 'OpenAI-kompatibel / compatible'], ['anthropic', 'Anthropic'], ['azure-openai', 'Azure OpenAI'], ['ollama', 'Ollama']], 'openai')),
    field(t('baseUrl'), input('baseUrl', { type: 'url' })), field(t('model'), input('defaultModel')),
    field(t('apiKey'), input('apiKey', { type: 'password', autocomplete: 'new-password' }), t('apiKeyHint')),
    field(t('priority'), input('priority', { type: 'number', min: '-1000', max: '1000', value: '0' })),
    formError(), h('div', null, h('button', { type: 'submit' }, t('save'))));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault(); const f = new FormData(form); const g = (k) => { const v = f.get(k); return v == null || v === '' ? null : String(v); };
    const b = { name: g('name'), type: g('type'), baseUrl: g('baseUrl'), defaultModel: g('defaultModel'), apiKey: g('apiKey'), priority: g('priority') == null ? null : Number(g('priority')) };
    try { await api(tp('/llm/providers'), { method: 'POST', body: b }); toast(t('saved')); route(); } catch (e) { showErrors(form, e); }
  });
  page('providers', table([
    { label: t('name'), value: (x) => x.name },
    { label: t('type'), value: (x) => x.type },
    { label: t('model'), value: (x) => x.defaultModel || '' },
    { label: t('baseUrl'), value: (x) => x.baseUrl || '' },
    { label: t('apiKey'), value: (x) => x.hasApiKey ? (x.apiKeyHint || '••••') : '–' },
    { label: t('priority'), num: true, value: (x) => String(x.priority ?? '') },
    { label: t('status'), value: (x) => h('span', { class: 'status ' + (x.enabled && x.circuit !== 'open' ? 'ok' : 'warn'), text: (x.enabled ? t('yes') : t('no')) + (x.circuit ? ' · ' + x.circuit : '') }) },
    { label: t('actions'), value: (x) => h('div', { class: 'row' },
      h('button', { type: 'button', class: 'secondary', onclick: () => testIt(x) }, t('test') + ': ' + x.name),
      h('button', { type: 'button', class: 'danger', onclick: async () => { if (!confirm(t('confirmDelete', { name: x.name }))) return; try { await api(tp('/llm/providers/' + x.id), { method: 'DELETE' }); route(); } catch (e) { toast(e.message); } } }, t('delete') + ': ' + x.name)) }
  ], list, t('providers')), result, form);
};

const ROLES = ['VIEWER', 'EDITOR', 'TENANT_ADMIN'];
views.users = async () => {
  const list = items(await api(tp('/users?size=200')));
  const form = h('form', { class: 'stack card' }, h('h2', { text: t('newUser') }),
    field(t('username'), input('username', { required: true, autocomplete: 'off' })), field(t('email'), input('email', { type: 'email' })),
    field(t('password'), input('password', { type: 'password', autocomplete: 'new-password', required: true })),
    field(t('role'), select('roles', ROLES.map((r) => [r, r]), 'EDITOR')), formError(), h('div', null, h('button', { type: 'submit' }, t('create'))));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault(); const f = new FormData(form); const b = { username: f.get('username'), password: f.get('password'), roles: [f.get('roles')] };
    if (f.get('email')) b.email = f.get('email');
    try { await api(tp('/users'), { method: 'POST', body: b }); toast(t('saved')); route(); } catch (e) { showErrors(form, e); }
  });
  const roleOf = (x) => [].concat(x.roles || x.role || []).sort((a, b) => ROLES.indexOf(b) - ROLES.indexOf(a))[0];
  page('users', table([
    { label: t('username'), value: (x) => x.username || x.name },
    { label: t('email'), value: (x) => x.email || '' },
    { label: t('role'), value: (x) => { const s = select('role-' + x.id, ROLES.map((r) => [r, r]), roleOf(x), { 'aria-label': t('role') + ' ' + (x.username || '') });
      s.addEventListener('change', async () => { try { await api(tp('/users/' + x.id), { method: 'PUT', body: { username: x.username, email: x.email || null, displayName: x.displayName || null, roles: [s.value] } }); toast(t('saved')); } catch (e) { toast(t('error', { msg: e.detail || e.message })); } }); return s; } },
    { label: t('actions'), value: (x) => h('button', { type: 'button', class: 'danger', onclick: async () => { if (!confirm(t('confirmDelete', { name: x.username }))) return; try { await api(tp('/users/' + x.id), { method: 'DELETE' }); route(); } catch (e) { toast(e.message); } } }, t('delete') + ' ' + (x.username || '')) }
  ], list, t('users')), form);
};

views.apikeys = async () => {
  const list = items(await api(tp('/api-keys?size=200')));
  const secret = h('div', { role: 'status', 'aria-live': 'polite' });
  const form = h('form', { class: 'stack card' }, h('h2', { text: t('newApiKey') }), field(t('name'), input('name', { required: true })),
    field(t('role'), select('role', ROLES.map((r) => [r, r]), 'VIEWER')), formError(), h('div', null, h('button', { type: 'submit' }, t('create'))));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault(); const f = new FormData(form);
    try {
      const r = await api(tp('/api-keys'), { method: 'POST', body: { name: f.get('name'), roles: [f.get('role')] } });
      const value = r.secret || r.key || r.token || r.apiKey || '';
      secret.replaceChildren(h('div', { class: 'secret' }, h('p', { text: t('secretOnce') }), h('code', { text: value })));
      form.reset();
    } catch (e) { showErrors(form, e); }
  });
  page('apikeys', secret, table([
    { label: t('name'), value: (x) => x.name },
    { label: t('role'), value: (x) => x.role || [].concat(x.roles || []).join(', ') },
    { label: 'Prefix', value: (x) => x.prefix || x.hint || '' },
    { label: t('created'), value: (x) => fmtTime(x.createdAt) },
    { label: t('status'), value: (x) => x.revokedAt ? h('span', { class: 'status bad', text: t('revoked') }) : h('span', { class: 'status ok', text: t('activeKey') }) },
    { label: t('actions'), value: (x) => x.revokedAt ? '' : h('button', { type: 'button', class: 'danger', onclick: async () => { if (!confirm(t('confirmRevoke', { name: x.name }))) return; try { await api(tp('/api-keys/' + x.id), { method: 'DELETE' }); route(); } catch (e) { toast(e.message); } } }, t('revoke') + ' ' + (x.name || '')) }
  ], list, t('apikeys')), form);
};

views.audit = async (_, query) => {
  const pg = Number(query.get('page') || 0);
  const r = await api(tp('/audit?page=' + pg + '&size=50'));
  const list = items(r);
  page('audit', table([
    { label: t('time'), value: (x) => fmtTime(x.at || x.time || x.timestamp || x.createdAt) },
    { label: t('actor'), value: (x) => typeof x.actor === 'object' && x.actor ? (x.actor.name || x.actor.id) : (x.actor || x.actorLabel || '') },
    { label: t('action'), value: (x) => x.action },
    { label: t('target'), value: (x) => [x.targetType, x.targetId].filter(Boolean).join(' ') },
    { label: t('outcome'), value: (x) => x.outcome || '' },
    { label: t('details'), value: (x) => x.details ? h('code', { text: JSON.stringify(x.details) }) : '' }
  ], list, t('audit')), h('nav', { class: 'row', 'aria-label': t('audit') },
    pg > 0 ? h('a', { class: 'button secondary', href: '#/audit?page=' + (pg - 1), text: t('prev') }) : null,
    list.length === 50 ? h('a', { class: 'button secondary', href: '#/audit?page=' + (pg + 1), text: t('next') }) : null));
};

// ---------------------------------------------------------------- router
const ROUTES = [
  [/^\/login$/, 'login', null], [/^\/tenants$/, 'tenants', 'tenants'], [/^\/spaces$/, 'spaces', 'spaces'], [/^\/spaces\/([^/]+)$/, 'space', 'spaces'],
  [/^\/crawls\/([^/]+)$/, 'crawl', 'spaces'], [/^\/search$/, 'search', 'search'], [/^\/chat$/, 'chat', 'chat'],
  [/^\/widgets$/, 'widgets', 'widgets'], [/^\/widgets\/([^/]+)$/, 'widget', 'widgets'], [/^\/providers$/, 'providers', 'providers'],
  [/^\/users$/, 'users', 'users'], [/^\/apikeys$/, 'apikeys', 'apikeys'], [/^\/audit$/, 'audit', 'audit']
];
async function route() {
  const raw = location.hash.replace(/^#/, '') || '/spaces';
  const [path, qs] = raw.split('?');
  const query = new URLSearchParams(qs || '');
  if (!state.token && path !== '/login') { location.hash = '#/login'; return; }
  if (state.token && !state.me) { try { await loadMe(); } catch (e) { logout(); return; } }
  const match = ROUTES.map(([re, view, nav]) => [re.exec(path), view, nav]).find(([m]) => m);
  await chrome(match ? match[2] : null);
  const main = $('#main');
  if (!match) { page('notFound'); return; }
  const [m, view] = match;
  if (!['login', 'tenants'].includes(view) && !state.tenant) { location.hash = state.platformAdmin ? '#/tenants' : '#/login'; return; }
  main.replaceChildren(h('p', { text: t('loading') }));
  document.body.dataset.view = 'loading';
  try { await views[view](m.slice(1), query); } catch (e) { main.replaceChildren(h('h1', { text: t('error', { msg: '' }).replace(/:\s*$/, '') }), errorBox(e)); }
  const h1 = $('h1', main);
  if (route.moved && h1) { h1.setAttribute('tabindex', '-1'); h1.focus({ preventScroll: false }); }
  route.moved = true;
  document.body.dataset.view = view;
}
window.addEventListener('hashchange', route);
route();
