/**
 * Builds the bundled example (15 variants) once with real Chromium and reads every file back with
 * poppler, qpdf, zbar and sharp, the way a print shop or a web page would.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as cli } from '../../src/cli/main.js';
import { mmToPt } from '../../src/compose/geometry.js';
import { manifestSchema, type Manifest, type ManifestVariant } from '../../src/output/manifest.js';
import { pdfBoxes, pdfFonts, pdfImageCount, pdfText, qpdfJson, qpdfString, run, zbar } from '../support/tools.js';
import { capture, remove, REPO, tempDir } from '../support/workspace.js';

const out = tempDir('lehtinen-out-');
let manifest: Manifest;
let printed: ReturnType<typeof capture>;
const TOL_PT = mmToPt(0.05); // the tolerance for boxes: ±0.05 mm

beforeAll(async () => {
  printed = capture();
  const code = await cli(['build', '--root', REPO, '--out', out], { stdout: printed.stdout, stderr: printed.stderr });
  expect(code, printed.err).toBe(0);
  manifest = manifestSchema.parse(JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')));
});
afterAll(() => remove(out));

const file = (v: ManifestVariant, kind: string, page?: number) => {
  const f = v.files.find((x) => x.kind === kind && (page === undefined || x.page === page));
  expect(f, `${v.material}-${v.lang} ${kind} ${page ?? ''}`).toBeTruthy();
  return path.join(out, f!.path);
};
const variants = () => manifest.variants;
const LANGS = ['fi', 'en', 'se', 'smn', 'sms'];
const MATERIALS = { brochure: [297, 210], card: [85, 55], bookmark: [50, 180] } as const;

describe('the example build', () => {
  it('writes a manifest with all 15 variants and files whose size and hash match', () => {
    expect(manifest.tool).toBe('lehtinen');
    expect(variants()).toHaveLength(15);
    for (const [m, trim] of Object.entries(MATERIALS)) {
      for (const l of LANGS) {
        const v = variants().find((x) => x.material === m && x.lang === l);
        expect(v, `${m}-${l}`).toBeTruthy();
        expect(v!.trimMm).toEqual(trim);
        expect(v!.bleedMm).toBe(3);
        expect(v!.pages).toBe(2);
        expect(v!.qr).toBe(`https://www.lapinensijaturvakoti.fi/tunnista/${l}/${m}/`);
        expect(v!.files.map((f) => f.kind).sort()).toEqual(['png', 'png', 'preview', 'preview', 'print-pdf', 'web-pdf']);
        for (const f of v!.files) {
          const data = readFileSync(path.join(out, f.path));
          expect(data.byteLength).toBe(f.bytes);
          expect(createHash('sha256').update(data).digest('hex')).toBe(f.sha256);
          expect(path.isAbsolute(f.path)).toBe(false);
        }
      }
    }
    // Nothing half-written is left behind.
    expect(run('find', [out, '-name', '.staging-*'])).toBe('');
  });

  it('warns about the Sámi drafts, per language', () => {
    for (const l of ['se', 'smn', 'sms']) expect(printed.err).toMatch(new RegExp(`DRAFT \\[${l}\\] \\d+ string\\(s\\) are drafts`));
    expect(printed.err).not.toMatch(/DRAFT \[(fi|en)\]/);
    expect(printed.out).toMatch(/built 15 variant\(s\)/);
  });

  it('print PDFs: exact TrimBox, 3 mm BleedBox, larger MediaBox, on every page', () => {
    for (const v of variants()) {
      const { pages, boxes } = pdfBoxes(file(v, 'print-pdf'));
      expect(pages).toBe(2);
      for (const b of boxes) {
        const [tw, th] = v.trimMm.map(mmToPt) as [number, number];
        const bl = mmToPt(3);
        expect(Math.abs(b.TrimBox!.w - tw)).toBeLessThanOrEqual(TOL_PT);
        expect(Math.abs(b.TrimBox!.h - th)).toBeLessThanOrEqual(TOL_PT);
        expect(Math.abs(b.TrimBox!.x1 - b.BleedBox!.x1 - bl)).toBeLessThanOrEqual(TOL_PT);
        expect(Math.abs(b.TrimBox!.y1 - b.BleedBox!.y1 - bl)).toBeLessThanOrEqual(TOL_PT);
        expect(Math.abs(b.BleedBox!.x2 - b.TrimBox!.x2 - bl)).toBeLessThanOrEqual(TOL_PT);
        expect(Math.abs(b.BleedBox!.y2 - b.TrimBox!.y2 - bl)).toBeLessThanOrEqual(TOL_PT);
        expect(b.MediaBox!.x1).toBeLessThan(b.BleedBox!.x1 - mmToPt(5));
        expect(b.MediaBox!.y2).toBeGreaterThan(b.BleedBox!.y2 + mmToPt(5));
      }
    }
  });

  it('print PDFs: fonts embedded and subset, only the shipped family, text stays text, no raster images', () => {
    for (const v of variants()) {
      const pdf = file(v, 'print-pdf');
      const fonts = pdfFonts(pdf);
      expect(fonts.length).toBeGreaterThan(0);
      for (const f of fonts) {
        expect(f.emb, `${pdf} ${f.name}`).toBe(true);
        expect(f.sub, `${pdf} ${f.name}`).toBe(true);
        expect(f.name).toMatch(/^[A-Z]{6}\+NotoSans-/);
        expect(f.type).not.toMatch(/Type 3/);
      }
      // Logo, decoration and QR code are vector: no image XObjects at all.
      expect(pdfImageCount(pdf)).toBe(0);
    }
  });

  it('prints each language in its own letters, Skolt Sámi with U+02B9', () => {
    const text = (m: string, l: string) => pdfText(file(variants().find((v) => v.material === m && v.lang === l)!, 'web-pdf'));
    expect(text('brochure', 'fi')).toContain('Tunnista väkivalta lähisuhteessa');
    expect(text('brochure', 'en')).toContain('Recognise violence in close relationships');
    for (const m of Object.keys(MATERIALS)) {
      // The language name of every language appears on every material, in its own spelling.
      const t = text(m, 'sms');
      for (const name of ['suomi', 'English', 'davvisámegiella', 'anarâškielâ', 'sää\u02b9m\u01e9i\u00f5ll']) expect(t, `${m}-sms`).toContain(name);
      expect(t).toContain('\u02b9');
      expect(t).not.toMatch(/sää['\u2019]m/);
      for (const l of ['fi', 'se']) expect(text(m, l)).toContain('anarâškielâ');
    }
    expect(text('bookmark', 'se')).toMatch(/[čđŋšŧž]/);
  });

  it('print PDFs: crop marks lie outside the bleed, backgrounds reach the bleed edge', async () => {
    const v = variants().find((x) => x.material === 'card' && x.lang === 'sms')!;
    const pdf = file(v, 'print-pdf');
    const { boxes } = pdfBoxes(pdf);
    const dpi = 200;
    const prefix = path.join(out, 'card-check');
    run('pdftoppm', ['-r', String(dpi), '-f', '1', '-l', '1', '-png', pdf, prefix]);
    const img = sharp(`${prefix}-1.png`);
    const { data, info } = await img.raw().toBuffer({ resolveWithObject: true });
    const b = boxes[0]!;
    const px = (pt: number) => (pt / 72) * dpi;
    const H = b.MediaBox!.h;
    const at = (xPt: number, yPt: number) => {
      const x = Math.round(px(xPt));
      const y = Math.round(px(H - yPt));
      const i = (y * info.width + x) * info.channels;
      return [data[i]!, data[i + 1]!, data[i + 2]!];
    };
    // A 0.25 pt hairline covers less than a pixel at 200 dpi: look at the darkest pixel around a point.
    const darkest = (xPt: number, yPt: number) => {
      let min = 765;
      for (const dx of [-1, 0, 1]) for (const dy of [-1, 0, 1]) {
        const c = at(xPt + (dx * 72) / dpi, yPt + (dy * 72) / dpi);
        min = Math.min(min, c[0]! + c[1]! + c[2]!);
      }
      return min;
    };
    const mark = (xPt: number, yPt: number) => darkest(xPt, yPt) < 300;
    const white = (c: number[]) => c.every((v) => v > 245);
    const inset = 0.6; // pt inside the bleed box edge
    // Card front: coloured (plum, or the coral circle on the right) to the bleed edge on all four sides.
    const mx = (b.BleedBox!.x1 + b.BleedBox!.x2) / 2;
    const my = (b.BleedBox!.y1 + b.BleedBox!.y2) / 2;
    for (const [x, y] of [[b.BleedBox!.x1 + inset, my], [b.BleedBox!.x2 - inset, my], [mx, b.BleedBox!.y1 + inset], [mx, b.BleedBox!.y2 - inset]]) {
      expect(white(at(x!, y!)), `background at ${x},${y}`).toBe(false);
    }
    // Just outside the bleed box: white (no background overscan, no marks inside 2 mm).
    const out1 = mmToPt(1);
    for (const [x, y] of [[b.BleedBox!.x1 - out1, my], [b.BleedBox!.x2 + out1, my], [mx, b.BleedBox!.y1 - out1], [mx, b.BleedBox!.y2 + out1]]) {
      expect(white(at(x!, y!)), `outside bleed at ${x},${y}`).toBe(true);
    }
    // Marks: on the trim lines, from 5 to 10 mm outside the trim; nothing on those lines within the bleed + gap.
    const t = b.TrimBox!;
    for (const [y, dir] of [[t.y1, -1], [t.y2, 1]] as const) {
      for (const x of [t.x1, t.x2]) {
        expect(mark(x, y + dir * mmToPt(7.5)), `vertical mark at ${x}`).toBe(true);
        expect(darkest(x, y + dir * mmToPt(4)), `gap before vertical mark at ${x}`).toBeGreaterThan(735);
      }
    }
    for (const [x, dir] of [[t.x1, -1], [t.x2, 1]] as const) {
      for (const y of [t.y1, t.y2]) {
        expect(mark(x + dir * mmToPt(7.5), y), `horizontal mark at ${y}`).toBe(true);
        expect(darkest(x + dir * mmToPt(4), y), `gap before horizontal mark at ${y}`).toBeGreaterThan(735);
      }
    }
  });

  it('web PDFs: page = trim, tagged, /Lang and /Title in the language, title shown', () => {
    for (const v of variants()) {
      const pdf = file(v, 'web-pdf');
      const { boxes, info } = pdfBoxes(pdf);
      for (const b of boxes) {
        expect(Math.abs(b.MediaBox!.w - mmToPt(v.trimMm[0]))).toBeLessThanOrEqual(TOL_PT);
        expect(Math.abs(b.MediaBox!.h - mmToPt(v.trimMm[1]))).toBeLessThanOrEqual(TOL_PT);
        expect(Math.abs(b.CropBox!.w - b.MediaBox!.w)).toBeLessThan(0.01);
      }
      expect(info.Tagged).toBe('yes');
      expect(info.Title).toBe(v.title);
      const { catalog } = qpdfJson(pdf);
      expect(qpdfString(catalog['/Lang'])).toBe(v.lang);
      expect(catalog['/StructTreeRoot']).toBeTruthy();
      expect((catalog['/ViewerPreferences'] as Record<string, unknown>)['/DisplayDocTitle']).toBe(true);
    }
    const titles = new Set(variants().map((v) => v.title));
    expect(titles.size).toBe(15);
  });

  it('PNGs: the trim area at 300 dpi (bookmark 591 × 2126 px), QR codes decode to the manifest URL', async () => {
    const size: Record<string, [number, number]> = { brochure: [3508, 2480], card: [1004, 650], bookmark: [591, 2126] };
    for (const v of variants()) {
      for (const page of [1, 2]) {
        const meta = await sharp(file(v, 'png', page)).metadata();
        expect([meta.width, meta.height]).toEqual(size[v.material]);
        expect(meta.density).toBe(300);
        expect(meta.format).toBe('png');
      }
      const decoded = [1, 2].flatMap((p) => zbar(file(v, 'png', p)));
      expect(decoded, `${v.material}-${v.lang}`).toEqual([v.qr]);
    }
  });

  it('PNGs show the same trim area as the web PDF rendered by poppler (within 1 px at 300 dpi)', async () => {
    const v = variants().find((x) => x.material === 'bookmark' && x.lang === 'sms')!;
    const prefix = path.join(out, 'bm-web');
    run('pdftoppm', ['-r', '300', '-f', '2', '-l', '2', '-png', file(v, 'web-pdf'), prefix]);
    const grey = (f: string) => sharp(f).greyscale().raw().toBuffer({ resolveWithObject: true });
    const a = await grey(`${prefix}-2.png`);
    const b = await grey(file(v, 'png', 2));
    expect([a.info.width, a.info.height]).toEqual([b.info.width, b.info.height]);
    const diff = (dx: number, dy: number) => {
      let sum = 0;
      let n = 0;
      for (let y = 10; y < a.info.height - 10; y += 2) {
        for (let x = 10; x < a.info.width - 10; x += 2) {
          sum += Math.abs(a.data[y * a.info.width + x]! - b.data[(y + dy) * b.info.width + x + dx]!);
          n++;
        }
      }
      return sum / n;
    };
    const near = Math.min(...[-1, 0, 1].flatMap((dx) => [-1, 0, 1].map((dy) => diff(dx, dy))));
    expect(near).toBeLessThan(5);
    // The measure does tell a misplaced raster: 3 px (0.25 mm) off is much worse.
    expect(diff(3, 3)).toBeGreaterThan(near * 2);
  });

  it('previews: WebP, 1200 px on the long side', async () => {
    for (const v of variants()) {
      for (const page of [1, 2]) {
        const meta = await sharp(file(v, 'preview', page)).metadata();
        expect(meta.format).toBe('webp');
        expect(Math.max(meta.width!, meta.height!)).toBe(1200);
        const [w, h] = v.trimMm;
        expect(meta.width! / meta.height!).toBeCloseTo(w / h, 2);
      }
    }
  });

  it('keeps everything else when only some variants are rebuilt', async () => {
    const before = readFileSync(path.join(out, 'manifest.json'), 'utf8');
    const cap = capture();
    const code = await cli(['build', '--root', REPO, '--out', out, '--lang', 'sms', '--material', 'card', '--kind', 'png'], cap);
    expect(code, cap.err).toBe(0);
    const after = manifestSchema.parse(JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')));
    expect(after.variants).toHaveLength(15);
    const card = after.variants.find((v) => v.material === 'card' && v.lang === 'sms')!;
    expect(card.files.map((f) => f.kind).sort()).toEqual(['png', 'png', 'preview', 'preview', 'print-pdf', 'web-pdf']);
    for (const f of after.variants.flatMap((v) => v.files)) expect(existsSync(path.join(out, f.path))).toBe(true);
    expect(JSON.parse(before).variants.length).toBe(15);
  });
});
