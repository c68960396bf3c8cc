/**
 * The lines of every heading as drawn on the laid-out page (after copy-fit and soft hyphens are settled):
 * a heading of two or more lines whose last line is one short word (a widow) is reported by
 * check/frame-rules.ts. Templates prevent it with CSS (`text-wrap: balance`); this finds where that did
 * not work, and tries in the page what the designer could change: the heading a little narrower
 * (max-width) or a little smaller (font-size). The first that joins the widow to the line before is the
 * advice; the page is left as it was.
 */

export interface HeadingWidow {
  page: number;
  /** the lone word */
  word: string;
  /** the word before it, on the line above */
  before: string;
  /** the heading's text */
  text: string;
  /** the heading's tag, "h2" */
  tag: string;
  /** the heading's width in mm, and a max-width in mm that would join the widow to the line before */
  widthMm: number;
  narrowerMm?: number;
  /** a font size in pt (the present one is fontPt) that would join it */
  smallerPt?: number;
  fontPt: number;
}

/** Runs in the page (page scripts are disabled; DevTools evaluation works). No named inner functions. */
export function findHeadingWidows(maxLetters: number): HeadingWidow[] {
  const MM = 25.4 / 96;
  const out: HeadingWidow[] = [];
  const pages = [...document.querySelectorAll('.page')];
  const range = document.createRange();
  // Lines as drawn: character by character, a new line where a character sits below the one before
  // (or left of it); spaces are kept between words of a line.
  const lines = (h: HTMLElement): string[] => {
    const out: string[] = [];
    let prev: DOMRect | undefined;
    let space = false;
    const walker = document.createTreeWalker(h, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
      if (n.parentElement?.closest('[aria-hidden="true"]')) continue;
      let offset = 0;
      for (const ch of n.data) {
        const at = offset;
        offset += ch.length;
        if (/\s/.test(ch) && ch !== '\u00a0') {
          space = true;
          continue;
        }
        if (ch === '\u00ad') continue;
        range.setStart(n, at);
        range.setEnd(n, at + ch.length);
        const r = range.getBoundingClientRect();
        if (!(r.height > 0)) continue;
        if (!prev || r.top >= prev.bottom - prev.height / 4 || r.left < prev.left - 0.5) out.push(ch);
        else out[out.length - 1] += (space ? ' ' : '') + ch;
        prev = r;
        space = false;
      }
    }
    return out;
  };
  const isWidow = (ls: string[]) => {
    if (ls.length < 2) return false;
    const last = ls[ls.length - 1]!.trim();
    return !/\s/.test(last) && [...last].length <= maxLetters;
  };
  for (const h of document.querySelectorAll<HTMLElement>('h1, h2, h3, h4, h5, h6')) {
    const ls = lines(h);
    if (!isWidow(ls)) continue;
    const word = ls[ls.length - 1]!.trim();
    const before = ls[ls.length - 2]!.trim().split(/\s+/).at(-1) ?? '';
    // What would help: a narrower box (text-wrap: balance then sets fewer words on the first lines),
    // or a smaller size. Tried here, then undone.
    const width = h.getBoundingClientRect().width;
    const style = { maxWidth: h.style.maxWidth, fontSize: h.style.fontSize };
    // the widest word: a box narrower than it would break that word instead
    let widest = 0;
    const words = document.createTreeWalker(h, NodeFilter.SHOW_TEXT);
    for (let n = words.nextNode() as Text | null; n; n = words.nextNode() as Text | null) {
      for (const m of n.data.matchAll(/[^\s\u00ad]+/g)) {
        range.setStart(n, m.index);
        range.setEnd(n, m.index + m[0].length);
        let w = 0;
        for (const r of range.getClientRects()) w += r.width;
        widest = Math.max(widest, w);
      }
    }
    let narrowerMm: number | undefined;
    for (const k of [0.95, 0.9, 0.85, 0.8, 0.75]) {
      if (width * k < widest + 2) break;
      h.style.maxWidth = `${width * k}px`;
      const now = lines(h);
      if (!isWidow(now) && now.length <= ls.length + 1) {
        narrowerMm = Math.floor(width * k * MM);
        break;
      }
    }
    h.style.maxWidth = style.maxWidth;
    let smallerPt: number | undefined;
    const fs = parseFloat(getComputedStyle(h).fontSize);
    const PT = 72 / 96;
    // half points down from the present size, to three quarters of it
    for (let pt = Math.floor(fs * PT * 2 - 1) / 2; pt >= fs * PT * 0.75; pt -= 0.5) {
      h.style.fontSize = `${pt / PT}px`;
      if (!isWidow(lines(h))) {
        smallerPt = pt;
        break;
      }
    }
    h.style.fontSize = style.fontSize;
    out.push({
      page: pages.findIndex((p) => p.contains(h)) + 1,
      word,
      before,
      text: h.textContent!.replace(/\u00ad/g, '').replace(/\s+/g, ' ').trim(),
      tag: h.tagName.toLowerCase(),
      widthMm: Math.round(width * MM * 10) / 10,
      ...(narrowerMm !== undefined ? { narrowerMm } : {}),
      fontPt: Math.round(fs * PT * 10) / 10,
      ...(smallerPt !== undefined ? { smallerPt } : {}),
    });
  }
  return out;
}
