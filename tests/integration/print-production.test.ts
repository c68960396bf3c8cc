/**
 * Print production with real tools: a copy of the example with brand CMYK values and mixed-language
 * sheets is built as CMYK PDF/X (Ghostscript), and read back with Ghostscript (inkcov), qpdf, poppler
 * (pdfinfo, pdffonts, pdftotext, pdftoppm) and zbarimg. A second build runs without Ghostscript on PATH.
 */
import { mkdirSync, readdirSync, readFileSync, symlinkSync, existsSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { run as cli } from '../../src/cli/main.js';
import { mmToPt } from '../../src/compose/geometry.js';
import { manifestSchema, type Manifest, type ManifestFile } from '../../src/output/manifest.js';
import { bestLayout, type Rect } from '../../src/output/sheet-layout.js';
import { horizontalLine, inkEdge, pixel, renderGray, verticalLine, type Gray } from '../support/raster.js';
import { parseInfo, pdfBoxes, pdfFonts, pdfText, qpdfJson, qpdfString, run, zbar } from '../support/tools.js';
import { capture, copyExample, edit, remove, tempDir } from '../support/workspace.js';

const LANGS = ['fi', 'en', 'se', 'smn', 'sms'];
const PLUM_CMYK = '0.75 0.9 0.3 0.45';
const ws = copyExample();
const out = tempDir('lehtinen-print-');
const outNoGs = tempDir('lehtinen-nogs-');
const scratch = tempDir('lehtinen-raster-');
let manifest: Manifest;
let manifestNoGs: Manifest;
let printed: ReturnType<typeof capture>;
let printedNoGs: ReturnType<typeof capture>;

/** A PATH with everything of the current one except Ghostscript. */
function pathWithoutGs(): string {
  const dir = path.join(scratch, 'bin');
  mkdirSync(dir);
  for (const d of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!d || !existsSync(d)) continue;
    for (const name of readdirSync(d)) {
      if (/^gs/.test(name) || name === 'ghostscript' || existsSync(path.join(dir, name))) continue;
      symlinkSync(path.join(d, name), path.join(dir, name));
    }
  }
  return dir;
}

beforeAll(async () => {
  edit(ws, 'lehtinen.config.yaml', (text) => {
    const c = YAML.parse(text) as Record<string, Record<string, unknown>>;
    c.brand!.cmyk = { plum: [75, 90, 30, 45], coral: [0, 55, 55, 0] };
    c.output!.sheets = { mixLanguages: true };
    return YAML.stringify(c);
  });
  printed = capture();
  const code = await cli(
    // plum [75, 90, 30, 45] is four inks in small text, which fails the preflight (tests/integration/preflight.test.ts)
    ['build', '--root', ws, '--out', out, '--material', 'brochure,bookmark', '--kind', 'print-pdf,sheet', '--cmyk', '--allow-preflight', '--no-site', '--no-bundles'],
    { stdout: printed.stdout, stderr: printed.stderr },
  );
  expect(code, printed.err).toBe(0);
  manifest = manifestSchema.parse(JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')));

  const savedPath = process.env.PATH;
  process.env.PATH = pathWithoutGs();
  try {
    printedNoGs = capture();
    const code2 = await cli(
      ['build', '--root', ws, '--out', outNoGs, '--material', 'bookmark', '--lang', 'fi', '--kind', 'print-pdf', '--cmyk', '--no-site', '--no-bundles'],
      { stdout: printedNoGs.stdout, stderr: printedNoGs.stderr },
    );
    expect(code2, printedNoGs.err).toBe(0);
  } finally {
    process.env.PATH = savedPath;
  }
  manifestNoGs = manifestSchema.parse(JSON.parse(readFileSync(path.join(outNoGs, 'manifest.json'), 'utf8')));
}, 300_000);
afterAll(() => [ws, out, outNoGs, scratch].forEach(remove));

const files = (m: Manifest, kind: string, material?: string): (ManifestFile & { lang: string; material: string })[] =>
  m.variants.filter((v) => !material || v.material === material).flatMap((v) => v.files.filter((f) => f.kind === kind).map((f) => ({ ...f, lang: v.lang, material: v.material })));
const abs = (f: { path: string }, dir = out) => path.join(dir, f.path);
const printOf = (material: string, lang: string, m = manifest, dir = out) => abs(files(m, 'print-pdf', material).find((f) => f.lang === lang)!, dir);

/** Everything in a PDF that is RGB: colour spaces, ICC profiles with 3 components, rg/RG operators. */
function rgbUses(file: string): string[] {
  const qdf = path.join(scratch, `${path.basename(file)}.qdf.pdf`);
  run('qpdf', ['--qdf', '--object-streams=disable', '--decode-level=generalized', file, qdf]);
  const text = readFileSync(qdf).toString('latin1');
  const found: string[] = [];
  for (const m of text.matchAll(/\/(DeviceRGB|CalRGB)\b/g)) found.push(m[0]);
  for (const m of text.matchAll(/\/ICCBased[\s\S]{0,40}?(\d+) 0 R/g)) {
    const obj = new RegExp(`\\n${m[1]} 0 obj\\s*<<([\\s\\S]*?)>>`).exec(text);
    if (obj && /\/N 3\b/.test(obj[1]!)) found.push(`ICCBased N 3 (object ${m[1]})`);
  }
  for (const m of text.matchAll(/(?:^|\s)(?:[-\d.]+\s+){3}(rg|RG)(?=\s)/gm)) found.push(m[0].trim());
  for (const m of text.matchAll(/\/CS\s*\/RGB\b/g)) found.push(`inline image ${m[0]}`);
  return found;
}

/** Colour operators with their operands, from the decoded content streams (qpdf --qdf). */
function colourOps(file: string): string[] {
  const qdf = path.join(scratch, `${path.basename(file)}.ops.pdf`);
  run('qpdf', ['--qdf', '--object-streams=disable', file, qdf]);
  return [...readFileSync(qdf).toString('latin1').matchAll(/(?:^|\s)((?:[-\d.]+\s+){4}[kK])(?=\s)/gm)].map((m) => m[1]!.replace(/\s+/g, ' '));
}

describe('CMYK PDF/X-4 print files', () => {
  it('are PDF/X-4 (PDF 1.6) with the FOGRA39 OutputIntent, the PDF/X keys, XMP identification and a document ID', () => {
    const all = [...files(manifest, 'print-pdf'), ...files(manifest, 'sheet')];
    expect(all.length).toBe(10 + 2);
    // lehtinen's own audit after the conversion found no RGB either.
    expect(printed.err).not.toMatch(/CMYK_RGB_LEFT|GS_MISSING/);
    for (const f of all) {
      expect(f.colour, f.path).toEqual({ space: 'CMYK', pdfx: 'PDF/X-4', profile: expect.stringContaining('FOGRA39'), profileFile: 'FOGRA39L-argyll.icc' });
      const info = parseInfo(run('pdfinfo', [abs(f)]));
      expect(info['PDF version'], f.path).toBe('1.6');
      expect(info['PDF subtype'], f.path).toBe('PDF/X-4');
      const { catalog, trailer, objects } = qpdfJson(abs(f));
      const obj = (ref: unknown) => (objects[`obj:${String(ref)}`] as { value?: Record<string, unknown>; stream?: { dict: Record<string, unknown> } });
      const intents = catalog['/OutputIntents'] as unknown[];
      expect(intents).toHaveLength(1);
      const oi = obj(intents[0]).value!;
      expect(oi['/S']).toBe('/GTS_PDFX');
      expect(qpdfString(oi['/OutputConditionIdentifier'])).toBe('FOGRA39');
      const profile = obj(oi['/DestOutputProfile']).stream!.dict;
      expect(profile['/N']).toBe(4);
      const infoDict = obj(trailer['/Info']).value!;
      expect(qpdfString(infoDict['/GTS_PDFXVersion'])).toBe('PDF/X-4');
      expect(infoDict['/Trapped']).toBe('/False');
      expect(trailer['/ID']).toHaveLength(2);
      const xmp = run('qpdf', [`--show-object=${String(catalog['/Metadata']).split(' ')[0]}`, '--filtered-stream-data', abs(f)]);
      expect(xmp).toContain('<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>');
      expect(xmp).toContain('<pdf:Trapped>False</pdf:Trapped>');
    }
  });

  it('keep the exact TrimBox, BleedBox and MediaBox of the print geometry on every page', () => {
    const margin = 3 + 2 + 5 + 3; // bleed + mark offset + mark length + slug room (printMarginMm)
    for (const f of files(manifest, 'print-pdf')) {
      const v = manifest.variants.find((x) => x.lang === f.lang && x.material === f.material)!;
      const { pages, boxes } = pdfBoxes(abs(f));
      expect(pages).toBe(2);
      for (const b of boxes) {
        const near = (a: number, e: number) => expect(Math.abs(a - e), f.path).toBeLessThanOrEqual(mmToPt(0.05));
        near(b.TrimBox!.w, mmToPt(v.trimMm[0]));
        near(b.TrimBox!.h, mmToPt(v.trimMm[1]));
        near(b.TrimBox!.x1, mmToPt(margin));
        near(b.TrimBox!.y1, mmToPt(margin));
        near(b.BleedBox!.x1, mmToPt(margin - 3));
        near(b.BleedBox!.w, mmToPt(v.trimMm[0] + 6));
        near(b.MediaBox!.w, mmToPt(v.trimMm[0] + 2 * margin));
        near(b.MediaBox!.h, mmToPt(v.trimMm[1] + 2 * margin));
      }
    }
  });

  it('keep their fonts embedded and their text as text (same words as the RGB file)', () => {
    for (const f of [...files(manifest, 'print-pdf'), ...files(manifest, 'sheet')]) {
      const fonts = pdfFonts(abs(f));
      expect(fonts.length).toBeGreaterThan(0);
      for (const font of fonts) {
        expect(font.emb, `${f.path} ${font.name}`).toBe(true);
        expect(font.type).not.toMatch(/Type 3/);
      }
    }
    // NFKC: Ghostscript maps Chromium's "fi" ligature glyph to U+FB01 "ﬁ" (the RGB file says "fi"); the text
    // stays text and is the same after compatibility normalisation, as PDF viewers search it.
    const words = (s: string) => s.normalize('NFKC').split(/\s+/).filter(Boolean).sort();
    const cmykText = pdfText(printOf('bookmark', 'fi'));
    const rgbText = pdfText(printOf('bookmark', 'fi', manifestNoGs, outNoGs));
    expect(words(cmykText)).toEqual(words(rgbText));
    expect(cmykText).toContain('Tunnista');
    // Nothing turned into stray CJK characters (a Ghostscript ToUnicode pitfall with ligatures).
    expect(cmykText).not.toMatch(/[\u3000-\u9fff]/);
  });

  it('have no RGB left (object scan), and inkcov reads CMYK coverage on every page; the RGB file fails the scan', () => {
    for (const f of [...files(manifest, 'print-pdf'), ...files(manifest, 'sheet')]) {
      expect(rgbUses(abs(f)), f.path).toEqual([]);
      const ink = run('gs', ['-q', '-o', '-', '-sDEVICE=inkcov', abs(f)]).trim().split('\n');
      expect(ink).toHaveLength(2);
      for (const line of ink) expect(line).toMatch(/^\s*[\d.]+\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+CMYK OK$/);
    }
    const rgb = rgbUses(printOf('bookmark', 'fi', manifestNoGs, outNoGs));
    expect(rgb.length).toBeGreaterThan(10);
    // The brand plum as Chromium wrote it, which the CMYK file carries as DeviceCMYK instead.
    expect(rgb).toContain('.2392 .1216 .2784 rg');
  });

  it('carry the brand CMYK values exactly as configured, not through an RGB round trip (sheets too: items are form XObjects there)', () => {
    for (const f of [...files(manifest, 'print-pdf'), ...files(manifest, 'sheet')]) {
      const ops = colourOps(abs(f));
      expect(ops.filter((o) => o.startsWith(PLUM_CMYK)).length, f.path).toBeGreaterThan(0);
      // No value near the brand colour that is not exactly it (what a conversion would leave).
      const plum = PLUM_CMYK.split(' ').map(Number);
      const nearMiss = ops.filter((o) => {
        const v = o.split(' ').slice(0, 4).map(Number);
        const close = v.every((x, i) => Math.abs(x - plum[i]!) < 0.02);
        return close && !o.startsWith(PLUM_CMYK);
      });
      expect(nearMiss, f.path).toEqual([]);
    }
    // Coral too, on the brochure (where it is used).
    expect(colourOps(printOf('brochure', 'fi')).some((o) => o.startsWith('0 0.55 0.55 0 '))).toBe(true);
  });
});

describe('without Ghostscript', () => {
  it('says how to install it, still writes the RGB print PDF and records no CMYK', () => {
    expect(printedNoGs.err).toMatch(/GS_MISSING/);
    expect(printedNoGs.err).toMatch(/apt-get install ghostscript/);
    const [f] = files(manifestNoGs, 'print-pdf');
    expect(f).toBeTruthy();
    expect(f!.colour).toBeUndefined();
    expect(qpdfJson(abs(f!, outNoGs)).catalog['/OutputIntents']).toBeUndefined();
  });
});

describe('fold marks and slug line', () => {
  const MARGIN = 13; // trim edge → media edge (mm)
  it('marks the brochure folds outside the bleed, dashed, top and bottom, at the panel boundaries within 0.1 mm', () => {
    const pdf = printOf('brochure', 'en');
    const folds = [
      [97, 197],
      [100, 200],
    ];
    for (const page of [1, 2]) {
      const g = renderGray(pdf, page, 600, scratch);
      const trimTop = MARGIN + 210;
      // Bands of the marks: 2 … 7 mm outside the bleed (offset 2, length 5), below and above the sheet.
      const bands: [number, number][] = [
        [MARGIN - 3 - 6.8, MARGIN - 3 - 2.2],
        [trimTop + 3 + 2.2, trimTop + 3 + 6.8],
      ];
      for (const [y0, y1] of bands) {
        for (const fold of folds[page - 1]!) {
          const line = verticalLine(g, MARGIN + fold, 1, y0, y1);
          expect(line, `page ${page} fold ${fold} band ${y0}`).toBeTruthy();
          expect(Math.abs(line!.x - (MARGIN + fold)), `page ${page} fold ${fold}`).toBeLessThanOrEqual(0.1);
          // Dashed: inked on part of the band only; the crop marks at the trim edges are solid.
          expect(line!.coverage).toBeGreaterThan(0.3);
          expect(line!.coverage).toBeLessThan(0.85);
          // Nothing in the first 1.5 mm outside the bleed: the mark starts outside it.
          const gap = y0 < MARGIN ? [MARGIN - 3 - 1.5, MARGIN - 3 - 0.3] : [trimTop + 3 + 0.3, trimTop + 3 + 1.5];
          expect(verticalLine(g, MARGIN + fold, 0.5, gap[0]!, gap[1]!)).toBeUndefined();
        }
        for (const edge of [0, 297]) {
          const crop = verticalLine(g, MARGIN + edge, 1, y0, y1)!;
          expect(Math.abs(crop.x - (MARGIN + edge))).toBeLessThanOrEqual(0.1);
          expect(crop.coverage).toBeGreaterThan(0.95);
        }
        // Between the folds, nothing but (at the bottom) the slug text, which stops before the first fold.
        expect(verticalLine(g, MARGIN + 150, 1, y0, y1)).toBeUndefined();
      }
    }
  });

  it('puts campaign, material, language, version, date and page in the slug of every print page', () => {
    const day = manifest.generated.slice(0, 10);
    for (const f of files(manifest, 'print-pdf')) {
      for (const page of [1, 2]) {
        const text = pdfText(abs(f), page).replace(/\s+/g, ' ');
        expect(text, f.path).toContain(`tunnista-vakivalta 2026-11 · ${f.material} · ${f.lang} ·`);
        expect(text).toContain(`· ${day} · ${page}/2`);
      }
    }
  });
});

describe('imposed bookmark sheets (mixed languages)', () => {
  const settings = { gutter: 8, margin: 10, marks: { offset: 2, length: 5, weight: 0.25 } };
  const item = { trim: [50, 180] as [number, number], bleed: 3 };
  const sizes = { a4: [210, 297], sra3: [320, 450] } as const;

  it('writes one A4 (4-up) and one SRA3 (8-up) sheet, front and back, languages in turn', () => {
    const sheets = files(manifest, 'sheet', 'bookmark');
    expect(sheets.map((s) => s.sheet!.size).sort()).toEqual(['a4', 'sra3']);
    for (const s of sheets) {
      const expected = s.sheet!.size === 'a4' ? 4 : 8;
      expect(s.sheet!.cols * s.sheet!.rows).toBe(expected);
      expect(s.sheet!.langs).toEqual(Array.from({ length: expected }, (_, i) => LANGS[i % LANGS.length]));
      expect(s.path).toBe(`sheets/tunnista-vakivalta-bookmark-fi-en-se-smn-sms-sheet-${s.sheet!.size}.pdf`);
      const { pages, boxes } = pdfBoxes(abs(s));
      expect(pages).toBe(2);
      const [w, h] = sizes[s.sheet!.size as 'a4' | 'sra3'];
      expect(Math.abs(boxes[0]!.MediaBox!.w - mmToPt(w))).toBeLessThan(0.01);
      expect(Math.abs(boxes[0]!.MediaBox!.h - mmToPt(h))).toBeLessThan(0.01);
    }
  });

  for (const size of ['a4', 'sra3'] as const) {
    it(`${size}: every item's trim (from the layout) matches its crop marks and its artwork edge within 0.1 mm; the back aligns for a long-edge turn`, async () => {
      const sheet = files(manifest, 'sheet', 'bookmark').find((s) => s.sheet!.size === size)!;
      const [W, H] = sizes[size];
      const layout = bestLayout({ name: size, size: [W, H] }, item, settings);
      expect(layout.slots.length).toBe(sheet.sheet!.cols * sheet.sheet!.rows);
      const b = item.bleed;
      const measured: Record<'front' | 'back', Rect[]> = { front: [], back: [] };
      for (const [page, side] of [[1, 'front'], [2, 'back']] as const) {
        const g = renderGray(abs(sheet), page, 600, scratch);
        for (const slot of layout.slots) {
          const t = side === 'front' ? slot.front : slot.back;
          const what = `${size} ${side} item ${slot.index}`;
          // Crop marks: the common part of gutter and edge marks lies 2.2 … 3.3 mm outside the bleed.
          const xs = [t.x, t.x + t.w].map((x) => {
            const below = verticalLine(g, x, 1, t.y - b - 3.3, t.y - b - 2.2);
            const above = verticalLine(g, x, 1, t.y + t.h + b + 2.2, t.y + t.h + b + 3.3);
            expect(below && above, what).toBeTruthy();
            for (const l of [below!, above!]) {
              expect(Math.abs(l.x - x), `${what} vertical mark at ${x.toFixed(2)}`).toBeLessThanOrEqual(0.1);
              expect(l.coverage).toBeGreaterThan(0.95);
            }
            return (below!.x + above!.x) / 2;
          });
          const ys = [t.y, t.y + t.h].map((y) => {
            const left = horizontalLine(g, y, 1, t.x - b - 3.3, t.x - b - 2.2);
            const right = horizontalLine(g, y, 1, t.x + t.w + b + 2.2, t.x + t.w + b + 3.3);
            expect(left && right, what).toBeTruthy();
            for (const l of [left!, right!]) expect(Math.abs(l.y - y), `${what} horizontal mark at ${y.toFixed(2)}`).toBeLessThanOrEqual(0.1);
            return (left!.y + right!.y) / 2;
          });
          // The artwork's bleed edge is where the marks say: trim ± bleed (walk in from the gutter).
          const midY = t.y + t.h / 2;
          const midX = t.x + t.w / 2;
          const leftEdge = inkEdge(g, 'x', midY, t.x - b - 1.5, t.x + 2)!;
          const rightEdge = inkEdge(g, 'x', midY, t.x + t.w + b + 1.5, t.x + t.w - 2)!;
          const bottomEdge = inkEdge(g, 'y', midX, t.y - b - 1.5, t.y + 2)!;
          const topEdge = inkEdge(g, 'y', midX, t.y + t.h + b + 1.5, t.y + t.h - 2)!;
          expect(Math.abs(leftEdge - (xs[0]! - b)), `${what} left bleed edge`).toBeLessThanOrEqual(0.1);
          expect(Math.abs(rightEdge - (xs[1]! + b)), `${what} right bleed edge`).toBeLessThanOrEqual(0.1);
          expect(Math.abs(bottomEdge - (ys[0]! - b)), `${what} bottom bleed edge`).toBeLessThanOrEqual(0.1);
          expect(Math.abs(topEdge - (ys[1]! + b)), `${what} top bleed edge`).toBeLessThanOrEqual(0.1);
          // The gutter's middle stays paper white: no mark reaches over to the neighbour on the left.
          const col = side === 'front' ? slot.col : layout.cols - 1 - slot.col;
          if (col > 0) expect(pixel(g, t.x - b - settings.gutter / 2, t.y), `${what} gutter`).toBeGreaterThan(250);
          measured[side].push({ x: xs[0]!, y: ys[0]!, w: xs[1]! - xs[0]!, h: ys[1]! - ys[0]! });
        }
      }
      // Long-edge turn: the back of item i is the front of item i mirrored about the sheet's centre line.
      layout.slots.forEach((s, i) => {
        const f = measured.front[i]!;
        const k = measured.back[i]!;
        expect(Math.abs(k.x - (W - f.x - f.w)), `item ${i} x`).toBeLessThanOrEqual(0.1);
        expect(Math.abs(k.y - f.y), `item ${i} y`).toBeLessThanOrEqual(0.1);
        expect(Math.abs(k.w - f.w)).toBeLessThanOrEqual(0.1);
        expect(Math.abs(k.h - f.h)).toBeLessThanOrEqual(0.1);
        void s;
      });
      // …and it is the same language's item: the front's words and the QR code on the mirrored back.
      const png = path.join(scratch, `${size}-back`);
      run('pdftoppm', ['-r', '300', '-f', '2', '-l', '2', '-singlefile', '-png', abs(sheet), png]);
      const langs = sheet.sheet!.langs;
      for (const slot of layout.slots) {
        const lang = langs[slot.index]!;
        const t = slot.front;
        const pt = (mm: number) => Math.round(mmToPt(mm));
        const region = ['-x', String(pt(t.x + 1)), '-y', String(pt(H - t.y - t.h + 1)), '-W', String(pt(t.w - 2)), '-H', String(pt(t.h - 2))];
        const front = run('pdftotext', ['-f', '1', '-l', '1', ...region, '-enc', 'UTF-8', abs(sheet), '-']).split(/\s+/).filter(Boolean);
        // Turned text may be cut into words differently ("HIT TING"): each word must occur in the language's own page.
        const own = pdfText(printOf('bookmark', lang), 1).replace(/\s+/g, '');
        expect(front.length, `${size} item ${slot.index}`).toBeGreaterThan(5);
        expect(front.filter((w) => !own.includes(w)), `${size} item ${slot.index} (${lang}) front words`).toEqual([]);
        const k = slot.back;
        const px = (mm: number) => Math.round((mm / 25.4) * 300);
        const crop = path.join(scratch, `${size}-back-${slot.index}.png`);
        await sharp(`${png}.png`)
          .extract({ left: px(k.x), top: px(H - k.y - k.h), width: px(k.w), height: px(k.h) })
          .toFile(crop);
        expect(zbar(crop), `${size} back of item ${slot.index}`).toEqual([`https://www.lapinensijaturvakoti.fi/tunnista/${lang}/bookmark/`]);
      }
    }, 120_000);
  }
});

describe('PDF/X-1a on request (output.cmyk.pdfx: x1a)', () => {
  const ws1a = copyExample();
  const out1a = tempDir('lehtinen-x1a-');
  let m: Manifest;
  beforeAll(async () => {
    edit(ws1a, 'lehtinen.config.yaml', (text) => {
      const c = YAML.parse(text) as Record<string, Record<string, unknown>>;
      c.output!.cmyk = { enabled: true, pdfx: 'x1a', profile: 'ghostscript-default' };
      return YAML.stringify(c);
    });
    const p = capture();
    const code = await cli(['build', '--root', ws1a, '--out', out1a, '--material', 'card', '--lang', 'en', '--kind', 'print-pdf', '--no-site', '--no-bundles'], {
      stdout: p.stdout,
      stderr: p.stderr,
    });
    expect(code, p.err).toBe(0);
    m = manifestSchema.parse(JSON.parse(readFileSync(path.join(out1a, 'manifest.json'), 'utf8')));
  }, 120_000);
  afterAll(() => [ws1a, out1a].forEach(remove));

  it('writes PDF 1.3 with the PDF/X-1a keys, Ghostscript\'s default CMYK profile as the output intent, CMYK only', () => {
    const [f] = files(m, 'print-pdf');
    expect(f!.colour).toEqual({ space: 'CMYK', pdfx: 'PDF/X-1a:2001', profile: expect.stringContaining('default_cmyk'), profileFile: 'default_cmyk.icc' });
    const file = abs(f!, out1a);
    expect(parseInfo(run('pdfinfo', [file]))['PDF version']).toBe('1.3');
    const { catalog, trailer, objects } = qpdfJson(file);
    const info = (objects[`obj:${String(trailer['/Info'])}`] as { value: Record<string, unknown> }).value;
    expect(qpdfString(info['/GTS_PDFXVersion'])).toBe('PDF/X-1:2001');
    expect(qpdfString(info['/GTS_PDFXConformance'])).toBe('PDF/X-1a:2001');
    expect(catalog['/OutputIntents']).toHaveLength(1);
    expect(rgbUses(file)).toEqual([]);
    const fonts = pdfFonts(file);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) expect(font.emb).toBe(true);
    expect(pdfText(file)).toContain('Recognise');
    const { boxes } = pdfBoxes(file);
    expect(Math.abs(boxes[0]!.TrimBox!.w - mmToPt(85))).toBeLessThanOrEqual(mmToPt(0.05));
  });
});
