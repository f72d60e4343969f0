import { state } from '../core/state.js';
import { t, tv } from '../core/i18n.js';
import { api, tp } from '../core/api.js';
import { rerender } from '../core/router.js';
import { h, $, id, field, input, checkbox, select, formError, page, toast, showErrors, errorBox, errorText } from '../core/dom.js';
import { spaceOptions, spacePicker } from './pickers.js';
import '../i18n-character.js';

/** Widget designer: the settings form, a live preview with the real widget element, and the embed code. */
export async function widget({ id: widgetId }) {
  const isNew = widgetId === 'new';
  const [spaces, agents] = await Promise.all([spaceOptions(), api(tp('/agents?size=100')).then((r) => r.items)]);
  const w = isNew ? { name: '', status: 'draft', mode: 'launcher', position: 'bottom-right', size: 'medium', locale: state.lang, allowedOrigins: [], spaceIds: spaces.map((s) => s.id),
    theme: { primaryColor: '#00508c', backgroundColor: '#ffffff', textColor: '#1a1a1a', fontFamily: 'system-ui, sans-serif', radius: 12, colorScheme: 'auto' },
    limits: { messagesPerVisitorPerHour: 30, messagesPerIpPerHour: 120, dailyTokenBudget: 200000 }, suggestedQuestions: [] } : await api(tp('/widgets/' + widgetId));
  const th = w.theme; const lim = w.limits;
  const sp = w.speech || { voice: false, avatar: false, avatarId: null, speechPerVisitorPerHour: 300 };
  const [avatars, voiceStatus] = await Promise.all([api(tp('/avatars')).catch(() => []), api(tp('/voice/status')).catch(() => null)]);
  const opts = (prefix, keys) => keys.map((k) => [k, tv(prefix, k)]);
  const form = h('form', { class: 'stack', novalidate: true },
    field(t('name'), input('name', { value: w.name, required: true })),
    h('div', { class: 'row' },
      field(t('status'), select('status', opts('ws', ['draft', 'active', 'paused']), w.status)),
      field(t('mode'), select('mode', opts('wm', ['launcher', 'inline', 'fullpage']), w.mode)),
      field(t('position'), select('position', opts('wp', ['bottom-right', 'bottom-left', 'top-right', 'top-left']), w.position)),
      field(t('size'), select('size', opts('wz', ['small', 'medium', 'large']), w.size)),
      field(t('locale'), select('locale', [['de', 'Deutsch'], ['en', 'English']], (w.locale || 'de').slice(0, 2)))),
    spacePicker(spaces, 'spaceIds', w.spaceIds),
    field(t('agent'), select('agentId', [['', t('noAgent')], ...agents.filter((a) => a.status === 'published' || a.id === w.agentId)
      .map((a) => [a.id, a.agent.name + (a.status === 'published' ? '' : ' (' + tv('as', a.status) + ')')])], w.agentId || ''), t('agentHint')),
    field(t('allowedOrigins'), h('textarea', { name: 'allowedOrigins', rows: '3', value: w.allowedOrigins.join('\n') }), t('originsHint')),
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
    field(t('suggested'), h('textarea', { name: 'suggestedQuestions', rows: '3', value: w.suggestedQuestions.join('\n') }), t('suggestedHint')),
    field(t('disclosure'), h('textarea', { name: 'disclosureText', rows: '3', value: w.disclosureText || '' })),
    field(t('privacyUrl'), input('privacyUrl', { type: 'url', value: w.privacyUrl || '' })),
    h('fieldset', null, h('legend', { text: t('limits') }), h('div', { class: 'row' },
      field(t('perVisitor'), input('limits.messagesPerVisitorPerHour', { type: 'number', min: '1', value: String(lim.messagesPerVisitorPerHour ?? 30) })),
      field(t('perIp'), input('limits.messagesPerIpPerHour', { type: 'number', min: '1', value: String(lim.messagesPerIpPerHour ?? 120) })),
      field(t('budget'), input('limits.dailyTokenBudget', { type: 'number', min: '1', value: String(lim.dailyTokenBudget ?? 200000) })))),
    h('fieldset', null, h('legend', { text: t('voiceAndAvatar') }),
      checkbox('speech.voice', t('voiceOn'), sp.voice), checkbox('speech.avatar', t('avatarOn'), sp.avatar),
      h('div', { class: 'row' },
        field(t('avatarPick'), select('speech.avatarId', [['', t('defaultAvatar')], ...avatars.map((a) => [a.id, a.name])], sp.avatarId || '')),
        field(t('speechPerVisitor'), input('speech.speechPerVisitorPerHour', { type: 'number', min: '1', max: '5000', value: String(sp.speechPerVisitorPerHour ?? 300) }))),
      voiceNotes(voiceStatus)),
    formError(),
    h('div', { class: 'row' }, h('button', { type: 'submit' }, t('save')),
      isNew ? null : h('button', { type: 'button', class: 'danger', onclick: async () => {
        if (!confirm(t('confirmDelete', { name: w.name }))) return;
        try { await api(tp('/widgets/' + widgetId), { method: 'DELETE' }); toast(t('deleted')); location.hash = '#/widgets'; } catch (e) { toast(errorText(e)); }
      } }, t('delete'))));
  const lines = (v) => String(v || '').split('\n').map((s) => s.trim()).filter(Boolean);
  const num = (v) => (v === '' || v == null ? null : Number(v));
  const collect = () => {
    const f = new FormData(form); const g = (k) => { const v = f.get(k); return v == null || v === '' ? null : String(v); };
    return { name: g('name') || '', status: g('status'), mode: g('mode'), position: g('position'), size: g('size'), locale: g('locale'),
      spaceIds: f.getAll('spaceIds'), agentId: g('agentId'), allowedOrigins: lines(f.get('allowedOrigins')), assistantName: g('assistantName'), avatarUrl: g('avatarUrl'),
      greeting: g('greeting'), suggestedQuestions: lines(f.get('suggestedQuestions')), disclosureText: g('disclosureText'), privacyUrl: g('privacyUrl'),
      theme: { primaryColor: g('theme.primaryColor'), backgroundColor: g('theme.backgroundColor'), textColor: g('theme.textColor'), fontFamily: g('theme.fontFamily'), radius: num(g('theme.radius')), colorScheme: g('theme.colorScheme') },
      limits: { messagesPerVisitorPerHour: num(g('limits.messagesPerVisitorPerHour')), messagesPerIpPerHour: num(g('limits.messagesPerIpPerHour')), dailyTokenBudget: num(g('limits.dailyTokenBudget')) },
      speech: { voice: f.get('speech.voice') === 'on', avatar: f.get('speech.avatar') === 'on', avatarId: g('speech.avatarId'), speechPerVisitorPerHour: num(g('speech.speechPerVisitorPerHour')) } };
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
      if (isNew) location.hash = '#/widgets/' + saved.id; else rerender();
    } catch (e) { showErrors(form, e); }
  });
  const embed = h('section', { class: 'card', 'aria-labelledby': 'h-embed' }, h('h2', { id: 'h-embed', text: t('embedCode') }));
  if (!isNew) {
    try {
      const code = await api(tp('/widgets/' + widgetId + '/embed-code')); // {script, iframe, publicKey, widgetUrl, previewUrl}
      const block = (label, text, key) => { const pid = id('code'); return h('div', null, h('h3', { id: pid, text: label }), h('pre', { 'aria-labelledby': pid, 'data-embed': key }, h('code', { text })),
        h('button', { type: 'button', class: 'secondary', onclick: async () => { try { await navigator.clipboard.writeText(text); toast(t('copied')); } catch (e) { toast(text); } } }, t('copy') + ': ' + label)); };
      embed.append(block(t('scriptTag'), code.script, 'script'), block(t('iframe'), code.iframe, 'iframe'),
        h('p', null, h('a', { href: code.previewUrl, target: '_blank', rel: 'noopener', text: t('previewPage') })));
    } catch (e) { embed.append(errorBox(e)); }
  }
  const main = page(isNew ? 'newWidget' : 'editWidget', h('div', { class: 'designer' }, h('section', { class: 'card', 'aria-label': t('designer') }, form),
    h('section', { 'aria-labelledby': 'h-prev' }, h('h2', { id: 'h-prev', text: t('preview') }), box)), isNew ? null : embed);
  if (!isNew) $('h1', main).textContent = t('editWidget') + ': ' + w.name;
  await widgetScript();
  paint();
}


/** What voice can do on this installation for this tenant: missing espeak-ng or speech recognition said plainly. */
function voiceNotes(status) {
  if (!status) return null;
  const notes = [];
  if (!status.speechProvider) notes.push(t('voiceNoSpeech', { why: status.offlineSpeechProblem || '' }));
  if (!status.transcriptionProvider) notes.push(t('voiceNoStt'));
  return notes.length ? h('ul', { class: 'hint', 'data-role': 'voice-notes' }, ...notes.map((n) => h('li', { text: n }))) : null;
}

let widgetLoading = null;
// the widget registers <wattos-assistant> as a classic script (it reads document.currentScript when embedded)
function widgetScript() {
  if (customElements.get('wattos-assistant')) return Promise.resolve();
  if (!widgetLoading) widgetLoading = new Promise((ok) => { const s = document.createElement('script'); s.src = '/widget.js'; s.onload = ok; s.onerror = ok; document.head.append(s); });
  return widgetLoading.then(() => customElements.whenDefined('wattos-assistant'));
}
