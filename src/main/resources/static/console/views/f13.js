import '../i18n-f13.js';
import { t, fmtTime } from '../core/i18n.js';
import { api, tp } from '../core/api.js';
import { isAdmin } from '../core/session.js';
import { rerender } from '../core/router.js';
import { h, field, input, checkbox, formError, page, toast, showErrors, errorText, extLink } from '../core/dom.js';

/**
 * The tenant's F13 connection (GET/PUT …/f13/settings): address, Keycloak client or guest mode (the secret is
 * write-only: only its hint comes back), chat model, F13 as a retrieval source in chat and which of F13's sources it
 * searches (GET …/f13/rag-sources, loaded on demand: it asks F13). A test search (POST …/f13/rag-search) shows what
 * F13 answers. Tenant admins change it; others see it.
 */
export async function f13() {
  let s = null;
  try { s = await api(tp('/f13/settings')); } catch (e) { if (e.code !== 'f13_not_configured') throw e; }
  const admin = isAdmin();
  const v = s || { baseUrl: '', clientId: '', realm: '', guest: false, chatModel: '', ragEnabled: false, ragTimeoutMs: 4000, ragSources: [] };

  const check = (name, label, checked) => checkbox(name, label, checked, { id: 'f13-' + name });
  const secretHint = s && s.hasClientSecret ? t('f13SecretKept', { hint: s.clientSecretHint }) : t('f13SecretNone');
  const sourcesBox = h('div', { class: 'stack', id: 'f13-sources' },
    h('p', { class: 'muted', text: v.ragSources.length ? t('f13SourcesChosen', { names: v.ragSources.join(', ') }) : t('f13SourcesAll') }));
  let sourcesLoaded = false;
  const loadSources = async () => {
    sourcesBox.replaceChildren(h('p', { role: 'status', text: t('loading') }));
    try {
      const r = await api(tp('/f13/rag-sources')); // {sources, selected}
      sourcesLoaded = true;
      const names = [...new Set([...r.sources, ...r.selected])];
      sourcesBox.replaceChildren(h('p', { class: 'muted', text: names.length ? t('f13SourcesHint') : t('f13SourcesEmpty') }),
        ...names.map((n) => checkbox('ragSource', n, r.selected.includes(n), { value: n, disabled: !admin })));
    } catch (e) { sourcesBox.replaceChildren(h('p', { class: 'error', role: 'alert', text: errorText(e) })); }
  };

  const form = h('form', { class: 'stack card', novalidate: true, id: 'f13-form', 'aria-label': t('f13Connection') },
    h('h2', { text: t('f13Connection') }),
    field(t('f13BaseUrl'), input('baseUrl', { type: 'url', required: true, value: v.baseUrl, placeholder: 'https://f13.example' })),
    check('guest', t('f13Guest'), v.guest),
    h('div', { class: 'row' },
      field(t('f13ClientId'), input('clientId', { value: v.clientId || '', autocomplete: 'off' })),
      field(t('f13ClientSecret'), input('clientSecret', { type: 'password', autocomplete: 'new-password' }), secretHint),
      field(t('f13Realm'), input('realm', { value: v.realm || '', placeholder: 'f13' }))),
    s && s.hasClientSecret ? check('removeSecret', t('f13SecretRemove'), false) : null,
    field(t('f13ChatModel'), input('chatModel', { value: v.chatModel || '' })),
    check('ragEnabled', t('f13RagEnabled'), v.ragEnabled),
    field(t('f13RagTimeout'), input('ragTimeoutMs', { type: 'number', min: '200', max: '30000', value: String(v.ragTimeoutMs) })),
    h('fieldset', null, h('legend', { text: t('f13Sources') }), sourcesBox,
      s ? h('div', null, h('button', { type: 'button', class: 'secondary', id: 'f13-load-sources', onclick: loadSources }, t('f13SourcesLoad'))) : null),
    s && s.updatedAt ? h('p', { class: 'muted', text: t('f13Updated', { when: fmtTime(s.updatedAt) }) }) : null,
    admin ? null : h('p', { class: 'muted', text: t('f13ReadOnly') }),
    formError(), admin ? h('div', null, h('button', { type: 'submit' }, t('f13Save'))) : null);
  if (!admin) for (const c of form.querySelectorAll('input')) if (c.name !== 'ragSource') c.disabled = true;
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const f = new FormData(form);
    const g = (k) => { const x = f.get(k); return x == null || String(x).trim() === '' ? null : String(x).trim(); };
    const body = { baseUrl: g('baseUrl') || '', clientId: g('clientId'), realm: g('realm'), guest: f.get('guest') === 'on',
      chatModel: g('chatModel'), ragEnabled: f.get('ragEnabled') === 'on',
      ragTimeoutMs: g('ragTimeoutMs') == null ? null : Number(g('ragTimeoutMs')) };
    if (f.get('removeSecret') === 'on') body.clientSecret = '';
    else if (g('clientSecret') != null) body.clientSecret = String(f.get('clientSecret'));
    if (sourcesLoaded) body.ragSources = f.getAll('ragSource').map(String); // otherwise the stored choice stays
    try { await api(tp('/f13/settings'), { method: 'PUT', body }); toast(t('saved')); rerender(); }
    catch (e) { showErrors(form, e); }
  });

  const answer = h('div', { id: 'f13-answer', 'aria-live': 'polite' });
  const tryForm = s ? h('form', { class: 'stack card', role: 'search', 'aria-label': t('f13Try') }, h('h2', { text: t('f13Try') }),
    field(t('f13Query'), input('query', { type: 'search', required: true, maxlength: '2000' })), formError(),
    h('div', null, h('button', { type: 'submit' }, t('f13Search')))) : null;
  if (tryForm) tryForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const q = String(new FormData(tryForm).get('query') || '').trim();
    if (!q) return;
    answer.replaceChildren(h('p', { role: 'status', text: t('loading') }));
    try {
      const r = await api(tp('/f13/rag-search'), { method: 'POST', body: { query: q } }); // {answer, sources: [{title, url, text}]}
      answer.replaceChildren(h('h3', { text: t('f13Answer') }), h('p', { text: r.answer || '–' }),
        r.sources.length ? h('ol', null, r.sources.map((x) => h('li', null, x.url ? extLink(x.url, x.title || x.url) : (x.title || '–'),
          h('p', { class: 'muted', text: String(x.text || '').slice(0, 300) })))) : h('p', { class: 'muted', text: t('f13NoSources') }));
    } catch (e) { answer.replaceChildren(); showErrors(tryForm, e); }
  });

  page('f13', h('p', { text: t('f13Intro') }), s ? null : h('p', { class: 'muted', id: 'f13-none', text: t('f13NotConfigured') }),
    form, tryForm, answer);
}
