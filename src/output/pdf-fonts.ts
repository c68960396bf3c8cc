/**
 * The fonts in a rendered PDF, read back: each must be a file of brand.fonts (matched by its PostScript
 * name). Anything else is a system font Chromium fell back to — for a family the CSS asks for that the
 * config lacks (compose/css-fonts.ts catches most of these before rendering), text no rule gives a brand
 * family, or a character the brand fonts do not have — and the print shop would get a design nobody chose.
 */
import { LehtinenError } from '../errors.js';
import type { Workspace } from '../workspace/workspace.js';

/** The font names in a PDF (BaseFont, or a Type 3 font's FontName), without the subset tag "ABCDEF+". */
export async function pdfFontNames(pdf: Uint8Array): Promise<string[]> {
  // pdf-lib (and fontkit, below) load with the first PDF checked: a build that reuses every variant never needs them.
  const { PDFDict, PDFDocument, PDFName } = await import('pdf-lib');
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const names = new Set<string>();
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
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
