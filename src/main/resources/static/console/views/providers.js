import { t, tv } from '../core/i18n.js';
import { api, tp } from '../core/api.js';
import { rerender } from '../core/router.js';
import { h, field, input, select, formError, page, table, toast, showErrors, badge, errorText } from '../core/dom.js';

/** Language-model providers: list (keys write-only, only a hint comes back), add, test, delete. */
export async function providers() {
  const [list, types] = await Promise.all([api(tp('/llm/providers')), api(tp('/llm/provider-types'))]);
  const result = h('p', { role: 'status', 'aria-live': 'polite' });
  const testIt = async (x) => {
    result.textContent = t('loading'); result.className = '';
    try {
      const r = await api(tp('/llm/providers/' + x.id + '/test'), { method: 'POST' }); // {ok, latencyMs, models, errorCode, error}
      if (r.ok) { result.textContent = t('testOk', { msg: [x.name, r.latencyMs + ' ms', r.models.slice(0, 5).join(', ')].filter(Boolean).join(' · ') }); result.className = 'ok'; }
      else { result.textContent = t('testFailed', { msg: x.name + ': ' + (r.error || r.errorCode) }); result.className = 'bad'; }
    } catch (e) { result.textContent = t('testFailed', { msg: e.detail || e.message }); result.className = 'bad'; }
  };
  const form = h('form', { class: 'stack card' }, h('h2', { text: t('newProvider') }),
    field(t('name'), input('name', { required: true })),
    field(t('type'), select('type', types.map((x) => [x.type, tv_provider(x.type)]), 'openai')),
    field(t('baseUrl'), input('baseUrl', { type: 'url' })), field(t('model'), input('defaultModel')),
    field(t('apiKey'), input('apiKey', { type: 'password', autocomplete: 'new-password' }), t('apiKeyHint')),
    field(t('priority'), input('priority', { type: 'number', min: '-1000', max: '1000', value: '0' })),
    formError(), h('div', null, h('button', { type: 'submit' }, t('save'))));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault(); const f = new FormData(form); const g = (k) => { const v = f.get(k); return v == null || v === '' ? null : String(v); };
    const b = { name: g('name'), type: g('type'), baseUrl: g('baseUrl'), defaultModel: g('defaultModel'), apiKey: g('apiKey'), priority: g('priority') == null ? null : Number(g('priority')) };
    try { await api(tp('/llm/providers'), { method: 'POST', body: b }); toast(t('saved')); rerender(); } catch (e) { showErrors(form, e); }
  });
  page('providers', table([
    { label: t('name'), value: (x) => x.name },
    { label: t('type'), value: (x) => tv_provider(x.type) },
    { label: t('model'), value: (x) => x.defaultModel || '' },
    { label: t('baseUrl'), value: (x) => x.baseUrl || '' },
    { label: t('apiKey'), value: (x) => x.hasApiKey ? x.apiKeyHint : '–' },
    { label: t('priority'), num: true, value: (x) => String(x.priority) },
    { label: t('status'), value: (x) => badge((x.enabled ? t('enabled') : t('disabled')) + (x.circuit ? ' · ' + tv('circuit', x.circuit) : ''), x.enabled && x.circuit !== 'open' ? 'ok' : 'warn') },
    { label: t('actions'), value: (x) => h('div', { class: 'row' },
      h('button', { type: 'button', class: 'secondary', onclick: () => testIt(x) }, t('test') + ': ' + x.name),
      h('button', { type: 'button', class: 'danger', onclick: async () => { if (!confirm(t('confirmDelete', { name: x.name }))) return; try { await api(tp('/llm/providers/' + x.id), { method: 'DELETE' }); rerender(); } catch (e) { toast(errorText(e)); } } }, t('delete') + ': ' + x.name)) }
  ], list.items, t('providers')), result, form);
}

const PROVIDER_NAMES = { openai: 'OpenAI-kompatibel / compatible', anthropic: 'Anthropic', 'azure-openai': 'Azure OpenAI', ollama: 'Ollama', f13: 'F13 (Baden-Württemberg)' };
function tv_provider(type) {
  return type === 'openai' ? t('providerOpenAi') : PROVIDER_NAMES[type] || type;
}
