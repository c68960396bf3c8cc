/**
 * The fonts in a rendered PDF, read back: each must be a file of brand.fonts (matched by its PostScript
 * name). Anything else is a system font Chromium fell back to — for a family the CSS asks for that the
 * config lacks (compose/css-fonts.ts catches most of these before rendering), text no rule gives a brand
 * family, or a character the brand fonts do not have — and the print shop would get a design nobody chose.
 */
import { Buffer } from 'node:buffer';
import { LehtinenError } from '../errors.js';
import type { Workspace } from '../workspace/workspace.js';

/** The font names in a PDF (BaseFont, or a Type 3 font's FontName), without the subset tag "ABCDEF+". */
export async function pdfFontNames(pdf: Uint8Array): Promise<string[]> {
  // pdf-lib (and fontkit, below) load with the first PDF checked: a build that reuses every variant never needs them.
  const lib = await import('pdf-lib');
  const { PDFDict, PDFDocument, PDFName } = lib;
  const context = fontObjects(lib, pdf) ?? (await PDFDocument.load(pdf, { updateMetadata: false })).context;
  const names = new Set<string>();
  for (const [, obj] of context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict) || obj.get(PDFName.of('Type')) !== PDFName.of('Font')) continue;
    const subtype = obj.get(PDFName.of('Subtype'));
    if (subtype === PDFName.of('Type0')) continue; // named by its descendant CIDFont
    let name = obj.get(PDFName.of('BaseFont'));
    if (!(name instanceof PDFName)) {
      const desc = obj.lookup(PDFName.of('FontDescriptor'));
      name = desc instanceof PDFDict ? desc.get(PDFName.of('FontName')) : undefined;
    }
    names.add(name instanceof PDFName ? name.decodeText().replace(/^[A-Z]{6}\+/, '') : `an unnamed ${subtype instanceof PDFName ? subtype.decodeText() : ''} font`.replace('  ', ' '));
  }
  return [...names];
}

/**
 * Only the objects a font list needs, without parsing the whole file (the build reads every rendered PDF
 * here, before the print and web steps parse it): in a file with one classic cross-reference table and
 * no object streams, as Chromium writes them, the table gives every object's offset, and each object
 * whose bytes hold "/Font" (font dictionaries, and their descriptors: /FontDescriptor, /FontName) is
 * parsed into a context. Undefined for any other layout or anything unexpected: then the whole file
 * is parsed.
 */
function fontObjects(lib: typeof import('pdf-lib'), pdf: Uint8Array): import('pdf-lib').PDFContext | undefined {
  const { PDFContext, PDFObjectParser, PDFRef } = lib;
  const buf = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  if (buf.includes('/ObjStm')) return undefined;
  const tail = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(buf.toString('latin1', Math.max(0, buf.length - 64)));
  const xrefAt = Number(tail?.[1] ?? -1);
  if (xrefAt < 0 || buf.toString('latin1', xrefAt, xrefAt + 4) !== 'xref') return undefined;
  const xref = buf.toString('latin1', xrefAt + 4);
  const trailerAt = xref.indexOf('trailer');
  if (trailerAt < 0 || /\/(Prev|XRefStm)\b/.test(xref.slice(trailerAt))) return undefined;
  const words = xref.slice(0, trailerAt).trim().split(/\s+/);
  const objects: { num: number; gen: number; at: number }[] = [];
  for (let w = 0; w + 1 < words.length; ) {
    const first = Number(words[w]);
    const count = Number(words[w + 1]);
    w += 2;
    if (!Number.isInteger(first) || !Number.isInteger(count) || w + count * 3 > words.length) return undefined;
    for (let k = 0; k < count; k++, w += 3) {
      if (words[w + 2] === 'n') objects.push({ num: first + k, gen: Number(words[w + 1]), at: Number(words[w]) });
    }
  }
  objects.sort((a, b) => a.at - b.at);
  const context = PDFContext.create();
  let next = 0;
  for (let hit = buf.indexOf('/Font'); hit >= 0; hit = buf.indexOf('/Font', hit + 5)) {
    // the object holding this hit: the last one starting before it
    while (next < objects.length && objects[next]!.at < hit) next++;
    const o = objects[next - 1];
    if (!o || context.lookup(PDFRef.of(o.num, o.gen))) continue;
    const head = /^(\d+)\s+(\d+)\s+obj/.exec(buf.toString('latin1', o.at, o.at + 32));
    if (!head || Number(head[1]) !== o.num || Number(head[2]) !== o.gen) return undefined;
    const end = objects[next]?.at ?? xrefAt;
    try {
      const obj = PDFObjectParser.forBytes(pdf.subarray(o.at + head[0].length, end), context).parseObject();
      context.assign(PDFRef.of(o.num, o.gen), obj);
    } catch {
      return undefined;
    }
  }
  return context;
}

const provided = new WeakMap<Workspace, Set<string>>();

async function providedNames(ws: Workspace): Promise<Set<string>> {
  let names = provided.get(ws);
  if (!names) {
    const { loadFaces } = await import('../check/glyphs.js');
    names = new Set(loadFaces(ws).map((f) => f.font.postscriptName));
    provided.set(ws, names);
  }
  return names;
}

/** Throws FONT_NOT_PROVIDED naming the first font of `pdf` that is not a file of brand.fonts. */
export async function assertPdfFonts(ws: Workspace, id: string, template: string, pdf: Uint8Array): Promise<void> {
  await assertFontNames(ws, id, template, await pdfFontNames(pdf));
}

/** The same, for font names already read from the PDF (pdfFontNames, e.g. in a worker thread). */
export async function assertFontNames(ws: Workspace, id: string, template: string, names: string[]): Promise<void> {
  const mine = await providedNames(ws);
  const foreign = names.filter((n) => !mine.has(n));
  if (!foreign.length) return;
  const css = ['templates/base.css', `templates/${template}/style.css`].filter((f) => ws.templates.files.includes(f));
  throw new LehtinenError(
    'FONT_NOT_PROVIDED',
    `${id}: the PDF uses the system font${foreign.length > 1 ? 's' : ''} ${foreign.map((f) => `"${f}"`).join(', ')}, not a font of brand.fonts (${[...mine].join(', ')})`,
    {
      where: { file: css[css.length - 1] ?? `templates/${template}/index.hbs` },
      details: [`the style sheets of the material: ${css.join(', ') || 'none'}`],
      hint: 'Set every text in a family of brand.fonts (font-family in the CSS), and check that the brand fonts have every character (`lehtinen check` lists missing glyphs).',
    },
  );
}
