/**
 * --kind html (#15 item 7): each variant's composed HTML in a folder with the files it uses, which opens
 * from disk in a browser with the network blocked: moved to another place, every request stays inside
 * the folder, the workspace fonts load, and a PDF printed from it uses only those fonts.
 */
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrowser } from '../../src/browser/find.js';
import { CHROME_ARGS } from '../../src/browser/session.js';
import { run as cli } from '../../src/cli/main.js';
import { manifestSchema, type Manifest } from '../../src/output/manifest.js';
import { pdfFonts, pdfText } from '../support/tools.js';
import { capture, remove, REPO, tempDir } from '../support/workspace.js';

const dirs: string[] = [];
let out: string;
let manifest: Manifest;
let summary: string;
let browser: Browser;

beforeAll(async () => {
  out = tempDir('lehtinen-html-');
  dirs.push(out);
  const io = capture();
  const code = await cli(['build', '--root', REPO, '--out', out, '--kind', 'html', '--material', 'card,brochure', '--lang', 'fi,sms', '--no-site', '--no-bundles'], io);
  expect(code, io.err).toBe(0);
  summary = io.out;
  manifest = manifestSchema.parse(JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')));
  browser = await puppeteer.launch({ executablePath: (await findBrowser()).path, headless: true, args: CHROME_ARGS });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  dirs.forEach(remove);
});

describe('--kind html', () => {
  it('writes index.html and the workspace files it uses per variant, listed in the manifest', () => {
    expect(summary).toMatch(/built 4 variant\(s\)/);
    for (const v of manifest.variants) {
      const files = v.files.map((f) => f.path);
      expect(v.files.every((f) => f.kind === 'html')).toBe(true);
      const dir = `${v.lang}/${v.material}/tunnista-vakivalta-${v.material}-${v.lang}-html`;
      expect(files).toContain(`${dir}/index.html`);
      expect(files).toContain(`${dir}/assets/fonts/NotoSans-Regular.ttf`);
      expect(files.filter((f) => f.startsWith(`${dir}/assets/logo/`)).length).toBeGreaterThan(0);
      for (const f of files) expect(existsSync(path.join(out, f)), f).toBe(true);
      const html = readFileSync(path.join(out, dir, 'index.html'), 'utf8');
      expect(html).not.toContain('lehtinen.invalid');
      expect(html).toMatch(/font-src 'self'/);
    }
    // No PDFs or images: the browser was not needed.
    expect(readdirSync(path.join(out, 'fi/card'))).toEqual(['tunnista-vakivalta-card-fi-html']);
  });

  it('opens from disk, moved elsewhere, with the network blocked: requests stay in the folder, fonts load', async () => {
    for (const v of manifest.variants) {
      const name = `tunnista-vakivalta-${v.material}-${v.lang}-html`;
      // Moved: a folder that worked only in place (absolute paths, files outside it) fails here.
      const moved = path.join(tempDir('lehtinen-html-moved-'), name);
      dirs.push(path.dirname(moved));
      cpSync(path.join(out, v.lang, v.material, name), moved, { recursive: true });
      const page = await browser.newPage();
      try {
        await page.setJavaScriptEnabled(false);
        await page.setRequestInterception(true);
        const refused: string[] = [];
        const inside = pathToFileURL(moved).href + '/';
        page.on('request', (r) => {
          const url = r.url();
          if (url.startsWith(inside) || url.startsWith('data:')) void r.continue();
          else {
            refused.push(url);
            void r.abort();
          }
        });
        const failed: string[] = [];
        page.on('requestfailed', (r) => failed.push(r.url()));
        await page.goto(pathToFileURL(path.join(moved, 'index.html')).href, { waitUntil: 'load' });
        const fonts = await page.evaluate(async () => {
          await document.fonts.ready;
          return [...document.fonts].map((f) => ({ face: `${f.family} ${f.weight} ${f.style}`, status: f.status }));
        });
        expect(refused, v.material).toEqual([]);
        expect(failed, v.material).toEqual([]);
        expect(fonts.filter((f) => f.status === 'error')).toEqual([]);
        expect(fonts.filter((f) => f.status === 'loaded').map((f) => f.face)).toContain('"Noto Sans" 400 normal'.replace(/"/g, ''));
        expect(await page.$$eval('.page', (p) => p.length)).toBe(v.pages);
        const pdf = path.join(path.dirname(moved), 'printed.pdf');
        await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
        // Only the workspace's faces, no system fallback; the Skolt text is there with its ʹ.
        const names = pdfFonts(pdf).map((f) => f.name.replace(/^[A-Z]{6}\+/, ''));
        expect(names.length).toBeGreaterThan(0);
        expect(names.every((n) => n.startsWith('NotoSans-')), names.join(', ')).toBe(true);
        if (v.lang === 'sms') expect(pdfText(pdf)).toContain('ʹ');
      } finally {
        await page.close();
      }
    }
  }, 180_000);
});
