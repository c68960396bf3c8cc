/**
 * Exact brand CMYK: rewrites colour operators in content streams (pages and the form XObjects they use)
 * from RGB to the DeviceCMYK values the workspace gives (brand.cmyk), before Ghostscript converts the
 * rest. Ghostscript's pdfwrite leaves DeviceCMYK colours in place when it converts to CMYK, so a brand
 * colour reaches the plates as written instead of through an RGB → profile round trip.
 *
 * Chromium (Skia) writes flat colours as `r g b rg` / `RG` with four decimals; `sc`/`scn` in a DeviceRGB
 * colour space are handled too. A replaced `sc`/`scn` switches the current colour space to DeviceCMYK,
 * so the space is set again before the next colour of that space that is not replaced.
 */
import { PDFArray, PDFDict, PDFName, PDFRawStream, PDFRef, type PDFDocument, type PDFObject } from 'pdf-lib';
import { flateStream, streamBytes } from './pdf-common.js';
import { parseContent } from './content-stream.js';

export type Cmyk = [number, number, number, number];

/** RGB (0–255 each, as "#rrggbb" lower-case) → CMYK in 0–1. */
export type ColourMap = Map<string, Cmyk>;

export interface RewriteStats {
  /** operators rewritten, per "#rrggbb" */
  replaced: Record<string, number>;
}

/** "#3d1f47" + [c, m, y, k] in per cent → the map the rewriter takes. */
export function colourMap(entries: [string, number[]][]): ColourMap {
  return new Map(entries.map(([hex, v]) => [hex.toLowerCase(), v.map((x) => x / 100) as Cmyk]));
}

/** "#rrggbb" of three operands in 0–1, or undefined if they are not numbers. */
function hexOf(operands: string[]): string | undefined {
  if (operands.length !== 3) return undefined;
  const v = operands.map(Number);
  if (v.some((x) => !Number.isFinite(x) || x < 0 || x > 1)) return undefined;
  // Skia writes 8-bit values as x/255 rounded to four decimals; rounding back gives the byte exactly.
  return `#${v.map((x) => Math.round(x * 255).toString(16).padStart(2, '0')).join('')}`;
}

const fmt = (v: Cmyk) => v.map((x) => String(Number(x.toFixed(4)))).join(' ');

export function rewriteContent(data: Uint8Array, map: ColourMap, rgbSpaces: Set<string>, stats: RewriteStats): Uint8Array | undefined {
  const ops = parseContent(data);
  const out: string[] = [];
  let last = 0;
  let changed = false;
  // Current colour space per fill/stroke, and whether a replacement left DeviceCMYK in its place.
  type State = { fill: string; stroke: string; fillDirty: boolean; strokeDirty: boolean };
  let st: State = { fill: '/DeviceGray', stroke: '/DeviceGray', fillDirty: false, strokeDirty: false };
  const stack: State[] = [];
  const text = (a: number, b: number) => Buffer.from(data.subarray(a, b)).toString('latin1');
  for (const o of ops) {
    const stroke = o.op === 'RG' || o.op === 'SC' || o.op === 'SCN' || o.op === 'CS';
    if (o.op === 'q') stack.push({ ...st });
    else if (o.op === 'Q') st = stack.pop() ?? st;
    else if (o.op === 'cs' || o.op === 'CS') {
      const space = o.operands[0] ?? '';
      if (stroke) [st.stroke, st.strokeDirty] = [space, false];
      else [st.fill, st.fillDirty] = [space, false];
    } else if (o.op === 'k' || o.op === 'K' || o.op === 'g' || o.op === 'G') {
      const space = o.op.toLowerCase() === 'k' ? '/DeviceCMYK' : '/DeviceGray';
      if (o.op === 'K' || o.op === 'G') [st.stroke, st.strokeDirty] = [space, false];
      else [st.fill, st.fillDirty] = [space, false];
    }
    let replacement: string | undefined;
    const isRgbOp = o.op === 'rg' || o.op === 'RG';
    const isSc = o.op === 'sc' || o.op === 'scn' || o.op === 'SC' || o.op === 'SCN';
    if (isRgbOp || (isSc && rgbSpaces.has(stroke ? st.stroke : st.fill))) {
      const hex = hexOf(o.operands);
      const cmyk = hex ? map.get(hex) : undefined;
      if (cmyk) {
        replacement = `${fmt(cmyk)} ${stroke ? 'K' : 'k'}`;
        stats.replaced[hex!] = (stats.replaced[hex!] ?? 0) + 1;
        if (isSc) {
          if (stroke) st.strokeDirty = true;
          else st.fillDirty = true;
        } else if (stroke) [st.stroke, st.strokeDirty] = ['/DeviceCMYK', false];
        else [st.fill, st.fillDirty] = ['/DeviceCMYK', false];
      } else if (isRgbOp) {
        if (stroke) [st.stroke, st.strokeDirty] = ['/DeviceRGB', false];
        else [st.fill, st.fillDirty] = ['/DeviceRGB', false];
      }
    }
    if (!replacement && isSc && (stroke ? st.strokeDirty : st.fillDirty)) {
      // An earlier replacement left DeviceCMYK current: set the page's colour space again first.
      replacement = `${stroke ? st.stroke : st.fill} ${stroke ? 'CS' : 'cs'} ${text(o.start, o.end)}`;
      if (stroke) st.strokeDirty = false;
      else st.fillDirty = false;
    }
    if (replacement) {
      out.push(text(last, o.start), replacement);
      last = o.end;
      changed = true;
    }
  }
  if (!changed) return undefined;
  out.push(text(last, data.length));
  return Buffer.from(out.join(''), 'latin1');
}

/** Names in a Resources /ColorSpace dict that are DeviceRGB, CalRGB or ICCBased with N 3. */
function rgbSpaceNames(doc: PDFDocument, resources: PDFDict | undefined): Set<string> {
  const names = new Set(['/DeviceRGB']);
  const spaces = resources?.lookup(PDFName.of('ColorSpace'));
  if (!(spaces instanceof PDFDict)) return names;
  for (const [key, value] of spaces.entries()) {
    const v = doc.context.lookup(value);
    if (v instanceof PDFName && v.asString() === '/DeviceRGB') names.add(key.asString());
    if (v instanceof PDFArray) {
      const kind = v.lookup(0);
      const head = kind instanceof PDFName ? kind.asString() : '';
      if (head === '/CalRGB') names.add(key.asString());
      if (head === '/ICCBased') {
        const icc = v.lookup(1);
        const n = icc instanceof PDFRawStream ? icc.dict.lookup(PDFName.of('N')) : undefined;
        if (n && n.toString() === '3') names.add(key.asString());
      }
    }
  }
  return names;
}

type Transform = (data: Uint8Array, rgbSpaces: Set<string>) => Uint8Array | undefined;

function rewriteStream(doc: PDFDocument, ref: PDFObject, spaces: Set<string>, transform: Transform): void {
  replaceStreamData(doc, ref, (data) => transform(data, spaces));
}

/**
 * Runs `edit` on the decoded data of the content stream `ref` points to and stores what it returns in its
 * place (k-black.ts uses it too). Same dictionary (a form XObject keeps BBox, Matrix, Resources…), new data,
 * compressed afresh. True when the stream was replaced; `edit` answers undefined to leave it as it is.
 */
export function replaceStreamData(doc: PDFDocument, ref: PDFObject, edit: (data: Uint8Array) => Uint8Array | undefined): boolean {
  if (!(ref instanceof PDFRef)) return false;
  const stream = doc.context.lookup(ref);
  if (!(stream instanceof PDFRawStream)) return false;
  const next = edit(streamBytes(stream));
  if (!next) return false;
  const keep = [...stream.dict.entries()].filter(([k]) => !['/Filter', '/DecodeParms', '/Length'].includes(k.asString()));
  doc.context.assign(ref, flateStream(doc.context, next, Object.fromEntries(keep.map(([k, v]) => [k.decodeText(), v]))));
  return true;
}

/**
 * Visits every form XObject below `resources` once per document (`seen`), depth first: `visit` rewrites
 * the form and answers the resources its own XObjects are looked up in.
 */
export function walkForms(
  doc: PDFDocument,
  resources: PDFDict | undefined,
  seen: Set<string>,
  visit: (ref: PDFRef, form: PDFRawStream, parent: PDFDict | undefined) => PDFDict | undefined,
): void {
  const xobjects = resources?.lookup(PDFName.of('XObject'));
  if (!(xobjects instanceof PDFDict)) return;
  for (const [, value] of xobjects.entries()) {
    if (!(value instanceof PDFRef) || seen.has(value.toString())) continue;
    seen.add(value.toString());
    const x = doc.context.lookup(value);
    if (!(x instanceof PDFRawStream) || x.dict.lookup(PDFName.of('Subtype'))?.toString() !== '/Form') continue;
    walkForms(doc, visit(value, x, resources), seen, visit);
  }
}

function rewriteXObjects(doc: PDFDocument, resources: PDFDict | undefined, transform: Transform, seen: Set<string>): void {
  walkForms(doc, resources, seen, (ref, form, parent) => {
    const res = form.dict.lookup(PDFName.of('Resources'));
    const inner = res instanceof PDFDict ? res : parent;
    rewriteStream(doc, ref, rgbSpaceNames(doc, inner), transform);
    return inner;
  });
}

/** Rewrites every page's content and the form XObjects below it, in place. */
export function rewriteBrandColours(doc: PDFDocument, map: ColourMap): RewriteStats {
  const stats: RewriteStats = { replaced: {} };
  if (map.size === 0) return stats;
  eachContentStream(doc, (data, spaces) => rewriteContent(data, map, spaces, stats));
  return stats;
}

/**
 * After Ghostscript: pdfwrite keeps DeviceCMYK colours but stores them with limited precision
 * (10 % came back as 0.100098). Values within 0.002 of a brand CMYK are set back to it exactly.
 */
export function snapBrandCmyk(doc: PDFDocument, map: ColourMap): number {
  const wanted = [...map.values()];
  let snapped = 0;
  eachContentStream(doc, (data) => {
    const ops = parseContent(data);
    const parts: string[] = [];
    let last = 0;
    for (const o of ops) {
      if ((o.op !== 'k' && o.op !== 'K') || o.operands.length !== 4) continue;
      const v = o.operands.map(Number);
      const hit = wanted.find((w) => w.every((x, i) => Math.abs(x - v[i]!) <= 0.002));
      if (!hit || hit.every((x, i) => x === v[i])) continue;
      parts.push(Buffer.from(data.subarray(last, o.start)).toString('latin1'), `${fmt(hit)} ${o.op}`);
      last = o.end;
      snapped++;
    }
    if (!parts.length) return undefined;
    parts.push(Buffer.from(data.subarray(last)).toString('latin1'));
    return Buffer.from(parts.join(''), 'latin1');
  });
  return snapped;
}

function eachContentStream(doc: PDFDocument, transform: Transform): void {
  const seen = new Set<string>();
  for (const page of doc.getPages()) {
    page.node.normalize();
    const resources = page.node.Resources();
    const spaces = rgbSpaceNames(doc, resources);
    const contents = page.node.get(PDFName.of('Contents'));
    if (contents instanceof PDFArray) {
      // Colour state carries over between the parts of a page's content; each part is rewritten on
      // its own, which is right for Chromium's single-part pages and for pdf-lib's q … Q wrappers.
      for (let i = 0; i < contents.size(); i++) rewriteStream(doc, contents.get(i), spaces, transform);
    } else if (contents) rewriteStream(doc, contents, spaces, transform);
    rewriteXObjects(doc, resources, transform, seen);
  }
}
