import '../i18n-agent.js';
import { t, tv, fmtTime } from '../core/i18n.js';
import { api, tp } from '../core/api.js';
import { onLeave } from '../core/router.js';
import { h, page, toast, badge, errorText } from '../core/dom.js';
import { subscribe } from '../core/sse.js';
import { state } from '../core/state.js';
import { reviewInbox } from './kb-inbox.js';

const RUNTIME = '/agent-runtime';

/**
 * The agent runtime's inbox: pending approvals (the proposed calls with editable JSON arguments, a comment, approve or
 * reject: the run continues at once and its result is shown) and handoffs (take a conversation, write to the citizen,
 * hand it back). Live through the tenant event feed; drafts typed into the page survive its refreshes. Only native
 * form controls, so everything works with the keyboard.
 */
export async function inbox() {
  const drafts = new Map();
  const results = new Map();
  const approvalsBox = h('section', { 'aria-labelledby': 'inbox-approvals' });
  const handoffsBox = h('section', { 'aria-labelledby': 'inbox-handoffs' });
  const reviews = reviewInbox(state.me && state.me.user && state.me.user.id);
  page('inbox', h('p', { class: 'muted', text: t('inboxHelp') }), reviews.element, approvalsBox, handoffsBox);

  const draft = (key, fallback) => (drafts.has(key) ? drafts.get(key) : fallback);
  const keep = (key) => (ev) => drafts.set(key, ev.target.value);

  async function renderApprovals() {
    const items = (await api(tp(RUNTIME + '/approvals?status=pending'))).items;
    const cards = items.map((a) => {
      const tools = a.calls.map((c) => c.name).join(', ');
      const status = h('p', { role: 'status', class: 'muted' });
      const callFields = a.calls.map((c) => {
        const id = 'args-' + a.id + '-' + c.id;
        let pretty = c.arguments;
        try { pretty = JSON.stringify(JSON.parse(c.arguments || '{}'), null, 2); } catch (e) { /* shown as sent */ }
        return h('div', { class: 'field' },
          h('label', { for: id, text: t('callArguments', { tool: c.name }) }),
          h('textarea', { id, name: 'args', rows: 3, 'data-call': c.id, 'data-tool': c.name, oninput: keep(id) }, draft(id, pretty)));
      });
      const noteId = 'note-' + a.id;
      const note = h('input', { id: noteId, name: 'note', type: 'text', maxlength: 2000, value: draft(noteId, ''), oninput: keep(noteId) });
      const decide = async (verb) => {
        const body = { note: note.value.trim() || null };
        if (verb === 'approve') {
          const args = {};
          for (const area of card.querySelectorAll('textarea[name=args]')) {
            const original = a.calls.find((c) => c.id === area.dataset.call).arguments || '{}';
            let parsed;
            try { parsed = JSON.parse(area.value); } catch (e) { parsed = null; }
            if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) { status.textContent = t('argumentsInvalid', { tool: area.dataset.tool }); area.focus(); return; }
            let before = null; try { before = JSON.parse(original); } catch (e) { /* none */ }
            if (JSON.stringify(parsed) !== JSON.stringify(before)) args[area.dataset.call] = parsed;
          }
          if (Object.keys(args).length) body.arguments = args;
        }
        try {
          const run = await api(tp(RUNTIME + '/approvals/' + a.id + '/' + verb), { method: 'POST', body });
          results.set(a.id, { verb, run, question: a.question });
          for (const k of [...drafts.keys()]) if (k.includes(a.id)) drafts.delete(k);
          await renderApprovals();
          const done = document.getElementById('result-' + a.id);
          if (done) done.focus();
        } catch (e) { status.textContent = errorText(e); }
      };
      const card = h('article', { class: 'card approval', 'aria-labelledby': 'ap-' + a.id },
        h('h3', { id: 'ap-' + a.id, text: t('approvalFor', { tools }) }),
        h('dl', { class: 'facts' },
          h('dt', { text: t('question') }), h('dd', { text: a.question }),
          h('dt', { text: t('requestedAt') }), h('dd', { text: fmtTime(a.createdAt) }),
          h('dt', { text: t('expiresAt') }), h('dd', { text: fmtTime(a.expiresAt) })),
        callFields,
        h('div', { class: 'field' }, h('label', { for: noteId, text: t('decisionNote') }), note),
        h('div', { class: 'row' },
          h('button', { type: 'button', onclick: () => decide('approve') }, t('approve')),
          h('button', { type: 'button', class: 'danger', onclick: () => decide('deny') }, t('reject'))),
        status);
      return card;
    });
    const done = [...results.entries()].map(([id, r]) => h('article', { class: 'card result', id: 'result-' + id, tabindex: '-1', 'aria-labelledby': 'rh-' + id },
      h('h3', { id: 'rh-' + id, text: r.verb === 'approve' ? t('approvedRun', { status: tv('rs', r.run.status) }) : t('rejectedRun') }),
      h('p', { class: 'muted', text: r.question }),
      h('p', null, h('strong', { text: t('answerNow') + ': ' }), r.run.answer || ''),
      badge(tv('rs', r.run.status), r.run.status === 'completed' ? 'ok' : 'warn')));
    approvalsBox.replaceChildren(h('h2', { id: 'inbox-approvals', text: t('approvals') }),
      ...(cards.length ? cards : [h('p', { class: 'muted', text: t('noApprovals') })]), ...done);
  }

  async function renderHandoffs() {
    const waiting = (await api(tp(RUNTIME + '/handoffs?status=waiting'))).items;
    const active = (await api(tp(RUNTIME + '/handoffs?status=active'))).items;
    const cards = [];
    for (const x of [...active, ...waiting]) {
      const status = h('p', { role: 'status', class: 'muted' });
      const act = async (path, body, message) => {
        try { await api(tp(RUNTIME + '/handoffs/' + x.id + path), { method: 'POST', body: body || {} }); if (message) toast(message); await renderHandoffs(); }
        catch (e) { status.textContent = errorText(e); }
      };
      const parts = [h('h3', { id: 'ho-' + x.id, text: t('handoffTitle', { reason: tv('hr', x.reason) }) }, ' ', badge(tv('hs', x.status), x.status === 'active' ? 'ok' : 'warn')),
        h('dl', { class: 'facts' }, h('dt', { text: t('summary') }), h('dd', { text: x.summary }),
          h('dt', { text: t('requestedAt') }), h('dd', { text: fmtTime(x.createdAt) }),
          x.takenBy ? [h('dt', { text: t('takenBy', { name: '' }).replace(/\s*$/, '') }), h('dd', { text: x.takenBy })] : null)];
      if (x.status === 'waiting') {
        parts.push(h('div', { class: 'row' }, h('button', { type: 'button', onclick: () => act('/take') }, t('take'))));
      } else {
        const detail = await api(tp(RUNTIME + '/handoffs/' + x.id));
        parts.push(h('h4', { text: t('transcript') }), h('ol', { class: 'transcript', 'aria-live': 'polite' },
          detail.transcript.map((m) => h('li', { class: 'said ' + m.role }, h('strong', { text: tv('who', m.role) + (m.author ? ' (' + m.author + ')' : '') + ': ' }), m.content))));
        const msgId = 'msg-' + x.id; const endId = 'end-' + x.id;
        const text = h('textarea', { id: msgId, name: 'content', rows: 3, maxlength: 4000, oninput: keep(msgId) }, draft(msgId, ''));
        const endNote = h('input', { id: endId, name: 'note', type: 'text', maxlength: 2000, value: draft(endId, ''), oninput: keep(endId) });
        const form = h('form', { class: 'stack' },
          h('div', { class: 'field' }, h('label', { for: msgId, text: t('writeToCitizen') }), text),
          h('div', { class: 'row' }, h('button', { type: 'submit' }, t('send'))));
        form.addEventListener('submit', (ev) => {
          ev.preventDefault();
          if (!text.value.trim()) { text.focus(); return; }
          drafts.delete(msgId);
          act('/messages', { content: text.value.trim() }, t('sent')).then(() => { const n = document.getElementById(msgId); if (n) n.focus(); });
        });
        parts.push(form, h('div', { class: 'field' }, h('label', { for: endId, text: t('endNote') }), endNote),
          h('div', { class: 'row' }, h('button', { type: 'button', class: 'secondary', onclick: () => { drafts.delete(endId); act('/end', { note: endNote.value.trim() || null }, t('handoffEnded')); } }, t('endHandoff'))));
      }
      parts.push(status);
      cards.push(h('article', { class: 'card handoff', 'aria-labelledby': 'ho-' + x.id }, ...parts));
    }
    handoffsBox.replaceChildren(h('h2', { id: 'inbox-handoffs', text: t('handoffs') }),
      ...(cards.length ? cards : [h('p', { class: 'muted', text: t('noHandoffs') })]));
  }

  const safely = (fn) => async () => { try { await fn(); } catch (e) { toast(errorText(e)); } };
  await Promise.all([safely(renderApprovals)(), safely(renderHandoffs)()]);

  // live: new approval tasks and decisions, handoffs and the messages of handed-over conversations
  let timer = 0;
  const refresh = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const focused = document.activeElement && document.activeElement.id;
      Promise.all([safely(renderApprovals)(), safely(renderHandoffs)()]).then(() => {
        const again = focused && document.getElementById(focused);
        if (again && again !== document.activeElement) again.focus();
      });
    }, 300);
  };
  const stop = subscribe(tp('/events?topics=' + encodeURIComponent('tool.approval.*,channel.handoff.*,channel.conversation.message.posted')),
    (topic, event) => { if (approvalsBox.isConnected) refresh(); });
  onLeave(() => { stop(); reviews.stop(); clearTimeout(timer); });
}
