/**
 * The `lehtinen dev` page: every material in every language side by side at true size (CSS mm, with a
 * zoom), guides for trim, bleed, safe area and folds drawn over each document, string status marks
 * toggled inside the documents, a language switch, and live updates over Server-Sent Events that reload
 * only the documents that changed. Plain browser JavaScript: the page has no build step.
 *
 * Edit in context: a click on a text in any document (or Enter on it: every string is a tab stop) opens a
 * panel with its key, the source text, this language's text, status, placeholders and where it is printed;
 * Save and "Mark reviewed" post to the server (dev/edit.ts) with the token the server put in the page.
 */

export const PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>lehtinen dev</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/__lehtinen/app.css">
<script src="/__lehtinen/app.js" defer></script>
</head>
<body class="show-trim show-bleed show-safe show-folds show-marks show-strings">
<header>
  <strong>lehtinen dev</strong>
  <label>Language <select id="lang"><option value="">all</option></select></label>
  <label>Zoom <input id="zoom" type="range" min="10" max="200" step="5" value="50"> <output id="zoom-out">50 %</output></label>
  <button id="true-size" type="button" title="100 %: 1 mm on the page is 1 CSS mm">true size</button>
  <fieldset><legend>Show</legend>
    <label><input type="checkbox" data-toggle="trim" checked> trim</label>
    <label><input type="checkbox" data-toggle="bleed" checked> bleed</label>
    <label><input type="checkbox" data-toggle="safe" checked> safe area</label>
    <label><input type="checkbox" data-toggle="folds" checked> folds</label>
    <label><input type="checkbox" data-toggle="strings" checked> draft / outdated strings</label>
    <label><input type="checkbox" data-toggle="marks" checked> overflow</label>
  </fieldset>
  <span id="status" role="status"></span>
</header>
<div id="error" hidden></div>
<main id="grid"></main>
<div id="panel" role="dialog" aria-modal="false" aria-labelledby="p-title" hidden>
  <div class="p-head"><h2 id="p-title">Text</h2><button id="p-close" type="button" aria-label="Close the panel (Escape)">×</button></div>
  <p class="p-meta"><code id="p-key"></code> · <span id="p-lang"></span></p>
  <div id="p-forms"></div>
  <p id="p-placeholders"></p>
  <p id="p-status-row"><label for="p-status">Status after saving</label>
    <select id="p-status"><option value="draft">draft</option><option value="translated">translated</option><option value="reviewed">reviewed</option></select></p>
  <div class="p-buttons">
    <button id="p-save" type="button">Save</button>
    <button id="p-reviewed" type="button">Mark reviewed</button>
    <button id="p-reload" type="button">Reload from disk</button>
  </div>
  <div id="p-msg" role="status" aria-live="polite"></div>
  <div id="p-overflow" role="status" aria-live="polite"></div>
  <h3>Where it is printed</h3>
  <ul id="p-where"></ul>
  <div id="p-comment"></div>
</div>
</body>
</html>
`;

export const APP_CSS = `
*{box-sizing:border-box}
body{margin:0;font:14px/1.4 system-ui,sans-serif;background:#e9e6ec;color:#222}
header{position:sticky;top:0;z-index:10;display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;align-items:center;padding:.5rem 1rem;background:#fff;border-bottom:1px solid #ccc}
fieldset{border:0;margin:0;padding:0;display:flex;gap:.8rem;flex-wrap:wrap}
legend{float:left;margin-right:.5rem;font-weight:600}
#status{color:#555;font-size:12px}
#error{margin:1rem;padding:.8rem 1rem;background:#fff0f0;border:2px solid #c8002d;white-space:pre-wrap;font-family:ui-monospace,monospace}
#grid{padding:1rem;zoom:var(--zoom,0.5)}
section.material{margin-bottom:12mm}
section.material>h2{margin:0 0 4mm;font-size:7mm}
.row{display:flex;flex-wrap:wrap;gap:10mm;align-items:flex-start}
figure{margin:0}
figcaption{font-size:4mm;margin-bottom:2mm}
figcaption .badge{display:inline-block;margin-left:2mm;padding:0 1.5mm;border-radius:1mm;font-size:3.2mm}
.badge.draft{background:#ffd028}.badge.outdated{background:#ff783c}.badge.fallback{background:#5aa0ff}.badge.missing{background:#e6003c;color:#fff}
.doc{position:relative;background:#fff;box-shadow:0 1mm 4mm rgba(0,0,0,.25)}
.doc iframe{position:absolute;inset:0;width:100%;height:100%;border:0;display:block}
.ov{position:absolute;left:0;pointer-events:none}
.ov>*{position:absolute;display:none}
.g-bleed{inset:0;border-style:solid;border-color:rgba(230,0,90,.22)}
.g-trim{outline:.3mm solid #00a0c8}
.g-safe{outline:.3mm dashed #d000c0}
.g-fold{width:0;border-left:.3mm dashed #008a3c}
.g-mark{background:rgba(230,0,40,.25);outline:.5mm solid #e60028}
body.show-bleed .g-bleed,body.show-trim .g-trim,body.show-safe .g-safe,body.show-folds .g-fold,body.show-marks .g-mark{display:block}
figure.hidden{display:none}
body.editing main{margin-right:27rem}
#panel{position:fixed;top:0;right:0;bottom:0;width:27rem;overflow:auto;z-index:20;background:#fff;border-left:2px solid #3d1f47;padding:.6rem 1rem 2rem;box-shadow:-2px 0 8px rgba(0,0,0,.2)}
#panel[hidden]{display:none}
.p-head{display:flex;justify-content:space-between;align-items:center;gap:1rem}
#panel h2{font-size:1.1rem;margin:.3rem 0}
#panel h3{font-size:.95rem;margin:1rem 0 .3rem}
#p-close{font-size:1.3rem;line-height:1;padding:.1rem .5rem}
.p-meta{margin:.2rem 0 .6rem;color:#333}
.p-form{border-top:1px solid #ddd;padding:.4rem 0}
.p-src{margin:.2rem 0 .5rem;padding:.3rem .5rem;background:#f4f1f6;border-left:3px solid #6b5a73;white-space:pre-wrap}
.p-form label{display:block;font-weight:600;margin:.3rem 0 .2rem}
#panel textarea{width:100%;min-height:5.5rem;font:15px/1.4 system-ui,sans-serif;padding:.3rem;border:1px solid #555}
.p-buttons{display:flex;gap:.5rem;flex-wrap:wrap;margin:.6rem 0}
#panel button{font:inherit;padding:.3rem .8rem;border:1px solid #3d1f47;background:#fff;color:#3d1f47;border-radius:3px;cursor:pointer}
#panel button#p-save{background:#3d1f47;color:#fff}
#panel :focus-visible{outline:3px solid #0a5fd0;outline-offset:2px}
.st{display:inline-block;padding:0 .4rem;border-radius:3px;font-size:12px;background:#ddd;color:#111}
.st.draft{background:#ffd028}.st.outdated{background:#ff9a6b}.st.missing{background:#b0002a;color:#fff}.st.reviewed{background:#1b6e34;color:#fff}.st.translated{background:#bfe3c4}.st.source{background:#d5dbe5}
#p-msg.error{background:#fff0f0;border:2px solid #b0002a;padding:.4rem .6rem;white-space:pre-wrap}
#p-msg.ok{background:#eef8ee;border:1px solid #1b6e34;padding:.4rem .6rem}
#p-overflow:not(:empty){background:#fff3e0;border:2px solid #b34700;padding:.4rem .6rem;margin-top:.4rem;white-space:pre-wrap}
#p-comment:not(:empty){margin-top:.8rem;padding:.4rem .6rem;background:#eef3fb;border-left:3px solid #2f5fa6}
`;

export const APP_JS = `'use strict';
const grid = document.getElementById('grid');
const langSel = document.getElementById('lang');
const zoom = document.getElementById('zoom');
const statusEl = document.getElementById('status');
const errorEl = document.getElementById('error');
let state = null;

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'style') e.style.cssText = v; else if (k === 'dataset') Object.assign(e.dataset, v); else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c);
  return e;
}

function docUrl(v) { return '/__lehtinen/doc/' + encodeURIComponent(v.id) + '.html?rev=' + v.rev; }

function overlay(v) {
  const g = v.geometry, [pw, ph] = v.pageMm, frag = document.createDocumentFragment();
  for (let p = 0; p < g.pages; p++) {
    const ov = el('div', { class: 'ov', style: 'top:' + p * ph + 'mm;width:' + pw + 'mm;height:' + ph + 'mm' });
    ov.append(el('div', { class: 'g-bleed', style: 'border-width:' + g.bleed + 'mm' }));
    ov.append(el('div', { class: 'g-trim', style: 'left:' + g.bleed + 'mm;top:' + g.bleed + 'mm;width:' + g.trim[0] + 'mm;height:' + g.trim[1] + 'mm' }));
    const s = g.bleed + g.safe;
    ov.append(el('div', { class: 'g-safe', style: 'left:' + s + 'mm;top:' + s + 'mm;width:' + (g.trim[0] - 2 * g.safe) + 'mm;height:' + (g.trim[1] - 2 * g.safe) + 'mm' }));
    for (const x of v.folds[p] || []) ov.append(el('div', { class: 'g-fold', style: 'left:' + (g.bleed + x) + 'mm;top:0;height:' + ph + 'mm' }));
    for (const m of v.marks.filter((m) => m.page === p + 1)) {
      ov.append(el('div', { class: 'g-mark', title: m.label, style: 'left:' + m.x + 'mm;top:' + m.y + 'mm;width:' + m.w + 'mm;height:' + m.h + 'mm' }));
    }
    frag.append(ov);
  }
  return frag;
}

function caption(v) {
  const c = el('figcaption', {}, v.material + ' · ' + v.langName + ' (' + v.lang + ')');
  for (const s of ['draft', 'outdated', 'fallback', 'missing']) {
    if (v.strings[s]) c.append(el('span', { class: 'badge ' + s, title: v.strings[s] + ' ' + s + ' string(s)' }, v.strings[s] + ' ' + s));
  }
  return c;
}

function applyStrings(frame) {
  // Same origin and no scripts in the document (sandbox without allow-scripts): the page toggles the marks.
  const doc = frame.contentDocument;
  if (doc && doc.body) doc.body.classList.toggle('lehtinen-proof', document.body.classList.contains('show-strings'));
}

function figure(v) {
  const [pw, ph] = v.pageMm;
  const frame = el('iframe', { src: docUrl(v), title: v.title + ' (' + v.lang + ')', sandbox: 'allow-same-origin', scrolling: 'no', dataset: { id: v.id, loads: '0', rev: String(v.rev) } });
  frame.addEventListener('load', () => {
    frame.dataset.loads = String(Number(frame.dataset.loads) + 1);
    // The revision now shown (a reload asked for meanwhile may still be under way): tests wait for it.
    const shown = frame.contentDocument && /[?&]rev=(\\d+)/.exec(frame.contentDocument.URL);
    frame.dataset.loaded = shown ? shown[1] : '';
    applyStrings(frame);
    wireFrame(frame);
  });
  const doc = el('div', { class: 'doc', style: 'width:' + pw + 'mm;height:' + ph * v.geometry.pages + 'mm' }, frame, overlay(v));
  return el('figure', { dataset: { id: v.id, lang: v.lang } }, caption(v), doc);
}

function renderAll() {
  grid.textContent = '';
  for (const m of state.materials) {
    const row = el('div', { class: 'row' });
    for (const v of state.variants.filter((x) => x.material === m)) row.append(figure(v));
    grid.append(el('section', { class: 'material', dataset: { material: m } }, el('h2', {}, m), row));
  }
  filterLang();
}

function update(ids) {
  const known = new Set([...grid.querySelectorAll('figure')].map((f) => f.dataset.id));
  if (state.variants.length !== known.size || state.variants.some((v) => !known.has(v.id))) return renderAll();
  for (const id of ids) {
    const v = state.variants.find((x) => x.id === id);
    const fig = grid.querySelector('figure[data-id="' + CSS.escape(id) + '"]');
    if (!v || !fig) continue;
    const frame = fig.querySelector('iframe');
    fig.querySelector('figcaption').replaceWith(caption(v));
    const doc = fig.querySelector('.doc');
    doc.style.width = v.pageMm[0] + 'mm';
    doc.style.height = v.pageMm[1] * v.geometry.pages + 'mm';
    doc.querySelectorAll('.ov').forEach((o) => o.remove());
    doc.append(overlay(v));
    frame.dataset.rev = String(v.rev);
    frame.src = docUrl(v);
  }
}

function showError() {
  errorEl.hidden = !state.error;
  errorEl.textContent = state.error || '';
}

function filterLang() {
  for (const f of grid.querySelectorAll('figure')) f.classList.toggle('hidden', !!langSel.value && f.dataset.lang !== langSel.value);
}

function setZoom(pct) {
  zoom.value = pct;
  document.getElementById('zoom-out').textContent = pct + ' %';
  grid.style.setProperty('--zoom', String(pct / 100));
}

async function resync() {
  const next = await (await fetch('/__lehtinen/state.json')).json();
  const restarted = next.session !== state.session;
  state = next;
  showError();
  if (restarted) return renderAll();
  const shown = new Map([...grid.querySelectorAll('iframe')].map((f) => [f.dataset.id, f.dataset.rev]));
  update(state.variants.filter((v) => shown.get(v.id) !== String(v.rev)).map((v) => v.id));
}

async function start() {
  state = await (await fetch('/__lehtinen/state.json')).json();
  for (const l of state.languages) langSel.append(el('option', { value: l.code }, l.name + ' (' + l.code + ')'));
  renderAll();
  showError();
  langSel.addEventListener('change', filterLang);
  zoom.addEventListener('input', () => setZoom(Number(zoom.value)));
  document.getElementById('true-size').addEventListener('click', () => setZoom(100));
  for (const box of document.querySelectorAll('[data-toggle]')) {
    box.addEventListener('change', () => {
      document.body.classList.toggle('show-' + box.dataset.toggle, box.checked);
      if (box.dataset.toggle === 'strings') grid.querySelectorAll('iframe').forEach(applyStrings);
    });
  }
  const params = new URLSearchParams(location.search);
  setZoom(Number(params.get('zoom') || zoom.value));
  if (params.get('lang')) { langSel.value = params.get('lang'); filterLang(); }
  const events = new EventSource('/__lehtinen/events');
  events.addEventListener('update', (e) => {
    const d = JSON.parse(e.data);
    state = d.state;
    showError();
    update(d.ids);
    showOverflow();
    statusEl.textContent = d.ids.length ? 'updated ' + d.ids.join(', ') + ' at ' + new Date().toLocaleTimeString() : statusEl.textContent;
  });
  // Overflow marks arrive after the documents (measured in lehtinen's browser): redraw the guides only.
  events.addEventListener('marks', (e) => {
    const d = JSON.parse(e.data);
    state = d.state;
    for (const id of d.ids) {
      const v = state.variants.find((x) => x.id === id);
      const doc = grid.querySelector('figure[data-id="' + CSS.escape(id) + '"] .doc');
      if (!v || !doc) continue;
      doc.querySelectorAll('.ov').forEach((o) => o.remove());
      doc.append(overlay(v));
    }
    showOverflow();
  });
  // Events sent while the connection was down are lost: after a reconnect (lehtinen dev restarted, say),
  // reload what changed meanwhile.
  let opened = false;
  events.addEventListener('open', async () => {
    statusEl.textContent = 'watching for changes';
    if (opened) await resync();
    opened = true;
  });
  events.addEventListener('error', () => { statusEl.textContent = 'disconnected from lehtinen dev; retrying…'; });
}

// ---- edit in context -------------------------------------------------------------------------------
const editToken = (document.querySelector('meta[name="lehtinen-edit"]') || {}).content || '';
const panel = document.getElementById('panel');
const $ = (id) => document.getElementById(id);
let edit = null; // { frameId, lang, key, info }

const FRAME_CSS = '[data-l10n-key]{cursor:pointer}[data-l10n-key]:hover,[data-l10n-key]:focus{outline:.6mm solid #0a5fd0;outline-offset:.3mm}';

function wireFrame(frame) {
  const doc = frame.contentDocument;
  if (!doc || !doc.head || doc.documentElement.dataset.lehtinenEdit) return;
  doc.documentElement.dataset.lehtinenEdit = '1';
  // The document runs no scripts (sandbox, CSP); the page adds focus and click handling from outside.
  doc.head.append(Object.assign(doc.createElement('style'), { textContent: FRAME_CSS }));
  for (const e of doc.querySelectorAll('[data-l10n-key]')) {
    e.tabIndex = 0;
    e.setAttribute('role', 'button');
    e.title = 'Edit ' + e.dataset.l10nKey + ' (click or Enter)';
  }
  const target = (ev) => (ev.target && ev.target.closest ? ev.target.closest('[data-l10n-key]') : null);
  doc.addEventListener('click', (ev) => {
    const t = target(ev);
    if (!t) return;
    ev.preventDefault();
    openPanel(frame.dataset.id, t.dataset.l10nKey);
  });
  doc.addEventListener('keydown', (ev) => {
    if (ev.key !== 'Enter' && ev.key !== ' ') return;
    const t = target(ev);
    if (!t) return;
    ev.preventDefault();
    openPanel(frame.dataset.id, t.dataset.l10nKey);
  });
}

function setMsg(text, kind) {
  const m = $('p-msg');
  m.className = kind || '';
  m.textContent = text || '';
}

async function openPanel(frameId, key) {
  const v = state.variants.find((x) => x.id === frameId);
  if (!v) return;
  edit = { frameId, lang: v.lang, key, info: null };
  panel.hidden = false;
  document.body.classList.add('editing');
  $('p-forms').textContent = '';
  setMsg('Loading ' + key + '…');
  const r = await fetch('/__lehtinen/string?lang=' + encodeURIComponent(v.lang) + '&key=' + encodeURIComponent(key));
  const d = await r.json();
  if (!r.ok) return setMsg(d.message + (d.hint ? '\\n' + d.hint : ''), 'error');
  render(d, true);
  setMsg(editToken ? '' : 'Read only: lehtinen dev listens on a network address, so editing is off.');
  const first = panel.querySelector('textarea');
  (first || $('p-close')).focus();
}

function statusBadge(s) {
  return el('span', { class: 'st ' + s }, s);
}

function render(info, reset) {
  const old = new Map([...panel.querySelectorAll('textarea')].map((t) => [t.dataset.key, t]));
  edit.info = info;
  $('p-title').textContent = info.isSource ? 'Source text' : 'Text in ' + info.langName;
  $('p-key').textContent = info.key;
  const lang = $('p-lang');
  lang.textContent = info.langName + ' (' + info.lang + ') ';
  const forms = $('p-forms');
  forms.textContent = '';
  info.forms.forEach((f, i) => {
    const box = el('div', { class: 'p-form' });
    const suffix = f.category ? ' — form "' + f.category + '"' : '';
    if (!info.isSource) {
      box.append(el('div', { class: 'p-label' }, 'Source (' + info.sourceLang + ')' + suffix));
      box.append(el('p', { class: 'p-src', lang: info.sourceLang }, f.source));
    }
    const id = 'p-text-' + i;
    const label = el('label', { for: id }, (info.isSource ? 'Source text' : 'Text') + ' (' + info.lang + ')' + suffix + ' ');
    label.append(statusBadge(f.status));
    const prev = old.get(f.key);
    const ta = el('textarea', { id, lang: info.lang, dataset: { key: f.key, saved: f.text == null ? '' : f.text } });
    // Reload from disk keeps what was typed but not saved: nothing is lost.
    ta.value = !reset && prev && prev.value !== prev.dataset.saved ? prev.value : (f.text == null ? '' : f.text);
    // A changed text is not what was reviewed: offer "translated" (Mark reviewed still records a review).
    ta.addEventListener('input', () => { if ($('p-status').value === 'reviewed') $('p-status').value = 'translated'; });
    if (f.text == null) ta.placeholder = 'missing: the ' + info.sourceLang + ' text is printed';
    box.append(label, ta);
    forms.append(box);
  });
  const ph = [...new Set(info.forms.flatMap((f) => f.placeholders))];
  $('p-placeholders').textContent = 'Placeholders: ' + (ph.length ? ph.join(' ') + ' (keep them as they are)' : 'none');
  $('p-status-row').hidden = info.isSource;
  $('p-reviewed').hidden = info.isSource;
  if (!info.isSource) {
    const f = info.forms[0];
    $('p-status').value = (f.entry && f.entry.status) || (f.text == null ? 'draft' : 'translated');
  }
  const where = $('p-where');
  where.textContent = '';
  for (const w of info.where) where.append(el('li', {}, w.material + ' (' + w.id + '), page ' + w.pages.join(', ')));
  if (!info.where.length) where.append(el('li', {}, 'not printed in ' + info.lang + ' (used elsewhere, e.g. the site)'));
  if (info.elsewhere) where.append(el('li', {}, 'and ' + info.elsewhere + ' document(s) in other languages'));
  const c = $('p-comment');
  c.textContent = '';
  for (const f of info.forms) {
    const e = f.entry || {};
    if (e.comment || e.reviewer) {
      c.append(el('p', {}, (f.category ? '(' + f.category + ') ' : '') + 'Reviewer' + (e.reviewer ? ' ' + e.reviewer : '') + (e.reviewed ? ', ' + e.reviewed : '') + (e.comment ? ': “' + e.comment + '”' : '')));
    }
  }
  for (const b of panel.querySelectorAll('.p-buttons button')) b.disabled = !editToken;
  showOverflow();
}

function showOverflow() {
  const o = $('p-overflow');
  if (!edit || !edit.info) return void (o.textContent = '');
  const lines = [];
  for (const w of edit.info.where) {
    const v = state.variants.find((x) => x.id === w.id);
    for (const m of (v && v.marks) || []) lines.push('Overflow: ' + m.label);
  }
  o.textContent = lines.join('\\n');
}

async function save(status) {
  if (!edit || !edit.info) return;
  const texts = {};
  for (const t of panel.querySelectorAll('textarea')) texts[t.dataset.key] = t.value;
  const body = { lang: edit.lang, key: edit.key, texts, versions: edit.info.versions };
  if (!edit.info.isSource) body.status = status || $('p-status').value;
  setMsg('Saving…');
  let r, d;
  try {
    r = await fetch('/__lehtinen/edit', { method: 'POST', headers: { 'content-type': 'application/json', 'x-lehtinen-token': editToken }, body: JSON.stringify(body) });
    d = await r.json().catch(() => ({ message: 'HTTP ' + r.status }));
  } catch (e) {
    return setMsg('Not saved: lehtinen dev did not answer (' + e.message + '). Your text is still here.', 'error');
  }
  if (!r.ok) return setMsg('Not saved: ' + (d.message || d.error) + (d.hint ? '\\n' + d.hint : ''), 'error');
  render(d.info, true);
  setMsg((d.written.length ? 'Saved: ' + d.written.join(', ') : 'Nothing to save: no change') + (d.warnings.length ? '\\nWarnings:\\n' + d.warnings.join('\\n') : ''), 'ok');
}

async function reloadFromDisk() {
  if (!edit) return;
  const r = await fetch('/__lehtinen/string?lang=' + encodeURIComponent(edit.lang) + '&key=' + encodeURIComponent(edit.key));
  const d = await r.json();
  if (!r.ok) return setMsg(d.message, 'error');
  render(d, false);
  setMsg('Reloaded from disk. Text you typed and did not save is kept in the box.', 'ok');
}

function closePanel() {
  if (!edit) return;
  const { frameId, key } = edit;
  edit = null;
  panel.hidden = true;
  document.body.classList.remove('editing');
  // Back to the text that opened the panel (its document may have reloaded since).
  const f = grid.querySelector('iframe[data-id="' + CSS.escape(frameId) + '"]');
  const t = f && f.contentDocument && f.contentDocument.querySelector('[data-l10n-key="' + CSS.escape(key) + '"]');
  if (t) t.focus();
}

$('p-save').addEventListener('click', () => save());
$('p-reviewed').addEventListener('click', () => save('reviewed'));
$('p-reload').addEventListener('click', reloadFromDisk);
$('p-close').addEventListener('click', closePanel);
panel.addEventListener('keydown', (e) => {
  if (e.key === 'Escape') { e.preventDefault(); closePanel(); }
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && e.target.tagName === 'TEXTAREA') { e.preventDefault(); save(); }
});

start();
`;
