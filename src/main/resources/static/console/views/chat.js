import { t } from '../core/i18n.js';
import { api, tp } from '../core/api.js';
import { stream } from '../core/sse.js';
import { h, $, field, formError, page, showErrors, extLink } from '../core/dom.js';
import { spaceOptions, spacePicker } from './pickers.js';

/** Chat playground: a conversation, answers streamed as start/delta/citations/usage/end/error (docs/events.md). */
export async function chat() {
  const spaces = await spaceOptions();
  const log = h('div', { class: 'chat-log', role: 'log', 'aria-live': 'polite', tabindex: '0', 'aria-label': t('chat') });
  let conversation = null;
  const form = h('form', { class: 'stack card' }, spacePicker(spaces), field(t('question'), h('textarea', { name: 'content', rows: '3', required: true, maxlength: '4000' })), formError(),
    h('div', { class: 'row' }, h('button', { type: 'submit' }, t('ask')), h('button', { type: 'button', class: 'secondary', onclick: () => { conversation = null; log.replaceChildren(); } }, t('newConversation'))));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault(); const f = new FormData(form); const content = String(f.get('content') || '').trim(); if (!content) return;
    const btn = $('button[type=submit]', form); btn.disabled = true;
    try {
      if (!conversation) conversation = (await api(tp('/conversations'), { method: 'POST', body: { spaceIds: f.getAll('spaceIds'), title: content.slice(0, 80) } })).id;
      $('textarea', form).value = '';
      log.append(h('div', { class: 'u', text: content }));
      const answer = h('div', { class: 'a', text: t('answering') }); const meta = h('p', { class: 'muted' }); const cites = h('ol');
      log.append(h('div', null, answer, cites, meta));
      let text = ''; let model = '';
      log.setAttribute('aria-busy', 'true');
      await stream(tp('/conversations/' + conversation + '/messages'), { method: 'POST', body: { content, stream: true } }, (event, d) => {
        if (event === 'start') model = d.model || '';
        else if (event === 'delta') { text += d.text; answer.textContent = text; }
        else if (event === 'citations') cites.replaceChildren(...d.citations.map((x) => h('li', { value: String(x.n) }, extLink(x.url, x.title || x.url), x.headingPath ? ' – ' + x.headingPath : '')));
        else if (event === 'end') meta.textContent = t('model') + ': ' + (model || '?') + ' · ' + d.latencyMs + ' ms' + (d.noAnswer ? ' · ' + t('noAnswer') : '');
        else if (event === 'error') answer.textContent = t('error', { msg: d.message });
      });
      if (!meta.textContent) meta.textContent = t('model') + ': ' + (model || '?');
    } catch (e) { showErrors(form, e); } finally { btn.disabled = false; log.setAttribute('aria-busy', 'false'); log.scrollTop = log.scrollHeight; }
  });
  page('chat', form, log);
}
