import '../i18n-character.js';
import { t, tv, fmtNumber } from '../core/i18n.js';
import { api, tp } from '../core/api.js';
import { rerender, onLeave } from '../core/router.js';
import { h, field, input, select, formError, page, table, toast, showErrors, badge, errorText, extLink } from '../core/dom.js';
import { spaceOptions, spacePicker } from './pickers.js';

const pct = (x) => fmtNumber(x, { maximumFractionDigits: 2, minimumFractionDigits: 2 });

/**
 * Target groups: derive them from the indexed content (POST …/personas/generate, a job polled until it ends, 409 when
 * nothing is indexed), look at each with its score breakdown and evidence, approve them, and generate agents for the
 * selected ones (POST …/agents/generate, validated at once).
 */
export async function personas(params, query) {
  const [list, spaces, chars] = await Promise.all([api(tp('/personas?size=100' + (query.get('job') ? '&jobId=' + encodeURIComponent(query.get('job')) : ''))),
    spaceOptions(), api(tp('/characters?size=100'))]);
  const progress = h('div', { role: 'status', 'aria-live': 'polite' });
  const form = h('form', { class: 'stack card', 'aria-labelledby': 'h-generate', novalidate: true }, h('h2', { id: 'h-generate', text: t('generatePersonas') }),
    field(t('character'), select('characterId', chars.items.map((c) => [c.id, c.character.name + (c.isDefault ? ' (' + t('isDefault') + ')' : '')]),
      (chars.items.find((c) => c.isDefault) || {}).id)),
    spacePicker(spaces),
    field(t('maxPersonas'), input('maxPersonas', { type: 'number', min: '1', max: '20', value: '10' })),
    field(t('minQualityScore'), input('minQualityScore', { type: 'number', min: '0', max: '1', step: '0.05', value: '0.7' })),
    formError(), h('div', null, h('button', { type: 'submit' }, t('generate'))), progress);
  let timer = null;
  onLeave(() => clearTimeout(timer));
  if (query.get('job')) {
    try { progress.replaceChildren(...summary(await api(tp('/persona-jobs/' + encodeURIComponent(query.get('job')))))); } catch (e) { progress.replaceChildren(h('p', { class: 'error', text: errorText(e) })); }
  }
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault(); const f = new FormData(form);
    const body = { characterId: f.get('characterId') || null, spaceIds: f.getAll('spaceIds'),
      maxPersonas: f.get('maxPersonas') === '' ? null : Number(f.get('maxPersonas')),
      minQualityScore: f.get('minQualityScore') === '' ? null : Number(f.get('minQualityScore')) };
    try {
      const job = await api(tp('/personas/generate'), { method: 'POST', body });
      const poll = async () => {
        const j = await api(tp('/persona-jobs/' + job.id));
        progress.replaceChildren(h('p', { text: t('jobStatus', { status: tv('js', j.status) }) }));
        if (j.status === 'succeeded') {
          if (location.hash !== '#/personas?job=' + j.id) location.hash = '#/personas?job=' + j.id; else rerender();
        } else if (j.status === 'failed') progress.append(h('p', { class: 'error', role: 'alert', text: t('error', { msg: j.error }) }));
        else timer = setTimeout(poll, 700);
      };
      await poll();
    } catch (e) { showErrors(form, e); }
  });

  const chosen = new Set();
  const agentsButton = h('button', { type: 'button', onclick: async () => {
    if (!chosen.size) { toast(t('noneSelected')); return; }
    agentsButton.disabled = true;
    try {
      const r = await api(tp('/agents/generate'), { method: 'POST', body: { personaIds: [...chosen], validate: true } });
      toast(t('agentsGenerated', { n: r.items.length })); location.hash = '#/agents';
    } catch (e) { toast(errorText(e)); } finally { agentsButton.disabled = false; }
  } }, t('generateAgents'));

  const cards = list.items.map((x) => {
    const p = x.persona; const s = p.scoreBreakdown || {};
    const box = h('input', { type: 'checkbox', id: 'ps-' + x.id, onchange: (ev) => { if (ev.target.checked) chosen.add(x.id); else chosen.delete(x.id); } });
    return h('article', { class: 'card persona', 'aria-labelledby': 'pn-' + x.id },
      h('h3', { id: 'pn-' + x.id }, p.name, ' ', badge(tv('ps', x.status), x.status === 'approved' ? 'ok' : 'warn')),
      h('div', { class: 'check' }, box, h('label', { for: 'ps-' + x.id, text: t('select') + ': ' + p.name })),
      h('p', { text: p.description }),
      h('dl', { class: 'facts' },
        h('dt', { text: t('quality') }), h('dd', { text: pct(p.qualityScore) + ' – ' + t('scoreParts', { e: pct(s.evidence), d: pct(s.distinctness), s: pct(s.specificity), a: pct(s.answerability) }) }),
        h('dt', { text: t('languageLevel') }), h('dd', { text: tv('ll', p.languageLevel) }),
        h('dt', { text: t('topics') }), h('dd', { text: p.topics.join(', ') }),
        h('dt', { text: t('needs') }), h('dd', { text: p.needs.join(' · ') })),
      h('details', null, h('summary', { text: t('typicalQuestions') + ' (' + p.typicalQuestions.length + ')' }), h('ul', null, p.typicalQuestions.map((q) => h('li', { text: q })))),
      h('details', null, h('summary', { text: t('evidence') + ' (' + p.evidence.length + ')' }), h('ul', null, p.evidence.map((e) => h('li', null, e.url ? extLink(e.url, e.title || e.url) : (e.title || ''))))),
      h('div', { class: 'row' },
        x.status === 'approved' ? null : h('button', { type: 'button', class: 'secondary', onclick: async () => {
          try { await api(tp('/personas/' + x.id + '/approve'), { method: 'POST', body: {} }); toast(t('saved')); rerender(); } catch (e) { toast(errorText(e)); }
        } }, t('approve') + ': ' + p.name),
        h('button', { type: 'button', class: 'danger', onclick: async () => {
          if (!confirm(t('confirmDelete', { name: p.name }))) return;
          try { await api(tp('/personas/' + x.id), { method: 'DELETE' }); toast(t('deleted')); rerender(); } catch (e) { toast(errorText(e)); }
        } }, t('delete') + ': ' + p.name)));
  });
  page('personas', form, list.items.length ? [h('div', { class: 'grid' }, cards), h('p', null, agentsButton)] : h('p', { class: 'muted', text: t('none') }));
}

/** What a finished job kept, dropped (with the reasons) and merged, and who named the personas. */
function summary(j) {
  const out = [h('p', { text: t('jobStatus', { status: tv('js', j.status) }) })];
  if (j.status === 'failed') out.push(h('p', { class: 'error', role: 'alert', text: t('error', { msg: j.error }) }));
  const r = j.result;
  if (!r) return out;
  out.push(h('p', { class: 'ok', text: t('jobResult', { kept: r.personaIds.length, dropped: r.dropped.length, merged: r.merged.length,
    by: !r.namedBy || r.namedBy === 'rules' ? t('readBy_rules') : String(r.namedBy).replace(/^model:/, '') }) }));
  if (r.dropped.length) out.push(h('details', null, h('summary', { text: t('dropped') + ' (' + r.dropped.length + ')' }),
    h('ul', null, r.dropped.map((d) => h('li', { text: d.name + ' (' + pct(d.qualityScore) + '): ' + d.reason })))));
  return out;
}
