import { cmyk, PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/preflight/preflight.js';
import { DEFAULT_LIMITS } from '../../src/preflight/rules.js';
import { scanPdf, type PageScan } from '../../src/preflight/scan.js';

const limits = { ...DEFAULT_LIMITS, tac: 300 };
const MM = 72 / 25.4;

/** A 100 × 60 mm page with 3 mm bleed and 10 mm for marks, like lehtinen's print pages. */
async function page(draw: (p: ReturnType<PDFDocument['addPage']>, font: Awaited<ReturnType<PDFDocument['embedFont']>>) => void): Promise<PageScan[]> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const m = 13 * MM;
  const p = doc.addPage([100 * MM + 2 * m, 60 * MM + 2 * m]);
  p.setTrimBox(m, m, 100 * MM, 60 * MM);
  p.setBleedBox(m - 3 * MM, m - 3 * MM, 106 * MM, 66 * MM);
  draw(p, font);
  return scanPdf(await PDFDocument.load(await doc.save()));
}
const at = (xMm: number, yMm: number) => ({ x: 13 * MM + xMm * MM, y: 13 * MM + (60 - yMm) * MM });

describe('the content scan (scan.ts) and the rules (preflight.ts)', () => {
  it('reads text size, position and inks, and fails dark small text in four inks', async () => {
    const scans = await page((p, font) => {
      p.drawText('rich', { ...at(10, 20), size: 8, font, color: cmyk(0.6, 0.5, 0.5, 1) });
      p.drawText('big', { ...at(10, 40), size: 12, font, color: cmyk(0.6, 0.5, 0.5, 1) });
      p.drawText('k', { ...at(50, 20), size: 8, font, color: cmyk(0, 0, 0, 1) });
    });
    const t = scans[0]!.texts;
    expect(t).toHaveLength(3);
    expect(t[0]!.size).toBeCloseTo(8, 5);
    expect(t[0]!.inks).toEqual({ Cyan: 0.6, Magenta: 0.5, Yellow: 0.5, Black: 1 });
    const r = evaluate(scans, [], limits);
    const dark = r.rules.find((x) => x.id === 'dark-text-one-ink')!;
    // 12 pt is not "below 12 pt"; the 100 K text is one ink
    expect(dark.findings.map((f) => [f.xMm, f.yMm, f.colour, f.value])).toEqual([[10, 20, 'C60 M50 Y50 K100', 8]]);
    expect(dark.status).toBe('fail');
    expect(r.rules.find((x) => x.id === 'small-text-inks')!.count).toBe(1);
    // neither black text overprints (no ExtGState): both knock out
    expect(r.rules.find((x) => x.id === 'black-text-overprint')!.count).toBe(3);
  });

  it('finds hairlines and dark fine lines, stroked or filled, and ignores marks outside the bleed', async () => {
    const scans = await page((p) => {
      p.drawLine({ start: at(10, 30), end: at(90, 30), thickness: 0.1, color: cmyk(0, 0.8, 1, 0) });
      p.drawRectangle({ ...at(10, 50), width: 80 * MM, height: 0.3, color: cmyk(0.5, 0.5, 0.5, 0.9) });
      // a crop mark: registration colour, 0.25 pt, outside the bleed
      p.drawLine({ start: { x: 2 * MM, y: 13 * MM }, end: { x: 8 * MM, y: 13 * MM }, thickness: 0.2, color: cmyk(1, 1, 1, 1) });
    });
    const r = evaluate(scans, [], limits);
    const hair = r.rules.find((x) => x.id === 'hairline')!;
    expect(hair.findings.map((f) => [f.xMm, f.yMm, f.value])).toEqual([[10, 30, 0.1]]);
    const dark = r.rules.find((x) => x.id === 'dark-line-one-ink')!;
    expect(dark.findings.map((f) => [f.xMm, f.yMm, f.value, f.colour])).toEqual([[10, 49.9, 0.3, 'C50 M50 Y50 K90']]); // its top edge: the rectangle rises 0.3 pt from 50 mm
  });

  it('fails coverage above the limit, only warns for a speck, and warns when it could not be measured', () => {
    const scan: PageScan = { page: 1, trim: [0, 0, 100, 100], bleed: [-10, -10, 110, 110], texts: [], lines: [], images: [] };
    const cov = (overArea: number) => [{ page: 1, maxTac: 340, maxAt: [50, 50] as [number, number], overArea, overBox: [40, 40, 60, 60] as [number, number, number, number], average: {}, inks: [] }];
    const tac = (r: ReturnType<typeof evaluate>) => r.rules.find((x) => x.id === 'total-area-coverage')!;
    expect(tac(evaluate([scan], cov(5), limits)).status).toBe('fail');
    expect(tac(evaluate([scan], cov(0.2), limits)).status).toBe('warn');
    expect(tac(evaluate([scan], cov(5), { ...limits, tac: 350 })).status).toBe('pass');
    const none = tac(evaluate([scan], [], limits, 'not measured: Ghostscript failed (x)'));
    expect([none.status, none.measured]).toEqual(['warn', 'not measured: Ghostscript failed (x)']);
  });
});
