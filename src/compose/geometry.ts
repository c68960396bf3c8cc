/**
 * Print geometry in one place. Units: mm for design, pt (1/72 in) for PDF boxes, CSS px (1/96 in) for
 * the browser, device pixels for rasters. Everything is computed from trim + bleed so the PDF boxes,
 * the crop marks and the rasters agree by construction.
 */
export const MM_PER_IN = 25.4;
export const PT_PER_MM = 72 / MM_PER_IN;
export const PX_PER_MM = 96 / MM_PER_IN;

export const mmToPt = (mm: number): number => mm * PT_PER_MM;
export const ptToMm = (pt: number): number => pt / PT_PER_MM;
export const mmToPx = (mm: number): number => mm * PX_PER_MM;
/** Pixels a length covers at `dpi`, rounded as a RIP would (50 mm at 300 dpi = 591 px). */
export const mmToDots = (mm: number, dpi: number): number => Math.round((mm / MM_PER_IN) * dpi);

/**
 * Chromium rounds the PDF page size to 1/300 in (0.24 pt) steps, up or down (puppeteer#2278; seen here:
 * 56 × 186 mm came out 159.12 × 527.04 pt). The browser page is therefore made this much larger than the
 * bleed box on the right and bottom; the extra is cut off when the boxes are set (output/pdf-*.ts), and
 * the content is anchored at the page's top-left corner, which Chromium keeps exact.
 */
export const OVERSCAN_MM = 1;

export interface Geometry {
  trim: [number, number];
  bleed: number;
  safe: number;
  pages: number;
  panels?: number[][];
}

export function bleedBoxMm(g: Geometry): [number, number] {
  return [g.trim[0] + 2 * g.bleed, g.trim[1] + 2 * g.bleed];
}

export function browserPageMm(g: Geometry): [number, number] {
  const [w, h] = bleedBoxMm(g);
  return [w + OVERSCAN_MM, h + OVERSCAN_MM];
}

export interface MarkSettings {
  /** gap between bleed edge and the start of a crop mark, mm */
  offset: number;
  /** crop mark length, mm */
  length: number;
  /** line width, pt */
  weight: number;
}

/** Distance from the trim edge to the media edge of a print PDF: bleed, gap, mark, then room for the slug. */
export function printMarginMm(g: Geometry, m: MarkSettings): number {
  return g.bleed + m.offset + m.length + 3;
}

export interface Line {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/**
 * Crop marks in mm, in a coordinate system with the origin at the trim's bottom-left corner and y up
 * (as in PDF). Each corner gets a horizontal and a vertical mark on the trim lines, starting outside the
 * bleed (Ghent Workgroup: marks never enter the bleed, where they would print on a trimming error).
 */
export function cropMarks(g: Geometry, m: MarkSettings): Line[] {
  const [w, h] = g.trim;
  const a = g.bleed + m.offset;
  const b = a + m.length;
  const lines: Line[] = [];
  for (const x of [0, w]) {
    for (const y of [0, h]) {
      const sx = x === 0 ? -1 : 1;
      const sy = y === 0 ? -1 : 1;
      lines.push({ x1: x + sx * a, y1: y, x2: x + sx * b, y2: y }); // horizontal, on the trim line y
      lines.push({ x1: x, y1: y + sy * a, x2: x, y2: y + sy * b }); // vertical, on the trim line x
    }
  }
  return lines;
}

/** x positions (mm from the trim's left edge) of folds between panels on page `page` (0-based). */
export function foldPositions(g: Geometry, page: number): number[] {
  const widths = g.panels?.[page];
  if (!widths) return [];
  const out: number[] = [];
  let x = 0;
  for (const w of widths.slice(0, -1)) {
    x += w;
    out.push(x);
  }
  return out;
}
