/**
 * `lehtinen dev` in real Chromium: the page shows every variant, an edited locale file reaches the
 * preview by itself, and only the document that uses the edited string is reloaded. Also the server's
 * sandbox rules: documents without scripts, files only from inside the workspace, loopback Host names only.
 */
import { request } from 'node:http';
import type { Browser, Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeVariant } from '../../src/compose/document.js';
import { planVariants } from '../../src/compose/variants.js';
import { startDev, type DevServer } from '../../src/dev/server.js';
import { loadWorkspace } from '../../src/workspace/workspace.js';
import { testBrowser } from '../support/site-server.js';
import { copyExample, edit, remove } from '../support/workspace.js';

const ws = copyExample();
/** what lehtinen dev logged: one line per refresh (the changed files, then the reloaded ids or the error) */
const logged: string[] = [];
let dev: DevServer;
let browser: Browser;
let page: Page;

const loads = () =>
  page.evaluate(() => Object.fromEntries([...document.querySelectorAll('iframe')].map((f) => [f.dataset.id!, Number(f.dataset.loads)])));
/** The text as typed: without the soft hyphens and no-break spaces that compose/text-setting.ts adds. */
const plain = (t: string) => t.replace(/\u00ad/g, '').replace(/\u00a0/g, ' ');
const frameText = async (id: string) =>
  plain(await page.evaluate((i) => document.querySelector<HTMLIFrameElement>(`iframe[data-id="${i}"]`)?.contentDocument?.body?.textContent ?? '', id));

/** The server's revision of every document: bumped once per change that reloads it. */
const revs = () => Object.fromEntries(dev.preview.state().variants.map((v) => [v.id, v.rev]));

/**
 * Events, not sleeps (a loaded machine makes any fixed wait too short): wait until `ok` holds for the
 * server's revisions, then until the page shows exactly those revisions, every document loaded.
 */
async function settled(ok: (r: Record<string, number>) => boolean = () => true, timeoutMs = 30_000): Promise<Record<string, number>> {
  const t0 = Date.now();
  while (!ok(revs())) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`the server's revisions never became as expected: ${JSON.stringify(revs())}`);
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setTimeout(r, 20));
  }
  const want = revs();
  await page.waitForFunction(
    (w: Record<string, number>) => [...document.querySelectorAll('iframe')].every((f) => f.dataset.loaded === String(w[f.dataset.id!])),
    { timeout: timeoutMs, polling: 50 },
    want,
  );
  return want;
}

/** Until a line of lehtinen dev's log matches (a refresh has run). */
async function loggedLine(re: RegExp, from: number, timeoutMs = 30_000): Promise<void> {
  const t0 = Date.now();
  while (!logged.slice(from).some((l) => re.test(l))) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`lehtinen dev never logged ${re}; it logged:\n${logged.slice(from).join('\n')}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  dev = await startDev({ root: ws, port: 0, log: (l) => (logged.push(l), console.log('dev:', l)) });
  browser = await testBrowser();
  page = await browser.newPage();
  await page.setViewport({ width: 1400, height: 900 });
  await page.goto(dev.url, { waitUntil: 'load' });
  await page.waitForFunction(() => {
    const frames = [...document.querySelectorAll('iframe')];
    return frames.length > 0 && frames.every((f) => f.dataset.loads !== '0');
  }, { timeout: 60_000 });
}, 90_000);
afterAll(async () => {
  await browser?.close();
  await dev?.close();
  remove(ws);
});

function get(path: string, host?: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const u = new URL(dev.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, path, headers: host ? { host } : {} }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('lehtinen dev', { timeout: 60_000 }, () => {
  it('shows every material in every language, each at its bleed-box size in mm', async () => {
    const w = await loadWorkspace(ws);
    const ids = planVariants(w).map((v) => v.id).sort();
    expect(Object.keys(await loads()).sort()).toEqual(ids);
    // 1 CSS mm = 96/25.4 px; at zoom 1 the document box is the bleed box (wide) × pages.
    await page.evaluate(() => document.getElementById('grid')!.style.setProperty('--zoom', '1'));
    const box = await page.evaluate(() => {
      const r = document.querySelector('figure[data-id="card-fi"] .doc')!.getBoundingClientRect();
      return [r.width, r.height];
    });
    const card = w.materials.find((m) => m.id === 'card')!;
    const px = (mm: number) => (mm * 96) / 25.4;
    expect(box[0]).toBeCloseTo(px(card.trim[0] + 2 * card.bleed), 0);
    expect(box[1]).toBeCloseTo(px((card.trim[1] + 2 * card.bleed) * card.pages), 0);
    // Draft strings are marked in the Sámi documents, not in the Finnish ones.
    const drafts = (id: string) =>
      page.evaluate((i) => document.querySelector<HTMLIFrameElement>(`iframe[data-id="${i}"]`)!.contentDocument!.querySelectorAll('.l10n-draft').length, id);
    expect(await drafts('card-se')).toBeGreaterThan(0);
    expect(await drafts('card-fi')).toBe(0);
  });

  it('an edited string shows by itself; only its document reloads', async () => {
    // A key the English brochure prints and no other variant: derived from the composed documents.
    const w = await loadWorkspace(ws);
    const variants = planVariants(w).map((v) => composeVariant(w, v, '2026-01-01'));
    const users = new Map<string, Set<string>>();
    for (const c of variants) for (const u of c.uses) if ((u.usedLng ?? c.variant.lang.code) === 'en') users.set(u.key, (users.get(u.key) ?? new Set()).add(c.variant.id));
    const shown = await frameText('brochure-en');
    const en = (await import('node:fs')).readFileSync(`${ws}/locales/en/brochure.json`, 'utf8');
    const json = JSON.parse(en) as Record<string, unknown>;
    // Every string of the file with its key path (sections nest, lists are arrays).
    const strings: [string[], string][] = [];
    const walk = (o: unknown, at: string[]) => {
      if (typeof o === 'string') strings.push([at, o]);
      else if (o && typeof o === 'object') for (const [k, v] of Object.entries(o)) walk(v, [...at, k]);
    };
    walk(json, []);
    const [keyPath] = strings.find(([p, t]) => users.get(`brochure:${p.join('.')}`)?.size === 1 && t.length > 12 && shown.includes(t))!;
    expect(users.get(`brochure:${keyPath.join('.')}`)).toEqual(new Set(['brochure-en']));

    const revBefore = await settled();
    const before = await loads();
    const text = `Freshly edited words ${Date.now()}`;
    const edited = structuredClone(json);
    let o = edited as Record<string, unknown>;
    for (const k of keyPath.slice(0, -1)) o = o[k] as Record<string, unknown>;
    o[keyPath.at(-1)!] = text;
    edit(ws, 'locales/en/brochure.json', () => JSON.stringify(edited, null, 2));
    const t0 = Date.now();
    await page.waitForFunction(
      (t) => document.querySelector<HTMLIFrameElement>('iframe[data-id="brochure-en"]')?.contentDocument?.body?.textContent?.replace(/\u00ad/g, '').replace(/\u00a0/g, ' ').includes(t),
      { timeout: 10_000, polling: 20 },
      text,
    );
    const ms = Date.now() - t0;
    console.log(`dev: edited string visible after ${ms} ms`);
    // Once the page shows the server's revisions: one more for brochure-en, none for the others.
    const now = await settled((r) => r['brochure-en'] === revBefore['brochure-en']! + 1);
    const after = await loads();
    for (const id of Object.keys(before)) {
      expect(now[id], id).toBe(revBefore[id]! + (id === 'brochure-en' ? 1 : 0));
      expect(after[id], id).toBe(before[id]! + (id === 'brochure-en' ? 1 : 0));
    }
  });

  it('marks a frame that overflows, measured as the build measures it, over the document', async () => {
    const marksOf = (id: string) =>
      page.evaluate((i) => [...document.querySelectorAll<HTMLElement>(`figure[data-id="${i}"] .g-mark`)].map((m) => ({ title: m.title, top: m.style.top })), id);
    // The example fits: no marks once the first measurement has run (it follows the start in the background).
    await new Promise((r) => setTimeout(r, 300));
    expect(await marksOf('bookmark-fi')).toEqual([]);
    const long = Array.from({ length: 40 }, (_, i) => `Hyvin pitkä lause numero ${i + 1} ei mahdu kirjanmerkkiin.`).join(' ');
    edit(ws, 'locales/fi/bookmark.json', (t) => {
      const j = JSON.parse(t) as { sections: { forms: { items: { text: string }[] } } };
      j.sections.forms.items[0]!.text = long;
      return JSON.stringify(j, null, 2);
    });
    await page.waitForFunction(() => document.querySelectorAll('figure[data-id="bookmark-fi"] .g-mark').length > 0, { timeout: 40_000, polling: 100 });
    const marks = await marksOf('bookmark-fi');
    expect(marks[0]!.title).toMatch(/bookmark-fi page \d, frame "[^"]+": the content overflows the frame by \d+(\.\d+)? mm/);
    // The frame it names is in the document shown.
    const frame = /frame "([^"]+)"/.exec(marks[0]!.title)![1]!;
    const found = await page.evaluate(
      (f) => !!document.querySelector<HTMLIFrameElement>('iframe[data-id="bookmark-fi"]')!.contentDocument!.querySelector(`[data-frame="${f}"]`),
      frame,
    );
    expect(found).toBe(true);
    // Other variants got no mark from this edit.
    expect(await marksOf('bookmark-en')).toEqual([]);
  });

  it('a broken template shows the error and keeps the last good documents; fixing it recovers', async () => {
    // The previous test's edit of the Finnish source reloads other bookmarks too (their status marks
    // change): count from the moment the page shows every revision the server has. Under load those
    // reloads used to land inside this test's count ("bookmark-en: expected 2 to be 3").
    const revBefore = await settled();
    const before = await loads();
    const reloads = (id: string) => (id.startsWith('card-') || id === 'bookmark-en' ? 1 : 0);
    edit(ws, 'templates/card/index.hbs', (t) => t + '\n{{#if}}\n');
    await page.waitForFunction(() => !document.getElementById('error')!.hidden, { timeout: 30_000, polling: 20 });
    expect(await page.$eval('#error', (e) => e.textContent)).toMatch(/card/);
    // An edit made while the workspace is broken is not lost: it shows with the repair. Made, and seen
    // by lehtinen dev (its refresh fails on the template), before the repair.
    const from = logged.length;
    edit(ws, 'locales/en/bookmark.json', (t) => JSON.stringify({ ...JSON.parse(t), title: 'Bookmark title edited while broken' }, null, 2));
    await loggedLine(/^error after change to .*locales\/en\/bookmark\.json/, from);
    edit(ws, 'templates/card/index.hbs', (t) => t.replace('\n{{#if}}\n', '\n<!-- fixed -->\n'));
    await page.waitForFunction(() => document.getElementById('error')!.hidden, { timeout: 30_000, polling: 20 });
    // One reload each for the cards and bookmark-en, none for the others, once the page shows them all.
    const now = await settled((r) => Object.keys(revBefore).every((id) => r[id]! >= revBefore[id]! + reloads(id)));
    for (const id of Object.keys(revBefore)) expect(now[id], id).toBe(revBefore[id]! + reloads(id));
    // documentElement?: a document still loading may have none, and a predicate that throws on its first
    // run leaves puppeteer's wait hanging until the timeout (seen under CI load).
    await page.waitForFunction(() => [...document.querySelectorAll<HTMLIFrameElement>('iframe[data-id^="card-"]')].every((f) => f.contentDocument?.documentElement?.outerHTML.includes('<!-- fixed -->')), { timeout: 20_000, polling: 50 });
    const after = await loads();
    for (const id of Object.keys(before)) expect(after[id], id).toBe(before[id]! + reloads(id));
    expect(await page.evaluate(() => document.querySelector<HTMLIFrameElement>('iframe[data-id="bookmark-en"]')!.contentDocument!.title)).toBe('Bookmark title edited while broken');
  });

  it('serves documents without scripts and only workspace files, to loopback Host names', async () => {
    const doc = await get('/__lehtinen/doc/card-fi.html');
    expect(doc.status).toBe(200);
    expect(doc.headers['content-security-policy']).toContain("script-src 'none'");
    expect(doc.body).not.toContain('workspace.lehtinen.invalid');
    const sandbox = await page.$eval('iframe[data-id="card-fi"]', (f) => f.getAttribute('sandbox'));
    expect(sandbox).toBe('allow-same-origin');
    expect((await get('/assets/logo/mark.svg')).status).toBe(200);
    expect((await get('/..%2f..%2f..%2fetc%2fpasswd')).status).toBe(403);
    expect((await get('/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404); // the URL is normalised to /etc/passwd inside the workspace
    expect((await get('/assets/nothing-here.png')).status).toBe(404);
    (await import('node:fs')).writeFileSync(`${ws}/.env`, 'SECRET=1');
    expect((await get('/.env')).status).toBe(404);
    expect((await get('/', 'attacker.example:80')).status).toBe(403);
  });

  it('after a restart of lehtinen dev, the page reconnects and shows what changed meanwhile', async () => {
    const port = Number(new URL(dev.url).port);
    await dev.close();
    await page.waitForFunction(() => document.getElementById('status')!.textContent!.startsWith('disconnected'), { timeout: 10_000, polling: 50 });
    const title = `Card title edited while stopped ${Date.now()}`;
    edit(ws, 'locales/en/card.json', (t) => JSON.stringify({ ...JSON.parse(t), title }, null, 2));
    dev = await startDev({ root: ws, port, marks: false });
    await page.waitForFunction(
      (t) => document.querySelector<HTMLIFrameElement>('iframe[data-id="card-en"]')?.contentDocument?.title === t,
      { timeout: 15_000, polling: 50 },
      title,
    );
    expect(await page.$eval('#status', (e) => e.textContent)).toBe('watching for changes');
  });
});
