/**
 * The print PDF: every page placed on a larger sheet with exact boxes and crop marks.
 *
 * - TrimBox = the trim size exactly; BleedBox = trim + bleed on each side; MediaBox = CropBox = trim +
 *   the print margin (compose/geometry.ts printMarginMm) so marks and slug fit. Chromium's own page size
 *   is rounded (puppeteer#2278), so boxes are computed here from the geometry, never read from Chromium.
 * - The page content is moved with one `cm` and clipped to the BleedBox, hiding the render overscan.
 * - Crop marks in registration colour (C=M=Y=K=100 %, so they appear on every separation) start outside
 *   the bleed; a slug line under the sheet names campaign, material, language, version and page.
 */
import { createHash } from 'node:crypto';
import fontkit from '@pdf-lib/fontkit';
import pLimit from 'p-limit';
import {
  clip,
  cmyk,
  concatTransformationMatrix,
  endPath,
  PDFArray,
  PDFDocument,
  PDFName,
  PDFNumber,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  type PDFFont,
  type PDFPage,
} from 'pdf-lib';
import { bleedBoxMm, cropMarks, mmToPt, printMarginMm, type Geometry, type MarkSettings } from '../compose/geometry.js';
import { loadRendered, savePdf, writeMeta, type DocMeta } from './pdf-common.js';
import { FOLD_DASH, foldMarks, slugWidthMm } from './print-marks.js';

export interface PrintOptions {
  marks: MarkSettings;
  /** slug text per page (1-based page number given) */
  slug: (page: number, pages: number) => string;
  /** extra warning printed above the sheet, e.g. for machine-draft translations */
  notice?: string;
  /** a TrueType font for the slug (the workspace's regular text face) */
  slugFont: Uint8Array;
}

/**
 * fontkit decodes a font's tables (GSUB, GPOS…) lazily and keeps them in the font object; pdf-lib would
 * parse the slug font anew for every PDF and decode them again on the first layout (about 0.1 s of CPU
 * per print PDF here). One parsed font per font file serves every PDF of the build; pdf-lib only reads
 * it (subsets are separate objects).
 */
const parsedFonts = new WeakMap<Uint8Array, fontkit.Font>();
const sharedFontkit: typeof fontkit = {
  ...fontkit,
  create(buffer: Uint8Array, postscriptName?: string) {
    let f = parsedFonts.get(buffer);
    if (!f) {
      f = fontkit.create(buffer, postscriptName);
      parsedFonts.set(buffer, f);
    }
    // Glyph objects keep the characters of their first use, and the PDF's ToUnicode is made from them:
    // shared across PDFs, a glyph first met without characters mapped to nothing in every later PDF (the
    // slug's "." lost in text extraction, and files that depended on the order of the build). The
    // decoded tables, the costly part, stay shared; the glyph cache starts empty for each PDF.
    (f as unknown as { _glyphs: Record<number, unknown> })._glyphs = {};
    return f;
  },
};

const REGISTRATION = cmyk(1, 1, 1, 1);
/**
 * No ligatures in the slug: pdf-lib maps a ligature glyph to two characters in ToUnicode, which
 * Ghostscript's pdfwrite (10.00, CMYK step) turns into one wrong CJK character per letter ("fi" → "昀椀"),
 * so the slug would no longer be searchable text after conversion.
 */
export const NO_LIGATURES = { liga: false, clig: false, dlig: false, rlig: false };
const SLUG_INK = cmyk(0, 0, 0, 1);

/**
 * One print PDF at a time: pdf-lib's save yields between objects, and two saves subsetting the one shared
 * font object at once made different font subsets from one build to the next (not reproducible). Node
 * runs one of them at a time anyway, so this costs no throughput.
 */
const oneAtATime = pLimit(1);

export function makePrintPdf(rendered: Uint8Array, g: Geometry, meta: DocMeta, o: PrintOptions): Promise<Uint8Array> {
  return oneAtATime(() => printPdf(rendered, g, meta, o));
}

async function printPdf(rendered: Uint8Array, g: Geometry, meta: DocMeta, o: PrintOptions): Promise<Uint8Array> {
  const doc = await loadRendered(rendered, g.pages);
  doc.registerFontkit(sharedFontkit);
  const slugs = Array.from({ length: doc.getPageCount() }, (_, i) => o.slug(i + 1, doc.getPageCount()));
  const font = await doc.embedFont(o.slugFont, {
    subset: true,
    features: NO_LIGATURES,
    // ISO 32000-1 §9.6.4: a subset font's name starts with a six-letter tag and "+". pdf-lib leaves it
    // out, so print checks (pdffonts "sub" column, preflight) would take the subset for a full font.
    customName: `${subsetTag([...slugs, o.notice ?? ''].join('\n'))}+${fontkitName(o.slugFont)}`,
  });
  const [bw, bh] = bleedBoxMm(g).map(mmToPt) as [number, number];
  const margin = mmToPt(printMarginMm(g, o.marks) - g.bleed); // media edge → bleed edge
  const pages = doc.getPages();
  pages.forEach((page, i) => {
    const media = page.getMediaBox();
    const top = media.y + media.height;
    const dx = margin - media.x;
    const dy = margin - (top - bh);
    wrap(doc, page, [
      pushGraphicsState(),
      rectangle(margin, margin, bw, bh),
      clip(),
      endPath(),
      concatTransformationMatrix(1, 0, 0, 1, dx, dy),
    ]);
    shiftAnnotations(page, dx, dy);
    const W = bw + 2 * margin;
    const H = bh + 2 * margin;
    page.setMediaBox(0, 0, W, H);
    page.setCropBox(0, 0, W, H);
    page.setBleedBox(margin, margin, bw, bh);
    const b = mmToPt(g.bleed);
    page.setTrimBox(margin + b, margin + b, mmToPt(g.trim[0]), mmToPt(g.trim[1]));
    drawMarks(page, g, o.marks, margin + b, margin + b);
    drawFoldMarks(page, g, o.marks, i, margin + b, margin + b);
    drawSlug(page, font, slugs[i]!, margin + b, margin, o.notice, mmToPt(slugWidthMm(g, i)));
  });
  writeMeta(doc, meta);
  return savePdf(doc);
}

function subsetTag(text: string): string {
  const h = createHash('sha256').update(text).digest();
  return Array.from(h.subarray(0, 6), (b) => String.fromCharCode(65 + (b % 26))).join('');
}

function fontkitName(bytes: Uint8Array): string {
  const f = sharedFontkit.create(bytes) as { postscriptName?: string };
  return (f.postscriptName ?? 'Font').replace(/[^A-Za-z0-9-]/g, '');
}

function wrap(doc: PDFDocument, page: PDFPage, before: Parameters<PDFDocument['context']['contentStream']>[0]): void {
  page.node.normalize();
  const start = doc.context.register(doc.context.contentStream(before));
  const end = doc.context.register(doc.context.contentStream([popGraphicsState()]));
  page.node.wrapContentStreams(start, end);
}

/** Links keep pointing at their text after the move (they do nothing in print, but stay correct). */
function shiftAnnotations(page: PDFPage, dx: number, dy: number): void {
  const annots = page.node.Annots();
  if (!annots) return;
  for (let i = 0; i < annots.size(); i++) {
    const annot = page.doc.context.lookup(annots.get(i));
    const rect = (annot as { get?: (n: PDFName) => unknown })?.get?.(PDFName.of('Rect'));
    if (rect instanceof PDFArray && rect.size() === 4) {
      for (let j = 0; j < 4; j++) {
        const n = rect.lookup(j, PDFNumber).asNumber();
        rect.set(j, PDFNumber.of(n + (j % 2 === 0 ? dx : dy)));
      }
    }
  }
}

function drawMarks(page: PDFPage, g: Geometry, m: MarkSettings, ox: number, oy: number): void {
  for (const l of cropMarks(g, m)) {
    page.drawLine({
      start: { x: ox + mmToPt(l.x1), y: oy + mmToPt(l.y1) },
      end: { x: ox + mmToPt(l.x2), y: oy + mmToPt(l.y2) },
      thickness: m.weight,
      color: REGISTRATION,
    });
  }
}

function drawFoldMarks(page: PDFPage, g: Geometry, m: MarkSettings, index: number, ox: number, oy: number): void {
  for (const l of foldMarks(g, m, index)) {
    page.drawLine({
      start: { x: ox + mmToPt(l.x1), y: oy + mmToPt(l.y1) },
      end: { x: ox + mmToPt(l.x2), y: oy + mmToPt(l.y2) },
      thickness: m.weight,
      color: REGISTRATION,
      dashArray: FOLD_DASH,
    });
  }
}

function drawSlug(page: PDFPage, font: PDFFont, text: string, trimX: number, bleedY: number, notice: string | undefined, width: number): void {
  const size = 5;
  const lead = size * 1.25;
  // Between the vertical crop marks (which stand on the trim lines) and left of the first fold mark,
  // so text never crosses a mark (print-marks.ts slugWidthMm).
  const x = trimX + mmToPt(2);
  // Below the bottom bleed, reading downwards.
  wrapText(text, font, size, width).forEach((line, i) => {
    page.drawText(line, { x, y: bleedY - mmToPt(3) - size - i * lead, size, font, color: SLUG_INK });
  });
  if (notice) {
    // Above the top bleed, the last line nearest to the sheet.
    const top = page.getBleedBox().y + page.getBleedBox().height;
    const lines = wrapText(notice, font, size, width);
    lines.forEach((line, i) => {
      page.drawText(line, { x, y: top + mmToPt(3) + (lines.length - 1 - i) * lead, size, font, color: SLUG_INK });
    });
  }
}

/** Greedy word wrap to `width` pt, at most 3 lines (the margin has room for that), the last one cut with "…". */
export function wrapText(text: string, font: PDFFont, size: number, width: number, maxLines = 3): string[] {
  const lines: string[] = [];
  let line = '';
  let lineWidth = 0;
  // Each word is measured once and lines are summed: measuring every growing line ran fontkit's layout
  // over the whole line per word (quadratic; a long draft notice took ~0.2 s of CPU per print PDF).
  const space = font.widthOfTextAtSize(' ', size);
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const w = font.widthOfTextAtSize(word, size);
    const nextWidth = line ? lineWidth + space + w : w;
    if (nextWidth <= width || !line) {
      line = line ? `${line} ${word}` : word;
      lineWidth = nextWidth;
    } else {
      lines.push(line);
      line = word;
      lineWidth = w;
    }
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    let last = kept[maxLines - 1]!;
    while (last && font.widthOfTextAtSize(`${last}…`, size) > width) last = last.slice(0, -1);
    kept[maxLines - 1] = `${last}…`;
    return kept;
  }
  return lines;
}
