// DOM building blocks shared by the views. Text goes in through textContent only (h's text and children), never as
// HTML, so nothing the API returns can become markup.
import { t, fmtDate, parseDate, datePattern } from './i18n.js';

export function h(tag, attrs, ...kids) {
  const n = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k === 'text') n.textContent = v;
    else if (k.startsWith('on')) n.addEventListener(k.slice(2), v);
    else if (k === 'value') n.value = v;
    else n.setAttribute(k, v === true ? '' : v);
  }
  for (const c of kids.flat()) if (c != null && c !== false) n.append(c instanceof Node ? c : String(c));
  return n;
}

export const $ = (sel, root = document) => root.querySelector(sel);

let uid = 0;
export const id = (prefix) => prefix + '-' + (++uid);

export function field(label, control, hint) {
  if (!control.id) control.id = id('f');
  return h('div', { class: 'field' }, h('label', { for: control.id }, label, hint ? h('span', { class: 'hint', text: ' ' + hint }) : null), control,
    h('div', { class: 'field-error', id: control.id + '-err' }));
}

/** The non-empty, trimmed entries of a typed list (one per line unless {@code separator} says otherwise). */
export const entries = (text, separator = '\n') => String(text || '').split(separator).map((x) => x.trim()).filter(Boolean);

export const input = (name, attrs = {}) => h('input', Object.assign({ name, type: 'text' }, attrs));

/** A checkbox with its label after it; {@code attrs} may add value, disabled or a fixed id (else one is made). */
export function checkbox(name, label, checked, attrs = {}) {
  const box = h('input', Object.assign({ type: 'checkbox', name, checked: !!checked }, attrs));
  if (!box.id) box.id = id('c');
  return h('div', { class: 'check' }, box, ' ', h('label', { for: box.id, text: label }));
}

/** A date typed the console language's way (see parseDate); iso is the current value (yyyy-mm-dd). */
export const dateInput = (name, iso) => input(name, { value: fmtDate(iso), inputmode: 'numeric', autocomplete: 'off',
  placeholder: datePattern(), 'data-date': 'true' });

/**
 * The form's date fields as ISO dates by name, or null after marking each field that holds no real date (the
 * message names the expected form).
 */
export function readDates(form) {
  const out = {}; let ok = true;
  for (const control of form.querySelectorAll('input[data-date]')) {
    const err = $('#' + CSS.escape(control.id) + '-err', form);
    const iso = parseDate(control.value);
    control.removeAttribute('aria-invalid');
    if (err) err.textContent = '';
    if (iso === null) {
      ok = false;
      control.setAttribute('aria-invalid', 'true'); control.setAttribute('aria-describedby', control.id + '-err');
      if (err) err.textContent = t('badDate', { pattern: datePattern() });
    } else out[control.name] = iso;
  }
  return ok ? out : null;
}

/** options: [value, label] pairs. */
export function select(name, options, value, attrs = {}) {
  const s = h('select', Object.assign({ name }, attrs));
  for (const [v, label] of options) s.append(h('option', { value: v, selected: String(v) === String(value) }, label));
  return s;
}

const safeHref = (u) => { try { const x = new URL(u, location.href); return ['http:', 'https:'].includes(x.protocol) ? x.href : null; } catch (e) { return null; } };
export const extLink = (href, label) => safeHref(href) ? h('a', { href: safeHref(href), target: '_blank', rel: 'noopener noreferrer' }, label || href) : (label || href || '');

export function toast(msg) {
  const n = $('#toast'); n.textContent = msg; n.classList.add('show');
  clearTimeout(toast.timer); toast.timer = setTimeout(() => n.classList.remove('show'), 3500);
}

export const errorText = (e) => t('error', { msg: e.detail || e.message });
export const errorBox = (e) => h('p', { class: 'error', role: 'alert', text: errorText(e) });
export const formError = () => h('p', { class: 'form-error error', role: 'alert' });

/** A status word as a coloured badge: kind is ok, bad or warn. */
export const badge = (text, kind) => h('span', { class: 'status ' + kind, text });

/** columns: [{label, value(row), num?}]. */
export function table(columns, rows, caption) {
  if (!rows.length) return h('p', { class: 'muted', text: t('none') });
  return h('table', null, caption ? h('caption', { class: 'sr', text: caption }) : null,
    h('thead', null, h('tr', null, columns.map((c) => h('th', { scope: 'col', class: c.num ? 'num' : null, text: c.label })))),
    h('tbody', null, rows.map((r) => h('tr', null, columns.map((c) => { const v = c.value(r); return h('td', { class: c.num ? 'num' : null }, v == null ? '' : v); })))));
}

/** Removes the errors showErrors put on a form (after a later success). */
export function clearErrors(form) {
  for (const n of form.querySelectorAll('.field-error, .form-error')) n.textContent = '';
  for (const n of form.querySelectorAll('[aria-invalid]')) n.removeAttribute('aria-invalid');
}

/** Field errors of a problem+json (errors[].field) next to their inputs, the rest in the form's alert line. */
export function showErrors(form, e) {
  clearErrors(form);
  let shown = 0;
  for (const fe of e.errors || []) {
    const base = String(fe.field || '').replace(/\[\d+\]$/, '');
    const control = form.querySelector(`[name="${CSS.escape(base)}"]`) || form.querySelector(`[name="${CSS.escape(fe.field || '')}"]`);
    if (!control) continue;
    control.setAttribute('aria-invalid', 'true'); control.setAttribute('aria-describedby', control.id + '-err');
    const err = $('#' + CSS.escape(control.id) + '-err', form);
    if (err) err.textContent += (err.textContent ? ' ' : '') + fe.message;
    shown++;
  }
  const box = form.querySelector('.form-error');
  if (box) box.textContent = shown ? t('fixErrors') + ' ' + (e.detail || '') : errorText(e);
}

/** Replaces the main area with a page: h1 from the title key, document title to match. */
export function page(titleKey, ...content) {
  const main = $('#main');
  document.title = t(titleKey) + ' – ' + t('appTitle');
  main.replaceChildren(h('h1', { text: t(titleKey) }), ...content.flat().filter((c) => c != null && c !== false));
  return main;
}

/** Pager links for a Page response ({page, size, total}): href(n) builds the link of page n. */
export function pager(p, href, label) {
  const last = Math.max(0, Math.ceil(p.total / p.size) - 1);
  return h('nav', { class: 'row pager', 'aria-label': label },
    p.page > 0 ? h('a', { class: 'button secondary', href: href(p.page - 1), text: t('prev') }) : null,
    h('span', { class: 'muted', text: t('pageOf', { n: p.page + 1, of: last + 1, total: p.total }) }),
    p.page < last ? h('a', { class: 'button secondary', href: href(p.page + 1), text: t('next') }) : null);
}
