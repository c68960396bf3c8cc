/**
 * Chromium writes a structure element's /Lang only for elements that are in its accessibility tree
 * (printing/common/metafile_utils.cc, RecursiveBuildStructureTree: `tag->fLang` from
 * `ax_node->GetLanguage()`, walking unignored nodes only). A plain <span lang="se"> or a <div lang="fi">
 * around paragraphs is "ignored" there, so its language would be lost: a Sámi name on an English page
 * read with English rules. Blink keeps an element with an id in the tree (verified with Chromium 156),
 * so every element with a lang attribute and no id gets one before printing.
 */
export function tagLanguages(): number {
  let n = 0;
  // Iterate, not forEach: with page scripts disabled, callbacks from native code cannot run.
  for (const el of document.querySelectorAll('[lang]:not([id])')) el.id = `lehtinen-lang-${++n}`;
  return n;
}

/**
 * Chromium does not write the space at a soft line break into the PDF, so the tagged text of a wrapped
 * heading reads "Recogniseviolence inclose relationships" to a screen reader (and in copied text).
 * With white-space: pre-wrap the space is kept and hangs at the line end (CSS Text 3 §4.1.3), painting
 * nothing and moving nothing. Only elements that hold inline content alone get it, after their white
 * space is collapsed the way white-space: normal would (so template indentation never shows).
 */
export function keepWrapSpaces(): number {
  let n = 0;
  const inline = (el: Element) => getComputedStyle(el).display.startsWith('inline');
  for (const el of document.querySelectorAll<HTMLElement>('body *')) {
    const style = getComputedStyle(el);
    if (style.whiteSpace !== 'normal' || inline(el) || style.display === 'none') continue;
    // Text anywhere inside, not only directly: a heading whose text sits in a span ({{tname}}, a draft
    // or fallback mark) lost its line-break spaces too. Every element inside must be inline (a <br> is).
    if (!el.textContent!.trim()) continue;
    if ([...el.querySelectorAll('*')].some((k) => !inline(k) && k.tagName !== 'BR')) continue;
    // Collapse every text node inside (descendant inline elements too), trim the ends of the block.
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const texts: Text[] = [];
    for (let t = walker.nextNode(); t; t = walker.nextNode()) texts.push(t as Text);
    for (const t of texts) t.data = t.data.replace(/[ \t\n\r\f]+/g, ' ');
    if (texts[0]) texts[0].data = texts[0].data.replace(/^ /, '');
    const last = texts[texts.length - 1];
    if (last) last.data = last.data.replace(/ $/, '');
    el.style.whiteSpace = 'pre-wrap';
    n++;
  }
  return n;
}
