/**
 * Where lines break inside words, measured on the laid-out page after soft hyphens are settled
 * (browser/soft-hyphens.ts turns each used one into a hyphen and a line break, so a word hyphenated by
 * lehtinen is two text nodes, each on its line). A run of text without spaces whose characters sit on
 * two lines is broken inside: allowed after a hyphen or dash the text itself has ("väkivalta-apu"), and
 * in web and e-mail addresses after "/", "." or "@"; anywhere else it is a word broken without a visible
 * hyphen (CSS overflow-wrap breaking a word too long for its line), which check/frame-rules.ts reports.
 * Runs joined by no-break spaces (phone numbers, a number and its unit) count as one: they never break.
 */

export interface WordBreak {
  /** 1-based */
  page: number;
  /** data-frame of the frame it is in, or "" */
  frame: string;
  /** the run of text as written, without surrounding punctuation */
  word: string;
  /** the pieces on each line, in order */
  pieces: string[];
  /** in a heading (h1–h6) */
  heading: boolean;
}

/** Runs in the page (page scripts are disabled; DevTools evaluation works). No named inner functions. */
export function findWordBreaks(): WordBreak[] {
  const out: WordBreak[] = [];
  const pages = [...document.querySelectorAll('.page')];
  const range = document.createRange();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const address = /^(?:[a-z][a-z0-9+.-]*:\/\/|www\.)|@|\p{L}\.\p{L}{2,}|\//iu;
  for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
    if (!n.parentElement || n.parentElement.closest('svg, [aria-hidden="true"]')) continue;
    // A no-break space joins: a phone number ("080 005 005") or a number and its unit is one run.
    for (const m of n.data.matchAll(/(?:[^\s\u00ad]|\u00a0)+/g)) {
      if (m[0].length < 2) continue;
      range.setStart(n, m.index);
      range.setEnd(n, m.index + m[0].length);
      const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
      if (rects.length < 2) continue;
      const first = rects[0]!;
      if (!rects.some((r) => r.top >= first.bottom - first.height / 4)) continue;
      // Which characters start a new line: compare each with the one before.
      const pieces: string[] = [''];
      let prev: DOMRect | undefined;
      const chars = [...m[0]];
      let offset = m.index;
      for (const ch of chars) {
        range.setStart(n, offset);
        range.setEnd(n, offset + ch.length);
        offset += ch.length;
        const r = range.getBoundingClientRect();
        if (prev && r.height > 0 && (r.top >= prev.bottom - prev.height / 4 || r.left < prev.left - 0.5)) pieces.push('');
        if (r.height > 0) prev = r;
        pieces[pieces.length - 1] += ch;
      }
      if (pieces.length < 2) continue;
      const isAddress = address.test(m[0]);
      const bad = pieces.slice(0, -1).some((p) => {
        const last = p.at(-1)!;
        if (/[-‐‑–—]/.test(last)) return false;
        return !(isAddress && /[/.@]/.test(last));
      });
      if (!bad) continue;
      const el = n.parentElement;
      out.push({
        page: pages.findIndex((p) => p.contains(n)) + 1,
        frame: el.closest<HTMLElement>('[data-frame]')?.dataset.frame ?? '',
        word: m[0].replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '') || m[0],
        pieces,
        heading: !!el.closest('h1, h2, h3, h4, h5, h6'),
      });
    }
  }
  return out;
}
