/**
 * PDF pages rendered by poppler (pdftoppm -gray) and measured in mm: where a thin mark's centre line
 * lies and where artwork starts. Coordinates in mm with the origin at the page's bottom-left (as PDF).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { run } from './tools.js';

export interface Gray {
  w: number;
  h: number;
  dpi: number;
  data: Uint8Array;
  /** page height in mm */
  pageH: number;
}

export function renderGray(pdf: string, page: number, dpi: number, dir: string): Gray {
  const prefix = path.join(dir, `gray-${path.basename(pdf, '.pdf')}-${page}-${dpi}`);
  run('pdftoppm', ['-gray', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', pdf, prefix]);
  const buf = readFileSync(`${prefix}.pgm`);
  // PGM (P5): "P5", width, height, maxval, one white-space byte, then the pixels.
  const m = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(buf.subarray(0, 64).toString('latin1'));
  if (!m) throw new Error(`not a PGM: ${prefix}.pgm`);
  const [w, h] = [Number(m[1]), Number(m[2])];
  return { w, h, dpi, data: buf.subarray(m[0].length), pageH: (h / dpi) * 25.4 };
}

const toPx = (g: Gray, mm: number) => (mm / 25.4) * g.dpi;
const toMm = (g: Gray, px: number) => (px / g.dpi) * 25.4;

export function pixel(g: Gray, xMm: number, yMm: number): number {
  const x = Math.floor(toPx(g, xMm));
  const y = Math.floor(toPx(g, g.pageH - yMm));
  return g.data[y * g.w + x]!;
}

/**
 * A vertical line near x (± window mm) in the band y0…y1 (mm): its centre x in mm (ink-weighted), and
 * the share of the band's rows it inks (about 1 for a solid line, less for a dashed one).
 */
export function verticalLine(g: Gray, x: number, window: number, y0: number, y1: number) {
  const [c0, c1] = [Math.floor(toPx(g, x - window)), Math.ceil(toPx(g, x + window))];
  const [r0, r1] = [Math.floor(toPx(g, g.pageH - Math.max(y0, y1))), Math.ceil(toPx(g, g.pageH - Math.min(y0, y1)))];
  let sum = 0;
  let weighted = 0;
  let rowsInked = 0;
  for (let r = r0; r < r1; r++) {
    let inked = false;
    for (let c = c0; c <= c1; c++) {
      const ink = 255 - g.data[r * g.w + c]!;
      if (ink > 60) {
        sum += ink;
        weighted += ink * (c + 0.5);
        inked = true;
      }
    }
    if (inked) rowsInked++;
  }
  return sum ? { x: toMm(g, weighted / sum), coverage: rowsInked / (r1 - r0) } : undefined;
}

/** A horizontal line near y (± window mm) in the band x0…x1 (mm): its centre y in mm. */
export function horizontalLine(g: Gray, y: number, window: number, x0: number, x1: number) {
  const [r0, r1] = [Math.floor(toPx(g, g.pageH - y - window)), Math.ceil(toPx(g, g.pageH - y + window))];
  const [c0, c1] = [Math.floor(toPx(g, Math.min(x0, x1))), Math.ceil(toPx(g, Math.max(x0, x1)))];
  let sum = 0;
  let weighted = 0;
  let colsInked = 0;
  for (let c = c0; c < c1; c++) {
    let inked = false;
    for (let r = r0; r <= r1; r++) {
      const ink = 255 - g.data[r * g.w + c]!;
      if (ink > 60) {
        sum += ink;
        weighted += ink * (r + 0.5);
        inked = true;
      }
    }
    if (inked) colsInked++;
  }
  return sum ? { y: g.pageH - toMm(g, weighted / sum), coverage: colsInked / (c1 - c0) } : undefined;
}

/**
 * Walking from `from` towards `to` along a row (y fixed) or a column (x fixed): the first position (mm)
 * where the page is no longer paper white, interpolated to a fraction of a pixel.
 */
export function inkEdge(g: Gray, axis: 'x' | 'y', fixed: number, from: number, to: number, white = 250): number | undefined {
  const step = to > from ? 1 : -1;
  const start = Math.round(toPx(g, axis === 'x' ? from : g.pageH - from));
  const end = Math.round(toPx(g, axis === 'x' ? to : g.pageH - to));
  const dir = axis === 'x' ? step : -step;
  const fixedPx = Math.floor(toPx(g, axis === 'x' ? g.pageH - fixed : fixed));
  const at = (p: number) => (axis === 'x' ? g.data[fixedPx * g.w + p]! : g.data[p * g.w + fixedPx]!);
  for (let p = start; dir > 0 ? p <= end : p >= end; p += dir) {
    if (at(p) < white) {
      // The edge pixel is partly covered: its grey level says how much.
      const prev = at(p - dir);
      const inside = at(p + dir);
      const frac = prev === inside ? 0 : (prev - at(p)) / (prev - inside);
      const edgePx = dir > 0 ? p + 1 - Math.min(1, Math.max(0, frac)) : p + Math.min(1, Math.max(0, frac));
      return axis === 'x' ? toMm(g, edgePx) : g.pageH - toMm(g, edgePx);
    }
  }
  return undefined;
}
