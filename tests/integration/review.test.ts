/**
 * The offline review page in real Chromium: `lehtinen review export` writes one self-contained file (no
 * request leaves it), a reviewer fills it in (typed here by script), the work survives a reload
 * (local storage), "Save my review" downloads the review file (CDP download events), and `lehtinen review
 * import` merges it all or nothing: texts, status reviewed, reviewer, date and comments in status.yaml;
 * placeholders, plural forms and Skolt orthography checked as for XLIFF.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, CDPSession, Page } from 'puppeteer';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as cli } from '../../src/cli/main.js';
import type { ReviewData } from '../../src/review/export.js';
import type { ReviewFile } from '../../src/review/format.js';
import { testBrowser } from '../support/site-server.js';
import { capture, copyExample, remove } from '../support/workspace.js';

const ws = copyExample();
const LANG = 'sms';
const html = path.join(ws, 'out-review', 'review.html');
const downloads = path.join(ws, 'downloads');
let browser: Browser;
let page: Page;
let data: ReviewData;
const requests: string[] = [];
const read = (rel: string) => readFileSync(path.join(ws, rel), 'utf8');
const statusLine = (key: string) => read(`locales/${LANG}/status.yaml`).split('\n').find((l) => l.startsWith(`${key}:`));

beforeAll(async () => {
  const cap = capture();
  expect(await cli(['review', 'export', '--lang', LANG, '--root', ws, '--out', html], cap), cap.err).toBe(0);
  expect(cap.out).toMatch(/wrote .*review\.html: \d+ string\(s\) of /);
  browser = await testBrowser();
  page = await browser.newPage();
  await page.setRequestInterception(true);
  page.on('request', (r) => {
    requests.push(r.url());
    void r.continue();
  });
  await page.setViewport({ width: 1200, height: 900 });
  await page.goto(`file://${html}`, { waitUntil: 'load' });
  data = JSON.parse(await page.$eval('#review-data', (e) => e.textContent!)) as ReviewData;
}, 180_000);
afterAll(async () => {
  await browser?.close();
  remove(ws);
});

/** The section of one string, by key. */
const item = (key: string) => `section.item[data-key="${key}"]`;

describe('lehtinen review', { timeout: 120_000 }, () => {
  it('export: one self-contained page with every string, its source, status and crops of where it is printed', async () => {
    const text = readFileSync(html, 'utf8');
    expect(text).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:;[^"]*connect-src 'none'/);
    expect(text).not.toMatch(/<(?:img|script|link|iframe)\b[^>]*\b(?:src|href)="(?!data:)/);
    // Every string the language needs, as lehtinen check counts them.
    const c = capture();
    await cli(['check', '--root', ws, '--no-layout', '--format', 'json'], c);
    const needed = (JSON.parse(c.out) as { languages: { code: string; needed: number }[] }).languages.find((l) => l.code === LANG)!.needed;
    expect(data.strings).toHaveLength(needed);
    expect(await page.$$eval('section.item', (s) => s.length)).toBe(needed);
    // Crops are real pictures of the page, embedded.
    const crops = data.strings.flatMap((s) => s.where.map((w) => w.img).filter((x): x is string => !!x));
    expect(crops.length).toBeGreaterThan(20);
    const meta = await sharp(Buffer.from(crops[0]!.split(',')[1]!, 'base64')).metadata();
    expect(meta.format).toBe('webp');
    expect(meta.width).toBeGreaterThan(100);
    expect(await page.$$eval('section.item img', (imgs) => imgs.every((i) => (i as HTMLImageElement).naturalWidth > 0 && !!i.getAttribute('alt')))).toBe(true);
    // The page passes axe-core (WCAG 2.1 A/AA and best practices); axe is added through DevTools, which the page's CSP cannot stop.
    const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    await page.evaluate(axeSource);
    const violations = await page.evaluate(async () => {
      const r = await (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: { id: string; nodes: unknown[] }[] }> } }).axe.run(document, {
        runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
      });
      return r.violations.map((v) => `${v.id} (${v.nodes.length})`);
    });
    expect(violations).toEqual([]);
    // Nothing but the file itself was requested (images are data: URLs).
    expect(requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:'))).toEqual([]);
  });

  it('filled in, reloaded, saved as a file, imported: texts, reviewed status, reviewer, date and comments', async () => {
    const printed = data.strings.filter((s) => s.where.some((w) => w.img) && s.text && !s.placeholders.length && !s.category);
    const [a, b] = printed;
    const c = data.strings.find((s) => s.category && s.text) ?? printed[2]!;
    expect(a && b && c).toBeTruthy();
    const corrected = `${a!.text} pâʹlviõkk`;
    await page.type('#reviewer', 'Testa Arvioija');
    await page.$eval(`${item(a!.key)} textarea.text`, (t) => ((t as HTMLTextAreaElement).value = ''));
    await page.type(`${item(a!.key)} textarea.text`, corrected);
    await page.click(`${item(b!.key)} input.ok`);
    await page.type(`${item(c.key)} textarea.comment`, 'Tämä muoto: onko se oikein?');
    expect(await page.$eval('#progress', (p) => p.textContent)).toBe(`2 of ${data.strings.length} texts approved`);

    // Closing the browser tab loses nothing.
    await page.reload({ waitUntil: 'load' });
    expect(await page.$eval('#reviewer', (e) => (e as HTMLInputElement).value)).toBe('Testa Arvioija');
    expect(await page.$eval(`${item(a!.key)} textarea.text`, (t) => (t as HTMLTextAreaElement).value)).toBe(corrected);
    expect(await page.$eval(`${item(a!.key)} input.ok`, (t) => (t as HTMLInputElement).checked)).toBe(true);
    expect(await page.$eval(`${item(b!.key)} input.ok`, (t) => (t as HTMLInputElement).checked)).toBe(true);
    expect(await page.$eval(`${item(c.key)} textarea.comment`, (t) => (t as HTMLTextAreaElement).value)).toBe('Tämä muoto: onko se oikein?');

    const file = await download(page, () => page.click('#save'));
    expect(path.basename(file)).toMatch(new RegExp(`^review-${data.campaign}-${LANG}-\\d{4}-\\d{2}-\\d{2}\\.json$`));
    const review = JSON.parse(readFileSync(file, 'utf8')) as ReviewFile;
    expect(review.items.map((i) => i.key).sort()).toEqual([a!.key, b!.key, c.key].sort());
    expect(await page.$eval('#message', (m) => m.textContent)).toMatch(/^Saved 3 text\(s\)/);

    const jsonFile = `locales/${LANG}/${a!.key.split(':')[0]}.json`;
    const before = read(jsonFile);
    const cStatus = statusLine(c.key);
    const cap = capture();
    expect(await cli(['review', 'import', file, '--root', ws], cap), cap.err).toBe(0);
    expect(cap.out).toMatch(/imported .*\(sms, reviewed by Testa Arvioija on \d{4}-\d{2}-\d{2}\): 2 approved, 1 corrected, 1 comment\(s\)/);
    expect(cap.out).toContain(`comment on ${c.key}: Tämä muoto: onko se oikein?`);

    // The corrected text replaced its value in place: one line of the file changed.
    const after = read(jsonFile);
    const diff = before.split('\n').filter((l, i) => l !== after.split('\n')[i]);
    expect(after.split('\n').length).toBe(before.split('\n').length);
    expect(diff).toHaveLength(1);
    expect(JSON.stringify(JSON.parse(after))).toContain(JSON.stringify(corrected).slice(1, -1));
    const date = review.date;
    const hash = (key: string) => data.strings.find((s) => s.key === key)!.sourceHash;
    expect(statusLine(a!.key)).toBe(`${a!.key}: { status: reviewed, source: ${hash(a!.key)}, reviewer: "Testa Arvioija", reviewed: "${date}" }`);
    expect(statusLine(b!.key)).toMatch(new RegExp(`^${b!.key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: \\{ status: reviewed, source: ${hash(b!.key)}(, cite: "[^"]*")?, reviewer: "Testa Arvioija", reviewed: "${date}" \\}$`));
    // A comment alone changes no status: it is kept for the editor.
    const oldStatus = /status: (\w+)/.exec(cStatus ?? '')?.[1] ?? 'translated';
    expect(statusLine(c.key)).toMatch(new RegExp(`status: ${oldStatus}, .*comment: "Tämä muoto: onko se oikein\\?"`));

    // lehtinen check counts them as reviewed now.
    const chk = capture();
    await cli(['check', '--root', ws, '--no-layout', '--format', 'json'], chk);
    const counts = (JSON.parse(chk.out) as { languages: { code: string; counts: Record<string, number> }[] }).languages.find((l) => l.code === LANG)!.counts;
    expect(counts.reviewed).toBeGreaterThanOrEqual(2);

    // The same file again: the text it approved has changed since the export, so nothing is imported.
    const snapshot = [read(jsonFile), read(`locales/${LANG}/status.yaml`)];
    const again = capture();
    expect(await cli(['review', 'import', file, '--root', ws], again)).toBe(1);
    expect(again.err).toMatch(/REVIEW_REJECTED.*nothing was imported/);
    expect(again.err).toContain(`${a!.key}: the ${LANG} text changed after the review page was exported`);
    expect([read(jsonFile), read(`locales/${LANG}/status.yaml`)]).toEqual(snapshot);
  });

  it('import checks placeholders, plural forms and Skolt orthography as XLIFF import does; a bad file changes nothing', async () => {
    const w = data.strings.find((s) => s.placeholders.length && s.text)!;
    const other = data.strings.find((s) => s.category && s.text)!;
    const fresh = data.strings.find((s) => s.text && !s.placeholders.length && !s.category && s.status === 'draft' && read(`locales/${LANG}/status.yaml`).includes(`${s.key}: { status: draft`))!;
    const base: ReviewFile = { format: 'lehtinen-review', version: 1, campaign: data.campaign, lang: LANG, sourceLang: data.sourceLang, exported: data.exported, reviewer: 'R', date: '2026-01-02', items: [] };
    const ok = { key: fresh.key, sourceHash: fresh.sourceHash, original: fresh.text, approved: true };
    const files = () => ['status.yaml', ...new Set(data.strings.map((s) => `${s.key.split(':')[0]}.json`))].map((f) => read(`locales/${LANG}/${f}`));
    const snapshot = files();
    const tryImport = async (items: ReviewFile['items'], name: string) => {
      const f = path.join(downloads, name);
      mkdirSync(downloads, { recursive: true });
      writeFileSync(f, JSON.stringify({ ...base, items }));
      const cap = capture();
      const code = await cli(['review', 'import', f, '--root', ws], cap);
      return { code, out: cap.out, err: cap.err };
    };
    const noPlaceholder = await tryImport([ok, { key: w.key, sourceHash: w.sourceHash, original: w.text, approved: true, text: 'ilman muuttujia' }], 'bad-placeholder.json');
    expect(noPlaceholder.code).toBe(1);
    expect(noPlaceholder.err).toMatch(new RegExp(`${w.key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: placeholders differ from the source: \\{\\{\\w+\\}\\} missing`));
    // Skolt has one, two and other: a "few" form is not one of its forms.
    const fewKey = `${other.key.replace(/_(zero|one|two|few|many|other)$/, '')}_few`;
    const few = await tryImport([ok, { key: fewKey, sourceHash: other.sourceHash, original: null, approved: true, text: 'x' }], 'bad-plural.json');
    expect(few.code).toBe(1);
    expect(few.err).toContain(`unknown key "${fewKey}"`);
    expect(files()).toEqual(snapshot);
    // A missing name or broken JSON: told so, with the file named.
    const noName = path.join(downloads, 'no-name.json');
    writeFileSync(noName, JSON.stringify({ ...base, reviewer: ' ', items: [ok] }));
    const n = capture();
    expect(await cli(['review', 'import', noName, '--root', ws], n)).toBe(1);
    expect(n.err).toMatch(/REVIEW_SYNTAX .*no-name\.json.*reviewer: the reviewer’s name is missing/);
    writeFileSync(noName, '{"format": "lehtinen-review",');
    const broken = capture();
    expect(await cli(['review', 'import', noName, '--root', ws], broken)).toBe(1);
    expect(broken.err).toMatch(/REVIEW_SYNTAX .*no-name\.json:1:\d+/);
    expect(files()).toEqual(snapshot);
    // An apostrophe for the softening sign is reported as for XLIFF (a warning; the text is the reviewer's).
    const apos = await tryImport([{ ...ok, text: `${fresh.text} pâ'lviõkk` }], 'apostrophe.json');
    expect(apos.code, apos.err).toBe(0);
    expect(apos.out + apos.err).toMatch(/ORTHOGRAPHY.*softening sign U\+02B9/);
  });
});

/** Click, and wait for Chromium to report the download complete; returns the file's path. */
async function download(p: Page, click: () => Promise<unknown>): Promise<string> {
  const cdp: CDPSession = await p.browser().target().createCDPSession();
  await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads, eventsEnabled: true });
  let name = '';
  const done = new Promise<void>((resolve, reject) => {
    cdp.on('Browser.downloadWillBegin', (e) => (name = e.suggestedFilename));
    cdp.on('Browser.downloadProgress', (e) => {
      if (e.state === 'completed') resolve();
      if (e.state === 'canceled') reject(new Error('download canceled'));
    });
  });
  await click();
  await done;
  await cdp.detach();
  const file = path.join(downloads, name);
  expect(existsSync(file)).toBe(true);
  return file;
}
