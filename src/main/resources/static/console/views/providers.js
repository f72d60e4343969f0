import { t, tv } from '../core/i18n.js';
import { api, tp } from '../core/api.js';
import { rerender } from '../core/router.js';
import { isAdmin } from '../core/session.js';
import { h, field, input, select, checkbox, formError, page, table, toast, showErrors, badge, errorText, entries } from '../core/dom.js';

/**
 * Language-model providers: list, add, edit (the key is write-only: only a hint comes back; left empty it is kept),
 * switch on and off, test, delete. The type decides the extra field: Azure's API version, F13's Keycloak realm.
 */
export async function providers() {
  const [list, types] = await Promise.all([api(tp('/llm/providers')), api(tp('/llm/provider-types'))]);
  const typeInfo = Object.fromEntries(types.map((x) => [x.type, x]));
  const result = h('p', { role: 'status', 'aria-live': 'polite' });
  const testIt = async (x) => {
    result.textContent = t('loading'); result.className = '';
    try {
      const r = await api(tp('/llm/providers/' + x.id + '/test'), { method: 'POST' }); // {ok, latencyMs, models, errorCode, error}
      if (r.ok) { result.textContent = t('testOk', { msg: [x.name, r.latencyMs + ' ms', r.models.slice(0, 5).join(', ')].filter(Boolean).join(' · ') }); result.className = 'ok'; }
      else { result.textContent = t('testFailed', { msg: x.name + ': ' + (r.error || r.errorCode) }); result.className = 'bad'; }
    } catch (e) { result.textContent = t('testFailed', { msg: e.detail || e.message }); result.className = 'bad'; }
  };
  // PUT takes the whole provider: everything as it is, the key kept (absent), with the changes on top
  const put = (x, changes) => api(tp('/llm/providers/' + x.id), { method: 'PUT', body: Object.assign({
    name: x.name, type: x.type, baseUrl: x.baseUrl, apiVersion: x.apiVersion, defaultModel: x.defaultModel, models: x.models,
    timeoutSeconds: x.timeoutSeconds, priority: x.priority, enabled: x.enabled, piiProtection: x.piiProtection }, changes) });
  const toggle = async (x) => {
    try { await put(x, { enabled: !x.enabled }); toast(t('saved')); rerender(); } catch (e) { toast(errorText(e)); }
  };

  const admin = isAdmin(); // others see the list; testing and changes are for tenant admins
  const slot = h('div');
  const showForm = (x) => { slot.replaceChildren(providerForm(x, types, typeInfo, () => showForm(null))); };
  if (admin) showForm(null);

  page('providers', table([
    { label: t('name'), value: (x) => x.name },
    { label: t('type'), value: (x) => tv_provider(x.type) },
    { label: t('model'), value: (x) => x.defaultModel || '' },
    { label: t('baseUrl'), value: (x) => x.baseUrl || '' },
    { label: t('apiKey'), value: (x) => x.hasApiKey ? x.apiKeyHint : '–' },
    { label: t('priority'), num: true, value: (x) => String(x.priority) },
    { label: t('status'), value: (x) => badge((x.enabled ? t('enabled') : t('disabled')) + (x.circuit ? ' · ' + tv('circuit', x.circuit) : ''), x.enabled && x.circuit !== 'open' ? 'ok' : 'warn') },
    { label: t('actions'), value: (x) => !admin ? '' : h('div', { class: 'row' },
      h('button', { type: 'button', class: 'secondary', onclick: () => testIt(x) }, t('test') + ': ' + x.name),
      h('button', { type: 'button', class: 'secondary', onclick: () => { showForm(x); slot.querySelector('input[name=name]').focus(); } }, t('provEdit') + ': ' + x.name),
      h('button', { type: 'button', class: 'secondary', onclick: () => toggle(x) }, (x.enabled ? t('provDisable') : t('provEnable')) + ': ' + x.name),
      h('button', { type: 'button', class: 'danger', onclick: async () => { if (!confirm(t('confirmDelete', { name: x.name }))) return; try { await api(tp('/llm/providers/' + x.id), { method: 'DELETE' }); rerender(); } catch (e) { toast(errorText(e)); } } }, t('delete') + ': ' + x.name)) }
  ], list.items, t('providers')), result, slot);
}

/** The form for a new provider (x null) or for changing x. */
function providerForm(x, types, typeInfo, reset) {
  const editing = x != null;
  const v = x || { name: '', type: 'openai', baseUrl: '', apiVersion: '', defaultModel: '', models: [], timeoutSeconds: 60, priority: 0, enabled: true, piiProtection: null };
  const typeSelect = select('type', types.map((y) => [y.type, tv_provider(y.type)]), v.type);
  const baseUrl = input('baseUrl', { type: 'url', value: v.baseUrl || '' });
  const versionInput = input('apiVersion', { value: v.apiVersion || '', maxlength: '40', autocomplete: 'off' });
  const versionField = field(t('provApiVersion'), versionInput);
  const keyHint = h('span', { class: 'hint' });
  const keyField = field(t('apiKey'), input('apiKey', { type: 'password', autocomplete: 'new-password' }));
  keyField.querySelector('label').append(' ', keyHint);
  const pii = checkbox('piiProtection', t('provPii'), v.piiProtection == null ? false : v.piiProtection);
  // what depends on the type: the extra field's label, the base URL's default, the key's form, PII protection's default
  const onType = () => {
    const type = typeSelect.value; const info = typeInfo[type] || {};
    baseUrl.placeholder = info.defaultBaseUrl || 'https://…';
    const label = versionField.querySelector('label');
    versionField.hidden = type !== 'azure-openai' && type !== 'f13';
    label.firstChild.textContent = type === 'f13' ? t('provRealm') : t('provApiVersion');
    versionInput.placeholder = type === 'f13' ? 'f13' : '2024-10-21';
    if (versionField.hidden) versionInput.value = '';
    keyHint.textContent = editing && x.hasApiKey ? t('provKeyKept', { hint: x.apiKeyHint }) : type === 'f13' ? t('provF13Key') : t('apiKeyHint');
    if (!editing) pii.querySelector('input').checked = !!info.piiProtectionByDefault;
  };
  typeSelect.addEventListener('change', onType);
  const form = h('form', { class: 'stack card', novalidate: true, 'aria-label': editing ? t('provEditTitle', { name: x.name }) : t('newProvider') },
    h('h2', { text: editing ? t('provEditTitle', { name: x.name }) : t('newProvider') }),
    field(t('name'), input('name', { required: true, value: v.name, maxlength: '100' })),
    field(t('type'), typeSelect),
    field(t('baseUrl'), baseUrl), versionField,
    field(t('model'), input('defaultModel', { value: v.defaultModel || '', maxlength: '200' })),
    field(t('provModels'), input('models', { value: (v.models || []).filter((m) => m !== v.defaultModel).join(', ') })),
    keyField,
    editing && x.hasApiKey ? checkbox('removeKey', t('provKeyRemove'), false) : null,
    h('div', { class: 'row' },
      field(t('priority'), input('priority', { type: 'number', min: '-1000', max: '1000', value: String(v.priority) })),
      field(t('provTimeout'), input('timeoutSeconds', { type: 'number', min: '1', max: '600', value: String(v.timeoutSeconds) }))),
    checkbox('enabled', t('provEnabled'), v.enabled), pii,
    formError(), h('div', { class: 'row' }, h('button', { type: 'submit' }, t('save')),
      editing ? h('button', { type: 'button', class: 'secondary', onclick: reset }, t('cancel')) : null));
  onType();
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault(); const f = new FormData(form); const g = (k) => { const y = f.get(k); return y == null || String(y).trim() === '' ? null : String(y).trim(); };
    const models = entries(g('models'), ',');
    const b = { name: g('name'), type: g('type'), baseUrl: g('baseUrl'), apiVersion: g('apiVersion'), defaultModel: g('defaultModel'),
      models: g('defaultModel') && models.length ? [g('defaultModel'), ...models] : models,
      priority: g('priority') == null ? null : Number(g('priority')), timeoutSeconds: g('timeoutSeconds') == null ? null : Number(g('timeoutSeconds')),
      enabled: f.get('enabled') === 'on', piiProtection: f.get('piiProtection') === 'on' };
    // the key: a new one replaces, "remove" deletes (""), empty keeps it (absent) when editing
    const key = f.get('apiKey') ? String(f.get('apiKey')) : null;
    if (key) b.apiKey = key; else if (f.get('removeKey') === 'on') b.apiKey = '';
    try {
      await api(tp('/llm/providers' + (editing ? '/' + x.id : '')), { method: editing ? 'PUT' : 'POST', body: b });
      toast(t('saved')); rerender();
    } catch (e) { showErrors(form, e); }
  });
  return form;
}

const PROVIDER_NAMES = { openai: 'OpenAI-kompatibel / compatible', anthropic: 'Anthropic', 'azure-openai': 'Azure OpenAI', ollama: 'Ollama', f13: 'F13 (Baden-Württemberg)' };
function tv_provider(type) {
  return type === 'openai' ? t('providerOpenAi') : PROVIDER_NAMES[type] || type;
}
