import { state, save } from '../core/state.js';
import { t, tv } from '../core/i18n.js';
import { api, tp } from '../core/api.js';
import { isAdmin } from '../core/session.js';
import { h, field, input, formError, page, toast, showErrors, badge } from '../core/dom.js';

/**
 * The tenant's settings: name, the assistant's tone and refused topics (GET/PUT /api/v1/tenants/{t}; changing them is
 * for platform admins), the contact
 * citizens are pointed to (GET/PUT …/settings: {contact:{email, phone, url, hours}}), and what the assistant says
 * first (each widget's greeting, edited in the widget designer).
 */
export async function settings() {
  const [tenant, current, widgets] = await Promise.all([api(tp('')), api(tp('/settings')), api(tp('/widgets?size=200'))]);
  const admin = isAdmin();

  // name, tone and refused topics live on the tenant resource (PUT is for platform admins); tone and refusedTopics
  // are keys of its settings map that the answering reads (docs/chat.md)
  const stored = tenant.settings;
  const topics = Array.isArray(stored.refusedTopics) ? stored.refusedTopics : [];
  const platform = state.platformAdmin;
  const nameForm = h('form', { class: 'stack', novalidate: true },
    field(t('tenantName'), input('name', { value: tenant.name, required: true, readonly: !platform })),
    field(t('slug'), input('slug', { value: tenant.slug, readonly: true })),
    field(t('tone'), input('tone', { value: typeof stored.tone === 'string' ? stored.tone : '', readonly: !platform, placeholder: t('toneDefault') }), t('toneHint')),
    field(t('refusedTopics'), h('textarea', { name: 'refusedTopics', rows: '3', value: topics.join('\n'), readonly: !platform }), t('refusedTopicsHint')),
    platform ? h('div', null, h('button', { type: 'submit' }, t('saveAssistant'))) : h('p', { class: 'muted', text: t('nameByPlatform') }), formError());
  nameForm.addEventListener('submit', async (ev) => {
    ev.preventDefault(); const f = new FormData(nameForm);
    const settingsMap = Object.assign({}, stored, {
      tone: String(f.get('tone') || '').trim() || null,
      refusedTopics: String(f.get('refusedTopics') || '').split('\n').map((x) => x.trim()).filter(Boolean) });
    for (const k of Object.keys(settingsMap)) if (settingsMap[k] == null) delete settingsMap[k];
    try {
      const changed = await api(tp(''), { method: 'PUT', body: { slug: tenant.slug, name: f.get('name'), locale: tenant.locale, timeZone: tenant.timeZone, settings: settingsMap } });
      Object.assign(stored, changed.settings);
      if (state.me.tenant && state.me.tenant.id === changed.id) { state.me.tenant.name = changed.name; save(); }
      toast(t('saved'));
    } catch (e) { showErrors(nameForm, e); }
  });

  const c = current.contact;
  const contactForm = h('form', { class: 'stack', novalidate: true },
    field(t('contactEmail'), input('contact.email', { type: 'email', value: c.email || '', autocomplete: 'email' })),
    field(t('contactPhone'), input('contact.phone', { type: 'tel', value: c.phone || '', autocomplete: 'tel' })),
    field(t('contactUrl'), input('contact.url', { type: 'url', value: c.url || '' }), t('contactUrlHint')),
    field(t('contactHours'), input('contact.hours', { value: c.hours || '' }), t('contactHoursHint')),
    formError(), admin ? h('div', null, h('button', { type: 'submit' }, t('saveContact'))) : null);
  contactForm.addEventListener('submit', async (ev) => {
    ev.preventDefault(); const f = new FormData(contactForm);
    const v = (k) => { const s = String(f.get(k) || '').trim(); return s || null; };
    try {
      await api(tp('/settings'), { method: 'PUT', body: { contact: { email: v('contact.email'), phone: v('contact.phone'), url: v('contact.url'), hours: v('contact.hours') } } });
      toast(t('saved'));
    } catch (e) { showErrors(contactForm, e); }
  });

  const greetings = widgets.items.length
    ? h('ul', null, widgets.items.map((w) => h('li', null, h('a', { href: '#/widgets/' + w.id, text: w.name }), ' ', badge(tv('ws', w.status), w.status === 'active' ? 'ok' : 'warn'),
      h('p', { class: 'muted', text: w.greeting || t('defaultGreeting') }))))
    : h('p', { class: 'muted', text: t('noWidgetYet') });

  page('settings',
    h('section', { class: 'card', 'aria-labelledby': 'h-name' }, h('h2', { id: 'h-name', text: t('tenantNameTitle') }), nameForm),
    h('section', { class: 'card', 'aria-labelledby': 'h-contact' }, h('h2', { id: 'h-contact', text: t('contact') }), h('p', { class: 'muted', text: t('contactHelp') }), contactForm),
    h('section', { class: 'card', 'aria-labelledby': 'h-greet' }, h('h2', { id: 'h-greet', text: t('greetings') }), h('p', { class: 'muted', text: t('greetingsHelp') }), greetings));
}
