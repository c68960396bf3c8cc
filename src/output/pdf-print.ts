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
  type PDFPage,
} from 'pdf-lib';
import { bleedBoxMm, cropMarks, mmToPt, printMarginMm, type Geometry, type MarkSettings } from '../compose/geometry.js';
import { loadRendered, savePdf, writeMeta, type DocMeta } from './pdf-common.js';
import { FOLD_DASH, foldMarks, slugWidthMm } from './print-marks.js';
import { SlugFace, type SlugText } from './slug-font.js';

export interface PrintOptions {
  marks: MarkSettings;
  /** slug text per page (1-based page number given) */
  slug: (page: number, pages: number) => string;
  /** extra warning printed above the sheet, e.g. for machine-draft translations */
  notice?: string;
  /** a TrueType font for the slug (the workspace's regular text face) */
  slugFont: Uint8Array;
}

const REGISTRATION = cmyk(1, 1, 1, 1);
const SLUG_INK = cmyk(0, 0, 0, 1);
const SLUG_SIZE = 5;

export async function makePrintPdf(rendered: Uint8Array, g: Geometry, meta: DocMeta, o: PrintOptions): Promise<Uint8Array> {
  const doc = await loadRendered(rendered, g.pages);
  const face = new SlugFace(o.slugFont);
  const n = doc.getPageCount();
  // Lines first: the embedded subset holds exactly the characters drawn.
  const slugs = Array.from({ length: n }, (_, i) => {
    const width = mmToPt(slugWidthMm(g, i));
    return { below: wrapText(o.slug(i + 1, n), face, SLUG_SIZE, width), above: o.notice ? wrapText(o.notice, face, SLUG_SIZE, width) : [] };
  });
  const font = face.embed(doc, slugs.flatMap((s) => [...s.below, ...s.above]));
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
    drawSlug(page, font, slugs[i]!, margin + b, margin);
  });
  writeMeta(doc, meta);
  return savePdf(doc);
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

function drawSlug(page: PDFPage, font: SlugText, lines: { below: string[]; above: string[] }, trimX: number, bleedY: number): void {
  const lead = SLUG_SIZE * 1.25;
  // Between the vertical crop marks (which stand on the trim lines) and left of the first fold mark,
  // so text never crosses a mark (print-marks.ts slugWidthMm).
  const x = trimX + mmToPt(2);
  const line = (text: string, y: number) => font.draw(page, text, { x, y, size: SLUG_SIZE, color: SLUG_INK });
  // Below the bottom bleed, reading downwards.
  lines.below.forEach((text, i) => line(text, bleedY - mmToPt(3) - SLUG_SIZE - i * lead));
  // Above the top bleed, the last line nearest to the sheet.
  const top = page.getBleedBox().y + page.getBleedBox().height;
  lines.above.forEach((text, i) => line(text, top + mmToPt(3) + (lines.above.length - 1 - i) * lead));
}

/** Greedy word wrap to `width` pt, at most 3 lines (the margin has room for that), the last one cut with "…". */
export function wrapText(text: string, font: SlugFace, size: number, width: number, maxLines = 3): string[] {
  const lines: string[] = [];
  let line = '';
  let lineWidth = 0;
  // Each word is measured once and lines are summed (measuring every growing line is quadratic).
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
