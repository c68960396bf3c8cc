// The part of fontkit 2 (https://github.com/foliojs/fontkit) lehtinen uses; the package ships no types.
declare module 'fontkit' {
  export interface Font {
    postscriptName: string;
    familyName: string;
    hasGlyphForCodePoint(codePoint: number): boolean;
  }
  export function create(buffer: Buffer): Font | { fonts: Font[] };
}
