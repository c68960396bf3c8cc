/**
 * The last line of every heading on the laid-out page: a heading of two or more lines whose last line is
 * one short word (a widow) is reported by check/frame-rules.ts. Templates prevent it with CSS
 * (`text-wrap: balance`); this finds where that did not work.
 */

export interface HeadingWidow {
  page: number;
  /** the lone word */
  word: string;
  /** the heading's text */
  text: string;
}

/** Runs in the page (page scripts are disabled; DevTools evaluation works). */
export function findHeadingWidows(maxLetters: number): HeadingWidow[] {
  const out: HeadingWidow[] = [];
  const pages = [...document.querySelectorAll('.page')];
  const range = document.createRange();
  for (const h of document.querySelectorAll<HTMLElement>('h1, h2, h3, h4, h5, h6')) {
    // Every word with the top of the line it sits on.
    const words: { word: string; top: number }[] = [];
    const walker = document.createTreeWalker(h, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
      for (const m of n.data.matchAll(/[^\s\u00ad]+/g)) {
        range.setStart(n, m.index);
        range.setEnd(n, m.index + m[0].length);
        const r = range.getClientRects()[0];
        if (r && r.width > 0) words.push({ word: m[0], top: r.top });
      }
    }
    if (words.length < 2) continue;
    const last = words[words.length - 1]!;
    const before = words[words.length - 2]!;
    // A new line starts more than half a line below; words split by markup ("on <em>ok</em>") count once.
    const lineBreak = last.top > before.top + 2;
    if (!lineBreak || [...last.word].length > maxLetters) continue;
    out.push({ page: pages.findIndex((p) => p.contains(h)) + 1, word: last.word, text: h.textContent!.replace(/\s+/g, ' ').trim() });
  }
  return out;
}
