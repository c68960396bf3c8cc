/**
 * The print PDF's slug and draft notice (output/slug-font.ts) read back with poppler and qpdf: one embedded
 * subset font (subset-tagged name, Type 0 over CID TrueType, with ToUnicode), its text found by pdftotext
 * with "·", "×" and the Sámi letters, and bytes that depend only on the PDF's own text, not on the PDFs the
 * process made before (reproducible builds, shards).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { bleedBoxMm, mmToPt, type Geometry } from '../../src/compose/geometry.js';
import { KNOWN_LANGUAGES } from '../../src/i18n/languages.js';
import type { DocMeta } from '../../src/output/pdf-common.js';
import { makePrintPdf } from '../../src/output/pdf-print.js';
import { pdfFonts, run } from '../support/tools.js';
import { remove, REPO, tempDir } from '../support/workspace.js';

const dir = tempDir('lehtinen-slug-');
afterAll(() => remove(dir));

const font = readFileSync(path.join(REPO, 'assets/fonts/NotoSans-Regular.ttf'));
const g: Geometry = { trim: [297, 210], bleed: 3, safe: 5, pages: 2, panels: [[97, 100, 100], [100, 100, 97]] };
const meta: DocMeta = { title: 'Slug', lang: 'sms', author: 'lehtinen tests', subject: 'slug font', keywords: [], engine: 'none', date: new Date('2025-10-09T00:00:00Z') };
const sami = ['se', 'smn', 'sms'].map((c) => KNOWN_LANGUAGES[c]!);
const NOTICE = `LUONNOS / DRAFT: ${sami.map((l) => `${l.endonym} ${l.letters} ${l.letters.toUpperCase()}`).join(' ')}`;
const slug = (material: string) => (p: number, n: number) => `tunnista-vakivalta 2026-11 · ${material} · sms · 297×210 mm · 2025-10-09 · ${p}/${n}`;

/** A rendered document without fonts of its own, so the slug font is the only one in the print PDF. */
async function rendered(): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const [w, h] = bleedBoxMm(g).map(mmToPt) as [number, number];
  for (let i = 0; i < g.pages; i++) doc.addPage([w, h]).drawRectangle({ x: 0, y: 0, width: w, height: h, borderWidth: 1 });
  return doc.save();
}

async function print(name: string, material: string, notice?: string): Promise<{ file: string; bytes: Uint8Array }> {
  const bytes = await makePrintPdf(await rendered(), g, meta, { marks: { offset: 2, length: 5, weight: 0.25 }, slug: slug(material), notice, slugFont: font });
  const file = path.join(dir, `${name}.pdf`);
  writeFileSync(file, bytes);
  return { file, bytes };
}

describe('slug font', () => {
  it('is one embedded, subset-tagged Type 0 / CID TrueType font with ToUnicode; pdftotext reads slug and notice', async () => {
    const { file } = await print('brochure', 'brochure', NOTICE);
    const fonts = pdfFonts(file);
    expect(fonts).toHaveLength(1);
    expect(fonts[0]!.name).toMatch(/^[A-Z]{6}\+NotoSans-Regular$/);
    expect(fonts[0]!.type).toBe('CID TrueType');
    expect(fonts[0]!.emb).toBe(true);
    expect(fonts[0]!.sub).toBe(true);
    // encoding emb sub uni object ID: "uni" says a ToUnicode map is there.
    expect(run('pdffonts', [file]).split('\n')[2]).toMatch(/Identity-H\s+yes\s+yes\s+yes\s/);
    expect(run('qpdf', ['--check', file])).toMatch(/No syntax or stream encoding errors/);
    for (const page of [1, 2]) {
      const text = run('pdftotext', ['-f', String(page), '-l', String(page), '-enc', 'UTF-8', file, '-']).replace(/\s+/g, ' ');
      expect(text).toContain(slug('brochure')(page, 2));
      // The notice wraps in the slug's width (between the crop mark and the first fold).
      expect(text).toContain(NOTICE);
      expect(text).toContain('sää\u02b9m\u01e9i\u00f5ll');
    }
  });

  it('depends only on the PDF\'s own text: the same bytes before and after other PDFs, another subset for other characters', async () => {
    const a1 = await print('a1', 'brochure', NOTICE);
    const b = await print('b', 'card');
    const a2 = await print('a2', 'brochure', NOTICE);
    expect(Buffer.from(a2.bytes).equals(Buffer.from(a1.bytes))).toBe(true);
    const [fa] = pdfFonts(a1.file);
    const [fb] = pdfFonts(b.file);
    // "card" and no notice: another character set, so another subset and tag (ISO 32000-1 §9.6.4).
    expect(fb!.name).not.toBe(fa!.name);
    expect(run('pdftotext', ['-f', '1', '-l', '1', '-enc', 'UTF-8', b.file, '-'])).toContain(slug('card')(1, 2));
  });
});
