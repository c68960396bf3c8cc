/**
 * Edit in context in `lehtinen dev`, in real Chromium: a click on a printed text opens the panel, a save
 * writes the locale file (formatting and key order kept) and status.yaml, the preview and a rebuilt PDF
 * show the new text, "Mark reviewed" records the status and the source hash; keyboard only works and the
 * panel passes axe-core; a save against a file changed on disk is refused and loses nothing; an overflow
 * caused by a save is shown; writes from any other origin are refused.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, Frame, Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as cli } from '../../src/cli/main.js';
import { refuseWrite, startDev, type DevServer } from '../../src/dev/server.js';
import { placeholders } from '../../src/i18n/placeholders.js';
import { languageState, type KeyState } from '../../src/i18n/state.js';
import { sourceHash } from '../../src/i18n/source-hash.js';
import { loadWorkspace } from '../../src/workspace/workspace.js';
import { testBrowser } from '../support/site-server.js';
import { pdfText } from '../support/tools.js';
import { capture, copyExample, remove } from '../support/workspace.js';

const ws = copyExample();
let dev: DevServer;
let browser: Browser;
let page: Page;
const LANG = 'sms';
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Letters of the Skolt alphabet only, so the orthography check has nothing to say. */
const unique = () => String(Date.now()).split('').map((d) => 'abdefghijk'[Number(d)]).join('');
const read = (rel: string) => readFileSync(path.join(ws, rel), 'utf8');
const plain = (t: string) => t.replace(/\u00ad/g, '').replace(/\u00a0/g, ' ');

async function openDev(p: Page, lang = LANG): Promise<void> {
  await p.setBypassCSP(true); // for axe-core's script only; the page's own CSP is tested in dev-server.test.ts
  // True size: puppeteer places clicks inside frames wrongly under CSS zoom (people click where they see).
  await p.goto(`${dev.url}?lang=${lang}&zoom=100`, { waitUntil: "load" });
  await p.waitForFunction(() => {
    const frames = [...document.querySelectorAll('iframe')];
    return frames.length > 0 && frames.every((f) => f.dataset.loads !== '0' && f.contentDocument?.documentElement?.dataset.lehtinenEdit === '1');
  }, { timeout: 60_000 });
}

function frameOf(p: Page, id: string): Frame {
  const f = p.frames().find((x) => x.url().includes(`/__lehtinen/doc/${id}.html`));
  if (!f) throw new Error(`no frame ${id}`);
  return f;
}

/** Keys of the language printed in one variant, with plain text and no placeholders: found in the page, not named here. */
async function editableKeys(id: string): Promise<KeyState[]> {
  const w = await loadWorkspace(ws);
  const state = languageState(w.locales, w.sourceLang, LANG);
  const printed = await page.evaluate(
    (i) => [...document.querySelector<HTMLIFrameElement>(`iframe[data-id="${i}"]`)!.contentDocument!.querySelectorAll<HTMLElement>('span[data-l10n-key]')].map((e) => e.dataset.l10nKey!),
    id,
  );
  return state.keys.filter((k) => printed.includes(k.key) && !k.plural && k.text && k.status === 'draft' && !placeholders(k.sourceText).length && k.text.length < 60);
}

const frameShows = (p: Page, id: string, text: string, timeout = 15_000) =>
  p.waitForFunction(
    (i, t) => document.querySelector<HTMLIFrameElement>(`iframe[data-id="${i}"]`)?.contentDocument?.body?.textContent?.replace(/\u00ad/g, '').replace(/\u00a0/g, ' ').includes(t),
    { timeout, polling: 20 },
    id,
    text,
  );

async function clickKey(p: Page, id: string, key: string): Promise<void> {
  const el = await frameOf(p, id).$(`[data-l10n-key="${key}"]`);
  await el!.click();
  await p.waitForFunction((k) => !document.getElementById('panel')!.hidden && document.getElementById('p-key')!.textContent === k && !!document.querySelector('#p-forms textarea'), { timeout: 15_000 }, key);
}

async function axe(p: Page) {
  if (!(await p.evaluate(() => 'axe' in window))) await p.addScriptTag({ content: axeSource });
  return p.evaluate(async () => {
    const r = await (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe.run(
      { include: ['#panel'] },
      { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    );
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

beforeAll(async () => {
  dev = await startDev({ root: ws, port: 0, log: (l) => console.log('dev:', l) });
  browser = await testBrowser();
  page = await browser.newPage();
  await page.setViewport({ width: 1400, height: 900 });
  await openDev(page);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await dev?.close();
  remove(ws);
});

describe('lehtinen dev: edit in context', { timeout: 120_000 }, () => {
  it('click, edit, save: the locale file changes in place, the preview and a rebuilt PDF show it; mark reviewed records the hash', async () => {
    const [k] = await editableKeys('card-sms');
    expect(k, 'a draft sms string printed on the card').toBeDefined();
    const file = `locales/${LANG}/${k!.ns}.json`;
    const jsonBefore = read(file);
    await clickKey(page, 'card-sms', k!.key);
    const shown = await page.evaluate(() => ({
      source: document.querySelector('.p-src')!.textContent,
      text: document.querySelector<HTMLTextAreaElement>('#p-forms textarea')!.value,
      status: document.querySelector('#p-forms .st')!.textContent,
      where: document.getElementById('p-where')!.textContent,
      placeholders: document.getElementById('p-placeholders')!.textContent,
    }));
    expect(shown.source).toBe(k!.sourceText);
    expect(shown.text).toBe(k!.text);
    expect(shown.status).toBe('draft');
    expect(shown.where).toMatch(/card \(card-sms\), page \d/);
    expect(shown.placeholders).toBe('Placeholders: none');
    expect(await axe(page)).toEqual([]);

    const text = `Ođđ teâkstaž ${unique()}`;
    await page.$eval('#p-forms textarea', (t) => ((t as HTMLTextAreaElement).value = ''));
    await page.type('#p-forms textarea', text);
    const t0 = Date.now();
    await page.click('#p-save');
    await frameShows(page, 'card-sms', text);
    console.log(`dev-edit: saved text visible in the preview after ${Date.now() - t0} ms`);
    await page.waitForFunction(() => document.getElementById('p-msg')!.textContent!.startsWith('Saved'));

    // Only the value changed: every other line of the file is as it was.
    const after = read(file);
    const a = jsonBefore.split('\n');
    const b = after.split('\n');
    expect(b.length).toBe(a.length);
    const diff = a.map((l, i) => [l, b[i]]).filter(([x, y]) => x !== y);
    expect(diff).toHaveLength(1);
    expect(diff[0]![1]).toContain(JSON.stringify(text));
    const statusLine = () => read(`locales/${LANG}/status.yaml`).split('\n').find((l) => l.startsWith(`${k!.key}:`));
    expect(statusLine()).toBe(`${k!.key}: { status: draft, source: ${sourceHash(k!.sourceText)} }`);

    await page.click('#p-reviewed');
    await page.waitForFunction(() => document.querySelector('#p-forms .st')?.textContent === 'reviewed');
    expect(statusLine()).toBe(`${k!.key}: { status: reviewed, source: ${sourceHash(k!.sourceText)} }`);

    // After a reload of the page the panel reads the saved state back.
    await openDev(page);
    await clickKey(page, 'card-sms', k!.key);
    expect(await page.$eval('#p-forms textarea', (t) => (t as HTMLTextAreaElement).value)).toBe(text);
    expect(await page.$eval('#p-forms .st', (t) => t.textContent)).toBe('reviewed');
    await page.keyboard.press('Escape');

    // The rebuilt print PDF prints it.
    const out = path.join(ws, 'out-edit');
    const cap = capture();
    expect(await cli(['build', '--root', ws, '--out', out, '--lang', LANG, '--material', 'card', '--kind', 'print-pdf', '--no-site', '--no-bundles'], cap), cap.err).toBe(0);
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as { variants: { files: { kind: string; path: string }[] }[] };
    const pdf = manifest.variants.flatMap((v) => v.files).find((f) => f.kind === 'print-pdf')!;
    const squash = (s: string) => plain(s).replace(/[\s-]+/g, '');
    expect(squash(pdfText(path.join(out, pdf.path)))).toContain(squash(text));
  });

  it('keyboard only: Tab to a text, Enter opens the panel, type, save, Escape returns to the text', async () => {
    const p = page;
    await openDev(p);
    const focusedKey = () =>
      p.evaluate(() => {
        const f = document.activeElement;
        if (!(f instanceof HTMLIFrameElement)) return null;
        const e = f.contentDocument?.activeElement as HTMLElement | null;
        return e?.dataset.l10nKey ? { id: f.dataset.id!, key: e.dataset.l10nKey } : null;
      });
    let at: { id: string; key: string } | null = null;
    for (let i = 0; i < 60 && !at; i++) {
      await p.keyboard.press('Tab');
      at = await focusedKey();
    }
    expect(at, 'a text reached with Tab').not.toBeNull();
    await p.keyboard.press('Enter');
    await p.waitForFunction((k) => document.getElementById('p-key')!.textContent === k && document.activeElement?.tagName === 'TEXTAREA', { timeout: 15_000 }, at!.key);
    expect(await axe(p)).toEqual([]);
    const forms = await p.$$eval('#p-forms textarea', (ts) => ts.length);
    const before = await p.$eval('#p-forms textarea', (t) => (t as HTMLTextAreaElement).value);
    await p.keyboard.press('End');
    const added = ` ${unique()}`;
    await p.keyboard.type(added);
    // Tab past the other forms (a plural message has several) and the status to Save.
    for (let i = 0; i < forms + 1; i++) await p.keyboard.press('Tab');
    expect(await p.evaluate(() => document.activeElement?.id)).toBe('p-save');
    await p.keyboard.press('Enter');
    await p.waitForFunction(() => /^(Saved|Nothing)/.test(document.getElementById('p-msg')!.textContent!), { timeout: 15_000 });
    expect(await p.$eval('#p-msg', (m) => m.textContent)).toMatch(/^Saved: locales\/sms\//);
    expect(await p.$eval('#p-forms textarea', (t) => (t as HTMLTextAreaElement).value)).toBe(before + added);
    await p.keyboard.press('Escape');
    expect(await p.$eval('#panel', (e) => (e as HTMLElement).hidden)).toBe(true);
    await p.waitForFunction(
      (k) => (document.activeElement as HTMLIFrameElement | null)?.contentDocument?.activeElement?.getAttribute('data-l10n-key') === k,
      { timeout: 10_000 },
      at!.key,
    );
  });

  it('a file changed on disk since the panel opened: the save is refused, the typed text stays; reload, then save works', async () => {
    const keys = await editableKeys('card-sms');
    const k = keys[1] ?? keys[0]!;
    const file = `locales/${LANG}/${k.ns}.json`;
    await clickKey(page, 'card-sms', k.key);
    // Someone else edits the file meanwhile (another key of the same file).
    const other = JSON.parse(read(file)) as Record<string, unknown>;
    const theirs = read(file).replace(/\n$/, '') + '\n';
    writeFileSync(path.join(ws, file), theirs.replace(/"([^"]*)"\s*:\s*"([^"]*)"/, (_m, a: string, b: string) => `"${a}": "${b} (muttum)"`));
    const onDisk = read(file);
    expect(JSON.parse(onDisk)).not.toEqual(other);
    const mine = `Mon teâkstaž ${unique()}`;
    await page.$eval('#p-forms textarea', (t) => ((t as HTMLTextAreaElement).value = ''));
    await page.type('#p-forms textarea', mine);
    await page.click('#p-save');
    await page.waitForFunction(() => document.getElementById('p-msg')!.classList.contains('error'), { timeout: 15_000 });
    expect(await page.$eval('#p-msg', (m) => m.textContent)).toMatch(new RegExp(`Not saved: .*${file.replace(/\./g, '\\.')} changed on disk since you opened this text`));
    expect(await page.$eval('#p-forms textarea', (t) => (t as HTMLTextAreaElement).value)).toBe(mine);
    expect(read(file)).toBe(onDisk);
    await page.click('#p-reload');
    await page.waitForFunction(() => document.getElementById('p-msg')!.textContent!.startsWith('Reloaded'));
    expect(await page.$eval('#p-forms textarea', (t) => (t as HTMLTextAreaElement).value)).toBe(mine);
    await page.click('#p-save');
    await page.waitForFunction(() => document.getElementById('p-msg')!.textContent!.startsWith('Saved'), { timeout: 15_000 });
    const saved = read(file);
    expect(saved).toContain(JSON.stringify(mine));
    expect(saved).toContain('(muttum)');
    await page.keyboard.press('Escape');
  });

  it('a text too long for its frame: the overflow shows on the preview and in the panel', async () => {
    const w = await loadWorkspace(ws);
    const state = languageState(w.locales, w.sourceLang, LANG);
    const printed = await page.evaluate(() =>
      [...document.querySelector<HTMLIFrameElement>('iframe[data-id="bookmark-sms"]')!.contentDocument!.querySelectorAll<HTMLElement>('[data-l10n-key]')].map((e) => e.dataset.l10nKey!),
    );
    const k = state.keys.find((x) => printed.includes(x.key) && !x.plural && x.text && !placeholders(x.sourceText).length && x.text.length > 40)!;
    expect(k).toBeDefined();
    await clickKey(page, 'bookmark-sms', k.key);
    const long = Array.from({ length: 30 }, () => k.text).join(' ');
    await page.$eval('#p-forms textarea', (t, v) => ((t as HTMLTextAreaElement).value = v), long);
    const t0 = Date.now();
    await page.click('#p-save');
    await page.waitForFunction(() => /Overflow: bookmark-sms page \d/.test(document.getElementById('p-overflow')!.textContent!), { timeout: 60_000, polling: 50 });
    console.log(`dev-edit: overflow shown in the panel ${Date.now() - t0} ms after the save`);
    expect(await page.$$eval('figure[data-id="bookmark-sms"] .g-mark', (m) => m.length)).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
  });

  it('editing the Finnish source: the fi file changes, and the translations of the string become outdated', async () => {
    const keys = await editableKeys('card-sms');
    const k = keys[keys.length - 1]!;
    await openDev(page, 'fi');
    await clickKey(page, 'card-fi', k.key);
    expect(await page.$eval('#p-title', (e) => e.textContent)).toBe('Source text');
    expect(await page.$eval('#p-status-row', (e) => (e as HTMLElement).hidden)).toBe(true);
    const statusBefore = read(`locales/${LANG}/status.yaml`);
    const text = `${k.sourceText} (uusi)`;
    await page.$eval('#p-forms textarea', (t, v) => ((t as HTMLTextAreaElement).value = v), text);
    await page.click('#p-save');
    await page.waitForFunction(() => document.getElementById('p-msg')!.textContent!.startsWith('Saved'), { timeout: 15_000 });
    expect(await page.$eval('#p-msg', (m) => m.textContent)).toBe(`Saved: locales/fi/${k.ns}.json`);
    expect(JSON.stringify(JSON.parse(read(`locales/fi/${k.ns}.json`)))).toContain(JSON.stringify(text));
    expect(read(`locales/${LANG}/status.yaml`)).toBe(statusBefore);
    await page.keyboard.press('Escape');
    await openDev(page);
    await clickKey(page, 'card-sms', k.key);
    expect(await page.$eval('#p-forms .st', (t) => t.textContent)).toBe('outdated');
    expect(await page.$eval('.p-src', (t) => t.textContent)).toBe(text);
    await page.keyboard.press('Escape');
  });

  it('refuses writes from other origins, without the token, or to other Host names; the files stay as they were', async () => {
    const snapshot = () => Object.fromEntries(['card', 'common', 'bookmark', 'brochure'].map((ns) => [ns, read(`locales/${LANG}/${ns}.json`)]).concat([['status', read(`locales/${LANG}/status.yaml`)]]));
    const before = snapshot();
    const [k] = await editableKeys('card-sms');
    const info = await page.evaluate(async (key) => (await fetch(`/__lehtinen/string?lang=sms&key=${encodeURIComponent(key)}`)).json(), k!.key);
    const body = JSON.stringify({ lang: LANG, key: k!.key, texts: { [k!.key]: 'PWNED' }, versions: info.versions });
    const token = await page.$eval('meta[name="lehtinen-edit"]', (m) => (m as HTMLMetaElement).content);
    expect(token.length).toBeGreaterThan(20);

    // An attacker's page on another origin: a form post, a no-cors fetch and a fetch with the (leaked) token.
    const attacker: Server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>elsewhere</title><p>elsewhere</p>'));
    await new Promise<void>((r) => attacker.listen(0, '127.0.0.1', () => r()));
    const p = await browser.newPage();
    try {
      await p.goto(`http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`);
      const target = `${dev.url}__lehtinen/edit`;
      const results = await p.evaluate(
        async (url, b, t) => {
          const out: string[] = [];
          const attempt = async (name: string, init: RequestInit) => {
            try {
              const r = await fetch(url, init);
              out.push(`${name}: ${r.type} ${r.status}`);
            } catch (e) {
              out.push(`${name}: failed (${(e as Error).name})`);
            }
          };
          await attempt('no-cors text/plain', { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: b });
          await attempt('cors json with token', { method: 'POST', headers: { 'content-type': 'application/json', 'x-lehtinen-token': t }, body: b });
          // A classic form post, into a frame so this page stays.
          const frame = document.createElement('iframe');
          frame.name = 'sink';
          document.body.append(frame);
          const form = Object.assign(document.createElement('form'), { action: url, method: 'POST', enctype: 'text/plain', target: 'sink' });
          const input = Object.assign(document.createElement('input'), { name: b.slice(0, -1), value: '}' });
          form.append(input);
          document.body.append(form);
          const loaded = new Promise((r) => frame.addEventListener('load', r, { once: true }));
          form.submit();
          await loaded;
          out.push('form posted');
          return out;
        },
        target,
        body,
        token,
      );
      expect(results[0]).toBe('no-cors text/plain: opaque 0');
      expect(results[1]).toMatch(/failed/); // the preflight is refused; the request itself never runs
      expect(results[2]).toBe('form posted');
    } finally {
      await p.close();
      await page.bringToFront();
      attacker.closeAllConnections();
      await new Promise<void>((r) => attacker.close(() => r()));
    }

    // The same requests straight to the server: what it answers, and why.
    const post = (headers: Record<string, string>) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const u = new URL(dev.url);
        const req = request({ host: u.hostname, port: u.port, path: '/__lehtinen/edit', method: 'POST', headers }, (res) => {
          let s = '';
          res.on('data', (c: Buffer) => (s += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode!, body: s }));
        });
        req.on('error', reject);
        req.end(body);
      });
    const host = new URL(dev.url).host;
    const own = { host, origin: `http://${host}`, 'content-type': 'application/json', 'x-lehtinen-token': token };
    expect((await post({ ...own, origin: 'http://attacker.example' })).status).toBe(403);
    expect((await post({ ...own, origin: 'http://127.0.0.1:1' })).status).toBe(403);
    expect((await post({ ...own, 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await post({ ...own, host: 'attacker.example', origin: 'http://attacker.example' })).status).toBe(403);
    expect((await post({ ...own, 'x-lehtinen-token': 'x'.repeat(token.length) })).status).toBe(403);
    expect((await post({ ...own, 'content-type': 'text/plain' })).status).toBe(403);
    const { origin: _o, ...noOrigin } = own;
    expect((await post(noOrigin)).status).toBe(403);
    expect(snapshot()).toEqual(before);
    // A server listening on a network address takes no writes at all, even from its own page.
    const fake = { headers: own } as unknown as Parameters<typeof refuseWrite>[0];
    expect(refuseWrite(fake, token, false)).toMatch(/editing is off/);
    expect(refuseWrite(fake, token, true)).toBeUndefined();
  });
});
