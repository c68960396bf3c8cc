/**
 * Glyph coverage: every character of every string must be in the fonts the workspace declares, or the
 * browser silently substitutes a system font (wrong design, a font the print shop does not have, or a
 * missing-glyph box). The font files are read with fontkit; each string is first checked against every file
 * of every family in brand.fonts; when the pages were laid out, a finding is kept only for the faces the
 * string is really set in (matchFace: CSS Fonts 4 §5.2 font matching, simplified to weight and style).
 */
import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import { codePoint } from '../i18n/orthography.js';
import { PLACEHOLDER } from '../i18n/placeholders.js';
import { relTo, resolveInside } from '../workspace/files.js';
import type { Workspace } from '../workspace/workspace.js';

export interface FontFace {
  family: string;
  weight: number;
  style: string;
  file: string;
  font: fontkit.Font;
}

export function loadFaces(ws: Workspace): FontFace[] {
  return ws.config.brand.fonts.flatMap((f) =>
    f.files.map((file) => {
      const abs = resolveInside(ws.root, file.path, 'brand.fonts', 'lehtinen.config.yaml');
      const loaded = fontkit.create(readFileSync(abs));
      const font = 'fonts' in loaded ? loaded.fonts[0]! : loaded;
      return { family: f.family, weight: file.weight, style: file.style, file: relTo(ws.root, abs), font };
    }),
  );
}

/** Characters that are not drawn with a glyph of their own: spaces, line breaks, format characters. */
const NOT_DRAWN = /[\s\p{Cc}\p{Cf}\u00ad]/u;

export interface MissingGlyph {
  char: string;
  codePoint: string;
  /** font files that lack it */
  files: string[];
}

export function missingGlyphs(text: string, faces: FontFace[]): MissingGlyph[] {
  const out: MissingGlyph[] = [];
  const seen = new Set<string>();
  // Interpolation is replaced before printing ({{phone}} becomes a number): its letters are not printed.
  for (const ch of text.normalize('NFC').replace(PLACEHOLDER, '')) {
    if (seen.has(ch) || NOT_DRAWN.test(ch)) continue;
    seen.add(ch);
    const cp = ch.codePointAt(0)!;
    const files = faces.filter((f) => !f.font.hasGlyphForCodePoint(cp)).map((f) => f.file);
    if (files.length) out.push({ char: ch, codePoint: codePoint(ch), files });
  }
  return out;
}

/**
 * The declared face the browser uses for a computed family/weight/style ("Noto Sans|600|normal"): the same
 * family and style, and the nearest weight, preferring heavier above 500 and lighter below 400
 * (CSS Fonts 4 §5.2, step 4 "font-weight").
 */
export function matchFace(faces: FontFace[], computed: string): FontFace | undefined {
  const [family, w, style] = computed.split('|') as [string, string, string];
  const weight = Number(w) || 400;
  const same = faces.filter((f) => f.family.toLowerCase() === family.toLowerCase());
  const styled = same.filter((f) => f.style === style).length ? same.filter((f) => f.style === style) : same;
  if (!styled.length) return undefined;
  const cost = (f: FontFace) => {
    const d = f.weight - weight;
    if (d === 0) return 0;
    if (weight > 500) return d > 0 ? d : 1000 - d;
    if (weight < 400) return d < 0 ? -d : 1000 + d;
    // 400–500: up to 500 first, then lighter, then heavier
    if (d > 0 && f.weight <= 500) return d;
    return d < 0 ? 500 - d : 1000 + d;
  };
  return [...styled].sort((a, b) => cost(a) - cost(b))[0];
}
