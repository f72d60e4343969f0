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

// Dates are written the console language's way (24.12.2026 in German, 24/12/2026 in English); a native date input
// would follow the browser's locale instead. The API and the URL keep ISO dates (2026-12-24).
export const datePattern = () => (state.lang === 'en' ? 'DD/MM/YYYY' : 'TT.MM.JJJJ');

export function fmtDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || '');
  if (!m) return iso || '';
  return state.lang === 'en' ? `${m[3]}/${m[2]}/${m[1]}` : `${m[3]}.${m[2]}.${m[1]}`;
}

/** The ISO date of what was typed ('' for nothing, null for no real date); ISO input is understood in every language. */
export function parseDate(text) {
  const s = String(text || '').trim();
  if (!s) return '';
  let y; let mo; let d; let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) [, y, mo, d] = m;
  else {
    m = (state.lang === 'en' ? /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/ : /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/).exec(s);
    if (!m) return null;
    [, d, mo, y] = m;
  }
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(mo) - 1 || date.getUTCDate() !== Number(d)) return null;
  return `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`;
}
