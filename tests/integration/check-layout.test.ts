/**
 * The checks that lay pages out in real Chromium (QR print size, thumbnails for the report) and proofs
 * (`build --proof`), read back with poppler and sharp.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { CheckOutput } from '../../src/check/output-schema.js';
import { run as cli } from '../../src/cli/main.js';
import { manifestSchema } from '../../src/output/manifest.js';
import { pdfText } from '../support/tools.js';
import { capture, edit, exampleCopies } from '../support/workspace.js';

const fresh = exampleCopies();

describe('check with layout', () => {
  it('writes a self-contained report with the matrix, findings and page thumbnails', async () => {
    const dir = fresh();
    const c = capture();
    const code = await cli(['check', '--root', dir, '--report'], { stdout: c.stdout, stderr: c.stderr });
    expect(code, c.err).toBe(0);
    const file = path.join(dir, 'output/report/index.html');
    expect(existsSync(file)).toBe(true);
    const html = readFileSync(file, 'utf8');
    // self-contained: no request leaves the file
    expect(html).not.toMatch(/\b(?:src|href)="(?!#|data:)/);
    expect(html).not.toMatch(/url\((?!data:)/);
    expect(html).toContain("default-src 'none'");
    // the matrix and the languages
    expect(html).toMatch(/<th scope="row">card<\/th>/);
    expect(html).toMatch(/<th scope="col" lang="sms">sääʹmǩiõll/);
    // a finding with its key, source, translation and the page it is printed on, outlined
    expect(html).toContain('brochure:sections.forms.items.2.text');
    expect(html).toMatch(/<q lang="sms">Seksa diõtt pâkkeem/);
    expect(html).toMatch(/role="img" aria-label="brochure, page 2 \(sääʹmǩiõll\), the string outlined"><span class="hit"/);
    // thumbnails: real WebP images of every page (3 materials × 5 languages × 2 pages)
    const images = [...html.matchAll(/url\(data:image\/webp;base64,([A-Za-z0-9+/=]+)\)/g)].map((m) => Buffer.from(m[1]!, 'base64'));
    expect(images).toHaveLength(30);
    const meta = await sharp(images[0]!).metadata();
    expect(meta.format).toBe('webp');
    expect(Math.max(meta.width!, meta.height!)).toBe(360);
  });

  it('outlines an overflowing frame on its page thumbnail in the report', async () => {
    const dir = fresh();
    const long = Array.from({ length: 30 }, (_, i) => `Hyvin pitkä lause numero ${i + 1} ei mahdu kirjanmerkkiin.`).join(' ');
    edit(dir, 'locales/fi/bookmark.json', (t) => {
      const j = JSON.parse(t) as { sections: { forms: { items: { text: string }[] } } };
      j.sections.forms.items[0]!.text = long;
      return JSON.stringify(j, null, 2);
    });
    const c = capture();
    expect(await cli(['check', '--root', dir, '--lang', 'fi', '--format', 'json', '--report'], { stdout: c.stdout, stderr: c.stderr })).toBe(1);
    const over = (JSON.parse(c.out) as CheckOutput).problems.filter((p) => p.code === 'FRAME_OVERFLOW');
    expect(over).toHaveLength(1);
    const { frame, pages } = over[0]!;
    expect(frame).toMatch(/\S/);
    expect(over[0]!.message).toContain(`frame "${frame}"`);
    const html = readFileSync(path.join(dir, 'output/report/index.html'), 'utf8');
    const m = new RegExp(`aria-label="bookmark, page ${pages![0]!.page} \\(suomi\\), frame &quot;${frame}&quot; outlined"><span class="hit frame" style="left:([\\d.]+)%;top:([\\d.]+)%;width:([\\d.]+)%;height:([\\d.]+)%"`).exec(html);
    expect(m, 'a dashed outline of the frame over the thumbnail').not.toBeNull();
    const [left, top, width, height] = m!.slice(1).map(Number) as [number, number, number, number];
    // A text frame of the bookmark: inside the trim, a real share of the page.
    expect(left).toBeGreaterThan(0);
    expect(top).toBeGreaterThan(0);
    expect(left + width).toBeLessThan(100);
    expect(top + height).toBeLessThan(100);
    expect(width).toBeGreaterThan(50);
  });

  it('measures the printed QR code: too small a module for its version is an error', async () => {
    const dir = fresh();
    const ok = capture();
    expect(await cli(['check', '--root', dir, '--lang', 'sms', '--format', 'json'], { stdout: ok.stdout, stderr: ok.stderr }), ok.err).toBe(0);
    expect((JSON.parse(ok.out) as CheckOutput).problems.filter((p) => p.code.startsWith('QR'))).toEqual([]);

    edit(dir, 'locales/sms/common.json', (s) => s.replace('"title": "Veäʹǩǩvueʹjj liâ taʹrjjeemnalla!"', '"title": "Veäʹǩǩvueʹjj liâ taʹrjjeemnalla! 🙂"'));
    edit(dir, 'templates/card/style.css', (s) => s.replace('.back .qr-box svg { width: 17mm; height: 17mm;', '.back .qr-box svg { width: 14mm; height: 14mm;'));
    const c = capture();
    const code = await cli(['check', '--root', dir, '--lang', 'sms', '--format', 'json'], { stdout: c.stdout, stderr: c.stderr });
    expect(code).toBe(1);
    const qr = (JSON.parse(c.out) as CheckOutput).problems.filter((p) => p.code === 'QR_MODULE_TOO_SMALL');
    expect(qr).toHaveLength(1);
    expect(qr[0]).toMatchObject({ material: 'card', lang: 'sms', pages: [{ material: 'card', page: 2 }] });
    // 14 mm over 33 + 8 modules (version 4) = 0.341 mm; at least 0.4 × 41 = 16.4 mm is needed
    expect(qr[0]!.message).toContain('printed 14.0 mm wide');
    expect(qr[0]!.message).toContain('version 4 (33 modules + 8 quiet zone), so a module is 0.341 mm');
    expect(qr[0]!.hint).toContain('at least 16.4 mm');
    // laid out, a missing glyph names the face the string is really set in (the heading: ExtraBold)
    const glyph = (JSON.parse(c.out) as CheckOutput).problems.filter((p) => p.code === 'GLYPH_MISSING');
    expect(glyph.map((p) => `${p.key} ${p.message}`)).toEqual(['common:help.title U+1F642 🙂 is not in assets/fonts/NotoSans-ExtraBold.ttf, the font it is set in']);
  });
});

describe('build --proof', () => {
  it('marks non-final strings, labels every page and never looks like the print file', async () => {
    const dir = fresh();
    edit(dir, 'locales/fi/common.json', (s) => s.replace('"title": "Apua on saatavilla"', '"title": "Apua on aina saatavilla"'));
    const c = capture();
    const code = await cli(['build', '--root', dir, '--proof', '--lang', 'sms', '--material', 'card', '--kind', 'print-pdf,web-pdf,preview'], { stdout: c.stdout, stderr: c.stderr });
    expect(code, c.err).toBe(0);
    expect(c.err).toMatch(/warning OUTDATED \[sms\] 1 string\(s\) are outdated/);
    const outDir = path.join(dir, 'output/proof');
    const manifest = manifestSchema.parse(JSON.parse(readFileSync(path.join(outDir, 'manifest.json'), 'utf8')));
    expect(manifest.proof).toBe(true);
    expect(existsSync(path.join(dir, 'output/manifest.json'))).toBe(false);
    const files = manifest.variants[0]!.files;
    for (const f of files) expect(f.path).toMatch(/-proof(-print|-web|-p\d)\.(pdf|webp)$/);
    expect(manifest.variants[0]!.strings.outdated).toBe(1);
    const print = path.join(outDir, files.find((f) => f.kind === 'print-pdf')!.path);
    const text = pdfText(print);
    expect(text).toContain('VEDOS / PROOF — not for print: 9 draft, 1 outdated, 0 fallback');
    // the label on the page itself, also in the web PDF and previews
    const web = pdfText(path.join(outDir, files.find((f) => f.kind === 'web-pdf')!.path));
    expect(web).toMatch(/VEDOS \/ PROOF · sms · not for print · marked: 9 draft, 1 outdated/);
    // the marks are drawn: the preview of page 2 has the red label's pixels in its top-left corner
    const preview = path.join(outDir, files.find((f) => f.kind === 'preview' && f.page === 2)!.path);
    const { data, info } = await sharp(preview).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const px = (x: number, y: number) => [...data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3)];
    const [r, g, b] = px(3, 3);
    expect(r).toBeGreaterThan(150);
    expect(g).toBeLessThan(60);
    expect(b).toBeLessThan(90);
  });
});

describe('previews of the last build', () => {
  it('serve as report thumbnails while current, and XLIFF units link to them', async () => {
    const dir = fresh();
    const b = capture();
    expect(await cli(['build', '--root', dir, '--lang', 'sms', '--material', 'card', '--kind', 'preview'], { stdout: b.stdout, stderr: b.stderr }), b.err).toBe(0);
    const c = capture();
    expect(await cli(['check', '--root', dir, '--lang', 'sms', '--no-layout', '--report'], { stdout: c.stdout, stderr: c.stderr }), c.err).toBe(0);
    const html = readFileSync(path.join(dir, 'output/report/index.html'), 'utf8');
    expect(html).toContain('Thumbnails are the previews of the last build');
    expect([...html.matchAll(/url\(data:image\/webp;base64,/g)]).toHaveLength(2);

    const x = capture();
    expect(await cli(['xliff', 'export', '--root', dir, '--lang', 'sms'], { stdout: x.stdout, stderr: x.stderr }), x.err).toBe(0);
    const xlf = readFileSync(path.join(dir, 'output/xliff/tunnista-vakivalta-sms.xlf'), 'utf8');
    expect(xlf).toMatch(/<unit id="help.lines.nollalinja.note"[\s\S]*?<note category="preview">\.\.\/sms\/card\/tunnista-vakivalta-card-sms-p2\.webp<\/note>/);

    // a locale edited after the build: its previews no longer show the page, so none are used
    edit(dir, 'locales/sms/common.json', (s) => s.replace('Nollalinja', 'Nollalinja '));
    const d = capture();
    await cli(['check', '--root', dir, '--lang', 'sms', '--no-layout', '--report'], { stdout: d.stdout, stderr: d.stderr });
    expect(readFileSync(path.join(dir, 'output/report/index.html'), 'utf8')).not.toContain('url(data:image/webp');
  });
});
