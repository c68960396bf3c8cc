/**
 * What a print PDF paints, read from its content streams (ISO 32000-1 §8–9): every text run, stroked
 * line, thin filled rectangle and image with its position on the page, its size after the current
 * transformation, its ink values and whether it overprints. Runs on the CMYK file Ghostscript wrote, so
 * the values are the ones that reach the plates. Form XObjects are followed with their own resources.
 */
import { decodePDFRawStream, PDFArray, PDFDict, PDFName, PDFNumber, PDFRawStream, PDFRef, type PDFDocument, type PDFObject, type PDFPage } from 'pdf-lib';
import { parseContent } from '../output/content-stream.js';

/** Ink values 0–1 by plate: Cyan, Magenta, Yellow, Black and any spot colour by name. */
export type Inks = Record<string, number>;

type Matrix = [number, number, number, number, number, number];

export interface Painted {
  page: number;
  /** a point of the object in default user space (pt, y up): text origin, line start, image corner */
  at: [number, number];
}

export interface TextRun extends Painted {
  /** vertical size in pt as printed (font size × text matrix × CTM) */
  size: number;
  inks: Inks;
  /** fill overprints (op true with OPM 1, or op true on a K-only colour) */
  overprint: boolean;
  /** the text rendering mode fills the glyphs (0, 2, 4, 6) */
  filled: boolean;
}

export interface Line extends Painted {
  /** stroke width in pt as printed (0: the thinnest the device can draw) or the short side of a filled rectangle */
  width: number;
  inks: Inks;
  kind: 'stroke' | 'thin-fill';
  /** the other end (pt) */
  to: [number, number];
}

export interface Image extends Painted {
  px: [number, number];
  /** printed size, pt */
  pt: [number, number];
  name: string;
}

export interface PageScan {
  page: number;
  /** TrimBox and BleedBox [x0, y0, x1, y1] in pt */
  trim: [number, number, number, number];
  bleed: [number, number, number, number];
  texts: TextRun[];
  lines: Line[];
  images: Image[];
}

/** Rectangles thinner than this (pt) count as lines when filled; CSS borders are drawn that way. */
const THIN_FILL = 0.5;

const mul = (a: Matrix, b: Matrix): Matrix => [
  a[0] * b[0] + a[1] * b[2],
  a[0] * b[1] + a[1] * b[3],
  a[2] * b[0] + a[3] * b[2],
  a[2] * b[1] + a[3] * b[3],
  a[4] * b[0] + a[5] * b[2] + b[4],
  a[4] * b[1] + a[5] * b[3] + b[5],
];
const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
/** Length of a vector of length 1 in direction (dx, dy) after the matrix (without translation). */
const scaleOf = (m: Matrix, dx: number, dy: number) => Math.hypot(m[0] * dx + m[2] * dy, m[1] * dx + m[3] * dy);
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

type Space =
  | { kind: 'cmyk' }
  | { kind: 'gray' }
  | { kind: 'rgb' }
  | { kind: 'spot'; names: string[]; cmykAlt?: boolean }
  | { kind: 'other' };

interface Colour {
  space: Space;
  values: number[];
}

interface State {
  ctm: Matrix;
  fill: Colour;
  stroke: Colour;
  lineWidth: number;
  opFill: boolean;
  opStroke: boolean;
  opm: number;
  // text state (part of the graphics state)
  fontSize: number;
  leading: number;
  rise: number;
  mode: number;
}

const initial = (): State => ({
  ctm: [...IDENTITY],
  fill: { space: { kind: 'gray' }, values: [0] },
  stroke: { space: { kind: 'gray' }, values: [0] },
  lineWidth: 1,
  opFill: false,
  opStroke: false,
  opm: 0,
  fontSize: 0,
  leading: 0,
  rise: 0,
  mode: 0,
});

const num = (s: string | undefined) => (s === undefined ? 0 : Number(s)) || 0;

/** Plate values of a colour; RGB and patterns (which PDF/X files should not have) give no plates. */
export function inksOf(c: Colour): Inks {
  const v = c.values;
  switch (c.space.kind) {
    case 'cmyk':
      return { Cyan: v[0] ?? 0, Magenta: v[1] ?? 0, Yellow: v[2] ?? 0, Black: v[3] ?? 0 };
    case 'gray':
      return { Cyan: 0, Magenta: 0, Yellow: 0, Black: 1 - (v[0] ?? 0) };
    case 'spot': {
      const out: Inks = {};
      c.space.names.forEach((n, i) => {
        const t = v[i] ?? 0;
        // "All" is the registration colour: every plate; "None" prints nothing.
        if (n === 'All') for (const p of ['Cyan', 'Magenta', 'Yellow', 'Black']) out[p] = Math.max(out[p] ?? 0, t);
        else if (n !== 'None') out[n] = t;
      });
      return out;
    }
    default:
      return {};
  }
}

export function scanPdf(doc: PDFDocument): PageScan[] {
  return doc.getPages().map((p, i) => scanPage(doc, p, i + 1));
}

function box(page: PDFPage, name: 'TrimBox' | 'BleedBox'): [number, number, number, number] {
  const b = name === 'TrimBox' ? page.getTrimBox() : page.getBleedBox();
  return [b.x, b.y, b.x + b.width, b.y + b.height];
}

function scanPage(doc: PDFDocument, page: PDFPage, n: number): PageScan {
  const out: PageScan = { page: n, trim: box(page, 'TrimBox'), bleed: box(page, 'BleedBox'), texts: [], lines: [], images: [] };
  const contents = page.node.get(PDFName.of('Contents'));
  const parts = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : [];
  const data = Buffer.concat(
    parts.map((r) => {
      const s = doc.context.lookup(r);
      return s instanceof PDFRawStream ? Buffer.concat([Buffer.from(decodePDFRawStream(s).decode()), Buffer.from('\n')]) : Buffer.alloc(0);
    }),
  );
  const resources = page.node.Resources();
  run(doc, data, resources, initial(), out, 0);
  return out;
}

function resolveSpace(doc: PDFDocument, resources: PDFDict | undefined, name: string): Space {
  if (name === '/DeviceCMYK' || name === '/CMYK') return { kind: 'cmyk' };
  if (name === '/DeviceGray' || name === '/G') return { kind: 'gray' };
  if (name === '/DeviceRGB' || name === '/RGB') return { kind: 'rgb' };
  if (name === '/Pattern') return { kind: 'other' };
  const spaces = resources?.lookup(PDFName.of('ColorSpace'));
  const v = spaces instanceof PDFDict ? doc.context.lookup(spaces.get(PDFName.of(name.slice(1)))) : undefined;
  return spaceOf(doc, v);
}

function spaceOf(doc: PDFDocument, v: PDFObject | undefined): Space {
  if (v instanceof PDFName) return resolveSpace(doc, undefined, v.asString());
  if (!(v instanceof PDFArray)) return { kind: 'other' };
  const head = v.lookup(0);
  const kind = head instanceof PDFName ? head.asString() : '';
  if (kind === '/ICCBased') {
    const icc = v.lookup(1);
    const nObj = icc instanceof PDFRawStream ? icc.dict.lookup(PDFName.of('N')) : undefined;
    const n = nObj instanceof PDFNumber ? nObj.asNumber() : 0;
    return n === 4 ? { kind: 'cmyk' } : n === 1 ? { kind: 'gray' } : n === 3 ? { kind: 'rgb' } : { kind: 'other' };
  }
  if (kind === '/CalGray') return { kind: 'gray' };
  if (kind === '/CalRGB' || kind === '/Lab') return { kind: 'rgb' };
  if (kind === '/Separation') {
    const n = v.lookup(1);
    return { kind: 'spot', names: [n instanceof PDFName ? n.decodeText() : '?'] };
  }
  if (kind === '/DeviceN') {
    const names = v.lookup(1);
    return { kind: 'spot', names: names instanceof PDFArray ? names.asArray().map((x) => (x instanceof PDFName ? x.decodeText() : '?')) : [] };
  }
  if (kind === '/Indexed') return { kind: 'other' };
  return { kind: 'other' };
}

function defaultValues(space: Space): number[] {
  switch (space.kind) {
    case 'cmyk':
      return [0, 0, 0, 1];
    case 'gray':
      return [0];
    case 'rgb':
      return [0, 0, 0];
    case 'spot':
      return space.names.map(() => 1);
    default:
      return [];
  }
}

const MAX_DEPTH = 12;

function run(doc: PDFDocument, data: Uint8Array, resources: PDFDict | undefined, start: State, out: PageScan, depth: number): void {
  let st: State = { ...start, ctm: [...start.ctm] as Matrix };
  const stack: State[] = [];
  let tm: Matrix = [...IDENTITY];
  let tlm: Matrix = [...IDENTITY];
  // path in user space: its points, and whether it is one rectangle
  let path: [number, number][] = [];
  let pathOps = 0;
  let subpaths = 0;
  let curved = false;
  const ext = resources?.lookup(PDFName.of('ExtGState'));
  const xobjects = resources?.lookup(PDFName.of('XObject'));

  const textShow = () => {
    const trm = mul([1, 0, 0, 1, 0, st.rise], mul(tm, st.ctm));
    const size = st.fontSize * scaleOf(trm, 0, 1);
    const filled = st.mode % 4 === 0 || st.mode % 4 === 2;
    const inks = inksOf(filled ? st.fill : st.stroke);
    const colour = filled ? st.fill : st.stroke;
    // With OPM 0 a DeviceCMYK colour paints its zero plates too, so only OPM 1 keeps what lies below.
    const overprint = (filled ? st.opFill : st.opStroke) && (colour.space.kind !== 'cmyk' || st.opm === 1);
    out.texts.push({ page: out.page, at: apply(trm, 0, 0), size, inks, overprint, filled });
  };
  const paint = (stroke: boolean, fill: boolean) => {
    if (stroke && path.length) {
      const width = st.lineWidth * Math.sqrt(Math.abs(st.ctm[0] * st.ctm[3] - st.ctm[1] * st.ctm[2]));
      const a = apply(st.ctm, ...path[0]!);
      const b = apply(st.ctm, ...path[path.length - 1]!);
      out.lines.push({ page: out.page, at: a, to: b, width, inks: inksOf(st.stroke), kind: 'stroke' });
    }
    if (fill && !stroke && path.length && !curved && subpaths === 1 && pathOps <= 5) {
      // One straight-edged shape (a rectangle, `re` or four lines): a line when it is thin and long.
      const pts = path.map(([x, y]) => apply(st.ctm, x, y));
      const xs = pts.map((q) => q[0]);
      const ys = pts.map((q) => q[1]);
      const w = Math.max(...xs) - Math.min(...xs);
      const h = Math.max(...ys) - Math.min(...ys);
      const thin = Math.min(w, h);
      if (thin < THIN_FILL && Math.max(w, h) >= 2 * THIN_FILL) {
        const a: [number, number] = [Math.min(...xs), Math.max(...ys)];
        const b: [number, number] = [Math.max(...xs), Math.min(...ys)];
        out.lines.push({ page: out.page, at: a, to: b, width: thin, inks: inksOf(st.fill), kind: 'thin-fill' });
      }
    }
    path = [];
    pathOps = 0;
    subpaths = 0;
    curved = false;
  };

  for (const o of parseContent(data)) {
    const a = o.operands;
    switch (o.op) {
      case 'q':
        stack.push({ ...st, ctm: [...st.ctm] as Matrix });
        break;
      case 'Q':
        st = stack.pop() ?? st;
        break;
      case 'cm':
        st.ctm = mul(a.map(num) as Matrix, st.ctm);
        break;
      case 'w':
        st.lineWidth = num(a[0]);
        break;
      case 'gs': {
        const g = ext instanceof PDFDict ? ext.lookup(PDFName.of((a[0] ?? '').slice(1))) : undefined;
        if (g instanceof PDFDict) {
          const flag = (k: string) => {
            const v = g.lookup(PDFName.of(k));
            return v === undefined ? undefined : v.toString() === 'true';
          };
          const OP = flag('OP');
          const op = flag('op');
          if (OP !== undefined) {
            st.opStroke = OP;
            // "op: if absent, the value of OP is used" (ISO 32000-1, Table 58)
            if (op === undefined) st.opFill = OP;
          }
          if (op !== undefined) st.opFill = op;
          const opm = g.lookup(PDFName.of('OPM'));
          if (opm instanceof PDFNumber) st.opm = opm.asNumber();
          const lw = g.lookup(PDFName.of('LW'));
          if (lw instanceof PDFNumber) st.lineWidth = lw.asNumber();
        }
        break;
      }
      case 'k':
      case 'K':
      case 'g':
      case 'G':
      case 'rg':
      case 'RG': {
        const space: Space = o.op.toLowerCase() === 'k' ? { kind: 'cmyk' } : o.op.toLowerCase() === 'g' ? { kind: 'gray' } : { kind: 'rgb' };
        const c = { space, values: a.map(num) };
        if (o.op === o.op.toUpperCase()) st.stroke = c;
        else st.fill = c;
        break;
      }
      case 'cs':
      case 'CS': {
        const space = resolveSpace(doc, resources, a[0] ?? '');
        const c = { space, values: defaultValues(space) };
        if (o.op === 'CS') st.stroke = c;
        else st.fill = c;
        break;
      }
      case 'sc':
      case 'scn':
      case 'SC':
      case 'SCN': {
        const target = o.op.startsWith('S') ? st.stroke : st.fill;
        const values = a.filter((x) => !x.startsWith('/')).map(num);
        const c = { space: target.space, values };
        if (o.op.startsWith('S')) st.stroke = c;
        else st.fill = c;
        break;
      }
      case 'm':
        subpaths++;
        path.push([num(a[0]), num(a[1])]);
        pathOps++;
        break;
      case 'l':
        path.push([num(a[0]), num(a[1])]);
        pathOps++;
        break;
      case 'c':
        path.push([num(a[4]), num(a[5])]);
        pathOps++;
        curved = true;
        break;
      case 'v':
      case 'y':
        path.push([num(a[2]), num(a[3])]);
        pathOps++;
        curved = true;
        break;
      case 're': {
        const r = a.map(num) as [number, number, number, number];
        subpaths++;
        path.push([r[0], r[1]], [r[0] + r[2], r[1] + r[3]]);
        pathOps++;
        break;
      }
      case 'h':
        break;
      case 'S':
      case 's':
        paint(true, false);
        break;
      case 'f':
      case 'F':
      case 'f*':
        paint(false, true);
        break;
      case 'B':
      case 'B*':
      case 'b':
      case 'b*':
        paint(true, true);
        break;
      case 'n':
        path = [];
        pathOps = 0;
        subpaths = 0;
        curved = false;
        break;
      case 'BT':
        tm = [...IDENTITY];
        tlm = [...IDENTITY];
        break;
      case 'Tf':
        st.fontSize = num(a[1]);
        break;
      case 'TL':
        st.leading = num(a[0]);
        break;
      case 'Ts':
        st.rise = num(a[0]);
        break;
      case 'Tr':
        st.mode = num(a[0]);
        break;
      case 'Td':
        tlm = mul([1, 0, 0, 1, num(a[0]), num(a[1])], tlm);
        tm = [...tlm];
        break;
      case 'TD':
        st.leading = -num(a[1]);
        tlm = mul([1, 0, 0, 1, num(a[0]), num(a[1])], tlm);
        tm = [...tlm];
        break;
      case 'Tm':
        tlm = a.map(num) as Matrix;
        tm = [...tlm];
        break;
      case 'T*':
        tlm = mul([1, 0, 0, 1, 0, -st.leading], tlm);
        tm = [...tlm];
        break;
      case "'":
      case '"':
        tlm = mul([1, 0, 0, 1, 0, -st.leading], tlm);
        tm = [...tlm];
        textShow();
        break;
      case 'Tj':
      case 'TJ':
        if (st.mode % 8 !== 3 && st.mode % 8 !== 7) textShow();
        break;
      case 'Do': {
        const name = (a[0] ?? '').slice(1);
        const ref = xobjects instanceof PDFDict ? xobjects.get(PDFName.of(name)) : undefined;
        const x = ref ? doc.context.lookup(ref) : undefined;
        if (!(x instanceof PDFRawStream)) break;
        const sub = x.dict.lookup(PDFName.of('Subtype'))?.toString();
        if (sub === '/Image') {
          if (x.dict.lookup(PDFName.of('ImageMask'))?.toString() === 'true') break;
          const w = x.dict.lookup(PDFName.of('Width'));
          const h = x.dict.lookup(PDFName.of('Height'));
          out.images.push({
            page: out.page,
            at: apply(st.ctm, 0, 1),
            px: [w instanceof PDFNumber ? w.asNumber() : 0, h instanceof PDFNumber ? h.asNumber() : 0],
            pt: [scaleOf(st.ctm, 1, 0), scaleOf(st.ctm, 0, 1)],
            name: ref instanceof PDFRef ? `image object ${ref.objectNumber}` : name,
          });
        } else if (sub === '/Form' && depth < MAX_DEPTH) {
          const m = x.dict.lookup(PDFName.of('Matrix'));
          const matrix = m instanceof PDFArray ? (m.asArray().map((v) => (v instanceof PDFNumber ? v.asNumber() : 0)) as Matrix) : IDENTITY;
          const res = x.dict.lookup(PDFName.of('Resources'));
          run(doc, decodePDFRawStream(x).decode(), res instanceof PDFDict ? res : resources, { ...st, ctm: mul(matrix, st.ctm) }, out, depth + 1);
        }
        break;
      }
      default:
        break;
    }
  }
}
