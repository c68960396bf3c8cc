/**
 * Black the way print shops want it, before Ghostscript converts the rest: near-black text and lines
 * become 100 K, and 100 K overprints. Through an ICC profile a near-black RGB (the example's ink
 * #231a27) becomes a four-ink rich black (C73 M77 Y56 K71), which blurs at the slightest misregistration
 * in small text; layout programs set black text in the black plate only and overprint it
 * (InDesign's "Overprint [Black] swatch at 100%"), so it leaves no white gap in a coloured background.
 *
 * Chromium (Skia) sets a colour with `r g b rg` outside the text object and keeps it for the paths that
 * follow, so the colour is changed only where the text is shown: `0 0 0 1 k` just before the
 * text-showing operator, the original colour again after ET. Lines the same way around the stroked
 * path. Pure black (#000000, the QR modules) is mapped to 100 K everywhere by the brand colour map
 * (colour-rewrite.ts) before this pass; this pass then makes every exact 100 K overprint.
 * Overprint is an ExtGState (/OP, /op, /OPM 1: zero plates leave what is below) added to the resources.
 */
import { PDFArray, PDFDict, PDFName, type PDFDocument, type PDFObject } from 'pdf-lib';
import { replaceStreamData, walkForms } from './colour-rewrite.js';
import { parseContent } from './content-stream.js';

export interface BlackOptions {
  /** is this "#rrggbb" near-black (text and lines in it become 100 K)? */
  nearBlack: (hex: string) => boolean;
  /** 100 K overprints */
  overprint: boolean;
}

export interface BlackStats {
  /** text-showing operators set in 100 K instead of their colour, per "#rrggbb" */
  text: Record<string, number>;
  /** stroked paths set in 100 K, per "#rrggbb" */
  lines: Record<string, number>;
  /** places where overprint was switched on */
  overprinted: number;
}

/** CIE L* (D65) of an sRGB "#rrggbb": 0 black … 100 white. */
export function lightness(hex: string): number {
  const lin = (i: number) => {
    const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const y = 0.2126 * lin(0) + 0.7152 * lin(1) + 0.0722 * lin(2);
  return y > 216 / 24389 ? 116 * Math.cbrt(y) - 16 : (24389 / 27) * y;
}

const hexOf = (operands: string[]): string | undefined => {
  if (operands.length !== 3) return undefined;
  const v = operands.map(Number);
  if (v.some((x) => !Number.isFinite(x) || x < 0 || x > 1)) return undefined;
  return `#${v.map((x) => Math.round(x * 255).toString(16).padStart(2, '0')).join('')}`;
};

const TEXT_SHOW = new Set(['Tj', 'TJ', "'", '"']);
const PATH_BUILD = new Set(['m', 'l', 'c', 'v', 'y', 'h', 're']);
const STROKES = new Set(['S', 's', 'B', 'B*', 'b', 'b*']);
const FILLS = new Set(['f', 'F', 'f*']);
const K100 = (o: { operands: string[] }) => o.operands.length === 4 && o.operands.map(Number).join(' ') === '0 0 0 1';

/** ExtGState resource names: stroke overprint × fill overprint. */
const GS_NAME = (s: boolean, f: boolean) => `LhOP${s ? 1 : 0}${f ? 1 : 0}`;

export function rewriteContentBlack(data: Uint8Array, o: BlackOptions, stats: BlackStats): Uint8Array | undefined {
  const ops = parseContent(data);
  const text = (a: number, b: number) => Buffer.from(data.subarray(a, b)).toString('latin1');
  // insertions: byte offset → text, and replacements are not needed (everything is inserted)
  const inserts: { at: number; s: string }[] = [];
  type St = { fillHex?: string; fillOp?: string; strokeHex?: string; strokeOp?: string; fillK: boolean; strokeK: boolean; opF: boolean; opS: boolean };
  let st: St = { fillK: false, strokeK: false, opF: false, opS: false };
  const stack: St[] = [];
  let inText = false;
  // in a text object: what was changed for the text, to be undone after ET
  let textFill = false;
  let textStroke = false;
  let textOp: [boolean, boolean] | undefined;
  let mode = 0;
  let pathStart = -1;
  const gsFor = (s: boolean, f: boolean) => {
    if (!o.overprint || (s === st.opS && f === st.opF)) return '';
    [st.opS, st.opF] = [s, f];
    stats.overprinted += s || f ? 1 : 0;
    return `/${GS_NAME(s, f)} gs `;
  };
  for (const op of ops) {
    const name = op.op;
    if (name === 'q') stack.push({ ...st });
    else if (name === 'Q') st = stack.pop() ?? st;
    else if (name === 'rg' || name === 'RG') {
      const hex = hexOf(op.operands);
      const stroke = name === 'RG';
      if (stroke) [st.strokeHex, st.strokeOp, st.strokeK, textStroke] = [hex, text(op.start, op.end), false, false];
      else [st.fillHex, st.fillOp, st.fillK, textFill] = [hex, text(op.start, op.end), false, false];
      // Leaving a 100 K colour: overprint off again for that kind of painting.
      const s = stroke ? false : st.opS;
      const f = stroke ? st.opF : false;
      const g = gsFor(s, f);
      if (g) inserts.push({ at: op.start, s: g });
    } else if (['k', 'K', 'g', 'G', 'sc', 'scn', 'SC', 'SCN', 'cs', 'CS'].includes(name)) {
      const stroke = name === name.toUpperCase();
      const k = (name === 'k' || name === 'K') && K100(op);
      if (stroke) [st.strokeHex, st.strokeOp, st.strokeK, textStroke] = [undefined, undefined, k, false];
      else [st.fillHex, st.fillOp, st.fillK, textFill] = [undefined, undefined, k, false];
      const g = gsFor(stroke ? k : st.opS, stroke ? st.opF : k);
      // before the colour operator when it turns overprint off, after it when on: either is fine, the
      // state only matters when something is painted
      if (g) inserts.push({ at: op.start, s: g });
    } else if (name === 'Tr') mode = Number(op.operands[0]) || 0;
    else if (name === 'BT') {
      inText = true;
      textFill = textStroke = false;
      textOp = undefined;
    } else if (inText && TEXT_SHOW.has(name)) {
      const fills = mode % 4 === 0 || mode % 4 === 2;
      const strokes = mode % 4 === 1 || mode % 4 === 2;
      let s = '';
      if (fills && !textFill && st.fillHex && o.nearBlack(st.fillHex)) {
        s += '0 0 0 1 k ';
        textFill = true;
        stats.text[st.fillHex] = (stats.text[st.fillHex] ?? 0) + 1;
      }
      if (strokes && !textStroke && st.strokeHex && o.nearBlack(st.strokeHex)) {
        s += '0 0 0 1 K ';
        textStroke = true;
      }
      if (s) {
        textOp ??= [st.opS, st.opF];
        s += gsFor(textStroke || st.strokeK ? true : st.opS, textFill || st.fillK ? true : st.opF);
        inserts.push({ at: op.start, s });
      }
    } else if (name === 'ET') {
      inText = false;
      let s = '';
      if (textFill && st.fillOp) s += ` ${st.fillOp}`;
      if (textStroke && st.strokeOp) s += ` ${st.strokeOp}`;
      if (textOp) {
        const g = gsFor(textOp[0], textOp[1]);
        if (g) s += ` ${g}`;
      }
      if (s) inserts.push({ at: op.end, s: `${s}\n` });
      textFill = textStroke = false;
      textOp = undefined;
    } else if (!inText && PATH_BUILD.has(name)) {
      if (pathStart < 0) pathStart = op.start;
    } else if (!inText && (STROKES.has(name) || FILLS.has(name) || name === 'n')) {
      if (STROKES.has(name) && pathStart >= 0 && st.strokeHex && o.nearBlack(st.strokeHex)) {
        const before = [st.opS, st.opF] as const;
        const g = gsFor(true, st.opF);
        inserts.push({ at: pathStart, s: `q 0 0 0 1 K ${g}` });
        // q … Q around the path: colour and overprint come back by themselves
        [st.opS, st.opF] = before;
        inserts.push({ at: op.end, s: ' Q\n' });
        stats.lines[st.strokeHex] = (stats.lines[st.strokeHex] ?? 0) + 1;
      }
      pathStart = -1;
    }
  }
  if (!inserts.length) return undefined;
  inserts.sort((a, b) => a.at - b.at);
  const out: string[] = [];
  let last = 0;
  for (const i of inserts) {
    out.push(text(last, i.at), i.s.endsWith(' ') || i.s.endsWith('\n') ? i.s : `${i.s} `);
    last = i.at;
  }
  out.push(text(last, data.length));
  return Buffer.from(out.join(''), 'latin1');
}

function ensureExtGStates(doc: PDFDocument, resources: PDFDict): void {
  let ext = resources.lookup(PDFName.of('ExtGState'));
  if (!(ext instanceof PDFDict)) {
    ext = doc.context.obj({});
    resources.set(PDFName.of('ExtGState'), ext as PDFDict);
  }
  const dict = ext as PDFDict;
  for (const s of [false, true]) {
    for (const f of [false, true]) {
      const key = PDFName.of(GS_NAME(s, f));
      if (dict.has(key)) continue;
      dict.set(key, doc.context.obj({ Type: 'ExtGState', OP: s, op: f, OPM: 1 }));
    }
  }
}

function rewriteStream(doc: PDFDocument, ref: PDFObject, resources: PDFDict | undefined, o: BlackOptions, stats: BlackStats): void {
  if (replaceStreamData(doc, ref, (data) => rewriteContentBlack(data, o, stats)) && resources) ensureExtGStates(doc, resources);
}

function rewriteForms(doc: PDFDocument, resources: PDFDict | undefined, o: BlackOptions, stats: BlackStats, seen: Set<string>): void {
  walkForms(doc, resources, seen, (ref, form, parent) => {
    let res = form.dict.lookup(PDFName.of('Resources'));
    if (!(res instanceof PDFDict)) {
      // A form without its own resources uses the page's; give it its own so the ExtGState is found.
      res = parent ? parent : doc.context.obj({});
      form.dict.set(PDFName.of('Resources'), res as PDFDict);
    }
    rewriteStream(doc, ref, res as PDFDict, o, stats);
    return res as PDFDict;
  });
}

/** Rewrites every page's content and the form XObjects below it, in place. */
export function rewriteBlack(doc: PDFDocument, o: BlackOptions): BlackStats {
  const stats: BlackStats = { text: {}, lines: {}, overprinted: 0 };
  const seen = new Set<string>();
  for (const page of doc.getPages()) {
    page.node.normalize();
    const resources = page.node.Resources();
    const contents = page.node.get(PDFName.of('Contents'));
    const parts = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : [];
    for (const c of parts) rewriteStream(doc, c, resources, o, stats);
    rewriteForms(doc, resources, o, stats, seen);
  }
  return stats;
}
