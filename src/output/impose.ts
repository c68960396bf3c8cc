/**
 * Imposed press sheets (`--kind sheet`): print PDFs of a small material placed n-up on a sheet, page 1
 * the front side and page 2 the back side, registered for a duplex long-edge turn (sheet-layout.ts).
 * Items are embedded as form XObjects clipped to their BleedBox (pdf-lib embedPage), so text and vector
 * art stay vector; each item gets its own crop marks in registration colour outside its bleed.
 */
import { cmyk, degrees, PDFDocument, type PDFEmbeddedPage, type PDFPage } from 'pdf-lib';
import { mmToPt } from '../compose/geometry.js';
import { wrapText } from './pdf-print.js';
import { SlugFace } from './slug-font.js';
import { itemMarks, type ImposeSettings, type Rect, type SheetLayout } from './sheet-layout.js';
import { savePdf, writeMeta, type DocMeta } from './pdf-common.js';

const REGISTRATION = cmyk(1, 1, 1, 1);
const SLUG_INK = cmyk(0, 0, 0, 1);
const SHEET_SLUG_SIZE = 4;

export interface SheetSource {
  lang: string;
  /** the item's print PDF (pdf-print.ts): page 1 front, page 2 back */
  pdf: Uint8Array;
}

export interface SheetOptions {
  settings: ImposeSettings;
  /** items in slot order; a shorter list is repeated (one language per sheet: a list of one) */
  sources: SheetSource[];
  slug: (side: 'front' | 'back', langs: string[]) => string;
  slugFont: Uint8Array;
  meta: DocMeta;
}

/** The language of every slot, in slot order. */
export function slotLanguages(layout: SheetLayout, langs: string[]): string[] {
  return layout.slots.map((s) => langs[s.index % langs.length]!);
}

export async function imposeSheet(layout: SheetLayout, o: SheetOptions): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const [W, H] = layout.sheet.size.map(mmToPt) as [number, number];
  // Each source is embedded once per side; every slot draws the same XObject.
  const embedded: { front: PDFEmbeddedPage; back?: PDFEmbeddedPage }[] = [];
  for (const s of o.sources) {
    const src = await PDFDocument.load(s.pdf, { updateMetadata: false });
    const pages = src.getPages();
    const bleedOf = (p: PDFPage) => {
      const b = p.getBleedBox();
      return { left: b.x, bottom: b.y, right: b.x + b.width, top: b.y + b.height };
    };
    const front = await doc.embedPage(pages[0]!, bleedOf(pages[0]!));
    const back = pages[1] ? await doc.embedPage(pages[1], bleedOf(pages[1])) : undefined;
    embedded.push({ front, back });
  }
  const langs = o.sources.map((s) => s.lang);
  const hasBack = embedded.some((e) => e.back);
  const sides = hasBack ? (['front', 'back'] as const) : (['front'] as const);
  // One line per side; the font subset holds exactly their characters.
  const face = new SlugFace(o.slugFont);
  const slugs = sides.map((side) => wrapText(o.slug(side, langs), face, SHEET_SLUG_SIZE, W - mmToPt(20), 1)[0] ?? '');
  const font = face.embed(doc, slugs);
  for (const [i, side] of sides.entries()) {
    const page = doc.addPage([W, H]);
    // A press sheet is not trimmed as a whole: its trim and bleed are the sheet (PDF/X wants a TrimBox).
    page.setTrimBox(0, 0, W, H);
    page.setBleedBox(0, 0, W, H);
    for (const slot of layout.slots) {
      const e = embedded[slot.index % embedded.length]!;
      const xobject = side === 'front' ? e.front : e.back;
      const t = side === 'front' ? slot.front : slot.back;
      if (xobject) place(page, xobject, t, layout, side);
      for (const l of itemMarks(layout, slot, t, o.settings)) {
        page.drawLine({
          start: { x: mmToPt(l.x1), y: mmToPt(l.y1) },
          end: { x: mmToPt(l.x2), y: mmToPt(l.y2) },
          thickness: o.settings.marks.weight,
          color: REGISTRATION,
        });
      }
    }
    if (slugs[i]) font.draw(page, slugs[i], { x: mmToPt(10), y: mmToPt(1.5), size: SHEET_SLUG_SIZE, color: SLUG_INK });
  }
  writeMeta(doc, o.meta);
  return savePdf(doc);
}

/** Draws an item's bleed box so that its trim lands on `t`; turned items: front CCW, back CW. */
function place(page: PDFPage, x: PDFEmbeddedPage, t: Rect, layout: SheetLayout, side: 'front' | 'back'): void {
  const b = layout.item.bleed;
  const L = mmToPt(t.x - b);
  const B = mmToPt(t.y - b);
  if (!layout.rotated) {
    page.drawPage(x, { x: L, y: B });
  } else if (side === 'front') {
    // Rotated 90° counter-clockwise about (x, y): the item's width runs up, its height to the left.
    page.drawPage(x, { x: L + x.height, y: B, rotate: degrees(90) });
  } else {
    // Rotated 90° clockwise: width runs down, height to the right.
    page.drawPage(x, { x: L, y: B + x.width, rotate: degrees(-90) });
  }
}
