/**
 * Distribution, on one real build of the example: the downloads site from a plain static host in real
 * Chromium (axe-core injected into each page), the zips read back with unzip, and the web PDFs checked
 * for PDF/UA-1 by lehtinen's checker and read back independently with qpdf and poppler.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import type { Browser, Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as cli } from '../../src/cli/main.js';
import { manifestSchema, type Manifest } from '../../src/output/manifest.js';
import { sitePageFor } from '../../src/site/build-site.js';
import { checkPdfUa, checkSavedPdfUa, RULES } from '../../src/output/pdf-ua-check.js';
import { run, qpdfJson, qpdfString, parseInfo } from '../support/tools.js';
import { serveFolder, testBrowser, type StaticHost } from '../support/site-server.js';
import { capture, remove, REPO, tempDir } from '../support/workspace.js';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const out = tempDir('lehtinen-site-');
const site = path.join(out, 'site');
let manifest: Manifest;
let host: StaticHost;
let browser: Browser;
/** every request any page made, to prove the site needs nothing from elsewhere */
const requests: string[] = [];

const locale = (lang: string, ns: string) => JSON.parse(readFileSync(path.join(REPO, 'locales', lang, `${ns}.json`), 'utf8'));
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

function htmlPages(dir: string, rel = ''): string[] {
  return readdirSync(path.join(dir, rel)).flatMap((name) => {
    const r = rel ? `${rel}/${name}` : name;
    if (r === 'files' || r === 'assets') return [];
    if (statSync(path.join(dir, r)).isDirectory()) return htmlPages(dir, r);
    return name.endsWith('.html') ? [r] : [];
  });
}

async function open(rel: string, width = 1280): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewport({ width, height: 900 });
  // axe-core is injected as a script; the site's own CSP (no scripts at all) would refuse it.
  await page.setBypassCSP(true);
  page.on('request', (r) => requests.push(r.url()));
  const res = await page.goto(`${host.base}/${rel}`, { waitUntil: 'load' });
  expect(res?.status(), rel).toBe(200);
  await page.evaluate(() => document.fonts.ready);
  return page;
}

beforeAll(async () => {
  const printed = capture();
  const code = await cli(['build', '--root', REPO, '--out', out], printed);
  expect(code, printed.err).toBe(0);
  expect(printed.err).not.toMatch(/SITE_QR/);
  // the web PDFs pass the PDF/UA-1 checks the build runs on them (a finding is a PDF_UA warning)
  expect(printed.err).not.toMatch(/PDF_UA/);
  manifest = manifestSchema.parse(JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')));
  host = await serveFolder(site);
  browser = await testBrowser();
});
afterAll(async () => {
  await browser?.close();
  await host?.close();
  remove(out);
});

describe('the downloads site', () => {
  it('has an index, a page per language and a page per material and language', () => {
    const pages = htmlPages(site).sort();
    const want = ['index.html', ...manifest.languages.flatMap((l) => [`${l.code}/index.html`, ...['brochure', 'card', 'bookmark'].map((m) => `${l.code}/${m}/index.html`)])];
    expect(pages).toEqual(want.sort());
    expect(manifest.site).toBe('site/');
  });

  it('every QR payload of the manifest opens its material page, in its language', async () => {
    const base = manifest.workspace.baseUrl.replace(/\/+$/, '') + '/';
    for (const v of manifest.variants) {
      const rel = sitePageFor(v.qr, base);
      expect(rel, v.qr).toBe(`${v.lang}/${v.material}/index.html`);
      expect(existsSync(path.join(site, rel!)), v.qr).toBe(true);
    }
    // The folder URL itself (as the QR code has it) is served by a static host.
    const page = await open('sms/card/');
    expect(await page.evaluate(() => [document.documentElement.lang, document.querySelector('h1')?.textContent])).toEqual([
      'sms',
      manifest.variants.find((v) => v.material === 'card' && v.lang === 'sms')!.title,
    ]);
    await page.close();
  });

  it('every page: links resolve to existing files, no axe-core violations (WCAG 2.1 AA), alt texts in the page language', async () => {
    const axeSource = readFileSync(AXE, 'utf8');
    const base = manifest.workspace.baseUrl.replace(/\/+$/, '') + '/';
    for (const rel of htmlPages(site)) {
      const page = await open(rel);
      // Lazy images below the fold: load them now, then check that every one decodes.
      await page.evaluate(() => Promise.all([...document.images].map((i) => ((i.loading = 'eager'), i.decode().catch(() => undefined)))));
      const info = await page.evaluate(() => ({
        lang: document.documentElement.lang,
        refs: [...document.querySelectorAll('a[href], link[href], img[src]')].map((e) => e.getAttribute('href') ?? e.getAttribute('src')!),
        imgs: [...document.images].map((i) => ({ alt: i.getAttribute('alt'), lang: i.closest('[lang]')?.getAttribute('lang'), ok: i.complete && i.naturalWidth > 0 })),
        scripts: document.scripts.length,
      }));
      expect(info.scripts, rel).toBe(0);
      for (const ref of info.refs) {
        if (ref.startsWith('#')) continue;
        if (/^https?:/.test(ref)) {
          // Absolute links: the published addresses of this site (canonical, hreflang), or the organisation's website.
          if (ref.startsWith(base)) expect(existsSync(path.join(site, sitePageFor(ref, base)!)), `${rel}: ${ref}`).toBe(true);
          else expect(ref, rel).toBe('https://www.lapinensijaturvakoti.fi');
          continue;
        }
        const target = path.posix.join(path.posix.dirname(rel), decodeURIComponent(ref));
        expect(existsSync(path.join(site, target)), `${rel}: ${ref}`).toBe(true);
      }
      expect(info.imgs.length, rel).toBeGreaterThan(0);
      for (const img of info.imgs) {
        expect(img.ok, `${rel}: image loads`).toBe(true);
        expect(img.alt?.trim(), `${rel}: alt`).toBeTruthy();
        expect(img.lang, `${rel}: alt language`).toBe(info.lang);
      }
      await page.addScriptTag({ content: axeSource });
      const result = await page.evaluate(async (tags) => {
        const axe = (window as unknown as { axe: { run(o: unknown): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[]; passes: unknown[] }> } }).axe;
        const r = await axe.run({ runOnly: { type: 'tag', values: tags } });
        return { violations: r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), passes: r.passes.length };
      }, WCAG_AA);
      expect(result.violations, rel).toEqual([]);
      expect(result.passes, rel).toBeGreaterThan(5);
      await page.close();
    }
    // Nothing but the site itself was asked for: no CDN, no web fonts, no analytics.
    expect(requests.length).toBeGreaterThan(50);
    expect(requests.filter((u) => !u.startsWith(host.base))).toEqual([]);
  });

  it('the axe-core harness does report violations (an image without alt, a page without lang)', async () => {
    const page = await open('en/card/index.html');
    await page.evaluate(() => {
      document.images[0]!.removeAttribute('alt');
      document.documentElement.removeAttribute('lang');
    });
    await page.addScriptTag({ path: AXE });
    const ids = await page.evaluate(async (tags) => {
      const axe = (window as unknown as { axe: { run(o: unknown): Promise<{ violations: { id: string }[] }> } }).axe;
      return (await axe.run({ runOnly: { type: 'tag', values: tags } })).violations.map((v) => v.id);
    }, WCAG_AA);
    expect(ids).toEqual(expect.arrayContaining(['image-alt', 'html-has-lang']));
    await page.close();
  });

  it('at 320 px wide nothing scrolls sideways', async () => {
    for (const rel of ['index.html', 'smn/index.html', 'sms/brochure/index.html', 'en/bookmark/index.html']) {
      const page = await open(rel, 320);
      const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
      expect(client, rel).toBe(320);
      expect(scroll, rel).toBeLessThanOrEqual(client);
      await page.close();
    }
  });

  it('names every language by its endonym with lang and hreflang; texts and alts come from the locales', async () => {
    const page = await open('en/index.html');
    const nav = await page.evaluate(() =>
      [...document.querySelectorAll('nav a')].map((a) => ({ text: a.textContent, lang: a.getAttribute('lang'), hreflang: a.getAttribute('hreflang') })),
    );
    expect(nav).toEqual(manifest.languages.map((l) => ({ text: l.name, lang: l.code, hreflang: l.code })));
    expect(nav.map((n) => n.text)).toContain('sää\u02b9m\u01e9i\u00f5ll');
    const alts = await page.evaluate(() => [...document.images].map((i) => i.alt));
    expect(alts).toContain(locale('en', 'common').logo.alt);
    expect(alts).toContain('Recognise violence in close relationships – card, page 1');
    await page.close();
    // Inari Sámi: the attested "Luođii PDF" (Download PDF), and the draft notice in Inari Sámi, Finnish and English.
    const smn = await open('smn/card/index.html');
    const texts = await smn.evaluate(() => ({
      links: [...document.querySelectorAll('a')].map((a) => a.textContent),
      notes: [...document.querySelectorAll('.draft p')].map((p) => p.getAttribute('lang')),
    }));
    expect(texts.links).toContain('Luođii PDF');
    expect(texts.notes).toEqual(['smn', 'fi', 'en']);
    await smn.close();
    const fi = await open('fi/index.html');
    expect(await fi.evaluate(() => document.querySelectorAll('.draft').length)).toBe(0);
    await fi.close();
  });

  it('downloads are the built files themselves', () => {
    for (const f of manifest.variants.flatMap((v) => v.files)) {
      const copy = path.join(site, 'files', f.path);
      expect(sha(copy), f.path).toBe(f.sha256);
    }
  });

  it('a rebuild replaces the site whole; --no-site leaves it as it was', async () => {
    writeFileSync(path.join(site, 'stale.html'), 'old');
    const cap = capture();
    expect(await cli(['build', '--root', REPO, '--out', out, '--lang', 'en', '--material', 'card', '--kind', 'preview', '--no-site'], cap), cap.err).toBe(0);
    expect(existsSync(path.join(site, 'stale.html'))).toBe(true);
    expect(await cli(['build', '--root', REPO, '--out', out, '--lang', 'en', '--material', 'card', '--kind', 'preview'], cap), cap.err).toBe(0);
    expect(existsSync(path.join(site, 'stale.html'))).toBe(false);
    // The partial build still lists every material of every language.
    expect(htmlPages(site)).toHaveLength(1 + manifest.languages.length * 4);
    const card = manifestSchema.parse(JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'))).variants.find((v) => v.lang === 'en' && v.material === 'card')!;
    const preview = card.files.find((f) => f.kind === 'preview' && f.page === 1)!;
    expect(sha(path.join(site, 'files', preview.path))).toBe(preview.sha256);
  });
});

describe('bundles', () => {
  const listZip = (rel: string) =>
    run('unzip', ['-Z1', path.join(out, rel)])
      .split('\n')
      .filter(Boolean);

  it('one zip per language with its web PDFs and previews, one for the print shop with a README', () => {
    // Read again: the test above rebuilt part of the output (and with it the bundles).
    manifest = manifestSchema.parse(JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')));
    const bundles = manifest.bundles!;
    expect(bundles.map((b) => b.id)).toEqual([...manifest.languages.map((l) => `tunnista-vakivalta-${l.code}`), 'tunnista-vakivalta-print']);
    for (const b of bundles) {
      const zip = path.join(out, b.path);
      expect(sha(zip)).toBe(b.sha256);
      run('unzip', ['-tq', zip]); // CRCs check out
      expect(listZip(b.path)).toEqual(b.files);
      expect(sha(path.join(site, 'files', b.path))).toBe(b.sha256);
    }
    const fi = bundles.find((b) => b.lang === 'fi')!;
    const fiFiles = manifest.variants.filter((v) => v.lang === 'fi').flatMap((v) => v.files.filter((f) => f.kind === 'web-pdf' || f.kind === 'preview'));
    expect(fi.files).toEqual(fiFiles.map((f) => f.path));
    const print = bundles.find((b) => b.kind === 'print')!;
    expect(print.files[0]).toBe('README.txt');
    expect(print.files.filter((f) => f.endsWith('-print.pdf'))).toHaveLength(15);
    const readme = run('unzip', ['-p', path.join(out, print.path), 'README.txt']);
    expect(readme).toMatch(/brochure\s+fi\s+297 × 210\s+3\s+2\s+fi\/brochure\/tunnista-vakivalta-brochure-fi-print\.pdf\s+panels 97\|100\|100/);
    expect(readme).toMatch(/card\s+sms\s+85 × 55 .*DRAFT: \d+ strings await native review/);
    expect(readme).toMatch(/Colour: RGB \(sRGB/);
  });
});

describe('accessible web PDFs', () => {
  const webPdfs = () => manifest.variants.map((v) => ({ v, file: path.join(out, v.files.find((f) => f.kind === 'web-pdf')!.path) }));

  it('pass the PDF/UA-1 machine checks (veraPDF rule numbers), and the checker does fail unfinished files', async () => {
    for (const { v, file } of webPdfs()) {
      expect(await checkPdfUa(readFileSync(file)), `${v.material}-${v.lang}`).toEqual([]);
    }
    // The print PDF is Chromium's tagged output without the web PDF's finishing: the checker must see it.
    const print = manifest.variants[0]!.files.find((f) => f.kind === 'print-pdf')!;
    const rules = new Set((await checkPdfUa(readFileSync(path.join(out, print.path)))).map((f) => f.rule));
    for (const r of ['5-1', '7.1-3', '7.1-8', '7.2-20', '7.18.5-2']) expect(rules, r).toContain(r);
    // The build checks its web PDF on the document it has just saved (checkSavedPdfUa): the same findings
    // as a check that parses the written file, here on a document that has some.
    const doc = await PDFDocument.load(readFileSync(path.join(out, print.path)), { updateMetadata: false });
    const saved = await doc.save({ useObjectStreams: false });
    expect(checkSavedPdfUa(doc, saved)).toEqual(await checkPdfUa(saved));
    expect(checkSavedPdfUa(doc, saved).length).toBeGreaterThan(0);
    expect(RULES.length).toBeGreaterThan(30);
  });

  it('read back with qpdf: /Lang on the other languages, alt texts from the locales, table, XMP, tab order, link texts', () => {
    for (const { v, file } of webPdfs()) {
      const { catalog, objects } = qpdfJson(file);
      const obj = (ref: unknown) => (objects[`obj:${String(ref)}`] as { value?: Record<string, unknown>; stream?: { dict: Record<string, unknown> } } | undefined);
      const elems = Object.values(objects)
        .map((o) => (o as { value?: Record<string, unknown> }).value)
        .filter((d): d is Record<string, unknown> => !!d && typeof d === 'object' && typeof d['/S'] === 'string' && '/P' in d);
      const role = (r: string) => elems.filter((e) => e['/S'] === r);
      const id = `${v.material}-${v.lang}`;
      // The language list: every other language's name is tagged with its language.
      const liLangs = role('/LI').map((e) => qpdfString(e['/Lang'])).filter(Boolean);
      expect(new Set(liLangs), id).toEqual(new Set(manifest.languages.map((l) => l.code).filter((c) => c !== v.lang)));
      // Figures: the logo and the QR code, with alt texts in the variant's language.
      const alts = role('/Figure').map((e) => qpdfString(e['/Alt']));
      const common = locale(v.lang, 'common');
      const url = v.qr.replace(/^https:\/\/(www\.)?/, '').replace(/\/$/, '');
      expect(alts, id).toContain(common.logo.alt);
      expect(alts, id).toContain(common.qr.alt.replace('{{url}}', url));
      expect(alts.every((a) => a && a.length > 0), id).toBe(true);
      // The help numbers are a table with row headers (the brochure and bookmark list two lines, the card two).
      const th = role('/TH');
      expect(th.length, id).toBeGreaterThanOrEqual(2);
      expect(role('/TD').length, id).toBeGreaterThanOrEqual(2);
      // Lists: LI > LBody.
      expect(role('/LBody').length, id).toBeGreaterThanOrEqual(manifest.languages.length);
      // XMP: title, language, PDF/UA identification.
      const meta = obj(catalog['/Metadata']);
      expect(meta?.stream?.dict['/Subtype'], id).toBe('/XML');
      const xmp = run('qpdf', ['--show-object=' + String(catalog['/Metadata']).replace(/ 0 R$/, ''), '--filtered-stream-data', file]);
      expect(xmp).toContain(`<pdfuaid:part>1</pdfuaid:part>`);
      expect(xmp).toContain(`<rdf:li xml:lang="x-default">${v.title.replace(/&/g, '&amp;')}</rdf:li>`);
      expect(xmp).toContain(`<dc:language><rdf:Bag><rdf:li>${v.lang}</rdf:li>`);
      // Pages with links tab in structure order; each link says where it goes.
      const pages = Object.values(objects).map((o) => (o as { value?: Record<string, unknown> }).value).filter((d) => d?.['/Type'] === '/Page');
      for (const p of pages) if (p!['/Annots']) expect(p!['/Tabs'], id).toBe('/S');
      const links = Object.values(objects).map((o) => (o as { value?: Record<string, unknown> }).value).filter((d) => d?.['/Subtype'] === '/Link');
      expect(links.length, id).toBeGreaterThan(0);
      for (const l of links) expect(qpdfString(l!['/Contents']) ?? '', id).toMatch(/\S/);
    }
  });

  it('read back with poppler: tagged, headings in reading order (the brochure cover first), the table, renders cleanly', () => {
    for (const { v, file } of webPdfs()) {
      const info = parseInfo(run('pdfinfo', [file]));
      expect(info.Tagged).toBe('yes');
      expect(info.Suspects).toBe('no');
      const tree = run('pdfinfo', ['-struct-text', file]);
      const headings = [...tree.matchAll(/^\s*(H\d)\b/gm)].map((m) => Number(m[1]!.slice(1)));
      expect(headings[0], `${v.material}-${v.lang}`).toBe(1);
      headings.reduce((a, b) => (expect(b).toBeLessThanOrEqual(a + 1), b));
      expect(tree).toMatch(/Table[\s\S]*TR[\s\S]*TH[\s\S]*TD/);
      // poppler draws every page without complaint (the artifact marks did not break the content).
      const r = run('sh', ['-c', `pdftoppm -r 20 -png "${file}" "${out}/render-check" 2>&1; echo done`]);
      expect(r.trim(), `${v.material}-${v.lang}`).toBe('done');
    }
    const en = run('pdfinfo', ['-struct-text', webPdfs().find(({ v }) => v.material === 'brochure' && v.lang === 'en')!.file]);
    // Wrapped headings keep the space at each line break (Chromium drops it unless it hangs: tag-languages.ts).
    const order = ['Recognise violence in close relationships', 'Stop for a moment', 'Help is available', 'What is violence in close relationships?'].map((s) => en.indexOf(`"${s}"`));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });
});
