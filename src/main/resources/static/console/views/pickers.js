import { t } from '../core/i18n.js';
import { api, tp } from '../core/api.js';
import { h, id } from '../core/dom.js';

export async function spaceOptions() {
  return (await api(tp('/spaces?size=200'))).items;
}

/** Checkboxes for knowledge spaces (search filter, chat scope, widget scope). */
export function spacePicker(spaces, name = 'spaceIds', selected = []) {
  const fs = h('fieldset', null, h('legend', { text: t('spacesForWidget') }));
  if (!spaces.length) fs.append(h('p', { class: 'muted', text: t('none') }));
  for (const s of spaces) {
    const cid = id('sp');
    fs.append(h('div', null, h('input', { type: 'checkbox', id: cid, name, value: s.id, checked: selected.includes(s.id) }), ' ', h('label', { for: cid, style: 'display:inline', text: s.name })));
  }
  return fs;
}
