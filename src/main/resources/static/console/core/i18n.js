// Looks texts up in the console's dictionaries (German first, English second); missing English texts fall back to
// German, missing keys show the key so a gap is visible instead of silently empty.
import { state } from './state.js';
import { TEXTS } from '../i18n.js';

export const LANGS = ['de', 'en'];

export function t(key, vars) {
  let s = (TEXTS[state.lang] || TEXTS.de)[key] ?? TEXTS.de[key] ?? key;
  if (vars) for (const k in vars) s = s.split('{' + k + '}').join(String(vars[k]));
  return s;
}

/** A value the API sends as a machine word (status, option), shown in the UI's language: key prefix + value. */
export function tv(prefix, value) {
  if (value == null || value === '') return '';
  const key = prefix + '_' + value;
  const dict = TEXTS[state.lang] || TEXTS.de;
  return dict[key] ?? TEXTS.de[key] ?? String(value);
}

export function locale() {
  return state.lang === 'en' ? 'en-GB' : 'de-DE';
}

export const fmtTime = (v) => { if (!v) return ''; const d = new Date(v); return isNaN(d) ? String(v) : d.toLocaleString(locale()); };
export const fmtNumber = (n, opts) => (n == null ? '' : Number(n).toLocaleString(locale(), opts));
