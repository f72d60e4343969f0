// One handle per navigation. The router begins a navigation for every view it renders; the previous one ends then:
// its GET requests are aborted, and whatever they would still have answered is dropped (the promise never settles),
// so a slow response of a view the user already left can never write into the view they are on now.

let seq = 0;
let current = { id: 0, controller: new AbortController() };

/** Ends the current navigation (aborting its requests) and starts the next; returns its handle. */
export function begin() {
  current.controller.abort();
  current = { id: ++seq, controller: new AbortController() };
  return current;
}

/** The navigation in progress. */
export const active = () => current;

/** Whether nav is still the navigation in progress. */
export const isCurrent = (nav) => nav === current;

/** A promise that never settles: what a stale navigation's requests answer. */
export const never = () => new Promise(() => {});
