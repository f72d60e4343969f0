// Session state of the console tab: bearer tokens, the chosen tenant and the UI language, kept in sessionStorage
// so a reload keeps the session but closing the tab ends it.
const KEY = 'wattos.console';

export const state = Object.assign({ lang: 'de' }, JSON.parse(sessionStorage.getItem(KEY) || '{}'));

export function save() {
  sessionStorage.setItem(KEY, JSON.stringify(state));
}
