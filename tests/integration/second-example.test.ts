/**
 * The second bundled example (examples/perheyhdessa: another organisation, named contact people, EU
 * co-funding, no help lines, fi/sv/en, brochure and bookmark) is built with the default templates and
 * read back like the first: boxes, fonts, tags, QR codes, and the content it was given.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as cli } from '../../src/cli/main.js';
import { mmToPt } from '../../src/compose/geometry.js';
import { manifestSchema, type Manifest, type ManifestVariant } from '../../src/output/manifest.js';
import { loadWorkspace } from '../../src/workspace/workspace.js';
import { pdfBoxes, pdfFonts, pdfText, qpdfJson, qpdfString, zbar } from '../support/tools.js';
import { capture, remove, REPO, tempDir } from '../support/workspace.js';

const ROOT = path.join(REPO, 'examples/perheyhdessa');
const out = tempDir('lehtinen-out2-');
let manifest: Manifest;
let printed: ReturnType<typeof capture>;
const TOL_PT = mmToPt(0.05);

beforeAll(async () => {
  printed = capture();
  const code = await cli(['build', '--root', ROOT, '--out', out], { stdout: printed.stdout, stderr: printed.stderr });
  expect(code, printed.err).toBe(0);
  manifest = manifestSchema.parse(JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')));
});
afterAll(() => remove(out));

const file = (v: ManifestVariant, kind: string, page?: number) => {
  const f = v.files.find((x) => x.kind === kind && (page === undefined || x.page === page));
  expect(f, `${v.material}-${v.lang} ${kind} ${page ?? ''}`).toBeTruthy();
  return path.join(out, f!.path);
};
/** Text compared without spaces and hyphens: Chromium prints a line break after a hyphen (hard or soft) as U+2010. */
const n = (s: string) => s.replace(/[\u00ad\u2010\s-]/g, '');
const text = (m: string, l: string) => n(pdfText(file(manifest.variants.find((v) => v.material === m && v.lang === l)!, 'web-pdf')));

describe('the second example (PerheYhdessä)', () => {
  it('holds only config, locales and assets, and builds with the same templates as the first', async () => {
    expect(existsSync(path.join(ROOT, 'templates'))).toBe(false);
    const [first, second] = await Promise.all([loadWorkspace(REPO), loadWorkspace(ROOT)]);
    // The first example's templates/ is lehtinen's default set; the second reads every file from it.
    expect(second.templates.files.every((f) => f.startsWith('lehtinen:templates/'))).toBe(true);
    const names = (files: string[]) => files.map((f) => f.replace(/^lehtinen:/, ''));
    for (const f of names(second.templates.files)) expect(names(first.templates.files)).toContain(f);
    expect(manifest.variants.map((v) => `${v.material}-${v.lang}`).sort()).toEqual(
      ['bookmark-en', 'bookmark-fi', 'bookmark-sv', 'brochure-en', 'brochure-fi', 'brochure-sv'],
    );
  });

  it('print PDFs: exact TrimBox and 3 mm BleedBox; fonts embedded and subset, no Type 3', () => {
    for (const v of manifest.variants) {
      const pdf = file(v, 'print-pdf');
      const { pages, boxes } = pdfBoxes(pdf);
      expect(pages).toBe(2);
      for (const b of boxes) {
        expect(Math.abs(b.TrimBox!.w - mmToPt(v.trimMm[0]))).toBeLessThanOrEqual(TOL_PT);
        expect(Math.abs(b.TrimBox!.h - mmToPt(v.trimMm[1]))).toBeLessThanOrEqual(TOL_PT);
        expect(Math.abs(b.TrimBox!.x1 - b.BleedBox!.x1 - mmToPt(3))).toBeLessThanOrEqual(TOL_PT);
        expect(Math.abs(b.BleedBox!.y2 - b.TrimBox!.y2 - mmToPt(3))).toBeLessThanOrEqual(TOL_PT);
      }
      for (const f of pdfFonts(pdf)) {
        expect(f.emb && f.sub, `${pdf} ${f.name}`).toBe(true);
        expect(f.name).toMatch(/^[A-Z]{6}\+NotoSans-/);
        expect(f.type).not.toMatch(/Type 3/);
      }
    }
  });

  it('web PDFs: tagged, /Lang of the variant, title in the language', () => {
    for (const v of manifest.variants) {
      const pdf = file(v, 'web-pdf');
      const { info } = pdfBoxes(pdf);
      expect(info.Tagged).toBe('yes');
      expect(info.Title).toBe(v.title);
      const { catalog } = qpdfJson(pdf);
      expect(qpdfString(catalog['/Lang'])).toBe(v.lang);
      expect(catalog['/StructTreeRoot']).toBeTruthy();
    }
  });

  it('QR codes decode to the variant page under its own baseUrl', () => {
    for (const v of manifest.variants) {
      expect(v.qr).toBe(`https://www.seamk.fi/perheyhdessa/${v.lang}/${v.material}/`);
      const decoded = [1, 2].flatMap((p) => zbar(file(v, 'png', p)));
      expect(decoded, `${v.material}-${v.lang}`).toEqual([v.qr]);
    }
  });

  it('prints its own content: people with roles, the EU statement per language, every list item; nothing of the first example', () => {
    const fi = text('brochure', 'fi');
    for (const s of ['PerheYhdessä', 'Seinäjoen ammattikorkeakoulu SeAMK', '1.2.2024–31.1.2027', 'Tommi Kamppinen', 'Projektipäällikkö', 'tommi.kamppinen@seamk.fi',
      'Fanny Nortamo', 'Asiantuntija', 'Euroopan unionin osarahoittama', 'Hankehallinto ja viestintä', 'Kotipysäkki-toiminta', 'Lapset, nuoret ja perheet']) {
      expect(fi, s).toContain(n(s));
    }
    expect(text('brochure', 'en')).toContain(n('Co-funded by the European Union'));
    expect(text('bookmark', 'en')).toContain(n('Co-funded by the European Union'));
    expect(text('brochure', 'sv')).toContain(n('Medfinansieras av Europeiska unionen'));
    expect(text('bookmark', 'sv')).toContain('Lektor');
    // Seven work packages on the fold-in, five innovations on the bookmark: lists of any length.
    const tp = JSON.parse(readFileSync(path.join(ROOT, 'locales/fi/brochure.json'), 'utf8')).sections.toimenpiteet.list as string[];
    expect(tp).toHaveLength(7);
    for (const item of tp) expect(fi).toContain(n(item));
    for (const m of ['brochure', 'bookmark']) {
      for (const l of ['fi', 'sv', 'en']) {
        const t = text(m, l);
        // No help lines in this campaign: no help heading, no number of the first example.
        for (const s of ['112', 'Nollalinja', '080 005 005', 'Apua on saatavilla', 'Lapin ensi', 'Tunnista']) expect(t, `${m}-${l} ${s}`).not.toContain(n(s));
      }
    }
  });

  it('flags its sv and en drafts, and the build warns about nothing else', () => {
    for (const l of ['sv', 'en']) expect(printed.err).toMatch(new RegExp(`DRAFT \\[${l}\\] \\d+ string\\(s\\) are drafts`));
    expect(printed.err).not.toMatch(/DRAFT \[fi\]|FALLBACK|OVERFLOW|error/);
  });
});
