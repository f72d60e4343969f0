import '../i18n-character.js';
import { t, tv, fmtTime } from '../core/i18n.js';
import { api, tp } from '../core/api.js';
import { rerender } from '../core/router.js';
import { stream } from '../core/sse.js';
import { h, $, field, input, select, formError, page, table, toast, showErrors, badge, errorText, entries } from '../core/dom.js';

/** Characters: the list (GET …/characters) and the way to a new one. */
export async function characters() {
  const list = (await api(tp('/characters?size=100'))).items;
  page('characters', table([
    { label: t('name'), value: (x) => h('a', { href: '#/characters/' + x.id, text: x.character.name }) },
    { label: t('role'), value: (x) => x.character.role || '' },
    { label: t('tone'), value: (x) => tv('tone', x.character.tone) },
    { label: t('address'), value: (x) => tv('address', x.character.address) },
    { label: t('version'), num: true, value: (x) => String(x.version) },
    { label: t('status'), value: (x) => x.isDefault ? badge(t('isDefault'), 'ok') : '' },
    { label: t('actions'), value: (x) => h('button', { type: 'button', class: 'danger', onclick: async () => {
      if (!confirm(t('confirmDelete', { name: x.character.name }))) return;
      try { await api(tp('/characters/' + x.id), { method: 'DELETE' }); toast(t('deleted')); rerender(); } catch (e) { toast(errorText(e)); }
    } }, t('delete') + ': ' + x.character.name) }
  ], list, t('characters')), h('p', null, h('a', { class: 'button', href: '#/characters/new', text: t('newCharacter') })));
}

const lines = (v) => entries(v);
const LIST_FIELDS = ['topics', 'refusedTopics', 'rules'];
const TEXT_FIELDS = ['name', 'role', 'organisation', 'audience', 'greeting', 'noAnswerText', 'refusalText', 'escalation'];

/**
 * One character: "aus einem Satz" (POST …/define fills the editor with the proposal, its provenance per field and
 * warnings; nothing is saved until "Speichern"), the editor (POST or PUT, every save a version), its versions with
 * restore, and a try-out chat beside it that answers with the tenant's default character.
 */
export async function character(params) {
  const isNew = params.id === 'new';
  const stored = isNew ? null : await api(tp('/characters/' + encodeURIComponent(params.id)));
  let current = stored ? stored.character : { tone: 'friendly', address: 'Sie', languages: ['de'] };
  const notes = h('div', { role: 'status', 'aria-live': 'polite' });

  const defineForm = h('form', { class: 'stack card', 'aria-labelledby': 'h-define' }, h('h2', { id: 'h-define', text: t('fromSentence') }),
    field(t('sentence'), h('textarea', { name: 'prompt', rows: '3', maxlength: '2000', required: true }), t('sentenceHint')),
    formError(), h('div', null, h('button', { type: 'submit' }, t('propose'))), notes);

  const editor = h('form', { class: 'stack card', 'aria-labelledby': 'h-editor', novalidate: true }, h('h2', { id: 'h-editor', text: isNew ? t('newCharacter') : t('character') + ': ' + current.name }),
    field(t('name'), input('name', { required: true, maxlength: '80' })),
    field(t('role'), input('role', { maxlength: '120' })),
    field(t('organisation'), input('organisation', { maxlength: '200' })),
    field(t('audience'), input('audience', { maxlength: '300' })),
    field(t('tone'), select('tone', ['formal', 'friendly', 'plain'].map((v) => [v, tv('tone', v)]), current.tone)),
    field(t('address'), select('address', ['Sie', 'du'].map((v) => [v, tv('address', v)]), current.address)),
    field(t('topics'), h('textarea', { name: 'topics', rows: '3' }), t('oneLine')),
    field(t('refusedTopics'), h('textarea', { name: 'refusedTopics', rows: '2' }), t('oneLine')),
    field(t('rules'), h('textarea', { name: 'rules', rows: '3' }), t('oneLine')),
    field(t('greeting'), h('textarea', { name: 'greeting', rows: '2', maxlength: '500' })),
    field(t('noAnswerText'), h('textarea', { name: 'noAnswerText', rows: '2', maxlength: '1000' })),
    field(t('refusalText'), h('textarea', { name: 'refusalText', rows: '2', maxlength: '1000' }), t('refusalHint')),
    field(t('escalation'), h('textarea', { name: 'escalation', rows: '2', maxlength: '1000' })),
    field(t('contactEmail'), input('contact.email', { type: 'email' })),
    field(t('contactPhone'), input('contact.phone')),
    field(t('contactUrl'), input('contact.url', { type: 'url' })),
    field(t('contactHours'), input('contact.hours')),
    h('div', { class: 'check' }, h('input', { type: 'checkbox', id: 'make-default', name: 'makeDefault', checked: stored ? stored.isDefault : false }),
      h('label', { for: 'make-default', text: t('makeDefault') })),
    formError(), h('div', null, h('button', { type: 'submit' }, t('save'))));

  const fill = (c, provenance) => {
    for (const k of TEXT_FIELDS) editor.elements[k].value = c[k] || '';
    for (const k of LIST_FIELDS) editor.elements[k].value = (c[k] || []).join('\n');
    editor.elements.tone.value = c.tone || 'friendly';
    editor.elements.address.value = c.address || 'Sie';
    for (const k of ['email', 'phone', 'url', 'hours']) editor.elements['contact.' + k].value = (c.contact && c.contact[k]) || '';
    for (const n of editor.querySelectorAll('.provenance')) n.remove();
    for (const [k, origin] of Object.entries(provenance || {})) {
      const control = k === 'contact' ? editor.elements['contact.email'] : editor.elements[k];
      if (control && control.closest) control.closest('.field').querySelector('label').append(h('span', { class: 'hint provenance', text: ' · ' + tv('prov', origin) }));
    }
  };
  fill(current);

  defineForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const btn = $('button[type=submit]', defineForm); btn.disabled = true;
    try {
      const p = await api(tp('/characters/define'), { method: 'POST', body: { prompt: String(new FormData(defineForm).get('prompt') || '').trim() } });
      current = Object.assign({}, current, p.character);
      fill(current, p.provenance);
      notes.replaceChildren(h('p', { class: 'ok', text: t('proposed') }),
        h('p', { class: 'muted', text: t('readBy', { by: p.readBy === 'rules' ? t('readBy_rules') : p.readBy.replace(/^model:/, '') }) }),
        p.warnings.length ? h('div', null, h('h3', { text: t('warnings') }), h('ul', null, p.warnings.map((w) => h('li', { text: w.message })))) : null);
      $('input[name=name]', editor).focus();
    } catch (e) { showErrors(defineForm, e); } finally { btn.disabled = false; }
  });

  /** The character as the editor shows it now, saved or not. */
  const edited = () => {
    const f = new FormData(editor); const g = (k) => { const v = String(f.get(k) || '').trim(); return v || null; };
    const body = Object.assign({}, current);
    for (const k of TEXT_FIELDS) body[k] = g(k);
    for (const k of LIST_FIELDS) body[k] = lines(f.get(k));
    body.tone = g('tone'); body.address = g('address');
    const contact = { email: g('contact.email'), phone: g('contact.phone'), url: g('contact.url'), hours: g('contact.hours') };
    body.contact = Object.values(contact).some(Boolean) ? contact : null;
    return body;
  };

  editor.addEventListener('submit', async (ev) => {
    ev.preventDefault(); const f = new FormData(editor);
    const body = edited();
    const makeDefault = f.get('makeDefault') != null;
    try {
      const saved = isNew
        ? await api(tp('/characters?makeDefault=' + makeDefault), { method: 'POST', body })
        : await api(tp('/characters/' + stored.id + (makeDefault ? '?makeDefault=true' : '')), { method: 'PUT', body });
      toast(t('saved'));
      if (isNew) location.hash = '#/characters/' + saved.id; else rerender();
    } catch (e) { showErrors(editor, e); }
  });

  const trial = tryOut(stored, edited, editor);
  const side = [trial.box];
  if (stored) {
    const versions = await api(tp('/characters/' + stored.id + '/versions'));
    side.push(h('section', { class: 'card', 'aria-labelledby': 'h-versions' }, h('h2', { id: 'h-versions', text: t('versions') }), table([
      { label: t('version'), num: true, value: (v) => String(v.version) },
      { label: t('created'), value: (v) => fmtTime(v.createdAt) },
      { label: t('actor'), value: (v) => v.actor || '' },
      { label: t('note'), value: (v) => v.note || '' },
      { label: t('actions'), value: (v) => h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'secondary', onclick: () => trial.useVersion(v.version) }, t('tryVersion', { v: v.version })),
        v.version === stored.version ? null : h('button', { type: 'button', class: 'secondary', onclick: async () => {
          try { await api(tp('/characters/' + stored.id + '/versions/' + v.version + '/restore'), { method: 'POST', body: {} }); toast(t('restored', { v: v.version })); rerender(); } catch (e) { toast(errorText(e)); }
        } }, t('restore') + ' ' + v.version)) }
    ], versions.slice().reverse(), t('versions'))));
  }
  page('character', h('p', null, h('a', { href: '#/characters', text: '← ' + t('characters') })),
    h('div', { class: 'designer' }, h('div', null, defineForm, editor), h('div', null, side)));
}

/**
 * The try-out chat: it answers with the character as the editor shows it (unsaved changes included), or with a
 * version chosen in the list. The character goes to the server as a try-out (POST …/character-try-outs, then PUT
 * before every question), and the conversation is bound to it like an agent.
 */
function tryOut(stored, edited, editor) {
  const box = h('section', { class: 'card', 'aria-labelledby': 'h-try' }, h('h2', { id: 'h-try', text: t('tryOut') }));
  const log = h('div', { class: 'chat-log', role: 'log', 'aria-live': 'polite', tabindex: '0', 'aria-label': t('tryOut') });
  const which = h('p', { class: 'muted try-source', text: t('tryOutHint') });
  let conversation = null; let trial = null; let version = null;
  const reset = () => { conversation = null; trial = null; log.replaceChildren(); };
  const start = async () => {
    const body = version == null ? { character: edited(), characterId: stored ? stored.id : null } : { characterId: stored.id, version };
    trial = await api(tp('/character-try-outs'), { method: 'POST', body });
    conversation = (await api(tp('/conversations'), { method: 'POST', body: { title: t('tryOut') + ': ' + trial.character.name, agentId: trial.id } })).id;
    if (trial.greeting) log.append(h('div', { class: 'a greeting', text: trial.greeting }));
  };
  const form = h('form', { class: 'stack' }, field(t('question'), h('textarea', { name: 'content', rows: '2', required: true, maxlength: '4000' })), formError(),
    h('div', null, h('button', { type: 'submit' }, t('ask')), ' ', h('button', { type: 'button', class: 'secondary', onclick: () => { version = null; which.textContent = t('tryOutHint'); reset(); } }, t('tryOutRestart'))));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault(); const content = String(new FormData(form).get('content') || '').trim(); if (!content) return;
    try {
      if (!trial) await start();
      else if (version == null) await api(tp('/character-try-outs/' + trial.id), { method: 'PUT', body: { character: edited() } });
    } catch (e) { showErrors(e.status === 400 && version == null ? editor : form, e); return; }
    try {
      form.elements.content.value = '';
      const answer = h('div', { class: 'a', text: t('answering') });
      log.append(h('div', { class: 'u', text: content }), answer);
      let text = '';
      await stream(tp('/conversations/' + conversation + '/messages'), { method: 'POST', body: { content, stream: true } }, (event, d) => {
        if (event === 'delta') { text += d.text; answer.textContent = text; } else if (event === 'error') answer.textContent = t('error', { msg: d.message });
      });
    } catch (e) { showErrors(form, e); }
  });
  box.append(which, form, log);
  return {
    box,
    useVersion(v) { version = v; which.textContent = t('tryOutVersion', { v }); reset(); form.elements.content.focus(); }
  };
}
