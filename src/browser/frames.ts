/**
 * Frames in a laid-out page: every text box of a template carries data-frame="name". Here, in the page
 * and before it is printed, lehtinen
 *  1. copy-fits frames that allow it (data-fit="font:90%;tracking:-1%"): the largest font size (and
 *     the least tightening) at which every frame of one role on a page fits, found by binary search;
 *     headings whose longest word does not fit are set smaller (to the frame's floor) or hyphenated in
 *     that word, at a compound seam first (before and after the frames are fitted);
 *  2. measures each frame: content past its content box, text past the safe area or the trim (into
 *     the bleed), text running into another frame;
 *  3. on proofs, outlines the frames that overflow in red;
 * then settles soft hyphens (browser/soft-hyphens.ts), measures raster images
 * (browser/image-resolution.ts), heading lines (browser/heading-lines.ts) and words broken without a
 * hyphen (browser/word-breaks.ts).
 * The rules that turn these figures into errors live in check/frame-rules.ts.
 */
import type { Page } from 'puppeteer';
import { findHeadingWidows, type HeadingWidow } from './heading-lines.js';
import { measureImages, type ImageMeasure } from './image-resolution.js';
import { settleSoftHyphens } from './soft-hyphens.js';
import { findWordBreaks, type WordBreak } from './word-breaks.js';

export type { ImageMeasure };

export interface FrameOptions {
  /** CSS px of bleed around the trim on each page */
  bleedPx: number;
  /** CSS px of the safe margin inside the trim */
  safePx: number;
  /** outline overflowing frames in red (proofs) */
  mark?: boolean;
}

export interface Sides {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface FrameMeasure {
  name: string;
  /** 1-based */
  page: number;
  role: string;
  /** mm the content runs past the frame's content box, per side (0 = inside) */
  overflow: Sides;
  /** the frame (or a box around it) hides what overflows */
  clipped: boolean;
  /** mm the frame's text and images run past the safe area / past the trim into the bleed */
  outsideSafe: number;
  intoBleed: number;
  /** other frames its content runs into, by how many mm */
  overlaps: { frame: string; mm: number }[];
  /** the frame's border box in mm from the top-left corner of its page's bleed box (previews draw marks there) */
  box: { x: number; y: number; w: number; h: number };
  /** copy-fit: the bounds the template allows and what was applied (1 / 0 = not needed) */
  fit?: { minFont: number; minTracking: number; font: number; tracking: number; exceeded: boolean };
}

export interface FrameReport {
  frames: FrameMeasure[];
  images: ImageMeasure[];
  /** headings whose last line is one short word */
  widows?: HeadingWidow[];
  /** lines broken inside a word without a visible hyphen (browser/word-breaks.ts) */
  wordBreaks?: WordBreak[];
  /** data-fit values that could not be read (the frame is then not fitted) */
  badFits?: { spec: string; message: string }[];
}

/** Copy-fit bounds from data-fit: "font:90%;tracking:-1%" → { font: 0.9, tracking: -0.01 } (em). */
export function parseFitBounds(spec: string): { font: number; tracking: number } | string {
  let font = 1;
  let tracking = 0;
  for (const part of spec.split(';').map((s) => s.trim()).filter(Boolean)) {
    const m = /^(font|tracking)\s*:\s*(-?\d+(?:\.\d+)?)\s*%$/.exec(part);
    if (!m) return `"${part}" is not font:NN% or tracking:-N%`;
    const v = parseFloat(m[2]!) / 100;
    if (m[1] === 'font') {
      if (!(v >= 0.7 && v <= 1)) return `font:${m[2]}% is outside 70…100 % (smaller would be unreadable)`;
      font = v;
    } else {
      if (!(v >= -0.05 && v <= 0)) return `tracking:${m[2]}% is outside −5…0 %`;
      tracking = v;
    }
  }
  return { font, tracking };
}

/** a heading's last line of one word of at most this many letters is a widow */
export const WIDOW_LETTERS = 6;

export async function fitAndMeasureFrames(page: Page, o: FrameOptions): Promise<FrameReport> {
  const bounds: Record<string, { font: number; tracking: number }> = {};
  // page.evaluate, not $$eval: Puppeteer's first query injects its own helper world (~50 ms per document).
  const specs = await page.evaluate(() => [...document.querySelectorAll<HTMLElement>('[data-fit]')].map((e) => e.dataset.fit ?? ''));
  const badFits: { spec: string; message: string }[] = [];
  for (const s of new Set(specs)) {
    const b = parseFitBounds(s);
    if (typeof b === 'string') badFits.push({ spec: s, message: b });
    bounds[s] = typeof b === 'string' ? { font: 1, tracking: 0 } : b;
  }
  const frames = await page.evaluate(inPage, o, bounds);
  // After fitting and measuring: the line breaks are final (settling them changes no line).
  await page.evaluate(settleSoftHyphens);
  const images = await page.evaluate(measureImages);
  const widows = await page.evaluate(findHeadingWidows, WIDOW_LETTERS);
  const wordBreaks = await page.evaluate(findWordBreaks);
  return { frames, images, widows, badFits, wordBreaks };
}

/**
 * Runs in the page (page scripts are disabled; DevTools evaluation still works). Helpers are arrow
 * functions in consts: esbuild (tsx, vitest) wraps named inner functions in a __name() helper that does
 * not exist in the page.
 */
async function inPage(o: FrameOptions, bounds: Record<string, { font: number; tracking: number }>): Promise<FrameMeasure[]> {
  await document.fonts.ready;
  const MM = 25.4 / 96;
  // 0.3 mm: below that is font-metric rounding (a text box sits up to 1 px off its line box), not overflow
  const TOL = 0.3 / MM;
  const pages = [...document.querySelectorAll<HTMLElement>('.page')];
  type Box = { left: number; top: number; right: number; bottom: number };
  const frames = [...document.querySelectorAll<HTMLElement>('[data-frame]')].map((el) => {
    const spec = el.dataset.fit;
    return {
      el,
      name: el.dataset.frame || '(unnamed)',
      page: pages.findIndex((p) => p.contains(el)) + 1,
      role: el.dataset.fitRole || el.dataset.frame || '',
      bounds: spec !== undefined ? bounds[spec] : undefined,
    };
  });

  // What a frame prints: the boxes of its text (line by line) and of its images and SVGs.
  const ink = (el: HTMLElement): Box[] => {
    const out: Box[] = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.textContent || !n.textContent.trim()) continue;
      const parent = n.parentElement;
      if (parent && getComputedStyle(parent).visibility === 'hidden') continue;
      range.selectNodeContents(n);
      // A text box is the font's full ascent + descent; a tight line-height (headings at 1.1) sets the
      // lines closer than that on purpose. Count the line box, centred on the text, where it is smaller.
      const lh = parent ? parseFloat(getComputedStyle(parent).lineHeight) : NaN;
      for (const r of range.getClientRects()) {
        if (!(r.width > 0 && r.height > 0)) continue;
        if (lh > 0 && lh < r.height) {
          const mid = (r.top + r.bottom) / 2;
          out.push({ left: r.left, right: r.right, top: mid - lh / 2, bottom: mid + lh / 2 });
        } else out.push(r);
      }
    }
    for (const e of el.querySelectorAll('img, svg, canvas, video')) {
      if (e.parentElement?.closest('svg')) continue;
      const r = e.getBoundingClientRect();
      if (r.width > 0 && r.height > 0) out.push(r);
    }
    return out;
  };
  const contentBox = (el: HTMLElement): Box => {
    const r = el.getBoundingClientRect();
    const cs = getComputedStyle(el);
    const px = (v: string) => parseFloat(v) || 0;
    return {
      left: r.left + px(cs.borderLeftWidth) + px(cs.paddingLeft),
      top: r.top + px(cs.borderTopWidth) + px(cs.paddingTop),
      right: r.right - px(cs.borderRightWidth) - px(cs.paddingRight),
      bottom: r.bottom - px(cs.borderBottomWidth) - px(cs.paddingBottom),
    };
  };
  const past = (rects: Box[], box: Box) => {
    const s = { top: 0, right: 0, bottom: 0, left: 0 };
    for (const r of rects) {
      s.top = Math.max(s.top, box.top - r.top);
      s.right = Math.max(s.right, r.right - box.right);
      s.bottom = Math.max(s.bottom, r.bottom - box.bottom);
      s.left = Math.max(s.left, box.left - r.left);
    }
    return s;
  };
  const worst = (s: { top: number; right: number; bottom: number; left: number }) => Math.max(s.top, s.right, s.bottom, s.left);
  const overflowPx = (el: HTMLElement) => worst(past(ink(el), contentBox(el)));

  // Headings are not hyphenated (base.css: hyphens: none), so a word longer than the heading's line
  // would be broken without a hyphen (overflow-wrap). Such a heading is set smaller until its longest
  // word fits, down to its frame's copy-fit floor (data-fit font:NN%; none: not smaller); if the word
  // still does not fit, it is hyphenated at its soft hyphens, compound seams first (when the document
  // lists them: Voikko, compose/document.ts), and only that word.
  const compounds: Record<string, number[]> = (() => {
    try {
      return JSON.parse(document.getElementById('lehtinen-seams')?.dataset.seams || '{}') as Record<string, number[]>;
    } catch {
      return {};
    }
  })();
  const wordRange = document.createRange();
  const tokens = (h: HTMLElement) => {
    const list: { node: Text; start: number; end: number; width: number }[] = [];
    const walker = document.createTreeWalker(h, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
      for (const m of n.data.matchAll(/\S+/g)) {
        wordRange.setStart(n, m.index);
        wordRange.setEnd(n, m.index + m[0].length);
        let width = 0;
        for (const r of wordRange.getClientRects()) width += r.width;
        list.push({ node: n, start: m.index, end: m.index + m[0].length, width });
      }
    }
    return list;
  };
  // Fits: no word is wider than the heading (where overflow-wrap: normal lets it run out) nor drawn on
  // two lines (where overflow-wrap breaks it; widths alone miss that by rounding).
  // The room is the heading's own box, but never past its frame's (a shrink-wrapped box grows with it).
  const room = (h: HTMLElement) => {
    const b = contentBox(h);
    const f = frames.find((x) => x.el !== h && x.el.contains(h));
    return Math.min(b.right, f ? contentBox(f.el).right : b.right) - b.left + 0.5;
  };
  const headingFits = (h: HTMLElement) => {
    const avail = room(h);
    for (const t of tokens(h)) {
      if (t.width > avail) return false;
      wordRange.setStart(t.node, t.start);
      wordRange.setEnd(t.node, t.end);
      const rects = [...wordRange.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
      if (rects.some((r) => r.top >= rects[0]!.bottom - rects[0]!.height / 4)) return false;
    }
    return true;
  };
  const hyphenateHeading = (h: HTMLElement) => {
    // Hyphenate only the words too long for the line: soft hyphens elsewhere in the heading go.
    const avail = room(h);
    const edits = tokens(h).reverse();
    for (const t of edits) {
      const text = t.node.data.slice(t.start, t.end);
      if (!text.includes('\u00ad')) continue;
      let keep = text;
      if (t.width <= avail) keep = text.replace(/\u00ad/g, '');
      else {
        // compound boundaries only, when every part between them fits
        const bare = text.replace(/\u00ad/g, '');
        const at = compounds[bare.toLowerCase()];
        if (at && at.length) {
          let c = '';
          [...bare].forEach((ch, i) => (c += (at.includes(i) ? '\u00ad' : '') + ch));
          const old = t.node.data;
          t.node.data = old.slice(0, t.start) + c + old.slice(t.end);
          wordRange.setStart(t.node, t.start);
          wordRange.setEnd(t.node, t.start + c.length);
          h.style.hyphens = 'manual';
          const parts = c.split('\u00ad');
          let pos = t.start;
          let ok = true;
          for (const part of parts) {
            wordRange.setStart(t.node, pos);
            wordRange.setEnd(t.node, pos + part.length);
            let w = 0;
            for (const r of wordRange.getClientRects()) w += r.width;
            if (w > avail) ok = false;
            pos += part.length + 1;
          }
          t.node.data = old;
          if (ok) keep = c;
        }
      }
      t.node.data = t.node.data.slice(0, t.start) + keep + t.node.data.slice(t.end);
    }
    h.style.hyphens = 'manual';
  };

  // 1a. A heading whose longest word would not fit even at its frame's floor is hyphenated before the
  // frames are fitted: the frame is not made smaller for a word that is going to break anyway.
  const floorOf = (h: HTMLElement) => frames.find((f) => f.bounds && f.el.contains(h))?.bounds!.font ?? 1;
  for (const h of document.querySelectorAll<HTMLElement>('h1, h2, h3, h4, h5, h6')) {
    if (headingFits(h)) continue;
    const els = [h, ...h.querySelectorAll<HTMLElement>('*')].filter((e) => !e.closest('svg'));
    const saved = els.map((e) => ({ e, fs: e.style.fontSize, ls: e.style.letterSpacing, px: parseFloat(getComputedStyle(e).fontSize) }));
    for (const v of saved) v.e.style.fontSize = `${v.px * floorOf(h)}px`;
    const fitsAtFloor = headingFits(h);
    for (const v of saved) {
      v.e.style.fontSize = v.fs;
      v.e.style.letterSpacing = v.ls;
    }
    if (!fitsAtFloor) hyphenateHeading(h);
  }

  // 1. Copy-fit. Originals are read once; every trial sets sizes from them, never compounding.
  const original = new Map<HTMLElement, { fs: number; ls: number }>();
  for (const f of frames) {
    if (!f.bounds) continue;
    for (const e of [f.el, ...f.el.querySelectorAll<HTMLElement>('*')]) {
      if (original.has(e) || e.closest('svg')) continue;
      const cs = getComputedStyle(e);
      original.set(e, { fs: parseFloat(cs.fontSize), ls: parseFloat(cs.letterSpacing) || 0 });
    }
  }
  const apply = (f: (typeof frames)[number], u: number) => {
    const b = f.bounds!;
    const s = 1 - u * (1 - b.font);
    const t = u * b.tracking;
    for (const e of [f.el, ...f.el.querySelectorAll<HTMLElement>('*')]) {
      const v = original.get(e);
      if (!v) continue;
      e.style.fontSize = `${v.fs * s}px`;
      e.style.letterSpacing = `${v.ls + t * v.fs * s}px`;
    }
  };
  const groups = new Map<string, typeof frames>();
  for (const f of frames) {
    if (!f.bounds || !f.page) continue;
    const k = `${f.page}|${f.role}`;
    groups.set(k, [...(groups.get(k) ?? []), f]);
  }
  const fitted = new Map<HTMLElement, { u: number; exceeded: boolean }>();
  for (const group of groups.values()) {
    const fits = () => group.every((f) => overflowPx(f.el) <= TOL);
    if (fits()) continue;
    const at = (u: number) => group.forEach((f) => apply(f, u));
    at(1);
    let u = 1;
    let exceeded = false;
    if (!fits()) {
      exceeded = true;
    } else {
      // The smallest change that fits, to 1/128 of the allowed range (well under 0.1 pt).
      let lo = 0;
      let hi = 1;
      for (let i = 0; i < 7; i++) {
        const mid = (lo + hi) / 2;
        at(mid);
        if (fits()) hi = mid;
        else lo = mid;
      }
      u = hi;
      at(u);
    }
    for (const f of group) fitted.set(f.el, { u, exceeded });
  }

  // 1b. Headings whose longest word still does not fit after copy-fit: smaller, then hyphenated.
  for (const h of document.querySelectorAll<HTMLElement>('h1, h2, h3, h4, h5, h6')) {
    if (headingFits(h)) continue;
    const floor = floorOf(h);
    const els = [h, ...h.querySelectorAll<HTMLElement>('*')].filter((e) => !e.closest('svg'));
    const now = els.map((e) => {
      const cs = getComputedStyle(e);
      const o = original.get(e);
      return { e, fs: parseFloat(cs.fontSize), ls: parseFloat(cs.letterSpacing) || 0, fs0: o ? o.fs : parseFloat(cs.fontSize) };
    });
    const scale = (k: number) => {
      for (const v of now) {
        v.e.style.fontSize = `${v.fs * k}px`;
        v.e.style.letterSpacing = `${v.ls * k}px`;
      }
    };
    // the smallest factor allowed from here: the floor of the original size
    const least = Math.min(1, (now[0]!.fs0 * floor) / now[0]!.fs);
    scale(least);
    if (headingFits(h)) {
      let lo = least;
      let hi = 1;
      for (let i = 0; i < 7; i++) {
        const mid = (lo + hi) / 2;
        scale(mid);
        if (headingFits(h)) lo = mid;
        else hi = mid;
      }
      scale(lo);
      continue;
    }
    hyphenateHeading(h);
  }

  // 2. Measure.
  const pageBoxes = pages.map((p) => {
    const trimEl = p.querySelector<HTMLElement>('.trim');
    const r = p.getBoundingClientRect();
    const trim: Box = trimEl
      ? trimEl.getBoundingClientRect()
      : { left: r.left + o.bleedPx, top: r.top + o.bleedPx, right: r.right - o.bleedPx, bottom: r.bottom - o.bleedPx };
    const safe: Box = { left: trim.left + o.safePx, top: trim.top + o.safePx, right: trim.right - o.safePx, bottom: trim.bottom - o.safePx };
    return { trim, safe };
  });
  // Cut off: some of the content lies outside a box that hides its overflow (the page, a clipped box).
  const clips = (el: HTMLElement, rects: Box[]) => {
    for (let e: HTMLElement | null = el; e; e = e.parentElement) {
      const cs = getComputedStyle(e);
      if ((cs.overflowX !== 'visible' || cs.overflowY !== 'visible') && worst(past(rects, e.getBoundingClientRect())) > TOL) return true;
      if (e.classList.contains('page')) break;
    }
    return false;
  };
  const round = (px: number) => Math.round(px * MM * 100) / 100;
  const inkOf = new Map(frames.map((f) => [f.el, ink(f.el)]));
  const out: FrameMeasure[] = frames.map((f) => {
    const rects = inkOf.get(f.el)!;
    const s = past(rects, contentBox(f.el));
    const pb = pageBoxes[f.page - 1];
    const overlaps: { frame: string; mm: number }[] = [];
    for (const g of frames) {
      if (g === f || g.page !== f.page || g.el.contains(f.el) || f.el.contains(g.el)) continue;
      const b = g.el.getBoundingClientRect();
      let most = 0;
      for (const r of rects) {
        const w = Math.min(r.right, b.right) - Math.max(r.left, b.left);
        const h = Math.min(r.bottom, b.bottom) - Math.max(r.top, b.top);
        if (w > 0 && h > 0) most = Math.max(most, Math.min(w, h));
      }
      if (most > TOL) overlaps.push({ frame: g.name, mm: round(most) });
    }
    const fit = fitted.get(f.el);
    const overflowing = worst(s) > TOL;
    const fr = f.el.getBoundingClientRect();
    const pr = pages[f.page - 1]?.getBoundingClientRect() ?? fr;
    return {
      name: f.name,
      page: f.page,
      role: f.role,
      box: { x: round(fr.left - pr.left), y: round(fr.top - pr.top), w: round(fr.width), h: round(fr.height) },
      overflow: { top: round(s.top), right: round(s.right), bottom: round(s.bottom), left: round(s.left) },
      clipped: overflowing && clips(f.el, rects),
      outsideSafe: pb ? round(worst(past(rects, pb.safe))) : 0,
      intoBleed: pb ? round(worst(past(rects, pb.trim))) : 0,
      overlaps,
      ...(f.bounds
        ? {
            fit: {
              minFont: f.bounds.font,
              minTracking: f.bounds.tracking,
              font: Math.round((1 - (fit?.u ?? 0) * (1 - f.bounds.font)) * 1000) / 1000,
              tracking: Math.round((fit?.u ?? 0) * f.bounds.tracking * 10000) / 10000,
              exceeded: fit?.exceeded ?? false,
            },
          }
        : {}),
    };
  });

  // 3. Proof marks: a red outline and the amount, on frames that overflow.
  if (o.mark) {
    for (const [i, f] of frames.entries()) {
      const m = out[i]!;
      const over = Math.max(m.overflow.top, m.overflow.right, m.overflow.bottom, m.overflow.left);
      if (over <= 0.3 && m.intoBleed <= 0.3 && !m.overlaps.length) continue;
      f.el.style.outline = '0.7mm solid #e0002a';
      f.el.style.outlineOffset = '0';
      f.el.setAttribute('data-lehtinen-overflow', String(over));
      if (getComputedStyle(f.el).position === 'static') continue;
      const label = document.createElement('span');
      label.textContent = `OVERFLOW ${m.name}: ${over.toFixed(1)} mm`;
      label.setAttribute('aria-hidden', 'true');
      label.style.cssText =
        'position:absolute;right:0;bottom:0;z-index:2147483646;background:#e0002a;color:#fff;font:700 6pt/1.2 inherit;' +
        'font-family:inherit;padding:0.4mm 1mm;letter-spacing:0.02em;white-space:nowrap;text-transform:none';
      f.el.append(label);
    }
  }
  return out;
}
