import { t, tv } from '../core/i18n.js';
import { api, tp } from '../core/api.js';
import { h, page, table, badge } from '../core/dom.js';

export async function widgets() {
  const list = (await api(tp('/widgets?size=200'))).items;
  page('widgets', table([
    { label: t('name'), value: (x) => h('a', { href: '#/widgets/' + x.id, text: x.name }) },
    { label: t('status'), value: (x) => badge(tv('ws', x.status), x.status === 'active' ? 'ok' : 'warn') },
    { label: t('publicKey'), value: (x) => h('code', { text: x.publicKey }) },
    { label: t('allowedOrigins'), value: (x) => x.allowedOrigins.join(', ') }
  ], list, t('widgets')), h('p', null, h('a', { class: 'button', href: '#/widgets/new', text: t('newWidget') })));
}
