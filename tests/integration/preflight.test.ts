/**
 * The preflight of CMYK print files (src/preflight/), end to end through the CLI: a test material with
 * known faults — 8 pt text in a rich black given as exact CMYK, a 340 % area, a 0.1 pt hairline and a
 * 200 px image printed 20 mm wide — is built as CMYK PDF/X and each fault must be found at the place
 * the template puts it. Then the example itself is built as CMYK and must pass every rule, and the
 * check report shows the preflight.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { run as cli } from '../../src/cli/main.js';
import { preflightSchema, type PreflightReport } from '../../src/preflight/report.js';
import { STAMP_FILE } from '../../src/pipeline/stamp.js';
import { run } from '../support/tools.js';
import { capture, copyExample, edit, remove, tempDir } from '../support/workspace.js';

const ws = copyExample();
const scratch = tempDir('lehtinen-pf-');
afterAll(() => [ws, scratch].forEach(remove));

const TEMPLATE = `<section class="page">
  <div class="trim">
    <p class="rich">Rikas musta teksti</p>
    <div class="heavy"></div>
    <svg class="hair" width="30mm" height="2mm" viewBox="0 0 30 2" aria-hidden="true"><line x1="0" y1="1" x2="30" y2="1" stroke="#cc3300" stroke-width="0.03528"/></svg>
    <img class="photo" src="{{asset "assets/probe.png"}}" alt="">
  </div>
</section>
<section class="page"><div class="trim"><p class="fine">Takasivu</p></div></section>
`;
const CSS = `
.trim p { margin: 0; position: absolute; }
.rich { left: 8mm; top: 8mm; font-size: 8pt; line-height: 1; color: var(--color-richblack); }
.heavy { position: absolute; left: 40mm; top: 20mm; width: 20mm; height: 15mm; background: var(--color-heavy); }
.hair { position: absolute; left: 10mm; top: 39mm; display: block; }
.photo { position: absolute; left: 60mm; top: 40mm; width: 20mm; height: 10mm; display: block; }
.fine { left: 8mm; top: 8mm; font-size: 14pt; color: var(--color-plum); }
`;

async function build(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const c = capture();
  const code = await cli(['build', '--root', ws, '--no-site', '--no-bundles', ...args], { stdout: c.stdout, stderr: c.stderr });
  return { code, out: c.out, err: c.err };
}
const report = (): PreflightReport => preflightSchema.parse(JSON.parse(readFileSync(path.join(ws, 'output', 'preflight.json'), 'utf8')));

let failed: Awaited<ReturnType<typeof build>>;
let leftAfterFail: string[] = [];
let probe: PreflightReport;

beforeAll(async () => {
  edit(ws, 'lehtinen.config.yaml', (text) => {
    const c = YAML.parse(text) as { brand: { colors: Record<string, string>; cmyk: Record<string, unknown> }; materials: Record<string, unknown> };
    c.brand.colors.richblack = '#151515';
    c.brand.colors.heavy = '#2b2b2b';
    // exact values, so the K-only default does not apply: a designer's rich black and a 340 % fill
    c.brand.cmyk.richblack = [60, 50, 50, 100];
    c.brand.cmyk.heavy = [85, 85, 85, 85];
    c.materials.probe = { format: 'wallet-card', template: 'probe', bleed: 3, safe: 3 };
    return YAML.stringify(c);
  });
  mkdirSync(path.join(ws, 'templates', 'probe'));
  writeFileSync(path.join(ws, 'templates', 'probe', 'index.hbs'), TEMPLATE);
  writeFileSync(path.join(ws, 'templates', 'probe', 'style.css'), CSS);
  writeFileSync(path.join(ws, 'locales', 'fi', 'probe.json'), JSON.stringify({ title: 'Koevedos' }));
  // 200 × 100 px printed 20 × 10 mm: 254 dpi
  await sharp({ create: { width: 200, height: 100, channels: 3, background: '#3a7d44' } }).png().toFile(path.join(ws, 'assets', 'probe.png'));

  failed = await build(['--material', 'probe', '--lang', 'fi', '--kind', 'print-pdf', '--cmyk']);
  leftAfterFail = ['preflight.json', 'manifest.json', 'fi/probe/tunnista-vakivalta-probe-fi-print.pdf'].filter((f) => existsSync(path.join(ws, 'output', f)));
  const allowed = await build(['--material', 'probe', '--lang', 'fi', '--kind', 'print-pdf', '--cmyk', '--allow-preflight']);
  expect(allowed.code, allowed.err).toBe(0);
  probe = report();
}, 300_000);

const rule = (r: PreflightReport, id: string, file = 0) => r.files[file]!.rules.find((x) => x.id === id)!;

describe('preflight of a CMYK file with known faults', () => {
  it('fails the build with the rule, the place and the colour, and writes nothing', () => {
    expect(failed.code).toBe(1);
    expect(failed.err).toMatch(/PREFLIGHT_FAILED/);
    expect(failed.err).toMatch(/Dark small text in one ink/);
    expect(failed.err).toMatch(/--allow-preflight/);
    expect(leftAfterFail).toEqual([]);
    // the second build, with --allow-preflight, wrote the file and its report
    expect(probe.files.map((f) => f.path)).toEqual(['fi/probe/tunnista-vakivalta-probe-fi-print.pdf']);
  });

  it('finds the 8 pt rich-black text where the template sets it, with its four inks', () => {
    const r = rule(probe, 'dark-text-one-ink');
    expect(r.status).toBe('fail');
    expect(r.count).toBe(1);
    const f = r.findings[0]!;
    expect(f.page).toBe(1);
    expect(f.value).toBeCloseTo(8, 1);
    expect(f.colour).toBe('C60 M50 Y50 K100');
    expect(f.xMm).toBeCloseTo(8, 0);
    // the baseline: below the top of the line box (8 mm), within its 8 pt height (2.8 mm)
    expect(f.yMm).toBeGreaterThan(8);
    expect(f.yMm).toBeLessThan(8 + 2.9);
    expect(rule(probe, 'small-text-inks').findings[0]!.colour).toBe('C60 M50 Y50 K100');
  });

  it('finds the 340 % area: its maximum and where it lies, from the tiffsep separations', () => {
    const r = rule(probe, 'total-area-coverage');
    expect(r.status).toBe('fail');
    const f = r.findings[0]!;
    expect(f.value).toBeGreaterThanOrEqual(338);
    expect(f.value).toBeLessThanOrEqual(341);
    const [x0, y0, x1, y1] = f.box!;
    expect(x0).toBeCloseTo(40, 0);
    expect(x1).toBeCloseTo(60, 0);
    expect(y0).toBeCloseTo(20, 0);
    expect(y1).toBeCloseTo(35, 0);
    expect(r.measured).toMatch(/^max 3[34]\d(\.\d)? %/);
  });

  it('finds the 0.1 pt hairline from its start to its end', () => {
    const r = rule(probe, 'hairline');
    expect(r.status).toBe('fail');
    expect(r.count).toBe(1);
    const f = r.findings[0]!;
    expect(f.value).toBeCloseTo(0.1, 2);
    expect(f.xMm).toBeCloseTo(10, 0);
    expect(f.yMm).toBeCloseTo(40, 0);
  });

  it('measures the image at its printed size (254 dpi: a warning)', () => {
    const r = rule(probe, 'image-resolution');
    expect(r.status).toBe('warn');
    const f = r.findings[0]!;
    expect(f.value).toBeGreaterThanOrEqual(252);
    expect(f.value).toBeLessThanOrEqual(256);
    expect(f.xMm).toBeCloseTo(60, 0);
    expect(f.yMm).toBeCloseTo(40, 0);
  });

  it('warns that the rich black (K 100) text knocks out, and passes what is right', () => {
    const ko = rule(probe, 'black-text-overprint');
    expect(ko.status).toBe('warn');
    expect(ko.findings.map((f) => [f.page, Math.round(f.xMm)])).toEqual([[1, 8]]);
    // 14 pt plum on page 2: not small, not below 5 pt; the orange hairline is not dark
    expect(rule(probe, 'min-text-size').findings.map((f) => `${f.page} ${f.xMm} ${f.yMm} ${f.message}`)).toEqual([]);
    expect(rule(probe, 'dark-line-one-ink').status).toBe('pass');
    expect(probe.files[0]!.status).toBe('fail');
    expect(probe.status).toBe('fail');
  });
});

describe('the example as CMYK', () => {
  let example: PreflightReport;
  let html: string;
  beforeAll(async () => {
    const r = await build(['--material', 'brochure,card,bookmark', '--lang', 'fi,sms', '--kind', 'print-pdf', '--cmyk']);
    expect(r.code, r.err).toBe(0);
    example = report();
    const c = capture();
    expect(await cli(['check', '--root', ws, '--report', '--no-layout', '--lang', 'fi'], { stdout: c.stdout, stderr: c.stderr }), c.err).toBe(0);
    html = readFileSync(path.join(ws, 'output', 'report', 'index.html'), 'utf8');
  }, 300_000);

  it('passes every rule in every print PDF, with the coverage measured per page', () => {
    const mine = example.files.filter((f) => f.material !== 'probe');
    expect(mine.map((f) => f.variant).sort()).toEqual(['bookmark-fi', 'bookmark-sms', 'brochure-fi', 'brochure-sms', 'card-fi', 'card-sms']);
    for (const f of mine) {
      expect(f.rules.filter((r) => r.status !== 'pass').map((r) => `${f.variant} ${r.id}: ${r.measured}`)).toEqual([]);
      expect(f.coverage).toHaveLength(2);
      for (const c of f.coverage) expect(c.maxTac).toBeLessThanOrEqual(300);
    }
    // the earlier probe file is still in the output and keeps its result
    expect(example.files.find((f) => f.material === 'probe')?.status).toBe('fail');
  });

  it('sets the body text in 100 K that overprints (the near-black ink #231a27 would be C73 M77 Y56 K71)', () => {
    const fi = example.files.find((f) => f.variant === 'bookmark-fi')!;
    expect(rule(example, 'black-text-overprint', example.files.indexOf(fi)).measured).toMatch(/^[1-9]\d* black text run\(s\), all overprint/);
    // Read back with qpdf: the 100 K fill and the overprint ExtGState are in the content streams.
    const qdf = path.join(scratch, 'bookmark.qdf');
    run('qpdf', ['--qdf', '--object-streams=disable', path.join(ws, 'output', fi.path), qdf]);
    const text = readFileSync(qdf, 'latin1');
    expect(text).toMatch(/\b0 0 0 1 k\b/);
    // pdfwrite keeps only what changes: fill overprint (op) with OPM 1
    expect(text).toMatch(/\/op true/);
    expect(text).toMatch(/\/OPM 1/);
    expect(text).not.toMatch(/0\.72\d* 0\.77\d* 0\.55\d* 0\.7\d* k/);
  });

  it('keeps the report when the files are reused from the build cache', async () => {
    const before = example.files.map((f) => [f.path, f.checked]);
    // Without the up-to-date stamp, so that this build goes through the build cache (pipeline/stamp.ts would stop it earlier).
    rmSync(path.join(ws, 'output', STAMP_FILE));
    const r = await build(['--material', 'brochure,card,bookmark', '--lang', 'fi,sms', '--kind', 'print-pdf', '--cmyk']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/reused 6/);
    expect(report().files.map((f) => [f.path, f.checked])).toEqual(before);
  });

  it('shows the preflight in the check report: each file, rule, limit, measured value and result', () => {
    expect(html).toContain('id="preflight"');
    expect(html).toContain('fi/bookmark/tunnista-vakivalta-bookmark-fi-print.pdf');
    expect(html).toContain('Total area coverage');
    expect(html).toContain('at most 300 %');
    expect(html).toMatch(/<span class="pf pf-fail">fail<\/span> <code>fi\/probe\//);
    expect(html).toMatch(/340(\.\d)? % ink/);
    expect(existsSync(path.join(ws, 'output', 'preflight.json'))).toBe(true);
  });
});
