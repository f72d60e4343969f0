import '../i18n-agent.js';
import { t, tv } from '../core/i18n.js';
import { api, tp } from '../core/api.js';
import { rerender } from '../core/router.js';
import { canEdit } from '../core/session.js';
import { h, field, input, select, formError, page, table, toast, showErrors, errorText, extLink, entries } from '../core/dom.js';

const SERVICES = '/agent-runtime/services';
const KINDS = ['online_service', 'form', 'appointment', 'information'];

/**
 * The service catalogue (Leistungen) agents link with their service_link tool: name, kind, link, office, fees, documents
 * to bring and keywords. Editors add, change and delete entries; a try-out shows which entries a citizen's words find.
 */
export async function services() {
  const catalogue = (await api(tp(SERVICES + '?size=200'))).items;
  const editor = canEdit();
  const slot = h('div');
  const showForm = (x) => slot.replaceChildren(serviceForm(x, () => showForm(null)));
  if (editor) showForm(null);

  const result = h('div', { role: 'status', 'aria-live': 'polite', id: 'svc-found' });
  const tryForm = h('form', { class: 'row card', role: 'search', 'aria-label': t('svcTry'), novalidate: true },
    field(t('svcTryQuestion'), input('q', { type: 'search', maxlength: '500' })), formError(),
    h('div', null, h('button', { type: 'submit' }, t('svcTryButton'))));
  tryForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      const r = await api(tp(SERVICES + '/search?' + new URLSearchParams({ q: String(new FormData(tryForm).get('q') || '') })));
      result.replaceChildren(r.items.length ? h('ol', null, r.items.map((m) => h('li', { text: m.entry.name + ' (' + tv('svc', m.entry.kind) + ')' })))
        : h('p', { class: 'muted', text: t('svcTryNone') }));
    } catch (e) { showErrors(tryForm, e); }
  });

  page('services', h('p', { class: 'muted', text: t('svcHelp') }), table([
    { label: t('name'), value: (x) => x.name },
    { label: t('svcKind'), value: (x) => tv('svc', x.kind) },
    { label: t('svcLink'), value: (x) => x.url ? extLink(x.url) : '' },
    { label: t('svcOffice'), value: (x) => x.office || '' },
    { label: t('svcFees'), value: (x) => x.fees || '' },
    { label: t('actions'), value: (x) => !editor ? '' : h('div', { class: 'row' },
      h('button', { type: 'button', class: 'secondary', onclick: () => { showForm(x); slot.querySelector('input[name=name]').focus(); } }, t('provEdit') + ': ' + x.name),
      h('button', { type: 'button', class: 'danger', onclick: async () => {
        if (!confirm(t('confirmDelete', { name: x.name }))) return;
        try { await api(tp(SERVICES + '/' + x.id), { method: 'DELETE' }); toast(t('deleted')); rerender(); } catch (e) { toast(errorText(e)); }
      } }, t('delete') + ': ' + x.name)) }
  ], catalogue, t('services')), tryForm, result, slot);
}

function serviceForm(x, reset) {
  const editing = x != null;
  const v = x || { name: '', kind: 'online_service', url: '', office: '', fees: '', description: '', documents: [], keywords: [] };
  const form = h('form', { class: 'stack card', novalidate: true, id: 'svc-form', 'aria-label': editing ? t('svcEditTitle', { name: x.name }) : t('svcNew') },
    h('h2', { text: editing ? t('svcEditTitle', { name: x.name }) : t('svcNew') }),
    field(t('name'), input('name', { required: true, maxlength: '200', value: v.name })),
    field(t('svcKind'), select('kind', KINDS.map((k) => [k, tv('svc', k)]), v.kind)),
    field(t('svcLink'), input('url', { type: 'url', value: v.url || '', placeholder: 'https://' })),
    field(t('description'), h('textarea', { name: 'description', rows: 2, maxlength: '4000' }, v.description || '')),
    h('div', { class: 'row' },
      field(t('svcOffice'), input('office', { maxlength: '1000', value: v.office || '' })),
      field(t('svcFees'), input('fees', { maxlength: '1000', value: v.fees || '' }))),
    field(t('svcDocuments'), input('documents', { value: (v.documents || []).join(', ') }), t('commaSeparated')),
    field(t('svcKeywords'), input('keywords', { value: (v.keywords || []).join(', ') }), t('commaSeparated')),
    formError(), h('div', { class: 'row' }, h('button', { type: 'submit' }, t('save')),
      editing ? h('button', { type: 'button', class: 'secondary', onclick: reset }, t('cancel')) : null));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault(); const f = new FormData(form); const g = (k) => { const y = String(f.get(k) || '').trim(); return y === '' ? null : y; };
    const body = { name: g('name') || '', kind: g('kind'), url: g('url'), description: g('description'), office: g('office'),
      fees: g('fees'), documents: entries(f.get('documents'), /[,\n]/), keywords: entries(f.get('keywords'), /[,\n]/) };
    try {
      await api(tp(SERVICES + (editing ? '/' + x.id : '')), { method: editing ? 'PUT' : 'POST', body });
      toast(t('saved')); rerender();
    } catch (e) { showErrors(form, e); }
  });
  return form;
}
