/*! WattOS assistant widget | Apache-2.0
 * Embed: <script src="https://wattos.example/widget.js" data-wattos-widget="PUBLIC_KEY" async></script>
 * Or use the element directly: <wattos-assistant public-key="PUBLIC_KEY" base-url="https://wattos.example" mode="inline">
 * Defines nothing global but the custom element <wattos-assistant>; everything renders in its Shadow DOM, text only
 * through textContent (never innerHTML), so nothing a visitor or a model writes can become markup. */
(() => {
  'use strict';
  const TAG = 'wattos-assistant';
  const perf = window.performance;
  perf && perf.mark && perf.mark('wattos:script');
  const current = document.currentScript;

  const I18N = {
    de: {
      open: 'Chat mit {name} öffnen', close: 'Chat schließen', input: 'Ihre Nachricht', placeholder: 'Ihre Frage …',
      send: 'Senden', approvedArticle: 'Geprüfter Artikel', f13Source: 'Quelle: F13-Plattform des Landes', sources: 'Quellen', source: 'Quelle {n}: {title}', helpful: 'Hilfreich', unhelpful: 'Nicht hilfreich',
      thanks: 'Danke für Ihre Rückmeldung.', privacy: 'Datenschutz', log: 'Gesprächsverlauf', you: 'Sie',
      suggestions: 'Vorschläge', newChat: 'Neues Gespräch', typing: 'Antwort wird erstellt …', page: 'S. {n}',
      staff: 'Mitarbeiterin/Mitarbeiter', byAssistant: 'Digitaler Assistent',
      greeting: 'Guten Tag! Wie kann ich Ihnen helfen?', assistant: 'Digitaler Assistent',
      notice: 'Hinweis: Sie schreiben mit einem KI-Assistenten. Die Antworten werden automatisch erstellt und können Fehler enthalten. Bitte geben Sie keine persönlichen Daten ein.',
      error: 'Leider ist ein Fehler aufgetreten. Bitte versuchen Sie es später erneut.',
      rate: 'Sie haben gerade viele Nachrichten gesendet. Bitte warten Sie einen Moment.',
      budget: 'Der Assistent hat heute sein Kontingent erreicht. Bitte versuchen Sie es morgen erneut.',
      inactive: 'Der Assistent ist derzeit nicht verfügbar.', tooLong: 'Die Nachricht ist zu lang (höchstens {n} Zeichen).',
      preview: 'Vorschau: Hier erscheint die Antwort des Assistenten.', newWindow: '(öffnet in neuem Fenster)'
    },
    en: {
      open: 'Open chat with {name}', close: 'Close chat', input: 'Your message', placeholder: 'Your question …',
      send: 'Send', approvedArticle: 'Approved article', f13Source: 'Source: the state\'s F13 platform', sources: 'Sources', source: 'Source {n}: {title}', helpful: 'Helpful', unhelpful: 'Not helpful',
      thanks: 'Thank you for your feedback.', privacy: 'Privacy', log: 'Conversation', you: 'You',
      suggestions: 'Suggestions', newChat: 'New conversation', typing: 'Writing an answer …', page: 'p. {n}',
      staff: 'Member of staff', byAssistant: 'Digital assistant',
      greeting: 'Hello! How can I help you?', assistant: 'Digital assistant',
      notice: 'Note: you are writing with an AI assistant. Answers are generated automatically and may contain mistakes. Please do not enter personal data.',
      error: 'Sorry, something went wrong. Please try again later.',
      rate: 'You have sent many messages just now. Please wait a moment.',
      budget: 'The assistant has reached its limit for today. Please try again tomorrow.',
      inactive: 'The assistant is currently not available.', tooLong: 'The message is too long (at most {n} characters).',
      preview: 'Preview: the assistant\'s answer appears here.', newWindow: '(opens in a new window)'
    }
  };
  const SIZES = { small: [340, 480], medium: [380, 600], large: [440, 720] };

  // ---------- colors (WCAG contrast) ----------
  const rgb = (hex) => { const h = hex.replace('#', ''); const f = h.length === 3 ? h.split('').map((c) => c + c).join('') : h;
    return [0, 2, 4].map((i) => parseInt(f.substr(i, 2), 16)); };
  const lum = (hex) => { const [r, g, b] = rgb(hex).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const contrast = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
  const mix = (a, b, t) => '#' + rgb(a).map((v, i) => Math.round(v + (rgb(b)[i] - v) * t).toString(16).padStart(2, '0')).join('');
  const valid = (c) => typeof c === 'string' && /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(c);
  // the closest variant of `color` (towards `towards`) that reaches `min` contrast against `bg`
  const reach = (color, bg, min, towards) => { for (let t = 0; t <= 1.0001; t += 0.05) { const c = mix(color, towards, t); if (contrast(c, bg) >= min) return c; } return towards; };
  const onColor = (bg) => (contrast('#ffffff', bg) >= contrast('#000000', bg) ? '#ffffff' : '#000000');

  function palette(theme, dark) {
    const bg = dark ? (theme.colorScheme === 'dark' && valid(theme.backgroundColor) && lum(theme.backgroundColor) < 0.2 ? theme.backgroundColor : '#1c1c1e')
      : (valid(theme.backgroundColor) ? theme.backgroundColor : '#ffffff');
    let text = dark ? (theme.colorScheme === 'dark' && valid(theme.textColor) && contrast(theme.textColor, bg) >= 4.5 ? theme.textColor : '#f2f2f2')
      : (valid(theme.textColor) ? theme.textColor : '#1a1a1a');
    const far = lum(bg) > 0.5 ? '#000000' : '#ffffff';
    text = reach(text, bg, 4.5, far);
    const primary = reach(valid(theme.primaryColor) ? theme.primaryColor : '#00508c', bg, 3, far);
    return { bg, text, primary, on: onColor(primary), link: contrast(primary, bg) >= 4.5 ? primary : reach(primary, bg, 4.5, far),
      soft: mix(bg, text, 0.07), line: mix(bg, text, 0.45) };
  }

  // ---------- a safe Markdown subset, built as DOM nodes ----------
  const el = (tag, attrs, ...kids) => {
    const n = document.createElement(tag);
    if (attrs) for (const k in attrs) { const v = attrs[k]; if (v == null || v === false) continue; if (k === 'text') n.textContent = v; else if (k.startsWith('on')) n.addEventListener(k.slice(2), v); else n.setAttribute(k, v === true ? '' : v); }
    for (const k of kids) if (k != null) n.append(k);
    return n;
  };
  const safeUrl = (u) => { try { const x = new URL(u, location.href); return x.protocol === 'https:' || x.protocol === 'http:' ? x.href : null; } catch (e) { return null; } };
  const INLINE = /(`[^`\n]+`)|(\*\*[^*\n]+\*\*)|(__[^_\n]+__)|(\*[^*\s][^*\n]*\*)|(\b_[^_\s][^_\n]*_\b)|(\[[^\]\n]+\]\([^)\s]+\))|(\[\d{1,2}\])/g;

  function inline(text, ctx, parent) {
    let last = 0, m;
    const re = new RegExp(INLINE.source, 'g');
    while ((m = re.exec(text))) {
      if (m.index > last) parent.append(text.slice(last, m.index));
      const t = m[0];
      if (m[1]) parent.append(el('code', { text: t.slice(1, -1) }));
      else if (m[2] || m[3]) inline(t.slice(2, -2), ctx, parent.appendChild(el('strong')));
      else if (m[4] || m[5]) inline(t.slice(1, -1), ctx, parent.appendChild(el('em')));
      else if (m[6]) {
        const label = t.slice(1, t.indexOf(']('));
        const href = safeUrl(t.slice(t.indexOf('](') + 2, -1));
        parent.append(href ? link(href, label, ctx) : label);
      } else {
        const n = +t.slice(1, -1); const c = ctx.citations && ctx.citations.find((x) => x.n === n);
        const href = c && safeUrl(c.url);
        parent.append(href ? el('a', { class: 'cite', href, target: '_blank', rel: 'noopener noreferrer',
          'aria-label': ctx.t('source', { n, title: c.title || href }) + ' ' + ctx.t('newWindow'), text: '[' + n + ']' }) : t);
      }
      last = m.index + t.length;
    }
    if (last < text.length) parent.append(text.slice(last));
    return parent;
  }
  function link(href, label, ctx) {
    return el('a', { href, target: '_blank', rel: 'noopener noreferrer', title: ctx.t('newWindow') }, label);
  }
  function markdown(src, ctx) {
    const frag = document.createDocumentFragment();
    const lines = String(src || '').replace(/\r/g, '').split('\n');
    let list = null, para = null, code = null;
    const close = () => { list = null; para = null; };
    for (const line of lines) {
      if (code) { if (/^```/.test(line)) { code = null; } else code.textContent += (code.textContent ? '\n' : '') + line; continue; }
      if (/^```/.test(line)) { close(); const c = el('code'); frag.append(el('pre', null, c)); code = c; continue; }
      const ul = /^\s*[-*•]\s+(.*)$/.exec(line), ol = /^\s*(\d{1,3})[.)]\s+(.*)$/.exec(line), h = /^#{1,6}\s+(.*)$/.exec(line);
      if (ul || ol) {
        const tag = ul ? 'ul' : 'ol';
        if (!list || list.tagName.toLowerCase() !== tag) { list = el(tag); frag.append(list); para = null; }
        list.append(inline(ul ? ul[1] : ol[2], ctx, el('li')));
      } else if (!line.trim()) close();
      else if (h) { close(); frag.append(inline(h[1], ctx, el('p', { class: 'h' }))); }
      else if (para) { para.append(el('br')); inline(line, ctx, para); }
      else { list = null; para = inline(line, ctx, el('p')); frag.append(para); }
    }
    return frag;
  }

  // ---------- Server-Sent Events over fetch ----------
  // Server-Sent Events over fetch; the same reader as the console's core/sse.js (kept here so the widget stays one file)
  async function readEvents(response, onEvent) {
    const reader = response.body.getReader(); const dec = new TextDecoder(); let buf = '';
    const flush = (block) => {
      let event = 'message'; const data = [];
      for (const line of block.split(/\r?\n/)) {
        if (!line || line[0] === ':') continue;
        const i = line.indexOf(':'); const f = i < 0 ? line : line.slice(0, i); let v = i < 0 ? '' : line.slice(i + 1);
        if (v[0] === ' ') v = v.slice(1);
        if (f === 'event') event = v; else if (f === 'data') data.push(v);
      }
      if (data.length) { const raw = data.join('\n'); let parsed = raw; try { parsed = JSON.parse(raw); } catch (e) { /* plain text */ } onEvent(event, parsed); }
    };
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buf += dec.decode(value, { stream: true });
      let i; while ((i = buf.search(/\r?\n\r?\n/)) >= 0) { const m = /\r?\n\r?\n/.exec(buf.slice(i)); flush(buf.slice(0, i)); buf = buf.slice(i + m[0].length); }
    }
    if (buf.trim()) flush(buf);
  }

  const CSS = `
:host{all:initial;display:block}
:host([hidden]){display:none}
.root{--p:var(--l-p);--on:var(--l-on);--bg:var(--l-bg);--tx:var(--l-tx);--ln:var(--l-ln);--soft:var(--l-soft);--line:var(--l-line);
 font-family:var(--font);font-size:16px;line-height:1.45;color:var(--tx)}
.root.dark{--p:var(--d-p);--on:var(--d-on);--bg:var(--d-bg);--tx:var(--d-tx);--ln:var(--d-ln);--soft:var(--d-soft);--line:var(--d-line)}
@media (prefers-color-scheme:dark){.root.auto{--p:var(--d-p);--on:var(--d-on);--bg:var(--d-bg);--tx:var(--d-tx);--ln:var(--d-ln);--soft:var(--d-soft);--line:var(--d-line)}}
*{box-sizing:border-box}
button,textarea{font:inherit;color:inherit}
:focus-visible{outline:3px solid var(--ln);outline-offset:2px}
.launcher{position:fixed;z-index:2147483000;width:60px;height:60px;border-radius:50%;border:2px solid var(--on);background:var(--p);color:var(--on);
 cursor:pointer;display:grid;place-items:center;box-shadow:0 4px 14px rgba(0,0,0,.3);padding:0}
.launcher:focus-visible{outline:3px solid var(--p);outline-offset:3px;box-shadow:0 0 0 3px var(--on),0 4px 14px rgba(0,0,0,.3)}
.launcher svg{width:30px;height:30px;fill:currentColor}
.br{right:20px;bottom:20px}.bl{left:20px;bottom:20px}.tr{right:20px;top:20px}.tl{left:20px;top:20px}
.panel{display:flex;flex-direction:column;background:var(--bg);color:var(--tx);border:1px solid var(--line);border-radius:var(--radius);overflow:hidden}
.launcher-mode .panel{position:fixed;z-index:2147483001;width:min(var(--w),calc(100vw - 24px));height:min(var(--h),calc(100vh - 110px));box-shadow:0 10px 40px rgba(0,0,0,.3)}
.launcher-mode .panel.br{bottom:92px}.launcher-mode .panel.bl{bottom:92px}.launcher-mode .panel.tr{top:92px}.launcher-mode .panel.tl{top:92px}
.inline-mode .panel{width:100%;max-width:var(--w);height:var(--h)}
.fullpage-mode .panel{position:fixed;inset:0;border:0;border-radius:0}
.panel[hidden]{display:none}
header{display:flex;align-items:center;gap:10px;padding:10px 12px;background:var(--p);color:var(--on)}
header img{width:32px;height:32px;border-radius:50%;object-fit:cover;background:var(--on)}
header h2{flex:1;margin:0;font-size:1.05em;font-weight:600}
.icon{background:transparent;border:0;color:inherit;cursor:pointer;min-width:40px;min-height:40px;border-radius:8px;font-size:1.1em;padding:0 6px}
header .icon:focus-visible{outline-color:var(--on)}
.log{flex:1;overflow-y:auto;padding:12px;display:flex;flex-direction:column;gap:10px;background:var(--bg)}
.notice{font-size:.875em;border:1px solid var(--line);background:var(--soft);border-radius:8px;padding:8px 10px;margin:0}
.msg{max-width:88%;padding:8px 12px;border-radius:14px;overflow-wrap:anywhere}
.msg p{margin:0 0 .5em}.msg p:last-child{margin-bottom:0}.msg ul,.msg ol{margin:.2em 0 .5em;padding-left:1.3em}
.msg .h{font-weight:700}
.msg pre{white-space:pre-wrap;background:var(--soft);border:1px solid var(--line);padding:6px;border-radius:6px;margin:.3em 0;font-size:.9em}
.msg code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.92em}
.who{display:block;font-size:.8em;font-weight:700;margin-bottom:2px;opacity:.85}
.staff{border-left:4px solid var(--p)}
.user{align-self:flex-end;background:var(--p);color:var(--on);border-bottom-right-radius:4px}
.user a{color:var(--on)}
.bot{align-self:flex-start;background:var(--soft);border:1px solid var(--line);border-bottom-left-radius:4px}
.bot a{color:var(--ln);text-decoration:underline}
.cite{font-size:.8em;vertical-align:super;text-decoration:none!important;margin-left:1px}
.sources{font-size:.875em;margin:.5em 0 0;padding-left:1.3em;border-top:1px solid var(--line);padding-top:.4em}
.sources h3{font-size:1em;margin:.4em 0 .2em;margin-left:-1.3em}
.tag{display:inline-block;font-size:.8em;line-height:1.3;border:1px solid currentColor;border-radius:6px;padding:0 5px;white-space:nowrap}
.fb{display:flex;gap:4px;align-items:center;margin-top:6px;font-size:.875em}
.fb button{background:transparent;border:1px solid var(--line);border-radius:8px;min-width:36px;min-height:32px;cursor:pointer}
.fb button[aria-pressed=true]{background:var(--p);color:var(--on);border-color:var(--p)}
.err{align-self:stretch;border:1px solid var(--line);border-left:4px solid #b00020;background:var(--soft);border-radius:8px;padding:8px 10px}
.typing{font-size:.875em;font-style:italic}
.chips{display:flex;flex-wrap:wrap;gap:6px;padding:0;margin:0;list-style:none}
.chips button{border:1px solid var(--p);background:var(--bg);color:var(--ln);border-radius:16px;padding:6px 12px;cursor:pointer;text-align:left}
form{display:flex;gap:8px;padding:10px;border-top:1px solid var(--line);background:var(--bg);align-items:flex-end}
textarea{flex:1;resize:none;min-height:44px;max-height:140px;padding:10px;border:1px solid var(--line);border-radius:10px;background:var(--bg)}
.send{background:var(--p);color:var(--on);border:0;border-radius:10px;min-height:44px;padding:0 14px;cursor:pointer;font-weight:600}
.send:disabled{opacity:.6;cursor:default}
footer{display:flex;justify-content:space-between;gap:8px;padding:0 10px 8px;font-size:.8em;background:var(--bg)}
footer a,footer button{color:var(--ln);background:none;border:0;padding:4px 0;text-decoration:underline;cursor:pointer;font-size:1em}
.sr{position:absolute;width:1px;height:1px;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
@media (prefers-reduced-motion:no-preference){.launcher-mode .panel:not([hidden]){animation:wa-in .18s ease-out}.launcher{transition:transform .15s}.launcher:hover{transform:scale(1.06)}}
@keyframes wa-in{from{opacity:0;transform:translateY(12px)}to{opacity:1;transform:none}}
`;
  let sheet = null;
  const styles = (root) => {
    try { if (!sheet) { sheet = new CSSStyleSheet(); sheet.replaceSync(CSS); } root.adoptedStyleSheets = [sheet]; } catch (e) { root.append(el('style', { text: CSS })); }
  };
  const THUMB = 'M2 21h4V9H2v12zm20-11a2 2 0 0 0-2-2h-6.3l1-4.6v-.3c0-.4-.2-.8-.4-1.1L13.2 1 6.6 7.6C6.2 8 6 8.5 6 9v10a2 2 0 0 0 2 2h9c.8 0 1.5-.5 1.8-1.2l3-7.1c.1-.2.2-.5.2-.7v-2z';
  const thumb = (down) => {
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('viewBox', '0 0 24 24'); svg.setAttribute('aria-hidden', 'true'); svg.setAttribute('focusable', 'false');
    svg.setAttribute('width', '16'); svg.setAttribute('height', '16'); svg.setAttribute('fill', 'currentColor');
    if (down) svg.setAttribute('transform', 'rotate(180)');
    const path = document.createElementNS('http://www.w3.org/2000/svg', 'path'); path.setAttribute('d', THUMB); svg.append(path);
    return svg;
  };
  const ICON = 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2zm3 6a1.5 1.5 0 1 0 0 .01zm5 0a1.5 1.5 0 1 0 0 .01zm5 0a1.5 1.5 0 1 0 0 .01z';

  class WattosAssistant extends HTMLElement {
    constructor() {
      super();
      this._shadow = this.attachShadow({ mode: 'open' });
      styles(this._shadow);
      this._busy = false;
    }

    connectedCallback() {
      if (this._started) return;
      this._started = true;
      if (this._config) { this._render(); return; }
      const key = this.getAttribute('public-key');
      if (key) this._load(key);
    }

    /** Console designer: render the given configuration without talking to a server. */
    preview(config) {
      this._previewMode = true;
      this._config = Object.assign({ theme: {}, suggestedQuestions: [] }, config);
      this._state = { msgs: [] };
      if (this.isConnected) { this._started = true; this._render(); }
    }

    get _base() { return (this.getAttribute('base-url') || location.origin).replace(/\/+$/, ''); }
    get _api() { return this._base + '/api/v1/public/widgets/' + encodeURIComponent(this._key); }

    async _load(key) {
      this._key = key;
      const cacheKey = 'wattos:cfg:' + key;
      let cfg = null;
      try { cfg = JSON.parse(sessionStorage.getItem(cacheKey) || 'null'); } catch (e) { /* storage blocked */ }
      if (cfg && cfg.t > Date.now() - 60000) { this._config = cfg.c; this._restore(); this._render(); return; }
      try {
        const res = await fetch(this._api + '/config', { headers: { Accept: 'application/json' }, credentials: 'omit' });
        if (!res.ok) {
          let code = ''; try { code = (await res.json()).code; } catch (e) { /* none */ }
          console.warn('[wattos] widget ' + key + ' not shown: ' + (code || res.status));
          this.setAttribute('data-state', 'unavailable'); return;
        }
        this._config = await res.json();
        try { sessionStorage.setItem(cacheKey, JSON.stringify({ t: Date.now(), c: this._config })); } catch (e) { /* ignore */ }
      } catch (e) {
        console.warn('[wattos] widget ' + key + ' not shown: ' + e.message);
        this.setAttribute('data-state', 'unavailable'); return;
      }
      this._restore();
      this._render();
    }

    // ---------- state kept per tab (sessionStorage) ----------
    _restore() {
      try { this._state = JSON.parse(sessionStorage.getItem('wattos:' + this._key) || 'null'); } catch (e) { this._state = null; }
      if (!this._state || !Array.isArray(this._state.msgs)) this._state = { msgs: [] };
    }
    _save() {
      if (this._previewMode) return;
      const s = Object.assign({}, this._state, { msgs: this._state.msgs.slice(-60) });
      try { sessionStorage.setItem('wattos:' + this._key, JSON.stringify(s)); } catch (e) { /* full or blocked */ }
    }

    _lang() {
      const pick = (l) => (l && /^en/i.test(l) ? 'en' : l && /^de/i.test(l) ? 'de' : null);
      return pick(this.getAttribute('locale')) || pick(this._config.locale) || pick(navigator.language) || 'en';
    }
    _t(key, vars) {
      let s = (I18N[this._lang()] || I18N.de)[key] || I18N.de[key] || key;
      if (vars) for (const k in vars) s = s.split('{' + k + '}').join(vars[k]);
      return s;
    }

    _render() {
      const c = this._config; const theme = c.theme || {}; const t = this._t.bind(this);
      const mode = this.getAttribute('mode') || c.mode || 'launcher';
      const pos = { 'bottom-left': 'bl', 'top-right': 'tr', 'top-left': 'tl' }[c.position] || 'br';
      const size = SIZES[c.size] || SIZES.medium;
      const name = c.assistantName || t('assistant');
      const light = palette(theme, false), dark = palette(theme, true);
      const scheme = ['light', 'dark'].includes(theme.colorScheme) ? theme.colorScheme : 'auto';
      const root = el('div', { class: 'root ' + scheme + ' ' + mode + '-mode', lang: this._lang() });
      const set = (k, v) => root.style.setProperty(k, v);
      for (const [p, v] of [['l', light], ['d', dark]]) {
        set('--' + p + '-p', v.primary); set('--' + p + '-on', v.on); set('--' + p + '-bg', v.bg); set('--' + p + '-tx', v.text);
        set('--' + p + '-ln', v.link); set('--' + p + '-soft', v.soft); set('--' + p + '-line', v.line);
      }
      set('--font', theme.fontFamily || 'system-ui, sans-serif');
      set('--radius', (Number.isFinite(theme.radius) ? theme.radius : 12) + 'px');
      set('--w', size[0] + 'px'); set('--h', size[1] + 'px');
      this._mode = mode; this._t2 = t;
      const uid = 'wa' + Math.random().toString(36).slice(2, 8);

      // header
      const closeBtn = mode === 'launcher' ? el('button', { type: 'button', class: 'icon', 'aria-label': t('close'), onclick: () => this.close() }, '✕') : null;
      const resetBtn = el('button', { type: 'button', class: 'icon', 'aria-label': t('newChat'), title: t('newChat'), onclick: () => this._reset() }, '⟲');
      const avatarUrl = c.avatarUrl && safeUrl(c.avatarUrl);
      const header = el('header', null, avatarUrl ? el('img', { src: avatarUrl, alt: '' }) : null, el('h2', { id: uid + 'h', text: name }), resetBtn, closeBtn);

      // conversation log
      this._log = el('div', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-label': t('log'), tabindex: '0' });
      // composer
      this._input = el('textarea', { id: uid + 'i', rows: '1', maxlength: String(c.maxMessageLength || 4000), placeholder: t('placeholder'), autocomplete: 'off' });
      this._input.addEventListener('keydown', (e) => { if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); this._submit(); } });
      this._input.addEventListener('input', () => { this._input.style.height = 'auto'; this._input.style.height = Math.min(140, this._input.scrollHeight) + 'px'; });
      this._sendBtn = el('button', { type: 'submit', class: 'send' }, t('send'));
      const form = el('form', { onsubmit: (e) => { e.preventDefault(); this._submit(); } },
        el('label', { for: uid + 'i', class: 'sr', text: t('input') }), this._input, this._sendBtn);
      const privacy = c.privacyUrl && safeUrl(c.privacyUrl);
      const footer = el('footer', null, privacy ? el('a', { href: privacy, target: '_blank', rel: 'noopener noreferrer' }, t('privacy'), el('span', { class: 'sr', text: ' ' + t('newWindow') })) : el('span'),
        el('span', { text: 'WattOS' }));

      this._panel = el('div', { class: 'panel ' + pos, role: mode === 'launcher' ? 'dialog' : 'region', 'aria-labelledby': uid + 'h', id: uid + 'p' }, header, this._log, form, footer);
      if (mode === 'launcher') this._panel.setAttribute('aria-modal', 'true');
      this._panel.addEventListener('keydown', (e) => this._keys(e));
      root.append(this._panel);

      if (mode === 'launcher') {
        this._launcher = el('button', { type: 'button', class: 'launcher ' + pos, 'aria-label': t('open', { name }), 'aria-expanded': 'false', 'aria-controls': uid + 'p', onclick: () => (this._open ? this.close() : this.open()) });
        const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg'); svg.setAttribute('viewBox', '0 0 24 24'); svg.setAttribute('aria-hidden', 'true'); svg.setAttribute('focusable', 'false');
        const path = document.createElementNS('http://www.w3.org/2000/svg', 'path'); path.setAttribute('d', ICON); svg.append(path);
        this._launcher.append(svg);
        root.append(this._launcher);
        this._panel.hidden = true;
      }
      this._shadow.replaceChildren(root);
      if (this._shadow.adoptedStyleSheets.length === 0 && !this._shadow.querySelector('style')) styles(this._shadow);
      this._paintLog();
      this.setAttribute('data-state', 'ready');
      perf && perf.mark && perf.mark('wattos:launcher');
      if (mode === 'launcher' && this._state.open) this.open(true);
      // voice and avatar live in their own module, fetched only where the widget has them switched on
      if ((c.voice || c.avatar) && !this._previewMode && !this._voice) {
        this._voice = import(this._base + '/widget-voice.js').then((m) => m.attach(this, header))
          .catch((e) => console.warn('[wattos] voice not available: ' + e.message));
      }
    }

    open(restoring) {
      if (!this._panel || this._mode !== 'launcher') return;
      this._open = true; this._panel.hidden = false; this._launcher.setAttribute('aria-expanded', 'true');
      this._state.open = true; this._save();
      if (!restoring) this._input.focus();
      this._log.scrollTop = this._log.scrollHeight;
    }
    close() {
      if (!this._panel || this._mode !== 'launcher') return;
      this._open = false; this._panel.hidden = true; this._launcher.setAttribute('aria-expanded', 'false');
      this._state.open = false; this._save();
      this._launcher.focus();
    }
    _keys(e) {
      if (this._mode !== 'launcher') return;
      if (e.key === 'Escape') { e.stopPropagation(); this.close(); return; }
      if (e.key !== 'Tab') return;
      const items = [...this._panel.querySelectorAll('button,textarea,a[href],[tabindex="0"]')].filter((n) => !n.disabled && n.getClientRects().length);
      if (!items.length) return;
      const first = items[0], last = items[items.length - 1], active = this._shadow.activeElement;
      if (e.shiftKey && (active === first || !this._panel.contains(active))) { e.preventDefault(); last.focus(); }
      else if (!e.shiftKey && active === last) { e.preventDefault(); first.focus(); }
    }

    _reset() {
      this._state = { msgs: [], open: this._open, token: this._state.token, exp: this._state.exp };
      this._save(); this._paintLog(); this._input.focus();
    }

    // ---------- rendering the conversation ----------
    _paintLog() {
      const c = this._config, t = this._t.bind(this);
      if (this._state.conv) this._follow();
      this._log.replaceChildren();
      this._log.append(el('p', { class: 'notice', text: c.disclosureText || t('notice') }));
      this._log.append(this._bubble({ r: 'a', t: c.greeting || t('greeting'), greeting: true }));
      if (!this._state.msgs.some((m) => m.r === 'u') && (c.suggestedQuestions || []).length) {
        const list = el('ul', { class: 'chips', 'aria-label': t('suggestions') });
        for (const q of c.suggestedQuestions) list.append(el('li', null, el('button', { type: 'button', onclick: () => this._submit(q) }, q)));
        this._log.append(list);
      }
      for (const m of this._state.msgs) this._log.append(this._bubble(m));
      this._log.scrollTop = this._log.scrollHeight;
    }

    _bubble(m) {
      const t = this._t.bind(this);
      if (m.r === 'u') return el('div', { class: 'msg user' }, el('span', { class: 'sr', text: t('you') + ': ' }), ...this._md(m.t, []));
      if (m.r === 'e') return el('div', { class: 'err', role: 'alert', text: m.t });
      const node = el('div', { class: 'msg bot' + (m.staff ? ' staff' : '') });
      this._fillBot(node, m);
      return node;
    }
    _md(text, citations) { return [markdown(text, { citations, t: this._t.bind(this) })]; }
    _fillBot(node, m) {
      const t = this._t.bind(this);
      node.replaceChildren(...this._md(m.t, m.c || []));
      // who answers: a person (after a handoff) or the assistant, named when an agent answered
      if (m.staff || m.a) node.prepend(el('span', { class: 'who', text: m.staff ? t('staff') + (m.a ? ' · ' + m.a : '') : m.a + ' · ' + t('byAssistant') }));
      if (m.pending && !m.t) node.append(el('span', { class: 'typing', text: t('typing') }));
      // a source opened from this answer (inline [n] or the list) is reported for click-through; never blocks the link
      node.onclick = (ev) => { const a = ev.target.closest && ev.target.closest('a.cite, ol.sources a'); if (a && m.id) this._citationClick(m, a.href); };
      // every source, linked where it has a link; approved articles and F13 passages say so (in words, not colour)
      const cites = (m.c || []).filter((x) => safeUrl(x.url) || x.title);
      if (cites.length && !m.pending) {
        const list = el('ol', { class: 'sources' });
        for (const x of cites) {
          const li = el('li', { value: String(x.n) });
          const href = safeUrl(x.url);
          li.append(href ? el('a', { href, target: '_blank', rel: 'noopener noreferrer' }, x.title || x.url,
            el('span', { class: 'sr', text: ' ' + t('newWindow') })) : el('span', { text: x.title }));
          if (x.curated) li.append(' ', el('span', { class: 'tag', text: t('approvedArticle') }));
          if (x.origin === 'f13') li.append(' ', el('span', { class: 'tag', title: t('f13Source'), text: 'F13' },
            el('span', { class: 'sr', text: ' – ' + t('f13Source') })));
          if (x.headingPath) li.append(' – ' + x.headingPath);
          if (x.page) li.append(' (' + t('page', { n: x.page }) + ')');
          list.append(li);
        }
        node.append(el('h3', { class: 'sr', text: t('sources') }), list);
      }
      if (m.id && !m.pending && !m.greeting && !m.staff) {
        const status = el('span', { class: 'fbs', role: 'status', text: m.fb ? t('thanks') : '' });
        const btn = (rating, label, sym) => el('button', { type: 'button', 'aria-label': label, title: label, 'aria-pressed': String(m.fb === rating),
          onclick: () => this._feedback(m, rating, node) }, sym);
        node.append(el('div', { class: 'fb' }, btn('up', t('helpful'), thumb(false)), btn('down', t('unhelpful'), thumb(true)), status));
      }
    }

    // ---------- talking to WattOS ----------
    async _token(force) {
      const s = this._state;
      if (!force && s.token && s.exp > Date.now() + 15000) return s.token;
      const headers = { Accept: 'application/json' };
      if (s.token) headers.Authorization = 'Bearer ' + s.token;
      const res = await fetch(this._api + '/sessions', { method: 'POST', headers, credentials: 'omit' });
      if (!res.ok) throw await this._problem(res);
      const body = await res.json();
      s.token = body.token; s.exp = Date.now() + body.expiresIn * 1000; this._save();
      return s.token;
    }
    async _problem(res) {
      let p = {}; try { p = await res.json(); } catch (e) { /* not json */ }
      const err = new Error(p.detail || 'HTTP ' + res.status); err.code = p.code || 'http_' + res.status; err.status = res.status; return err;
    }
    _errorText(e) {
      const t = this._t.bind(this);
      switch (e.code) {
        case 'rate_limited': return t('rate');
        case 'daily_budget_exhausted': return t('budget');
        case 'widget_inactive': case 'origin_not_allowed': case 'chat_unavailable': return t('inactive');
        case 'message_too_long': return t('tooLong', { n: this._config.maxMessageLength || 4000 });
        default: return t('error');
      }
    }

    async _submit(text) {
      const content = (text != null ? text : this._input.value).trim();
      if (!content || this._busy) return;
      const max = this._config.maxMessageLength || 4000;
      const s = this._state;
      if (content.length > max) { this._log.append(this._bubble({ r: 'e', t: this._t('tooLong', { n: max }) })); return; }
      this._busy = true; this._sendBtn.disabled = true;
      this.dispatchEvent(new CustomEvent('wattos:question'));
      if (text == null) { this._input.value = ''; this._input.style.height = ''; }
      for (const n of this._log.querySelectorAll('.chips,.err')) n.remove();
      s.msgs = s.msgs.filter((m) => m.r !== 'e');
      const question = { r: 'u', t: content };
      const answer = { r: 'a', t: '', c: [], pending: true };
      s.msgs.push(question, answer);
      this._log.append(this._bubble(question));
      const node = this._bubble(answer);
      this._log.append(node);
      this._log.scrollTop = this._log.scrollHeight;
      this._log.setAttribute('aria-busy', 'true');
      let frame = 0, failure = null;
      const repaint = () => { if (frame) return; frame = requestAnimationFrame(() => { frame = 0; this._fillBot(node, answer); this._log.scrollTop = this._log.scrollHeight; }); };
      try {
        if (this._previewMode) { answer.t = this._t('preview'); }
        else await this._ask(content, answer, repaint, true);
      } catch (e) {
        failure = { r: 'e', t: this._errorText(e) };
        s.msgs.splice(s.msgs.indexOf(answer), 1, failure);
      } finally {
        answer.pending = false;
        this._busy = false; this._sendBtn.disabled = false;
        if (frame) cancelAnimationFrame(frame);
        if (failure) node.replaceWith(this._bubble(failure));
        else if (answer.toStaff && !answer.t) { s.msgs.splice(s.msgs.indexOf(answer), 1); node.remove(); }
        else this._fillBot(node, answer);
        this._log.setAttribute('aria-busy', 'false');
        this._log.scrollTop = this._log.scrollHeight;
        this._save();
        this.dispatchEvent(new CustomEvent('wattos:answer', { bubbles: true, composed: true }));
      }
    }

    async _ask(content, answer, repaint, retry) {
      const s = this._state;
      const token = await this._token(false);
      const res = await fetch(this._api + '/messages', {
        method: 'POST', credentials: 'omit',
        headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream, application/problem+json', Authorization: 'Bearer ' + token },
        body: JSON.stringify({ conversationId: s.conv || null, content })
      });
      if (!res.ok) {
        const e = await this._problem(res);
        if (retry && res.status === 401) { s.token = null; return this._ask(content, answer, repaint, false); }
        if (retry && res.status === 404 && s.conv && e.code === 'not_found') { s.conv = null; return this._ask(content, answer, repaint, false); }
        throw e;
      }
      const conv = res.headers.get('X-Wattos-Conversation-Id');
      if (conv) s.conv = conv;
      let failed = null;
      // the answer stream's events and their fields: docs/events.md (the console reads the same contract)
      await readEvents(res, (event, d) => {
        if (event === 'start') { s.conv = d.conversationId; answer.id = d.messageId; answer.model = d.model; }
        else if (event === 'delta') { answer.t += d.text; repaint(); this.dispatchEvent(new CustomEvent('wattos:delta', { detail: answer.t })); }
        else if (event === 'citations') { answer.c = d.citations.map((x) => ({ n: x.n, title: x.title, url: x.url, page: x.page, headingPath: x.headingPath, curated: !!x.curated, origin: x.origin || null })); repaint(); }
        else if (event === 'end') { answer.id = d.messageId; if (d.author) answer.a = d.author; if (d.finishReason === 'with_staff') answer.toStaff = true; }
        else if (event === 'error') { failed = Object.assign(new Error(d.message), { code: d.code }); }
      });
      if (failed && !answer.t) throw failed;
      this._follow();
    }

    /**
     * Follows the conversation for what arrives between questions: a person's replies after a handoff, an answer
     * released after an approval. Reconnects after a pause; ends when the conversation changes.
     */
    async _follow() {
      const s = this._state;
      if (this._previewMode || !s.conv || this._following === s.conv) return;
      const conv = s.conv; this._following = conv;
      for (let attempt = 0; this._following === conv && s.conv === conv && attempt < 100; attempt++) {
        try {
          const token = await this._token(false);
          const res = await fetch(this._api + '/conversations/' + encodeURIComponent(conv) + '/events', { credentials: 'omit',
            headers: { Accept: 'text/event-stream', Authorization: 'Bearer ' + token } });
          if (res.status === 404) break;
          if (res.ok) await readEvents(res, (event, d) => { if (event === 'message' && s.conv === conv) this._posted(d); });
        } catch (e) { /* network gone: try again shortly */ }
        await new Promise((r) => setTimeout(r, 3000));
      }
      if (this._following === conv) this._following = null;
    }

    _posted(d) {
      const s = this._state;
      if (s.msgs.some((m) => m.id === d.id)) return;
      const m = { r: 'a', t: d.content, id: d.id, a: d.author || null, staff: d.role === 'staff',
        c: (d.citations || []).map((x) => ({ n: x.n, title: x.title, url: x.url, page: x.page, headingPath: x.headingPath, curated: !!x.curated, origin: x.origin || null })) };
      s.msgs.push(m);
      if (this._log) { this._log.append(this._bubble(m)); this._log.scrollTop = this._log.scrollHeight; }
      this._save();
      this.dispatchEvent(new CustomEvent('wattos:posted', { bubbles: true, composed: true, detail: { role: d.role } }));
    }

    async _citationClick(m, url) {
      if (this._previewMode) return;
      try {
        const token = await this._token(false);
        await fetch(this._api + '/citation-clicks', { method: 'POST', credentials: 'omit', keepalive: true,
          headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + token }, body: JSON.stringify({ messageId: m.id, url }) });
      } catch (e) { /* a lost click only lowers a statistic */ }
    }

    async _feedback(m, rating, node) {
      if (!m.id || this._previewMode) return;
      try {
        const token = await this._token(false);
        const res = await fetch(this._api + '/feedback', { method: 'POST', credentials: 'omit',
          headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + token }, body: JSON.stringify({ messageId: m.id, rating }) });
        if (!res.ok) throw await this._problem(res);
        m.fb = rating; this._save();
        this._fillBot(node, m);
        const focus = node.querySelector('.fb button[aria-pressed=true]'); if (focus) focus.focus();
      } catch (e) {
        const st = node.querySelector('.fbs'); if (st) st.textContent = this._errorText(e);
      }
    }
  }

  if (!customElements.get(TAG)) customElements.define(TAG, WattosAssistant);

  // ---------- automatic mounting for <script data-wattos-widget="…"> ----------
  const scripts = current && current.dataset.wattosWidget ? [current] : [...document.querySelectorAll('script[data-wattos-widget]')];
  for (const s of scripts) {
    if (s.dataset.wattosMounted) continue;
    s.dataset.wattosMounted = '1';
    const node = document.createElement(TAG);
    node.setAttribute('public-key', s.dataset.wattosWidget);
    node.setAttribute('base-url', new URL('.', s.src).href);
    for (const a of ['mode', 'locale']) if (s.dataset[a]) node.setAttribute(a, s.dataset[a]);
    const target = s.dataset.target && document.querySelector(s.dataset.target);
    if (target) target.append(node);
    else if (s.parentNode && s.parentNode !== document.head && document.body && document.body.contains(s)) s.after(node);
    else (document.body || document.documentElement).append(node);
  }
})();
