import { t, fmtTime, fmtNumber } from '../core/i18n.js';
import { api, tp } from '../core/api.js';
import { h, field, input, formError, page, table, toast, showErrors } from '../core/dom.js';

/** Knowledge spaces with their document counts per status, and a form for a new one. */
export async function spaces() {
  const [list, counts] = await Promise.all([api(tp('/spaces?size=200')), api(tp('/documents/counts'))]);
  const perSpace = {};
  for (const c of counts.items) (perSpace[c.spaceId] ||= {})[c.status] = c.count;
  const total = (id) => Object.entries(perSpace[id] || {}).filter(([s]) => s !== 'removed').reduce((n, [, v]) => n + v, 0);
  const form = h('form', { class: 'stack card' }, h('h2', { text: t('newSpace') }),
    field(t('name'), input('name', { required: true })), field(t('description'), input('description')), formError(),
    h('div', null, h('button', { type: 'submit' }, t('create'))));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault(); const f = new FormData(form);
    try {
      const created = await api(tp('/spaces'), { method: 'POST', body: { name: f.get('name'), description: f.get('description') || null } });
      toast(t('saved')); location.hash = '#/spaces/' + created.id;
    } catch (e) { showErrors(form, e); }
  });
  const countLink = (x, status) => {
    const n = (perSpace[x.id] || {})[status] || 0;
    return n ? h('a', { href: '#/spaces/' + x.id + '?status=' + status, text: fmtNumber(n) }) : '0';
  };
  page('spaces', table([
    { label: t('name'), value: (x) => h('a', { href: '#/spaces/' + x.id, text: x.name }) },
    { label: t('description'), value: (x) => x.description || '' },
    { label: t('documents'), num: true, value: (x) => fmtNumber(total(x.id)) },
    { label: t('ds_indexed'), num: true, value: (x) => countLink(x, 'indexed') },
    { label: t('ds_pending'), num: true, value: (x) => countLink(x, 'pending') },
    { label: t('ds_failed'), num: true, value: (x) => countLink(x, 'failed') },
    { label: t('created'), value: (x) => fmtTime(x.createdAt) }
  ], list.items, t('spaces')), form);
}
