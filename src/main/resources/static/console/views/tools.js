import '../i18n-agent.js';
import { t } from '../core/i18n.js';
import { api, tp } from '../core/api.js';
import { rerender } from '../core/router.js';
import { isAdmin } from '../core/session.js';
import { h, field, input, select, checkbox, formError, page, table, toast, showErrors, errorText, clearErrors, entries } from '../core/dom.js';

const RUNTIME = '/agent-runtime';
const HTTP_EXAMPLE = {
  method: 'GET', url: 'https://api.example.org/antraege/{{caseId}}', headers: { Authorization: 'Bearer {{secret.token}}' },
  responseMapping: { status: '/data/state' }, allowedHosts: ['api.example.org'], timeoutMs: 10000, maxBytes: 20000,
  parameters: { type: 'object', properties: { caseId: { type: 'string', maxLength: 20 } }, required: ['caseId'] }
};

/**
 * Agent tools: the tenant's own tools (type, description, configuration as JSON, write-only secrets shown only as
 * hints), the MCP servers whose picked tools agents may use (token write-only; the offered tools loaded on demand and
 * picked by ticking), and a try-out that calls any available tool as an agent would. Changes are for tenant admins.
 */
export async function tools() {
  const [list, servers] = await Promise.all([api(tp(RUNTIME + '/tools')), api(tp(RUNTIME + '/mcp-servers'))]);
  const admin = isAdmin();
  const toolSlot = h('div');
  const showToolForm = (x) => toolSlot.replaceChildren(toolForm(x, list.types.filter((y) => y.configurable), () => showToolForm(null)));
  if (admin) showToolForm(null);

  const toolsTable = table([
    { label: t('name'), value: (x) => x.name },
    { label: t('type'), value: (x) => x.type },
    { label: t('description'), value: (x) => x.description || '' },
    { label: t('toolSecrets'), value: (x) => Object.entries(x.secretHints || {}).map(([k, v]) => k + ' ' + v).join(', ') },
    { label: t('actions'), value: (x) => !admin ? '' : h('div', { class: 'row' },
      h('button', { type: 'button', class: 'secondary', onclick: () => { showToolForm(x); toolSlot.querySelector('input[name=name]').focus(); } }, t('provEdit') + ': ' + x.name),
      h('button', { type: 'button', class: 'danger', onclick: async () => {
        if (!confirm(t('confirmDelete', { name: x.name }))) return;
        try { await api(tp(RUNTIME + '/tools/' + x.id), { method: 'DELETE' }); toast(t('deleted')); rerender(); } catch (e) { toast(errorText(e)); }
      } }, t('delete') + ': ' + x.name)) }
  ], list.items, t('toolsOwn'));

  const serverSlot = h('div');
  if (admin) serverSlot.append(serverForm());
  const serversTable = table([
    { label: t('name'), value: (x) => x.name },
    { label: 'URL', value: (x) => x.url },
    { label: t('mcpToken'), value: (x) => x.tokenHint || '–' },
    { label: t('mcpPicked'), value: (x) => x.tools.map((y) => y.name).join(', ') || '–' },
    { label: t('actions'), value: (x) => !admin ? '' : h('div', { class: 'stack' }, offeredPicker(x),
      h('button', { type: 'button', class: 'danger', onclick: async () => {
        if (!confirm(t('confirmDelete', { name: x.name }))) return;
        try { await api(tp(RUNTIME + '/mcp-servers/' + x.id), { method: 'DELETE' }); toast(t('deleted')); rerender(); } catch (e) { toast(errorText(e)); }
      } }, t('delete') + ': ' + x.name)) }
  ], servers.items, t('mcpServers'));

  page('tools', h('p', { class: 'muted', text: t('toolsHelp') }),
    h('section', { class: 'card', 'aria-labelledby': 'h-tools-available' }, h('h2', { id: 'h-tools-available', text: t('toolsAvailable') }),
      h('p', { id: 'tools-available', text: list.available.join(', ') || '–' }), admin ? tryOut(list.available) : null),
    h('section', { 'aria-labelledby': 'h-tools-own' }, h('h2', { id: 'h-tools-own', text: t('toolsOwn') }), toolsTable, toolSlot),
    h('section', { 'aria-labelledby': 'h-mcp' }, h('h2', { id: 'h-mcp', text: t('mcpServers') }), h('p', { class: 'muted', text: t('mcpHelp') }),
      serversTable, serverSlot));
}

/** Calls an available tool with JSON arguments, as the run loop would (POST …/tools/{name}/invoke). */
function tryOut(available) {
  const out = h('pre', { id: 'tool-result', role: 'status', 'aria-live': 'polite', class: 'muted' });
  const form = h('form', { class: 'stack', novalidate: true, id: 'tool-try', 'aria-label': t('toolTry') },
    h('h3', { text: t('toolTry') }),
    field(t('toolTryTool'), select('tool', available.map((n) => [n, n]), available[0])),
    field(t('toolTryArguments'), h('textarea', { name: 'arguments', rows: 3 }, '{}')), formError(),
    h('div', null, h('button', { type: 'submit' }, t('toolTryButton'))));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault(); const f = new FormData(form);
    let args;
    try { args = JSON.parse(String(f.get('arguments') || '{}')); } catch (e) { showErrors(form, { errors: [{ field: 'arguments', message: t('notJsonObject') }] }); return; }
    if (args === null || typeof args !== 'object' || Array.isArray(args)) { showErrors(form, { errors: [{ field: 'arguments', message: t('notJsonObject') }] }); return; }
    clearErrors(form); out.textContent = t('loading');
    try {
      const r = await api(tp(RUNTIME + '/tools/' + encodeURIComponent(String(f.get('tool'))) + '/invoke'), { method: 'POST', body: { arguments: args } });
      out.textContent = t('toolOutcome', { outcome: r.outcome, ms: r.latencyMs }) + (r.errorCode ? ' (' + r.errorCode + ')' : '') + '\n' + (r.content || '');
    } catch (e) { out.textContent = errorText(e); }
  });
  return h('div', null, form, out);
}

/** New tool (x null) or changes to x; secrets as NAME=value lines: left empty on edit keeps the stored ones. */
function toolForm(x, types, reset) {
  const editing = x != null;
  const v = x || { name: '', type: types.length ? types[0].id : 'http_request', description: '', config: HTTP_EXAMPLE };
  const form = h('form', { class: 'stack card', novalidate: true, id: 'tool-form', 'aria-label': editing ? t('toolEditTitle', { name: x.name }) : t('toolNew') },
    h('h3', { text: editing ? t('toolEditTitle', { name: x.name }) : t('toolNew') }),
    field(t('name'), input('name', { required: true, maxlength: '64', value: v.name, pattern: '[a-z][a-z0-9_]{1,63}' }), t('toolNameHint')),
    editing ? h('p', { text: t('type') + ': ' + x.type }) : field(t('type'), select('type', types.map((y) => [y.id, y.id + ' – ' + y.description]), v.type)),
    field(t('description'), input('description', { required: true, maxlength: '1000', value: v.description || '' }), t('toolDescriptionHint')),
    field(t('toolConfig'), h('textarea', { name: 'config', rows: 10, class: 'mono' }, JSON.stringify(v.config || {}, null, 2))),
    field(t('toolSecrets'), h('textarea', { name: 'secrets', rows: 2, autocomplete: 'off', class: 'mono' }),
      editing && Object.keys(x.secretHints || {}).length ? t('toolSecretsKept', { names: Object.keys(x.secretHints).join(', ') }) : t('toolSecretsHint')),
    formError(), h('div', { class: 'row' }, h('button', { type: 'submit' }, t('save')),
      editing ? h('button', { type: 'button', class: 'secondary', onclick: reset }, t('cancel')) : null));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault(); const f = new FormData(form);
    let config;
    try { config = JSON.parse(String(f.get('config') || '{}')); } catch (e) { config = null; }
    if (config === null || typeof config !== 'object' || Array.isArray(config)) { showErrors(form, { errors: [{ field: 'config', message: t('notJsonObject') }] }); return; }
    const lines = entries(f.get('secrets'));
    let secrets = null;
    if (lines.length) {
      secrets = {};
      for (const l of lines) {
        const eq = l.indexOf('=');
        if (eq <= 0) { showErrors(form, { errors: [{ field: 'secrets', message: t('toolSecretsHint') }] }); return; }
        secrets[l.slice(0, eq).trim()] = l.slice(eq + 1).trim();
      }
    }
    const body = { name: String(f.get('name') || '').trim(), description: String(f.get('description') || '').trim(), config, secrets };
    if (!editing) body.type = String(f.get('type'));
    try {
      await api(tp(RUNTIME + '/tools' + (editing ? '/' + x.id : '')), { method: editing ? 'PUT' : 'POST', body });
      toast(t('saved')); rerender();
    } catch (e) { showErrors(form, e); }
  });
  return form;
}

function serverForm() {
  const form = h('form', { class: 'stack card', novalidate: true, id: 'mcp-form', 'aria-label': t('mcpNew') },
    h('h3', { text: t('mcpNew') }),
    field(t('name'), input('name', { required: true, maxlength: '24' }), t('mcpNameHint')),
    field('URL', input('url', { type: 'url', required: true, placeholder: 'https://mcp.example.org/mcp' })),
    field(t('mcpToken'), input('token', { type: 'password', autocomplete: 'new-password' }), t('apiKeyHint')),
    field(t('mcpTimeout'), input('timeoutMs', { type: 'number', min: '100', max: '60000', value: '10000' })),
    formError(), h('div', null, h('button', { type: 'submit' }, t('mcpAdd'))));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault(); const f = new FormData(form); const g = (k) => { const y = String(f.get(k) || '').trim(); return y === '' ? null : y; };
    const body = { name: g('name') || '', url: g('url') || '', token: g('token'), timeoutMs: g('timeoutMs') == null ? null : Number(g('timeoutMs')), tools: [] };
    try { await api(tp(RUNTIME + '/mcp-servers'), { method: 'POST', body }); toast(t('saved')); rerender(); } catch (e) { showErrors(form, e); }
  });
  return form;
}

/** The tools the server offers now (a live listing), ticked ones saved as the picked ones. */
function offeredPicker(x) {
  const box = h('div', { class: 'stack', id: 'mcp-offered-' + x.name });
  const load = async () => {
    box.replaceChildren(h('p', { role: 'status', text: t('loading') }));
    try {
      const r = await api(tp(RUNTIME + '/mcp-servers/' + x.id + '/offered-tools'));
      const boxes = r.tools.map((o) => checkbox('pick', o.remoteName + (o.description ? ' – ' + o.description : ''), o.picked, { value: o.remoteName }));
      const save = h('button', { type: 'button', class: 'secondary', onclick: async () => {
        const picked = [...box.querySelectorAll('input[name=pick]:checked')].map((c) => c.value);
        try { await api(tp(RUNTIME + '/mcp-servers/' + x.id), { method: 'PUT', body: { tools: picked } }); toast(t('saved')); rerender(); }
        catch (e) { toast(errorText(e)); }
      } }, t('mcpSavePicks', { name: x.name }));
      box.replaceChildren(h('fieldset', null, h('legend', { text: t('mcpOffered', { name: x.name }) }),
        ...(boxes.length ? boxes : [h('p', { class: 'muted', text: t('mcpNoneOffered') })])), save);
    } catch (e) { box.replaceChildren(h('p', { class: 'error', role: 'alert', text: errorText(e) })); }
  };
  box.append(h('button', { type: 'button', class: 'secondary', onclick: load }, t('mcpLoadOffered', { name: x.name })));
  return box;
}
