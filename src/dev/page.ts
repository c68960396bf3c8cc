/**
 * The `lehtinen dev` page: every material in every language side by side at true size (CSS mm, with a
 * zoom), guides for trim, bleed, safe area and folds drawn over each document, string status marks
 * toggled inside the documents, a language switch, and live updates over Server-Sent Events that reload
 * only the documents that changed. Plain browser JavaScript: the page has no build step.
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
start();
`;
