import '../i18n-conversations.js';
import { t, fmtTime, fmtNumber, datePattern } from '../core/i18n.js';
import { api, tp, download } from '../core/api.js';
import { isAdmin } from '../core/session.js';
import { h, field, input, dateInput, readDates, select, page, table, badge, pager, toast, errorText, extLink, formError, showErrors, clearErrors } from '../core/dom.js';

const PAGE_SIZE = 25;

/**
 * The conversation log (GET …/analytics/conversations): what citizens asked, filtered by period, text, unanswered
 * and feedback, paged on the server; the filter lives in the URL. Tenant admins export the filtered log as CSV or
 * JSON (audited by the server). Questions appear masked unless the role may see personal data.
 */
export async function conversations(_, query) {
  const f = { text: query.get('text') || '', from: query.get('from') || '', to: query.get('to') || '',
    noAnswer: query.get('noAnswer') === 'true', feedback: query.get('feedback') || '', page: Number(query.get('page') || 0) };
  const filter = new URLSearchParams();
  if (f.text) filter.set('text', f.text);
  if (f.from) filter.set('from', f.from);
  if (f.to) filter.set('to', f.to);
  if (f.noAnswer) filter.set('noAnswer', 'true');
  if (f.feedback) filter.set('feedback', f.feedback);
  const p = await api(tp('/analytics/conversations?' + new URLSearchParams([...filter, ['page', String(f.page)], ['size', String(PAGE_SIZE)]])));

  const form = h('form', { class: 'row card', role: 'search', 'aria-label': t('cvFilter') },
    field(t('cvText'), input('text', { type: 'search', value: f.text })),
    field(t('fromDate'), dateInput('from', f.from), '(' + datePattern() + ')'),
    field(t('toDate'), dateInput('to', f.to), '(' + datePattern() + ')'),
    field(t('cvFeedback'), select('feedback', [['', t('cvFeedbackAny')], ['up', t('cvFeedbackUp')], ['down', t('cvFeedbackDown')]], f.feedback)),
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'noAnswer', checked: f.noAnswer }), ' ', t('cvNoAnswerOnly')),
    h('div', null, h('button', { type: 'submit' }, t('filter'))));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const d = new FormData(form); const dates = readDates(form);
    if (!dates) return;
    const q = new URLSearchParams();
    if (String(d.get('text') || '').trim()) q.set('text', String(d.get('text')).trim());
    for (const k of ['from', 'to']) if (dates[k]) q.set(k, dates[k]);
    if (d.get('feedback')) q.set('feedback', String(d.get('feedback')));
    if (d.get('noAnswer')) q.set('noAnswer', 'true');
    location.hash = '#/conversations' + (q.toString() ? '?' + q : '');
  });

  const exports = isAdmin() ? h('div', { class: 'row' }, ...['csv', 'json'].map((format) => h('button', { type: 'button', class: 'secondary', onclick: async () => {
    try { await download(tp('/analytics/conversations/export?' + new URLSearchParams([...filter, ['format', format]])), 'gespraeche.' + format); }
    catch (e) { toast(errorText(e)); }
  } }, t('cvExport', { format: format.toUpperCase() })))) : null;

  const rows = table([
    { label: t('cvStarted'), value: (c) => h('a', { href: '#/conversations/' + c.conversationId, text: fmtTime(c.startedAt) }) },
    { label: t('cvFirstQuestion'), value: (c) => c.firstQuestion || '' },
    { label: t('cvChannel'), value: (c) => c.channel || '' },
    { label: t('cvAnswers'), num: true, value: (c) => String(c.answers) },
    { label: t('cvUnanswered'), value: (c) => c.noAnswers ? badge(fmtNumber(c.noAnswers), 'bad') : '0' },
    { label: t('cvFeedback'), value: (c) => (c.thumbsUp ? '👍 ' + c.thumbsUp + ' ' : '') + (c.thumbsDown ? '👎 ' + c.thumbsDown : '') }
  ], p.items, t('conversations'));
  const keep = new URLSearchParams(query); keep.delete('page');
  page('conversations', form, exports, h('p', { class: 'muted', role: 'status', text: t('cvShown', { n: p.items.length, total: fmtNumber(p.total) }) }),
    rows, pager(p, (n) => '#/conversations?' + new URLSearchParams([...keep, ['page', String(n)]]), t('cvPages')),
    isAdmin() ? await retentionCard() : null);
}

/** Data protection (tenant admins): how long conversations are kept (GET/PUT …/analytics/retention), purge now. */
async function retentionCard() {
  const r = await api(tp('/analytics/retention')); // {days}
  const state = h('p', { class: 'muted', id: 'cv-retention-state', role: 'status', 'aria-live': 'polite',
    text: r.days ? t('cvRetentionDays', { days: r.days }) : t('cvRetentionKept') });
  const form = h('form', { class: 'stack card', novalidate: true, id: 'cv-retention', 'aria-label': t('cvPrivacy') },
    h('h2', { text: t('cvPrivacy') }), state,
    field(t('cvRetention'), input('days', { type: 'number', min: '1', max: '36500', value: r.days ? String(r.days) : '' }), t('cvRetentionHint')),
    formError(), h('div', { class: 'row' }, h('button', { type: 'submit' }, t('cvRetentionSave')),
      h('button', { type: 'button', class: 'secondary', onclick: async () => {
        try { const x = await api(tp('/analytics/retention/purge'), { method: 'POST' }); state.textContent = t('cvPurged', { n: fmtNumber(x.conversations) }); }
        catch (e) { toast(errorText(e)); }
      } }, t('cvPurgeNow'))));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const v = String(new FormData(form).get('days') || '').trim();
    try {
      const saved = await api(tp('/analytics/retention'), { method: 'PUT', body: { days: v === '' ? null : Number(v) } });
      state.textContent = saved.days ? t('cvRetentionDays', { days: saved.days }) : t('cvRetentionKept');
      clearErrors(form); toast(t('saved'));
    } catch (e) { showErrors(form, e); }
  });
  return form;
}

/** One conversation's transcript: every message, its sources (approved articles and F13 passages named as such) and feedback. */
export async function conversation({ id }) {
  const c = await api(tp('/analytics/conversations/' + encodeURIComponent(id)));
  const messages = h('ol', { class: 'transcript stack', id: 'transcript' }, c.messages.map((m) => h('li', { class: 'card said ' + m.role },
    h('p', null, h('strong', { text: (m.role === 'user' ? t('cvCitizen') : t('cvAssistant')) + ' · ' }), h('span', { class: 'muted', text: fmtTime(m.at) }),
      m.noAnswer ? [' ', badge(t('cvNoAnswer'), 'bad')] : null),
    h('p', { text: m.content || '' }),
    m.sources && m.sources.length ? h('div', null, h('h3', { class: 'sr', text: t('cvSources') }),
      h('ol', { class: 'sources' }, m.sources.map((s) => h('li', { value: String(s.n) }, s.url ? extLink(s.url, s.title || s.url) : (s.title || ''),
        s.curated ? [' ', badge(t('cvApprovedArticle'), 'ok')] : null,
        s.origin === 'f13' ? [' ', h('span', { title: t('cvF13Source') }, badge('F13', 'warn'), h('span', { class: 'sr', text: ' – ' + t('cvF13Source') }))] : null)))) : null,
    (m.feedback || []).length ? h('p', { class: 'muted', text: m.feedback.map((fb) => (fb.rating === 'up' ? '👍' : '👎') + (fb.comment ? ' „' + fb.comment + '“' : '')).join(' · ') }) : null)));
  page('conversation', h('p', null, h('a', { href: '#/conversations', text: t('cvBack') })),
    h('p', { class: 'muted', text: t('cvMeta', { started: fmtTime(c.startedAt), channel: c.channel || '–', answers: c.answers, unanswered: c.noAnswers }) }),
    messages, isAdmin() ? await erasure(id) : null);
}

/** Tenant admins delete the conversation, or every conversation of the person who had it (GDPR); both audited. */
async function erasure(id) {
  const path = tp('/analytics/conversations/' + encodeURIComponent(id));
  let person = null; // {conversations}; none when the conversation came from no widget visitor
  try { person = await api(path + '/visitor'); } catch (e) { if (e.status !== 404) throw e; }
  const gone = (msg) => { toast(msg); location.hash = '#/conversations'; };
  return h('div', { class: 'stack card', id: 'cv-erase' }, h('h2', { text: t('cvPrivacy') }),
    h('div', { class: 'row' },
      h('button', { type: 'button', class: 'danger', onclick: async () => {
        if (!confirm(t('cvEraseConfirm'))) return;
        try { await api(path, { method: 'DELETE' }); gone(t('cvErased')); } catch (e) { toast(errorText(e)); }
      } }, t('cvErase')),
      person ? h('button', { type: 'button', class: 'danger', onclick: async () => {
        if (!confirm(t('cvErasePersonConfirm', { n: person.conversations }))) return;
        try { const x = await api(path + '/visitor/erase', { method: 'POST' }); gone(t('cvPersonErased', { n: x.conversations })); } catch (e) { toast(errorText(e)); }
      } }, t('cvErasePerson', { n: person.conversations })) : null),
    person ? h('p', { class: 'muted', text: t('cvPersonHint') }) : null);
}
