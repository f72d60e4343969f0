import '../i18n-voice.js';
import { t, tv, fmtDate } from '../core/i18n.js';
import { api, tp } from '../core/api.js';
import { rerender } from '../core/router.js';
import { h, field, input, select, formError, page, table, toast, showErrors, badge, errorText } from '../core/dom.js';

/**
 * Voice per tenant: the built-in espeak-ng and the configured speech and recognition services (keys write-only: the
 * page only says whether one is stored and since when), a preview that plays what a service says, each service
 * editable in the same form that adds one, and each character's voice.
 */
export async function voice() {
  const [status, list, types, characters] = await Promise.all([api(tp('/voice/status')), api(tp('/voice/providers')),
    api(tp('/voice/provider-types')), api(tp('/characters?size=100')).catch(() => ({ items: [] }))]);
  const speechProviders = list.filter((p) => p.purpose === 'speech');
  const result = h('p', { role: 'status', 'aria-live': 'polite', 'data-role': 'voice-result' });
  const player = h('audio', { controls: true, 'aria-label': t('vcAudio'), 'data-role': 'voice-audio', hidden: true });

  const preview = async (provider, voiceName, text, label) => {
    result.textContent = t('loading'); result.className = '';
    try {
      const body = { text: text || t('vcPreviewSample') };
      if (provider) body.provider = provider;
      if (voiceName) body.voice = voiceName;
      const r = await api(tp('/voice/speech'), { method: 'POST', body });
      player.src = 'data:' + r.contentType + ';base64,' + r.audio; player.hidden = false;
      player.play().catch(() => { /* autoplay may be refused: the controls are there */ });
      result.textContent = t('vcPreviewOk', { provider: label || r.provider, ms: r.durationMs, visemes: r.visemes.length }); result.className = 'ok';
    } catch (e) { result.textContent = t('testFailed', { msg: (label ? label + ': ' : '') + (e.detail || e.message) }); result.className = 'bad'; }
  };

  const builtIn = { id: 'espeak', purpose: 'speech', name: 'espeak', type: 'espeak', builtIn: true, enabled: status.offlineSpeech };
  const rows = [builtIn, ...list];
  const providerLabel = (x) => x.builtIn ? t('vcBuiltIn') : x.name;
  const providersTable = table([
    { label: t('name'), value: (x) => providerLabel(x) },
    { label: t('vcPurpose'), value: (x) => tv('vcPurpose', x.purpose) },
    { label: t('type'), value: (x) => tv('vcType', x.type) },
    { label: t('vcVoice'), value: (x) => x.builtIn ? 'de' : (x.voice || '') },
    { label: t('apiKey'), value: (x) => x.builtIn ? '' : keyState(x) },
    { label: t('status'), value: (x) => x.builtIn
      ? badge(status.offlineSpeech ? t('vcBuiltInOk') : t('vcBuiltInMissing', { why: status.offlineSpeechProblem || '' }), status.offlineSpeech ? 'ok' : 'bad')
      : badge(x.enabled ? t('enabled') : t('disabled'), x.enabled ? 'ok' : 'warn') },
    { label: t('actions'), value: (x) => h('div', { class: 'row' },
      x.purpose === 'speech'
        ? h('button', { type: 'button', class: 'secondary', 'data-preview': x.name, onclick: () => preview(x.name, null, previewText.value, providerLabel(x)) }, t('vcPreviewOf', { name: providerLabel(x) }))
        : h('span', { class: 'hint', text: t('vcTestOnlySpeech') }),
      x.builtIn ? null : h('button', { type: 'button', class: 'secondary', 'data-edit': x.name, onclick: () => edit(x) }, t('vcEdit', { name: x.name })),
      x.builtIn ? null : h('button', { type: 'button', class: 'danger', onclick: async () => {
        if (!confirm(t('confirmDelete', { name: x.name }))) return;
        try { await api(tp('/voice/providers/' + x.id), { method: 'DELETE' }); toast(t('deleted')); rerender(); } catch (e) { toast(errorText(e)); }
      } }, t('delete') + ': ' + x.name)) }
  ], rows, t('voice'));

  const previewText = h('textarea', { name: 'previewText', rows: '2' }); previewText.value = t('vcPreviewSample');

  const typeSelect = select('type', [], '');
  const purposeSelect = select('purpose', [['speech', tv('vcPurpose', 'speech')], ['transcription', tv('vcPurpose', 'transcription')]], 'speech');
  const fillTypes = () => {
    const ids = (purposeSelect.value === 'speech' ? types.speech : types.transcription).filter((x) => x !== 'espeak');
    typeSelect.replaceChildren(...ids.map((x) => h('option', { value: x, selected: x === 'openai' }, tv('vcType', x))));
  };
  purposeSelect.addEventListener('change', fillTypes); fillTypes();
  // one form adds and edits: editing fills it with the service (never its key) and saves with PUT
  let editing = null;
  const heading = h('h2', { text: t('vcNewProvider') });
  const keyInput = input('apiKey', { type: 'password', autocomplete: 'new-password' });
  const keyField = field(t('apiKey'), keyInput, t('apiKeyHint'));
  const removeKey = h('input', { type: 'checkbox', name: 'removeKey' });
  const removeKeyField = h('div', { class: 'field', hidden: true }, h('label', null, removeKey, ' ' + t('vcRemoveKey')));
  const enabledBox = h('input', { type: 'checkbox', name: 'enabled', checked: true });
  const cancel = h('button', { type: 'button', class: 'secondary', hidden: true, onclick: () => rerender() }, t('cancel'));
  const form = h('form', { class: 'stack card', 'data-role': 'voice-provider-form' }, heading,
    field(t('vcPurpose'), purposeSelect), field(t('name'), input('name', { required: true, maxlength: '100' })),
    field(t('type'), typeSelect), field(t('baseUrl'), input('baseUrl', { type: 'url' })), field(t('vcRegion'), input('region')),
    keyField, removeKeyField,
    field(t('vcModel'), input('model')), field(t('vcVoice'), input('voice'), t('vcVoiceHint')),
    field(t('vcTimeout'), input('timeoutSeconds', { type: 'number', min: '1', max: '300', value: '30' })),
    field(t('priority'), input('priority', { type: 'number', min: '-1000', max: '1000', value: '0' })),
    h('div', { class: 'field' }, h('label', null, enabledBox, ' ' + t('enabled'))),
    formError(), h('div', { class: 'row' }, h('button', { type: 'submit' }, t('save')), cancel));
  const edit = (x) => {
    editing = x;
    heading.textContent = t('vcEditing', { name: x.name });
    purposeSelect.value = x.purpose; fillTypes(); purposeSelect.disabled = true; typeSelect.value = x.type;
    for (const k of ['name', 'baseUrl', 'region', 'model', 'voice']) form.elements[k].value = x[k] || '';
    form.elements.timeoutSeconds.value = String(x.timeoutSeconds); form.elements.priority.value = String(x.priority);
    enabledBox.checked = x.enabled; keyInput.value = ''; removeKey.checked = false;
    keyInput.placeholder = x.hasApiKey ? t('vcKeyKeep') : '';
    keyField.querySelector('.hint').textContent = ' ' + (x.hasApiKey ? keyState(x) : t('vcNoKey'));
    removeKeyField.hidden = !x.hasApiKey; cancel.hidden = false;
    form.scrollIntoView({ block: 'start' }); form.elements.name.focus();
  };
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault(); const f = new FormData(form); const g = (k) => { const v = f.get(k); return v == null || v === '' ? null : String(v); };
    const num = (k) => (g(k) == null ? null : Number(g(k)));
    const b = { purpose: editing ? editing.purpose : g('purpose'), name: g('name'), type: g('type'), baseUrl: g('baseUrl'), region: g('region'),
      apiKey: g('apiKey'), model: g('model'), voice: g('voice'), timeoutSeconds: num('timeoutSeconds'), priority: num('priority'),
      enabled: enabledBox.checked };
    // on edit an empty key field keeps the stored key; only the box removes it
    if (editing && removeKey.checked && b.apiKey == null) b.apiKey = '';
    try {
      if (editing) await api(tp('/voice/providers/' + editing.id), { method: 'PUT', body: b });
      else await api(tp('/voice/providers'), { method: 'POST', body: b });
      toast(t('saved')); rerender();
    } catch (e) { showErrors(form, e); }
  });

  page('voice', h('p', { class: 'muted', text: t('vcIntro') }), providersTable,
    h('section', { class: 'stack card', 'aria-labelledby': 'h-preview' }, h('h2', { id: 'h-preview', text: t('vcPreview') }),
      field(t('vcPreviewText'), previewText), result, player),
    characterVoices(characters.items || [], speechProviders, preview, previewText), form);
}

/** A stored key is shown only as set (a fixed mask) and since when: never any of its characters. */
function keyState(x) {
  if (!x.hasApiKey) return t('vcNoKey');
  return x.apiKeySetAt ? t('vcKeyStoredSince', { mask: x.apiKeyHint || '••••', date: fmtDate(x.apiKeySetAt.slice(0, 10)) }) : t('vcKeyStored');
}

/** One row per character: the service and voice it speaks with, saved into the character (a new version of it). */
function characterVoices(characters, speechProviders, preview, previewText) {
  const section = h('section', { class: 'stack card', 'aria-labelledby': 'h-char-voice' }, h('h2', { id: 'h-char-voice', text: t('vcCharacters') }),
    h('p', { class: 'muted', text: t('vcCharactersIntro') }));
  if (!characters.length) { section.append(h('p', { class: 'muted', text: t('vcNoCharacters') })); return section; }
  const options = [['', t('vcDefaultProvider')], ['espeak', t('vcBuiltIn')], ...speechProviders.map((p) => [p.name, p.name])];
  for (const c of characters) {
    const spec = c.character; const v = spec.voice || {};
    const current = v.provider === 'espeak-ng' ? 'espeak' : (v.provider || '');
    const form = h('form', { class: 'row', 'data-character': c.id },
      h('strong', { text: spec.name || '–' }),
      field(t('vcProvider'), select('provider', options, current)), field(t('vcVoice'), input('voice', { value: v.voice || '', maxlength: '100' })),
      field(t('vcRate'), input('rate', { type: 'number', min: '0.5', max: '2', step: '0.1', value: v.rate == null ? '1' : String(v.rate) })),
      h('button', { type: 'button', class: 'secondary', onclick: () => { const f = new FormData(form); preview(f.get('provider') || null, f.get('voice') || null, previewText.value, spec.name); } }, t('vcPreviewOf', { name: spec.name || '' })),
      h('button', { type: 'submit' }, t('vcSaveFor', { name: spec.name || '' })), formError());
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault(); const f = new FormData(form);
      try {
        const fresh = await api(tp('/characters/' + c.id));
        const provider = String(f.get('provider') || ''); const name = String(f.get('voice') || '').trim(); const rate = Number(f.get('rate') || 1);
        fresh.character.voice = provider || name || rate !== 1 ? { provider: provider || null, voice: name || null, rate } : null;
        await api(tp('/characters/' + c.id), { method: 'PUT', body: fresh.character });
        toast(t('saved'));
      } catch (e) { showErrors(form, e); }
    });
    section.append(form);
  }
  return section;
}
