/**
 * Style and script of the offline review page (review/export.ts). Plain browser JavaScript with no build
 * step and no request: the strings come from the JSON block in the page, work in progress goes to local
 * storage on every keystroke, and "Save my review" downloads the review file (review/format.ts).
 * Content is only ever set as text (textContent, value), never as HTML.
 */

export const REVIEW_CSS = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#1d1820;background:#f6f3f7}
header{position:sticky;top:0;z-index:5;background:#fff;border-bottom:2px solid #3d1f47;padding:.6rem 1.2rem}
h1{font-size:1.35rem;margin:.2rem 0}
header p{margin:.3rem 0;max-width:60rem}
.bar{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;margin:.4rem 0}
#reviewer{font:inherit;padding:.2rem .4rem;border:1px solid #555;min-width:14rem}
button{font:inherit;padding:.3rem 1rem;border:1px solid #3d1f47;background:#3d1f47;color:#fff;border-radius:3px;cursor:pointer}
:focus-visible{outline:3px solid #0a5fd0;outline-offset:2px}
#message:empty{display:none}
#message{background:#fff0f0;border:2px solid #b0002a;padding:.3rem .6rem}
#message.ok{background:#eef8ee;border-color:#1b6e34}
main{padding:1rem 1.2rem;display:grid;gap:1rem;max-width:80rem}
.item{background:#fff;border:1px solid #cbbfd0;border-radius:4px;padding:.6rem 1rem;display:grid;grid-template-columns:minmax(0,1fr) minmax(0,26rem);gap:.4rem 1.2rem}
.item.done{border-left:6px solid #1b6e34}
.item h2{grid-column:1/-1;font-size:1rem;margin:0;font-family:ui-monospace,monospace;font-weight:600}
.texts{min-width:0}
.lbl{font-size:.8rem;font-weight:600;color:#4a3f4f;margin-top:.4rem}
.src,.cur{margin:.1rem 0 .3rem;padding:.3rem .5rem;white-space:pre-wrap}
.src{background:#f1eef3;border-left:3px solid #6b5a73}
.cur{background:#fffbe8;border-left:3px solid #b07800}
.cur.none{font-style:italic;color:#6b5a73}
.st{display:inline-block;padding:0 .4rem;border-radius:3px;font-size:.75rem;font-family:system-ui,sans-serif;background:#ddd;margin-left:.5rem;vertical-align:middle}
.st.draft{background:#ffd028}.st.outdated{background:#ff9a6b}.st.missing{background:#b0002a;color:#fff}.st.reviewed{background:#1b6e34;color:#fff}.st.translated{background:#bfe3c4}
textarea{width:100%;font:inherit;padding:.3rem;border:1px solid #555;min-height:4.5rem}
.approve{display:block;margin:.4rem 0;font-weight:600}
.pics{display:flex;flex-direction:column;gap:.4rem}
.pics figure{margin:0}
.pics img{max-width:100%;height:auto;border:1px solid #bbb;display:block}
.pics figcaption{font-size:.8rem;color:#4a3f4f}
.item.hidden{display:none}
@media (max-width:50rem){.item{grid-template-columns:1fr}}
`;

export const REVIEW_JS = `'use strict';
(function () {
  var data = JSON.parse(document.getElementById('review-data').textContent);
  var storeKey = 'lehtinen-review|' + data.campaign + '|' + data.lang + '|' + data.exported;
  var saved = {};
  try { saved = JSON.parse(localStorage.getItem(storeKey) || '{}'); } catch (e) { saved = {}; }
  saved.items = saved.items || {};
  var items = document.getElementById('items');
  var reviewer = document.getElementById('reviewer');
  var progress = document.getElementById('progress');
  var message = document.getElementById('message');

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text != null) e.textContent = text;
    return e;
  }
  function store() {
    try { localStorage.setItem(storeKey, JSON.stringify(saved)); } catch (e) { message.textContent = 'This browser does not keep your work (' + e.message + '): save your review before closing it.'; }
    count();
  }
  function count() {
    var n = 0;
    for (var i = 0; i < data.strings.length; i++) if ((saved.items[data.strings[i].key] || {}).approved) n++;
    progress.textContent = n + ' of ' + data.strings.length + ' texts approved';
  }
  function filter() {
    var only = document.getElementById('todo-only').checked;
    for (var s of items.children) s.classList.toggle('hidden', only && s.classList.contains('done'));
  }

  data.strings.forEach(function (s, i) {
    var mine = saved.items[s.key] || {};
    var sec = el('section', { class: 'item', id: 'item-' + i, 'data-key': s.key, 'aria-labelledby': 'h-' + i });
    var h = el('h2', { id: 'h-' + i }, s.key + (s.category ? ' (form: ' + s.category + ')' : ''));
    h.append(el('span', { class: 'st ' + s.status }, s.status));
    sec.append(h);
    var t = el('div', { class: 'texts' });
    t.append(el('div', { class: 'lbl' }, data.sourceName + ' (' + data.sourceLang + ')'));
    t.append(el('p', { class: 'src', lang: data.sourceLang }, s.source));
    t.append(el('div', { class: 'lbl' }, 'Now printed in ' + data.langName));
    t.append(s.text == null ? el('p', { class: 'cur none' }, 'missing: the ' + data.sourceName + ' text is printed') : el('p', { class: 'cur', lang: data.lang }, s.text));
    if (s.placeholders.length) t.append(el('p', { class: 'lbl' }, 'Keep these as they are: ' + s.placeholders.join(' ')));
    if (s.comment) t.append(el('p', { class: 'lbl' }, 'Earlier comment: ' + s.comment));
    var approve = el('input', { type: 'checkbox', id: 'ok-' + i, class: 'ok' });
    approve.checked = !!mine.approved;
    var al = el('label', { class: 'approve', for: 'ok-' + i }, ' Approved: the text below is right');
    al.prepend(approve);
    var tl = el('label', { class: 'lbl', for: 'text-' + i }, 'Text in ' + data.langName + ' (correct it here if needed)');
    var ta = el('textarea', { id: 'text-' + i, class: 'text', lang: data.lang });
    ta.value = mine.text != null ? mine.text : (s.text || '');
    var cl = el('label', { class: 'lbl', for: 'comment-' + i }, 'Comment for the editor (optional)');
    var ca = el('textarea', { id: 'comment-' + i, class: 'comment' });
    ca.value = mine.comment || '';
    t.append(tl, ta, al, cl, ca);
    sec.append(t);
    var pics = el('div', { class: 'pics' });
    for (var w of s.where) {
      var f = el('figure');
      if (w.img) f.append(el('img', { src: w.img, alt: 'The text on ' + w.material + ', page ' + w.page + ', outlined' }));
      f.append(el('figcaption', {}, w.material + ', page ' + w.page));
      pics.append(f);
    }
    if (!s.where.length) pics.append(el('p', { class: 'lbl' }, 'Not printed on the materials (used e.g. on the downloads site).'));
    sec.append(pics);
    sec.classList.toggle('done', !!mine.approved);
    function update(touchedText) {
      var m = saved.items[s.key] || {};
      // Correcting a text is approving it as corrected; the reviewer may untick it again.
      if (touchedText && !m.textTouched) { approve.checked = true; m.textTouched = true; }
      m.approved = approve.checked;
      m.text = ta.value;
      m.comment = ca.value;
      saved.items[s.key] = m;
      sec.classList.toggle('done', m.approved);
      store();
    }
    ta.addEventListener('input', function () { update(true); });
    ca.addEventListener('input', function () { update(false); });
    approve.addEventListener('change', function () { update(false); });
    items.append(sec);
  });

  reviewer.value = saved.reviewer || '';
  reviewer.addEventListener('input', function () { saved.reviewer = reviewer.value; store(); });
  document.getElementById('todo-only').addEventListener('change', filter);
  count();

  document.getElementById('save').addEventListener('click', function () {
    message.className = '';
    if (!reviewer.value.trim()) {
      message.textContent = 'Write your name first: the editor records who reviewed the texts.';
      reviewer.focus();
      return;
    }
    var out = [];
    data.strings.forEach(function (s) {
      var m = saved.items[s.key];
      if (!m) return;
      var text = (m.text || '').trim() && m.text !== (s.text || '') ? m.text : undefined;
      var comment = (m.comment || '').trim() ? m.comment.trim() : undefined;
      if (!m.approved && text === undefined && comment === undefined) return;
      var item = { key: s.key, sourceHash: s.sourceHash, original: s.text, approved: !!m.approved };
      if (text !== undefined) item.text = text;
      if (comment !== undefined) item.comment = comment;
      out.push(item);
    });
    var d = new Date();
    var day = d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0');
    var file = { format: data.format, version: data.version, campaign: data.campaign, lang: data.lang, sourceLang: data.sourceLang, exported: data.exported, reviewer: reviewer.value.trim(), date: day, items: out };
    var blob = new Blob([JSON.stringify(file, null, 2) + '\\n'], { type: 'application/json' });
    var a = el('a', { href: URL.createObjectURL(blob), download: 'review-' + data.campaign + '-' + data.lang + '-' + day + '.json' });
    document.body.append(a);
    a.click();
    a.remove();
    message.className = 'ok';
    message.textContent = 'Saved ' + out.length + ' text(s) to ' + a.download + ' in your downloads. Send that file to the editor.';
  });
})();
`;
