import '../i18n-reports.js';
import { t, tv, fmtTime } from '../core/i18n.js';
import { api, tp } from '../core/api.js';
import { rerender } from '../core/router.js';
import { h, field, select, formError, page, table, toast, showErrors, badge, errorText } from '../core/dom.js';

const TYPES = ['DAILY', 'WEEKLY', 'MONTHLY'];
const STATE_KIND = { SENT: 'ok', FAILED: 'bad', SCHEDULED: 'ok', DISABLED: 'warn', MAIL_NOT_CONFIGURED: 'warn' };
// leaving ?edit= renders the page anew through the hash change; on the plain page render it here
const backToList = () => { if (location.hash === '#/reports') rerender(); else location.hash = '#/reports'; };
const path = (type) => tp('/analytics/report-schedules/' + type.toLowerCase());

/**
 * Scheduled e-mail reports of the tenant: one schedule per interval (daily, weekly, monthly) with its recipients,
 * format and language; edit, pause, delete, send now. The API keeps one schedule per interval, so saving an
 * interval that has one replaces it (the form says so).
 */
export async function reports(params, query) {
  const listing = await api(tp('/analytics/report-schedules'));
  const items = listing.items;
  const editing = items.find((x) => x.schedule.type === query.get('edit')) || null;
  const typeName = (type) => tv('rsType', type);

  const sendNow = async (s) => {
    try { await api(path(s.type) + '/send', { method: 'POST' }); toast(t('rsSent', { type: typeName(s.type) })); }
    catch (e) { toast(errorText(e)); }
  };
  const remove = async (s) => {
    if (!confirm(t('rsDeleteConfirm', { type: typeName(s.type) }))) return;
    try { await api(path(s.type), { method: 'DELETE' }); toast(t('deleted')); backToList(); }
    catch (e) { toast(errorText(e)); }
  };
  const list = table([
    { label: t('rsInterval'), value: (x) => typeName(x.schedule.type) },
    { label: t('rsRecipients'), value: (x) => x.schedule.recipients.map((r) => h('div', { text: r })) },
    { label: t('rsFormat'), value: (x) => x.schedule.format },
    { label: t('rsLanguage'), value: (x) => tv('rsLang', x.schedule.locale) },
    { label: t('rsState'), value: (x) => [badge(tv('rsState', x.state), STATE_KIND[x.state] || 'warn'),
      x.schedule.lastError ? h('div', { class: 'muted', text: x.schedule.lastError }) : null] },
    { label: t('rsNext'), value: (x) => x.schedule.enabled ? fmtTime(x.schedule.nextRunAt) : '–' },
    { label: t('rsLast'), value: (x) => x.schedule.lastRunAt ? fmtTime(x.schedule.lastRunAt) : '–' },
    { label: t('actions'), value: (x) => h('div', { class: 'row' },
      h('a', { class: 'button secondary', href: '#/reports?edit=' + x.schedule.type }, t('rsEdit') + ': ' + typeName(x.schedule.type)),
      listing.mailConfigured ? h('button', { type: 'button', class: 'secondary', onclick: () => sendNow(x.schedule) },
        t('rsSendNow') + ': ' + typeName(x.schedule.type)) : null,
      h('button', { type: 'button', class: 'danger', onclick: () => remove(x.schedule) }, t('delete') + ': ' + typeName(x.schedule.type))) }
  ], items, t('reports'));

  page('reports', h('p', { class: 'muted', text: t('rsIntro') }),
    listing.mailConfigured ? null : h('p', { class: 'warn', role: 'note', id: 'rs-no-mail', text: t('rsNoMail') }),
    list, form(editing ? editing.schedule : null, items, typeName));
}

/** Creates a schedule, or edits the one given (its interval fixed: changing it would be another schedule). */
function form(current, items, typeName) {
  const type = select('type', TYPES.map((x) => [x, typeName(x)]), current ? current.type : TYPES.find((x) => !items.some((i) => i.schedule.type === x)) || 'WEEKLY',
    { id: 'rs-type', disabled: current ? true : null });
  const exists = h('p', { class: 'muted', id: 'rs-exists', 'aria-live': 'polite' });
  const showExists = () => { exists.textContent = !current && items.some((i) => i.schedule.type === type.value) ? t('rsExists') : ''; };
  type.addEventListener('change', showExists);
  const recipients = h('textarea', { name: 'recipients', rows: 4, id: 'rs-recipients', autocomplete: 'off', spellcheck: 'false' });
  recipients.value = current ? current.recipients.join('\n') : '';
  const format = select('format', [['PDF', 'PDF'], ['CSV', 'CSV']], current ? current.format : 'PDF', { id: 'rs-format' });
  const locale = select('locale', [['de', t('rsLang_de')], ['en', t('rsLang_en')]], current ? current.locale : 'de', { id: 'rs-locale' });
  const enabled = h('input', { type: 'checkbox', name: 'enabled', id: 'rs-enabled', checked: !current || current.enabled });
  const el = h('form', { class: 'stack card', id: 'rs-form', novalidate: true },
    h('h2', { text: current ? t('rsEditOf', { type: typeName(current.type) }) : t('rsNew') }),
    field(t('rsInterval'), type), exists,
    field(t('rsRecipients'), recipients, t('rsRecipientsHint')),
    field(t('rsFormat'), format), field(t('rsLanguage'), locale),
    h('div', { class: 'field' }, h('label', { for: 'rs-enabled' }, enabled, ' ' + t('rsEnabled'))),
    formError(), h('div', { class: 'row' }, h('button', { type: 'submit' }, t('save')),
      current ? h('a', { class: 'button secondary', href: '#/reports' }, t('rsNewInstead')) : null));
  showExists();
  el.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const body = { recipients: recipients.value.split(/[\n,;]+/).map((s) => s.trim()).filter(Boolean),
      format: format.value, locale: locale.value, enabled: enabled.checked };
    const chosen = current ? current.type : type.value;
    try {
      await api(path(chosen), { method: 'PUT', body });
      toast(t('saved'));
      backToList();
    } catch (e) { showErrors(el, e); }
  });
  return el;
}
