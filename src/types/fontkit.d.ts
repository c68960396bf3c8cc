// The part of fontkit 2 (https://github.com/foliojs/fontkit) lehtinen uses; the package ships no types.
declare module 'fontkit' {
  export interface Glyph {
    id: number;
    /** in font units */
    advanceWidth: number;
  }
  export interface Subset {
    /** the glyph's id in the subset (0 is .notdef, then in the order of inclusion) */
    includeGlyph(glyph: number | Glyph): number;
    /** the subset font file (TrueType, or CFF when `cff` is set) */
    encode(): Uint8Array;
    cff?: unknown;
  }
  export interface Font {
    postscriptName: string;
    familyName: string;
    unitsPerEm: number;
    ascent: number;
    descent: number;
    capHeight: number;
    xHeight: number;
    italicAngle: number;
    bbox: { minX: number; minY: number; maxX: number; maxY: number };
    /** where each table is in the file */
    directory: { tables: Record<string, { offset: number; length: number } | undefined> };
    hasGlyphForCodePoint(codePoint: number): boolean;
    glyphForCodePoint(codePoint: number): Glyph;
    createSubset(): Subset;
  }
  export function create(buffer: Buffer): Font | { fonts: Font[] };
}
