import '../i18n-voice.js';
import { t, tv, fmtTime, fmtNumber } from '../core/i18n.js';
import { api, tp, headers, download, ApiError } from '../core/api.js';
import { rerender, onLeave } from '../core/router.js';
import { h, field, input, select, page, table, toast, showErrors, errorText } from '../core/dom.js';

/**
 * The tenant's avatar library: upload or import from URLs (checked by the server; a refused file shows each reason,
 * per URL), list with a preview image, download, delete, and each character's avatar.
 */
export async function avatars() {
  const [list, characters] = await Promise.all([api(tp('/avatars')), api(tp('/characters?size=100')).catch(() => ({ items: [] }))]);
  const urls = [];
  onLeave(() => urls.forEach((u) => URL.revokeObjectURL(u)));
  // the previews need the session's token, which an <img src> cannot send: fetched, then shown from a blob
  const preview = (path, name) => {
    const img = h('img', { alt: t('avPreviewOf', { name }), width: '96', height: '96', class: 'avatar-thumb', 'data-role': 'avatar-thumb' });
    fetch(tp(path), { headers: headers({ Accept: 'image/png' }) }).then((r) => (r.ok ? r.blob() : null)).then((b) => {
      if (!b) return; const u = URL.createObjectURL(b); urls.push(u); img.src = u;
    }).catch(() => { /* the row stays usable without its picture */ });
    return img;
  };

  const rows = [{ id: 'default', name: t('avDefault'), builtIn: true }, ...list];
  const library = table([
    { label: t('avPreview'), value: (x) => preview('/avatars/' + x.id + '/thumbnail', x.name) },
    { label: t('name'), value: (x) => x.name },
    { label: t('avSize'), num: true, value: (x) => x.builtIn ? '' : fmtNumber(Math.round(x.sizeBytes / 1024)) + ' KB' },
    { label: t('avVisemes'), num: true, value: (x) => x.builtIn ? '15' : String(x.visemes) },
    { label: t('avArkit'), num: true, value: (x) => x.builtIn ? '' : String(x.arkitBlendShapes) },
    { label: t('avTexture'), num: true, value: (x) => x.builtIn || !x.largestTexture ? '' : x.largestTexture + ' px' },
    { label: t('avVariants'), value: (x) => x.builtIn ? '' : x.variants.join(', ') },
    { label: t('avWarnings'), value: (x) => x.builtIn ? '' : x.warnings.join('; ') },
    { label: t('created'), value: (x) => x.builtIn ? '' : fmtTime(x.createdAt) },
    { label: t('actions'), value: (x) => h('div', { class: 'row' },
      h('button', { type: 'button', class: 'secondary', onclick: () => download(tp('/avatars/' + x.id + '/glb'), (x.builtIn ? 'wattos-avatar' : x.name) + '.glb').catch((e) => toast(errorText(e))) }, t('avDownload') + ': ' + x.name),
      x.builtIn ? null : h('button', { type: 'button', class: 'danger', 'data-delete': x.id, onclick: async () => {
        if (!confirm(t('confirmDelete', { name: x.name }))) return;
        try { await api(tp('/avatars/' + x.id), { method: 'DELETE' }); toast(t('deleted')); rerender(); } catch (e) { toast(errorText(e)); }
      } }, t('delete') + ': ' + x.name)) }
  ], rows, t('avatars'));

  const reasons = h('div', { role: 'alert', 'data-role': 'avatar-reasons' });
  const form = h('form', { class: 'stack card', 'data-role': 'avatar-upload' }, h('h2', { text: t('avUpload') }),
    field(t('name'), input('name', { maxlength: '100' })),
    field(t('avFile'), input('file', { type: 'file', required: true, accept: '.glb,.vrm,model/gltf-binary' }), t('avFileHint')),
    reasons, h('div', null, h('button', { type: 'submit' }, t('avUpload'))));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault(); reasons.replaceChildren();
    const file = form.querySelector('input[name=file]').files[0];
    if (!file) return;
    const data = new FormData(); data.append('file', file);
    const name = String(new FormData(form).get('name') || '').trim();
    try {
      const added = await api(tp('/avatars') + (name ? '?name=' + encodeURIComponent(name) : ''), { method: 'POST', form: data });
      toast(t('avUploaded', { name: added.name })); rerender();
    } catch (e) {
      const found = e instanceof ApiError ? e.errors.filter((x) => x.code) : [];
      reasons.append(h('p', { class: 'error', text: found.length ? t('avRejected') : errorText(e) }));
      if (found.length) reasons.append(h('ul', { class: 'error' }, found.map((x) => h('li', { 'data-reason': x.code }, tv('avr', x.code) + ' – ' + x.message))));
    }
  });

  page('avatars', h('p', { class: 'muted', text: t('avIntro') }), library, form, importForm(),
    characterAvatars(characters.items || [], list));
}

/** A refusal as a list of its reasons (each translated by its code), or the error's own text. */
function refusal(e) {
  const found = e instanceof ApiError && e.code === 'avatar_invalid' ? e.errors.filter((x) => x.code) : [];
  // a link the guard refuses names its reason on the url field; downloads, types and sizes have their own codes
  const reason = (e.errors && e.errors[0] && e.errors[0].code) || e.code || 'error';
  const said = (e.errors || []).map((x) => x.message).filter(Boolean).join('; ');
  if (!found.length) return [h('span', { 'data-reason': reason, text: said ? t('error', { msg: said }) : errorText(e) })];
  return [h('span', { text: t('avRejected') }),
    h('ul', null, found.map((x) => h('li', { 'data-reason': x.code }, tv('avr', x.code) + ' – ' + x.message)))];
}

/**
 * Import from links an avatar service gives (one per line): the server downloads each through its SSRF guard with
 * the size and type caps and checks it like an upload; every link gets its own line saying what became of it.
 */
function importForm() {
  const urls = h('textarea', { name: 'urls', rows: '3', required: true, spellcheck: 'false' });
  const results = h('ul', { class: 'stack', 'data-role': 'avatar-import-results', 'aria-live': 'polite' });
  const button = h('button', { type: 'submit' }, t('avImport'));
  const form = h('form', { class: 'stack card', 'data-role': 'avatar-import' }, h('h2', { text: t('avImportTitle') }),
    h('p', { class: 'muted', text: t('avImportIntro') }), field(t('avImportUrls'), urls, t('avImportUrlsHint')), results,
    h('div', null, button));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault(); results.replaceChildren();
    const links = urls.value.split(/\s*\n\s*/).map((x) => x.trim()).filter(Boolean).slice(0, 20);
    let added = 0; button.disabled = true;
    for (const url of links) {
      const item = h('li', { 'data-url': url, 'data-state': 'pending' }, h('strong', { text: url + ': ' }), h('span', { text: t('loading') }));
      results.append(item);
      try {
        const a = await api(tp('/avatars/imports'), { method: 'POST', body: { url } });
        item.dataset.state = 'ok'; item.lastChild.replaceWith(h('span', { class: 'ok', text: t('avUploaded', { name: a.name }) })); added++;
      } catch (e) {
        item.dataset.state = 'refused'; item.className = 'error'; item.lastChild.replaceWith(h('span', null, refusal(e)));
      }
    }
    button.disabled = false;
    if (added) { toast(t('avImported', { n: added, of: links.length })); if (added === links.length) rerender(); }
  });
  return form;
}

/** One row per character: its avatar, saved into the character (a new version of it). */
function characterAvatars(characters, list) {
  const section = h('section', { class: 'stack card', 'aria-labelledby': 'h-char-avatar' }, h('h2', { id: 'h-char-avatar', text: t('avCharacters') }),
    h('p', { class: 'muted', text: t('avCharactersIntro') }));
  if (!characters.length) { section.append(h('p', { class: 'muted', text: t('vcNoCharacters') })); return section; }
  const options = [['', t('avDefault')], ...list.map((a) => [a.id, a.name])];
  for (const c of characters) {
    const spec = c.character;
    const form = h('form', { class: 'row', 'data-character': c.id }, h('strong', { text: spec.name || '–' }),
      field(t('nav_avatars'), select('avatarId', options, spec.avatarId || '')),
      h('button', { type: 'submit' }, t('avSaveFor', { name: spec.name || '' })), h('p', { class: 'form-error error', role: 'alert' }));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      try {
        const fresh = await api(tp('/characters/' + c.id));
        fresh.character.avatarId = String(new FormData(form).get('avatarId') || '') || null;
        await api(tp('/characters/' + c.id), { method: 'PUT', body: fresh.character });
        toast(t('saved'));
      } catch (e) { showErrors(form, e); }
    });
    section.append(form);
  }
  return section;
}
