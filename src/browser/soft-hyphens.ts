/**
 * Soft hyphens after layout (compose/hyphenation.ts inserts them before): where no line breaks, they are
 * taken out of the text, which Chromium would otherwise keep in the PDF's text (search, copy, the tagged
 * web PDF would read "Tun·nis·ta"); where a line does break, they become what they show, a hyphen hidden
 * from assistive technology and a line break, inside a span that output/pdf-accessible.ts turns into one
 * word for screen readers. Decided for all first, then changed: the lines stay as
 * they are (a break opportunity not taken changes nothing; the hidden hyphen is the one drawn before).
 */

/** Runs in the page (page scripts are disabled; DevTools evaluation works). Returns line-end hyphens. */
export function settleSoftHyphens(): number {
  const SHY = '\u00ad';
  const shyRange = document.createRange();
  // per text node: the soft hyphens where a line breaks, and those left alone (at the node's edge,
  // where the neighbouring letter is in another node and the break cannot be told here)
  const shyEdits: [Text, Set<number>, Set<number>][] = [];
  const shyWalker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = shyWalker.nextNode() as Text | null; n; n = shyWalker.nextNode() as Text | null) {
    const t = n.data;
    if (!t.includes(SHY)) continue;
    const used = new Set<number>();
    const keep = new Set<number>();
    for (let i = t.indexOf(SHY); i >= 0; i = t.indexOf(SHY, i + 1)) {
      if (i === 0 || i >= t.length - 1) {
        keep.add(i);
        continue;
      }
      shyRange.setStart(n, i - 1);
      shyRange.setEnd(n, i);
      const a = shyRange.getBoundingClientRect();
      shyRange.setStart(n, i + 1);
      shyRange.setEnd(n, i + 2);
      const b = shyRange.getBoundingClientRect();
      if (a.height && b.height && (b.top >= a.bottom - a.height / 4 || b.left < a.left)) used.add(i);
    }
    shyEdits.push([n, used, keep]);
  }
  let hyphens = 0;
  for (const [n, used, keep] of shyEdits) {
    // A line-end soft hyphen becomes what it shows: a hyphen and a line break. The hyphen is hidden from
    // assistive technology (an artifact in the tagged PDF), so the text reads as one word; left as U+00AD,
    // Chromium's tagged PDF loses the rest of the text node after the break ("Recognise vi").
    const parts: string[] = [''];
    for (let i = 0; i < n.data.length; i++) {
      const ch = n.data[i]!;
      if (ch !== SHY || keep.has(i)) parts[parts.length - 1] += ch;
      else if (used.has(i)) parts.push('');
    }
    if (parts.length === 1) {
      if (parts[0] !== n.data) n.data = parts[0]!;
      continue;
    }
    // Chromium tags each text node as its own structure element: the word broken here would reach a
    // screen reader as two ("oi" / "keinen"). It goes into a span whose language carries a private-use
    // mark (WORD_LANG_MARK); output/pdf-accessible.ts joins that element's pieces into one word again.
    const nodes: Node[] = [];
    const lang = (n.parentElement?.closest('[lang]')?.getAttribute('lang') || 'und').split('-x-')[0];
    const hyphen = () => {
      const hy = document.createElement('span');
      hy.setAttribute('aria-hidden', 'true');
      hy.setAttribute('data-lehtinen-hyphen', '');
      hy.textContent = '\u2010';
      hyphens++;
      return [hy, document.createElement('br')];
    };
    let word: HTMLElement | null = null;
    parts.forEach((part, k) => {
      let t = part;
      const last = k === parts.length - 1;
      if (word) {
        // the rest of the broken word; a part without a space is a word broken twice
        const rest = /^\S*/.exec(t)![0];
        if (rest.length === t.length && !last) {
          word.append(document.createTextNode(t), ...hyphen());
          return;
        }
        if (rest) word.append(document.createTextNode(rest));
        nodes.push(word);
        word = null;
        t = t.slice(rest.length);
      }
      if (last) {
        if (t) nodes.push(document.createTextNode(t));
        return;
      }
      const start = /\S*$/.exec(t)![0];
      if (t.length > start.length) nodes.push(document.createTextNode(t.slice(0, t.length - start.length)));
      word = document.createElement('span');
      word.setAttribute('lang', `${lang}-x-lehtinen`);
      word.setAttribute('data-lehtinen-word', '');
      if (start) word.append(document.createTextNode(start));
      word.append(...hyphen());
    });
    if (word) nodes.push(word);
    n.replaceWith(...nodes);
  }
  return hyphens;
}
