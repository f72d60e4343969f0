// WattOS widget voice and avatar, imported by widget.js only where the widget has voice or the avatar switched on
// (the chat-only widget never loads it). Speaker toggle: answers are read aloud sentence by sentence while they
// stream; stop and barge-in (typing or asking stops the voice); captions; microphone: the recording is transcribed
// and put into the input, where the visitor reads, corrects and sends it. The avatar runs in a WattOS-served frame
// (/w/{key}/avatar) that gets the viseme timings and the audio clock by postMessage.
const T = {
  de: { speak: 'Antworten vorlesen', mic: 'Frage sprechen', stopRec: 'Aufnahme beenden', stop: 'Vorlesen stoppen',
    noMic: 'Kein Mikrofon verfügbar.', sttOff: 'Die Spracheingabe ist für diesen Assistenten nicht eingerichtet.',
    avatar: 'Sprechender Avatar', recording: 'Aufnahme läuft … zum Beenden erneut drücken.',
    transcribing: 'Ihre Frage wird erkannt …', check: 'Bitte prüfen und dann senden.', heard: 'Nichts verstanden. Bitte noch einmal.',
    failed: 'Vorlesen ist gerade nicht möglich.', tooLarge: 'Die Aufnahme ist zu lang.' },
  en: { speak: 'Read answers aloud', mic: 'Speak a question', stopRec: 'Stop recording', stop: 'Stop reading',
    noMic: 'No microphone available.', sttOff: 'Speech input is not set up for this assistant.',
    avatar: 'Talking avatar', recording: 'Recording … press again to finish.',
    transcribing: 'Recognising your question …', check: 'Please check, then send.', heard: 'Nothing understood. Please try again.',
    failed: 'Reading aloud is not possible right now.', tooLarge: 'The recording is too long.' }
};
// a sentence ends with . ! ? … (and closing quotes) followed by white space, or at a line break
const SENTENCE = /[^.!?…\n]+[.!?…]+["“”»«)]*\s+|[^\n]+\n+/g;
const plain = (md) => md.replace(/\[(\d+)\]/g, '').replace(/\[([^\]]+)\]\([^)]*\)/g, '$1').replace(/[*_`#>|]/g, '')
  .replace(/\s+/g, ' ').trim();
const MAX_SPOKEN = 600;
const MAX_STREAMED = 1500;

export function attach(w, header) {
  const t = (k) => (T[w._lang()] || T.de)[k];
  const c = w._config;
  const state = { on: !!c.avatar, queue: [], spoken: 0, playing: null, busy: false, frame: null, recorder: null, played: 0, streams: 0 };
  w._speech = state;
  const status = (s) => w.setAttribute('data-voice', s);
  status('idle');
  const button = (label, sym, onclick) => {
    const b = document.createElement('button');
    b.type = 'button'; b.className = 'icon'; b.setAttribute('aria-label', label); b.title = label; b.textContent = sym;
    b.onclick = onclick;
    return b;
  };
  const speaker = button(t('speak'), '🔊', () => {
    state.on = !state.on; speaker.setAttribute('aria-pressed', String(state.on));
    if (!state.on) stop();
  });
  speaker.setAttribute('aria-pressed', String(state.on));
  speaker.dataset.role = 'speaker';
  const stopButton = button(t('stop'), '■', () => stop());
  stopButton.hidden = true; stopButton.dataset.role = 'stop';
  const mic = button(t('mic'), '🎤', () => record());
  mic.setAttribute('aria-pressed', 'false'); mic.dataset.role = 'mic';
  // captions repeat what is read aloud: always visible; screen readers already get the answer from the log
  const captions = document.createElement('p');
  captions.dataset.role = 'captions'; captions.setAttribute('aria-hidden', 'true');
  captions.style.cssText = 'margin:0;padding:6px 12px;min-height:1.4em;font-size:.95em;background:var(--l-soft,#f3f3f3);color:var(--l-tx,#1a1a1a);border-bottom:1px solid var(--l-line,#ddd)';
  // what the microphone did (recording, recognising, errors) is announced
  const note = document.createElement('p');
  note.dataset.role = 'voice-status'; note.setAttribute('role', 'status');
  note.style.cssText = 'margin:0;padding:0 12px;font-size:.9em;color:var(--l-tx,#1a1a1a)';
  const reset = header.querySelector('button');
  header.insertBefore(speaker, reset); header.insertBefore(stopButton, reset); header.insertBefore(mic, reset);
  header.after(captions);
  captions.after(note);

  if (c.avatar) {
    const frame = document.createElement('iframe');
    frame.title = t('avatar');
    frame.src = w._base + '/w/' + encodeURIComponent(w._key) + '/avatar';
    frame.style.cssText = 'border:0;width:100%;height:200px;display:block;background:transparent';
    frame.setAttribute('allow', 'autoplay');
    frame.dataset.role = 'avatar';
    header.after(frame);
    state.frame = frame;
  }
  const post = (m) => state.frame && state.frame.contentWindow && state.frame.contentWindow.postMessage(m, new URL(w._base).origin);

  function stop() {
    state.queue.forEach((item) => item.abort && item.abort());
    state.queue = []; state.busy = false;
    if (state.playing) { state.playing.pause(); state.playing = null; }
    stopButton.hidden = true; captions.textContent = '';
    status('idle');
    post({ type: 'stop' });
  }
  // barge-in: typing or asking stops the voice at once
  w._input.addEventListener('keydown', () => { if (state.busy) stop(); });
  w.addEventListener('wattos:question', () => { stop(); state.spoken = 0; });
  w.addEventListener('wattos:delta', (e) => { if (state.on) take(e.detail, false); });
  w.addEventListener('wattos:answer', () => {
    const last = w._state.msgs[w._state.msgs.length - 1];
    if (state.on && last && last.r === 'a') take(last.t, true);
    state.spoken = 0;
  });

  function take(text, final) {
    const rest = text.slice(state.spoken);
    let m, used = 0;
    const ready = [];
    SENTENCE.lastIndex = 0;
    while ((m = SENTENCE.exec(rest))) { ready.push(rest.slice(used, m.index + m[0].length)); used = m.index + m[0].length; }
    if (final && rest.slice(used).trim()) { ready.push(rest.slice(used)); used = rest.length; }
    state.spoken += used;
    // several sentences at once (a whole answer, a long delta): one streamed request speaks them in order, each
    // played as soon as it arrives; one sentence at a time as before
    const joined = plain(ready.join(' '));
    if (ready.length > 1 && joined.length <= MAX_STREAMED) { state.queue.push(streamSpeech(joined)); if (!state.busy) next(); }
    else ready.forEach(queue);
  }
  function queue(sentence) {
    let p = plain(sentence);
    while (p) {
      // a sentence longer than one request allows is cut at a word boundary
      let cut = p.length <= MAX_SPOKEN ? p.length : p.lastIndexOf(' ', MAX_SPOKEN);
      if (cut <= 0) cut = MAX_SPOKEN;
      state.queue.push(fetchSpeech(p.slice(0, cut)));
      p = p.slice(cut).trim();
    }
    if (!state.busy) next();
  }

  async function fetchSpeech(text) {
    const token = await w._token(false);
    const res = await fetch(w._api + '/speech', { method: 'POST', credentials: 'omit',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', Authorization: 'Bearer ' + token },
      body: JSON.stringify({ text }) });
    if (!res.ok) throw await w._problem(res);
    return Object.assign(await res.json(), { text });
  }

  // the public /speech as NDJSON: a line per sentence with its audio and timings, read as it arrives
  function streamSpeech(text) {
    state.streams++;
    const lines = []; let ended = false, failure = null, wake = null;
    const control = new AbortController();
    const signal = () => { if (wake) { const f = wake; wake = null; f(); } };
    (async () => {
      try {
        const token = await w._token(false);
        const res = await fetch(w._api + '/speech', { method: 'POST', credentials: 'omit', signal: control.signal,
          headers: { 'Content-Type': 'application/json', Accept: 'application/x-ndjson', Authorization: 'Bearer ' + token },
          body: JSON.stringify({ text }) });
        if (!res.ok) throw await w._problem(res);
        const reader = res.body.getReader(); const decoder = new TextDecoder(); let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          let i;
          while ((i = buffer.indexOf('\n')) >= 0) {
            const line = buffer.slice(0, i).trim(); buffer = buffer.slice(i + 1);
            if (!line) continue;
            const m = JSON.parse(line);
            if (m.error) throw Object.assign(new Error(m.error.detail), { code: m.error.code });
            if (m.speech) { lines.push(Object.assign(m.speech, { text: m.text })); signal(); }
          }
        }
      } catch (e) { failure = e; }
      ended = true; signal();
    })();
    return {
      stream: true, abort: () => control.abort(),
      async take() {
        while (!lines.length && !ended) await new Promise((r) => { wake = r; });
        if (lines.length) return lines.shift();
        if (failure && failure.name !== 'AbortError') throw failure;
        return null;
      }
    };
  }

  async function next() {
    const item = state.queue[0];
    if (!item) { state.busy = false; stopButton.hidden = true; status('idle'); post({ type: 'idle' }); return; }
    state.busy = true; stopButton.hidden = false;
    let s;
    try {
      if (item.stream) {
        s = await item.take();
        if (!state.busy || state.queue[0] !== item) return; // stopped (and perhaps a new answer queued) meanwhile
        if (!s) { state.queue.shift(); next(); return; }
      } else { state.queue.shift(); s = await item; }
    } catch (e) {
      if (!state.busy || (item.stream && state.queue[0] !== item)) return;
      note.textContent = e.code === 'rate_limited' || e.code === 'daily_budget_exhausted' ? w._errorText(e) : t('failed'); stop(); return; }
    if (!state.busy) return;
    const bytes = Uint8Array.from(atob(s.audio), (ch) => ch.charCodeAt(0));
    const url = URL.createObjectURL(new Blob([bytes], { type: s.contentType }));
    const audio = new Audio(url);
    state.playing = audio;
    captions.textContent = s.text;
    status('speaking');
    post({ type: 'speak', visemes: s.visemes, words: s.words, durationMs: s.durationMs, text: s.text });
    // the avatar's mouth runs on the audio's own clock, so it stays in step even when playback stutters
    const tick = () => {
      if (state.playing !== audio || audio.paused) return;
      post({ type: 'clock', t: audio.currentTime * 1000 });
      requestAnimationFrame(tick);
    };
    audio.onplaying = () => requestAnimationFrame(tick);
    const done = () => { URL.revokeObjectURL(url); if (state.playing === audio) { state.playing = null; state.played++; next(); } };
    audio.onended = done; audio.onerror = done;
    try { await audio.play(); } catch (e) { state.playing = null; URL.revokeObjectURL(url); stop(); note.textContent = t('failed'); }
  }

  async function record() {
    if (state.recorder) { state.recorder.stop(); return; }
    stop();
    note.textContent = '';
    if (!navigator.mediaDevices || !window.MediaRecorder) { note.textContent = t('noMic'); return; }
    let stream;
    try { stream = await navigator.mediaDevices.getUserMedia({ audio: true }); } catch (e) { note.textContent = t('noMic'); return; }
    const chunks = [];
    const rec = new MediaRecorder(stream);
    state.recorder = rec;
    mic.setAttribute('aria-label', t('stopRec')); mic.title = t('stopRec'); mic.setAttribute('aria-pressed', 'true');
    note.textContent = t('recording'); status('recording');
    rec.ondataavailable = (e) => { if (e.data.size) chunks.push(e.data); };
    rec.onstop = async () => {
      stream.getTracks().forEach((x) => x.stop());
      state.recorder = null;
      mic.setAttribute('aria-label', t('mic')); mic.title = t('mic'); mic.setAttribute('aria-pressed', 'false');
      note.textContent = t('transcribing'); status('transcribing');
      const type = (rec.mimeType || 'audio/webm').split(';')[0];
      const form = new FormData();
      form.append('file', new Blob(chunks, { type }), type.includes('ogg') ? 'frage.ogg' : type.includes('mp4') ? 'frage.m4a' : 'frage.webm');
      try {
        const token = await w._token(false);
        const res = await fetch(w._api + '/transcriptions', { method: 'POST', credentials: 'omit',
          headers: { Authorization: 'Bearer ' + token }, body: form });
        if (!res.ok) {
          const e = await w._problem(res);
          note.textContent = e.code === 'stt_not_configured' ? t('sttOff')
            : e.code === 'recording_too_large' || e.code === 'recording_too_long' ? t('tooLarge') : w._errorText(e);
          return;
        }
        const body = await res.json();
        const text = (body.text || '').trim();
        if (!text) { note.textContent = t('heard'); return; }
        w._input.value = text; w._input.focus();
        w._input.dispatchEvent(new Event('input'));
        note.textContent = t('check');
      } catch (e) {
        note.textContent = w._errorText(e);
      } finally {
        status('idle');
      }
    };
    rec.start();
    // a spoken question is short; the server refuses recordings over its cap anyway
    setTimeout(() => { if (rec.state === 'recording') rec.stop(); }, 30000);
  }
  return state;
}
