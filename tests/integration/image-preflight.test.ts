/**
 * Image preflight in real Chromium: raster images placed by a template (an <img>, a CSS background and
 * the background of an ::after) are measured at their printed size. The resolution lehtinen reports is compared with what poppler's
 * pdfimages reads from the print PDF.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import type { CheckOutput } from '../../src/check/output-schema.js';
import { run as cli } from '../../src/cli/main.js';
import { run } from '../support/tools.js';
import { capture, copyExample, edit, remove } from '../support/workspace.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach(remove));

describe('image preflight', () => {
  it('warns below 300 dpi and fails below 150 dpi at the printed size', async () => {
    const dir = copyExample();
    dirs.push(dir);
    // Three photos of noise (so they stay raster images), 90, 110 and 230 px wide, each printed 20 mm wide.
    const noise = (w: number) => {
      const data = Buffer.alloc(w * w * 3);
      for (let i = 0; i < data.length; i++) data[i] = (i * 7919) % 251;
      return sharp(data, { raw: { width: w, height: w, channels: 3 } }).png().toFile(path.join(dir, 'assets', `photo-${w}.png`));
    };
    await noise(90);
    await noise(230);
    await noise(110);
    edit(dir, 'templates/card/index.hbs', (s) =>
      s.replace(
        '<p class="lang-name"',
        '<img class="photo" src="{{asset "assets/photo-90.png"}}" alt="" style="position:absolute;left:30mm;top:5mm;width:20mm;height:20mm">' +
          '<div class="bg" style="position:absolute;left:52mm;top:5mm;width:20mm;height:20mm;background:url({{asset "assets/photo-230.png"}}) 0 0/cover"></div>' +
          '<style>.deco::after{content:"";position:absolute;left:0;top:0;width:20mm;height:20mm;background:url({{asset "assets/photo-110.png"}}) 0 0/cover}</style>' +
          '<div class="deco" style="position:absolute;left:30mm;top:27mm;width:1mm;height:1mm"></div>\n<p class="lang-name"',
      ),
    );
    const c = capture();
    const code = await cli(['check', '--root', dir, '--lang', 'fi', '--format', 'json'], { stdout: c.stdout, stderr: c.stderr });
    expect(code).toBe(1);
    const found = (JSON.parse(c.out) as CheckOutput).problems.filter((p) => p.code === 'IMAGE_RESOLUTION');
    expect(found.map((p) => `${p.severity} ${p.file} ${p.material} ${JSON.stringify(p.pages)}`)).toEqual([
      'error assets/photo-90.png card [{"material":"card","page":1}]',
      'error assets/photo-110.png card [{"material":"card","page":1}]',
      'warning assets/photo-230.png card [{"material":"card","page":1}]',
    ]);
    const dpi = (m: string) => Number(/, (\d+) dpi/.exec(m)![1]);
    expect(found[0]!.message).toContain('(90×90 px) is printed 20.0×20.0 mm');
    expect(found[1]!.message).toContain('(110×110 px) is printed 20.0×20.0 mm');

    // The print PDF holds both images; pdfimages gives their resolution as placed on the page.
    const b = capture();
    expect(await cli(['build', '--root', dir, '--lang', 'fi', '--material', 'card', '--kind', 'print-pdf', '--no-site', '--no-bundles'], { stdout: b.stdout, stderr: b.stderr })).toBe(1);
    expect(b.err).toMatch(/IMAGE_RESOLUTION.*photo-90\.png/);
    const folder = path.join(dir, 'output', 'fi', 'card');
    const pdf = path.join(folder, readdirSync(folder).find((n) => n.endsWith('-print.pdf'))!);
    const rows = run('pdfimages', ['-list', pdf])
      .split('\n')
      .slice(2)
      .filter((l) => l.trim())
      .map((l) => l.trim().split(/\s+/))
      .filter((r) => r[2] === 'image');
    // Chromium may resample a background by a pixel (230 → 229 px): match the width within one pixel.
    const ppi = (w: number) => rows.filter((r) => Math.abs(Number(r[3]) - w) <= 1).map((r) => Number(r[12]));
    expect(ppi(90).length).toBeGreaterThan(0);
    expect(ppi(230).length).toBeGreaterThan(0);
    expect(ppi(110).length).toBeGreaterThan(0);
    expect(Math.abs(ppi(90)[0]! - dpi(found[0]!.message))).toBeLessThanOrEqual(2);
    expect(Math.abs(ppi(110)[0]! - dpi(found[1]!.message))).toBeLessThanOrEqual(3);
    expect(Math.abs(ppi(230)[0]! - dpi(found[2]!.message))).toBeLessThanOrEqual(4);
  });
});
