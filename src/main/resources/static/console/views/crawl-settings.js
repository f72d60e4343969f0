import '../i18n-kb.js';
import { t } from '../core/i18n.js';
import { api, tp } from '../core/api.js';
import { h, field, input, select, checkbox, formError, toast, showErrors, entries } from '../core/dom.js';

const lines = (v) => entries(v);

/** Limits, schedule and include/exclude patterns of a website source, saved with PATCH (only what the form shows). */
export function crawlSettingsForm(spaceId, source, saved) {
  const daily = source.schedule && /^0 (\d{1,2}) (\d{1,2}) \* \* \*$/.exec(source.schedule);
  const kind = !source.schedule ? 'manual' : daily ? 'daily' : 'cron';
  const time = daily ? daily[2].padStart(2, '0') + ':' + daily[1].padStart(2, '0') : '05:00';
  const timeField = field(t('scheduleTime'), input('scheduleTime', { type: 'time', value: time }));
  const cronField = field(t('scheduleCron'), input('scheduleCron', { value: kind === 'cron' ? source.schedule : '0 0 5 * * *' }), t('scheduleCronHint'));
  const kindSelect = select('scheduleKind', [['manual', t('scheduleManual')], ['daily', t('scheduleDaily')], ['cron', t('scheduleCustom')]], kind);
  const showKind = () => { timeField.hidden = kindSelect.value !== 'daily'; cronField.hidden = kindSelect.value !== 'cron'; };
  kindSelect.addEventListener('change', showKind);
  const form = h('form', { class: 'stack', novalidate: true, 'data-source': source.id },
    field(t('name'), input('name', { value: source.name || '' })),
    field(t('startUrls'), h('textarea', { name: 'startUrls', rows: '2', value: source.startUrls.join('\n') }), t('oneLine')),
    h('div', { class: 'row' },
      field(t('maxPages'), input('maxPages', { type: 'number', min: '1', max: '100000', value: String(source.maxPages) })),
      field(t('maxDepth'), input('maxDepth', { type: 'number', min: '0', max: '50', value: String(source.maxDepth) })),
      field(t('timeoutSeconds'), input('timeoutSeconds', { type: 'number', min: '1', max: '300', value: source.timeoutSeconds == null ? '' : String(source.timeoutSeconds) }))),
    checkbox('sameHostOnly', t('sameHostOnly'), source.sameHostOnly),
    checkbox('followSitemaps', t('followSitemaps'), source.followSitemaps),
    checkbox('requiresApproval', t('requiresApproval'), source.requiresApproval),
    field(t('includePatterns'), h('textarea', { name: 'includePatterns', rows: '2', value: source.includePatterns.join('\n') }), t('patternsHint')),
    field(t('excludePatterns'), h('textarea', { name: 'excludePatterns', rows: '2', value: source.excludePatterns.join('\n') }), t('patternsHint')),
    h('fieldset', null, h('legend', { text: t('schedule') }), h('div', { class: 'row' }, field(t('scheduleKind'), kindSelect), timeField, cronField),
      h('p', { class: 'muted', text: t('scheduleZone', { zone: source.timeZone || 'Europe/Berlin' }) })),
    formError(), h('div', null, h('button', { type: 'submit' }, t('saveSettings') + (source.name ? ': ' + source.name : ''))));
  showKind();
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const f = new FormData(form);
    const num = (k) => (f.get(k) === '' || f.get(k) == null ? null : Number(f.get(k)));
    const [hh, mm] = String(f.get('scheduleTime') || '05:00').split(':');
    const schedule = f.get('scheduleKind') === 'manual' ? null
      : f.get('scheduleKind') === 'daily' ? `0 ${Number(mm)} ${Number(hh)} * * *` : String(f.get('scheduleCron') || '').trim();
    const body = { name: f.get('name') || null, startUrls: lines(f.get('startUrls')), includePatterns: lines(f.get('includePatterns')),
      excludePatterns: lines(f.get('excludePatterns')), maxPages: num('maxPages'), maxDepth: num('maxDepth'),
      sameHostOnly: f.get('sameHostOnly') === 'on', followSitemaps: f.get('followSitemaps') === 'on',
      requiresApproval: f.get('requiresApproval') === 'on', schedule };
    if (num('timeoutSeconds') != null) body.timeoutSeconds = num('timeoutSeconds');
    try { await api(tp('/spaces/' + spaceId + '/sources/' + source.id), { method: 'PATCH', body }); toast(t('saved')); await saved(); }
    catch (e) { showErrors(form, e); }
  });
  return form;
}
