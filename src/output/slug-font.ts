/**
 * The slug font of a print PDF: the workspace's regular face embedded as a subset holding exactly the
 * characters of that PDF's slug and notice lines, as a Type 0 font (Identity-H) over a CIDFontType2
 * (CIDFontType0 for a CFF face), with /W widths and a ToUnicode CMap so the slug stays searchable text.
 *
 * pdf-lib's embedder ran fontkit's shaping (GSUB/GPOS) for every measured word and drawn line and
 * subset the font on every save, about 50 ms of CPU per print PDF. Here characters map to glyphs
 * through the cmap alone and widths come from hmtx; a subset is made once per process for each
 * (font, character set) and kept as finished bytes, so a PDF only writes a few small objects. Its
 * bytes depend on its own text only, never on what the process made before (reproducible builds).
 *
 * One glyph per character, no shaping: no ligatures in particular. A ligature glyph maps to two
 * characters in ToUnicode, which Ghostscript's pdfwrite (10.00, CMYK step) turns into one wrong CJK
 * character per letter ("fi" → "昀椀"), and the slug would no longer be searchable after conversion.
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import * as fontkit from 'fontkit';
import {
  beginText,
  endText,
  PDFHexString,
  PDFRawStream,
  PDFString,
  popGraphicsState,
  pushGraphicsState,
  setFillingColor,
  setFontAndSize,
  setTextMatrix,
  showText,
  type Color,
  type PDFDocument,
  type PDFName,
  type PDFPage,
  type PDFRef,
} from 'pdf-lib';

interface Face {
  font: fontkit.Font;
  hash: string;
  name: string;
  /** font units → 1/1000 em (PDF glyph space) */
  scale: number;
  flags: number;
  glyphs: Map<number, { gid: number; width: number }>;
  subsets: Map<string, Subset>;
}

interface Subset {
  /** ISO 32000-1 §9.6.4: six capital letters and "+" before the PostScript name mark a subset */
  baseFont: string;
  cff: boolean;
  /** compressed (FlateDecode) font file and ToUnicode CMap */
  file: Buffer;
  toUnicode: Buffer;
  /** code point → CID (= glyph id in the subset, CIDToGIDMap Identity) */
  cids: Map<number, number>;
  /** widths of CIDs 1…n, 1/1000 em */
  widths: number[];
}

const byBytes = new WeakMap<Uint8Array, Face>();
const byHash = new Map<string, Face>();
/** A long-lived process (dev server) meets ever new slugs (dates, counts): keep the newest subsets only. */
const MAX_SUBSETS = 64;

/** A text face for measuring and embedding the slug; parsed once per font file and process. */
export class SlugFace {
  private readonly face: Face;

  constructor(bytes: Uint8Array) {
    this.face = faceOf(bytes);
  }

  /** Width in pt: the sum of the characters' advance widths (no kerning: what is drawn has none). */
  widthOfTextAtSize(text: string, size: number): number {
    let w = 0;
    for (const ch of text) w += glyphOf(this.face, ch.codePointAt(0)!).width;
    return (w * size) / 1000;
  }

  /** Embeds a subset holding every character of `lines`; returns the font and the encoder of its text. */
  embed(doc: PDFDocument, lines: string[]): SlugText {
    const s = subsetOf(this.face, lines);
    const ctx = doc.context;
    const f = this.face.font;
    const k = this.face.scale;
    const file = ctx.register(PDFRawStream.of(ctx.obj({ Filter: 'FlateDecode', ...(s.cff ? { Subtype: 'CIDFontType0C' } : {}) }), s.file));
    const descriptor = ctx.register(
      ctx.obj({
        Type: 'FontDescriptor',
        FontName: s.baseFont,
        Flags: this.face.flags,
        FontBBox: [f.bbox.minX * k, f.bbox.minY * k, f.bbox.maxX * k, f.bbox.maxY * k],
        ItalicAngle: f.italicAngle,
        Ascent: f.ascent * k,
        Descent: f.descent * k,
        CapHeight: (f.capHeight || f.ascent) * k,
        XHeight: (f.xHeight || 0) * k,
        StemV: 0,
        [s.cff ? 'FontFile3' : 'FontFile2']: file,
      }),
    );
    const cidFont = ctx.register(
      ctx.obj({
        Type: 'Font',
        Subtype: s.cff ? 'CIDFontType0' : 'CIDFontType2',
        BaseFont: s.baseFont,
        CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 },
        FontDescriptor: descriptor,
        ...(s.cff ? {} : { CIDToGIDMap: 'Identity' }),
        W: [1, s.widths],
      }),
    );
    const toUnicode = ctx.register(PDFRawStream.of(ctx.obj({ Filter: 'FlateDecode' }), s.toUnicode));
    const ref = ctx.register(
      ctx.obj({ Type: 'Font', Subtype: 'Type0', BaseFont: s.baseFont, Encoding: 'Identity-H', DescendantFonts: [cidFont], ToUnicode: toUnicode }),
    );
    return new SlugText(ref, s);
  }
}

/** The embedded slug font of one PDF: draws lines of the text it was made for. */
export class SlugText {
  private readonly keys = new WeakMap<PDFPage, PDFName>();

  constructor(
    readonly ref: PDFRef,
    private readonly subset: Subset,
  ) {}

  /** One line at (x, y) pt, baseline left; only characters given to `embed`. */
  draw(page: PDFPage, text: string, o: { x: number; y: number; size: number; color: Color }): void {
    let key = this.keys.get(page);
    if (!key) {
      key = page.node.newFontDictionary(this.subset.baseFont.slice(0, 6), this.ref);
      this.keys.set(page, key);
    }
    const glyphs = PDFHexString.of(Array.from(text, (ch) => hex4(this.subset.cids.get(ch.codePointAt(0)!)!)).join(''));
    page.pushOperators(pushGraphicsState(), beginText(), setFillingColor(o.color), setFontAndSize(key, o.size), setTextMatrix(1, 0, 0, 1, o.x, o.y), showText(glyphs), endText(), popGraphicsState());
  }
}

function faceOf(bytes: Uint8Array): Face {
  let face = byBytes.get(bytes);
  if (face) return face;
  const hash = createHash('sha256').update(bytes).digest('hex');
  face = byHash.get(hash);
  if (!face) {
    const loaded = fontkit.create(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    const font = 'fonts' in loaded ? loaded.fonts[0]! : loaded;
    const name = (font.postscriptName ?? 'Font').replace(/[^A-Za-z0-9-]/g, '') || 'Font';
    face = { font, hash, name, scale: 1000 / font.unitsPerEm, flags: fontFlags(font, bytes), glyphs: new Map(), subsets: new Map() };
    byHash.set(hash, face);
  }
  byBytes.set(bytes, face);
  return face;
}

function glyphOf(face: Face, cp: number): { gid: number; width: number } {
  let g = face.glyphs.get(cp);
  if (!g) {
    const glyph = face.font.glyphForCodePoint(cp);
    g = { gid: glyph.id, width: glyph.advanceWidth * face.scale };
    face.glyphs.set(cp, g);
  }
  return g;
}

function subsetOf(face: Face, lines: string[]): Subset {
  const cps = [...new Set(Array.from(lines.join(''), (ch) => ch.codePointAt(0)!))].sort((a, b) => a - b);
  const key = String.fromCodePoint(...cps);
  let s = face.subsets.get(key);
  if (s) return s;
  // Glyphs enter the subset in code point order: the same characters give the same file in any build.
  const subset = face.font.createSubset();
  const cids = new Map<number, number>();
  const widths: number[] = [];
  const bfchar: string[] = [];
  for (const cp of cps) {
    const g = glyphOf(face, cp);
    const cid = subset.includeGlyph(g.gid);
    cids.set(cp, cid);
    if (cid > widths.length) {
      widths.push(g.width);
      bfchar.push(`<${hex4(cid)}> <${utf16Hex(cp)}>`);
    }
  }
  const tag = Array.from(createHash('sha256').update(`${face.hash}\n${key}`).digest().subarray(0, 6), (b) => String.fromCharCode(65 + (b % 26))).join('');
  s = {
    baseFont: `${tag}+${face.name}`,
    cff: subset.cff !== undefined,
    file: deflateSync(subset.encode()),
    toUnicode: deflateSync(toUnicodeCMap(bfchar)),
    cids,
    widths,
  };
  face.subsets.set(key, s);
  if (face.subsets.size > MAX_SUBSETS) face.subsets.delete(face.subsets.keys().next().value!);
  return s;
}

/** ISO 32000-1 §9.10.3; at most 100 entries per bfchar block (§9.7.5.4). */
function toUnicodeCMap(bfchar: string[]): string {
  const blocks: string[] = [];
  for (let i = 0; i < bfchar.length; i += 100) {
    const part = bfchar.slice(i, i + 100);
    blocks.push(`${part.length} beginbfchar\n${part.join('\n')}\nendbfchar`);
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <FFFF>',
    'endcodespacerange',
    ...blocks,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');
}

/**
 * FontDescriptor /Flags as pdfkit derives them (symbolic: the font has its own encoding), read
 * from the table bytes: fontkit's `post` would decode every glyph name (a third of the first PDF's cost).
 */
function fontFlags(font: fontkit.Font, bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = (tag: string) => font.directory.tables[tag]?.offset;
  const [post, os2, head] = [at('post'), at('OS/2'), at('head')];
  const family = os2 === undefined ? 0 : view.getInt16(os2 + 30) >> 8; // sFamilyClass: class in the high byte
  let flags = 1 << 2; // symbolic
  if (post !== undefined && view.getUint32(post + 12) !== 0) flags |= 1 << 0; // isFixedPitch
  if (family >= 1 && family <= 7) flags |= 1 << 1; // serif
  if (family === 10) flags |= 1 << 3; // script
  if (head !== undefined && view.getUint16(head + 44) & 2) flags |= 1 << 6; // macStyle italic
  return flags;
}

function hex4(n: number): string {
  return n.toString(16).toUpperCase().padStart(4, '0');
}

/** UTF-16BE, a surrogate pair beyond the BMP. */
function utf16Hex(cp: number): string {
  const units = String.fromCodePoint(cp);
  let out = '';
  for (let i = 0; i < units.length; i++) out += hex4(units.charCodeAt(i));
  return out;
}
