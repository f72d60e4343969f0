import { state, save } from '../core/state.js';
import { t, tv } from '../core/i18n.js';
import { api, tp } from '../core/api.js';
import { isAdmin } from '../core/session.js';
import { h, field, input, formError, page, toast, showErrors, badge } from '../core/dom.js';

/**
 * The tenant's settings: its name (on the tenant resource, GET/PUT /api/v1/tenants/{t}; changing it is for platform
 * admins), and what tenant admins maintain in GET/PUT …/settings: the assistant's tone and refused topics, and the
 * contact citizens are pointed to ({contact:{email, phone, url, hours}, tone, refusedTopics}); what the assistant says
 * first (each widget's greeting) is edited in the widget designer.
 */
export async function settings() {
  const [tenant, loaded, widgets] = await Promise.all([api(tp('')), api(tp('/settings')), api(tp('/widgets?size=200'))]);
  let current = loaded;
  const admin = isAdmin();
  const platform = state.platformAdmin;

  // PUT replaces the settings resource: each form sends its own part and the others as they are now
  const putSettings = async (part) => {
    const c = current.contact;
    const contact = { email: c.email, phone: c.phone, url: c.url, hours: c.hours };
    current = await api(tp('/settings'), { method: 'PUT', body: Object.assign(
      { contact, tone: current.tone, refusedTopics: current.refusedTopics }, part) });
    toast(t('saved'));
  };

  const nameForm = h('form', { class: 'stack', novalidate: true },
    field(t('tenantName'), input('name', { value: tenant.name, required: true, readonly: !platform })),
    field(t('slug'), input('slug', { value: tenant.slug, readonly: true })),
    platform ? h('div', null, h('button', { type: 'submit' }, t('saveName'))) : h('p', { class: 'muted', text: t('nameByPlatform') }), formError());
  nameForm.addEventListener('submit', async (ev) => {
    ev.preventDefault(); const f = new FormData(nameForm);
    try {
      const changed = await api(tp(''), { method: 'PUT', body: { slug: tenant.slug, name: f.get('name'), locale: tenant.locale, timeZone: tenant.timeZone, settings: tenant.settings } });
      if (state.me.tenant && state.me.tenant.id === changed.id) { state.me.tenant.name = changed.name; save(); }
      toast(t('saved'));
    } catch (e) { showErrors(nameForm, e); }
  });

  const assistantForm = h('form', { class: 'stack', novalidate: true },
    field(t('tone'), input('tone', { value: current.tone || '', readonly: !admin, maxlength: '300', placeholder: t('toneDefault') }), t('toneHint')),
    field(t('refusedTopics'), h('textarea', { name: 'refusedTopics', rows: '3', value: current.refusedTopics.join('\n'), readonly: !admin }), t('refusedTopicsHint')),
    formError(), admin ? h('div', null, h('button', { type: 'submit' }, t('saveAssistant'))) : h('p', { class: 'muted', text: t('assistantByAdmin') }));
  assistantForm.addEventListener('submit', async (ev) => {
    ev.preventDefault(); const f = new FormData(assistantForm);
    try {
      await putSettings({ tone: String(f.get('tone') || '').trim() || null,
        refusedTopics: String(f.get('refusedTopics') || '').split('\n').map((x) => x.trim()).filter(Boolean) });
    } catch (e) { showErrors(assistantForm, e); }
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
      await putSettings({ contact: { email: v('contact.email'), phone: v('contact.phone'), url: v('contact.url'), hours: v('contact.hours') } });
    } catch (e) { showErrors(contactForm, e); }
  });

  const greetings = widgets.items.length
    ? h('ul', null, widgets.items.map((w) => h('li', null, h('a', { href: '#/widgets/' + w.id, text: w.name }), ' ', badge(tv('ws', w.status), w.status === 'active' ? 'ok' : 'warn'),
      h('p', { class: 'muted', text: w.greeting || t('defaultGreeting') }))))
    : h('p', { class: 'muted', text: t('noWidgetYet') });

  page('settings',
    h('section', { class: 'card', 'aria-labelledby': 'h-name' }, h('h2', { id: 'h-name', text: t('tenantNameTitle') }), nameForm),
    h('section', { class: 'card', 'aria-labelledby': 'h-assistant' }, h('h2', { id: 'h-assistant', text: t('assistantTitle') }), h('p', { class: 'muted', text: t('assistantHelp') }), assistantForm),
    h('section', { class: 'card', 'aria-labelledby': 'h-contact' }, h('h2', { id: 'h-contact', text: t('contact') }), h('p', { class: 'muted', text: t('contactHelp') }), contactForm),
    h('section', { class: 'card', 'aria-labelledby': 'h-greet' }, h('h2', { id: 'h-greet', text: t('greetings') }), h('p', { class: 'muted', text: t('greetingsHelp') }), greetings));
}
