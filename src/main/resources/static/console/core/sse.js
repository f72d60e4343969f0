// Server-Sent Events over fetch (EventSource cannot send a bearer token). One reader for every stream the console
// opens: chat answers, crawl progress and the tenant event feed. The wire format and the events each stream sends
// are documented in docs/events.md; the public widget reads the same format with its own copy of readEvents
// because it must stay one self-contained file.
import { ApiError, headers, refresh } from './api.js';

/** Feeds each complete event of a text/event-stream response to onEvent(name, data, id) until the stream ends. */
export async function readEvents(response, onEvent) {
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const dispatch = (block) => {
    let name = 'message'; let id = null; const data = [];
    for (const line of block.split(/\r?\n/)) {
      if (!line || line[0] === ':') continue; // comments are keep-alive pings
      const i = line.indexOf(':');
      const field = i < 0 ? line : line.slice(0, i);
      let value = i < 0 ? '' : line.slice(i + 1);
      if (value[0] === ' ') value = value.slice(1);
      if (field === 'event') name = value; else if (field === 'data') data.push(value); else if (field === 'id') id = value;
    }
    if (!data.length) return;
    const raw = data.join('\n');
    let parsed = raw;
    try { parsed = JSON.parse(raw); } catch (e) { /* a plain-text event */ }
    onEvent(name, parsed, id);
  };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let m;
    while ((m = /\r?\n\r?\n/.exec(buffer))) { dispatch(buffer.slice(0, m.index)); buffer = buffer.slice(m.index + m[0].length); }
  }
  if (buffer.trim()) dispatch(buffer);
}

/** Opens one stream (GET, or POST with a JSON body) and reads it to its end. */
export async function stream(path, { method = 'GET', body, signal, lastEventId } = {}, onEvent) {
  const h = headers({ Accept: 'text/event-stream' });
  if (body !== undefined) h['Content-Type'] = 'application/json';
  if (lastEventId) h['Last-Event-ID'] = lastEventId;
  const request = () => fetch(path, { method, headers: Object.assign({}, h, headers()), body: body === undefined ? undefined : JSON.stringify(body), signal });
  let res = await request();
  if (res.status === 401 && await refresh()) res = await request();
  if (!res.ok) { let problem = null; try { problem = await res.json(); } catch (e) { /* no body */ } throw new ApiError(res.status, problem); }
  await readEvents(res, onEvent);
}

/**
 * A long-lived subscription (the tenant's event feed): reconnects after a dropped connection and resumes with
 * Last-Event-ID, so no event within the server's retention window is lost. Returns a function that ends it.
 */
export function subscribe(path, onEvent, { retryMs = 3000 } = {}) {
  const ctl = new AbortController();
  let lastId = null;
  (async () => {
    while (!ctl.signal.aborted) {
      try {
        await stream(path, { signal: ctl.signal, lastEventId: lastId }, (name, data, id) => { if (id) lastId = id; onEvent(name, data, id); });
      } catch (e) {
        if (ctl.signal.aborted || (e instanceof ApiError && e.status >= 400 && e.status < 500)) return;
      }
      await new Promise((ok) => setTimeout(ok, retryMs));
    }
  })();
  return () => ctl.abort();
}
