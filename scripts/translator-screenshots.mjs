// Screenshots for docs/translators.md: the edit panel of `lehtinen dev` open on a Skolt Sámi text of the
// card (docs/images/dev-edit.webp), and the offline review page of `lehtinen review export --lang sms`
// with one text corrected and commented (docs/images/review-page.webp). Nothing is saved: the workspace
// is only read. Run `npm run compile` first. Usage: node scripts/translator-screenshots.mjs [root]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer';
import sharp from 'sharp';
import { findBrowser } from '../dist/browser/find.js';
import { CHROME_ARGS } from '../dist/browser/session.js';
import { startDev } from '../dist/dev/server.js';
import { renderReviewPage, reviewData } from '../dist/review/export.js';
import { loadWorkspace } from '../dist/workspace/workspace.js';

const root = path.resolve(process.argv[2] ?? '.');
const LANG = 'sms';
const dev = await startDev({ root, port: 0, marks: false });
// lehtinen's Chromium flags, but 127.0.0.1 resolves (every other host stays unreachable).
const args = CHROME_ARGS.map((a) => (a.startsWith('--host-resolver-rules=') ? `${a}, EXCLUDE 127.0.0.1` : a));
const browser = await puppeteer.launch({ executablePath: (await findBrowser()).path, headless: true, args });
const tmp = mkdtempSync(path.join(os.tmpdir(), 'lehtinen-shots-'));
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1400, height: 900, deviceScaleFactor: 1 });
  // True size: puppeteer's clicks inside frames miss under CSS zoom.
  await page.goto(`${dev.url}?lang=${LANG}&zoom=100`, { waitUntil: 'load' });
  await page.waitForFunction(() => [...document.querySelectorAll('iframe')].every((f) => f.contentDocument?.documentElement?.dataset.lehtinenEdit === '1'), { timeout: 30_000 });
  for (const f of page.frames()) await f.evaluate(() => document.fonts.ready).catch(() => {});
  const card = page.frames().find((f) => f.url().includes(`/doc/card-${LANG}.html`));
  // The first draft string printed in larger type: found in the page, not named here.
  const target = await card.evaluateHandle(() =>
    [...document.querySelectorAll('span.l10n-draft[data-l10n-key]')].sort((a, b) => parseFloat(getComputedStyle(b).fontSize) - parseFloat(getComputedStyle(a).fontSize))[0],
  );
  await target.asElement().click();
  await page.waitForFunction(() => !!document.querySelector('#p-forms textarea'), { timeout: 15_000 });
  await page.evaluate((lang) => {
    document.querySelector(`figure[data-id="card-${lang}"]`)?.scrollIntoView({ block: 'start' });
    window.scrollBy(0, -70);
  }, LANG);
  await page.evaluate(() => document.querySelector('#p-forms textarea').focus());
  const png = await page.screenshot({ type: 'png' });
  await sharp(png).resize({ width: 1100 }).webp({ quality: 72 }).toFile('docs/images/dev-edit.webp');
  console.log('wrote docs/images/dev-edit.webp');

  const ws = await loadWorkspace(root);
  const file = path.join(tmp, 'review.html');
  writeFileSync(file, renderReviewPage(await reviewData(ws, LANG)));
  const review = await browser.newPage();
  await review.setViewport({ width: 1200, height: 900, deviceScaleFactor: 1 });
  await review.goto(`file://${file}`, { waitUntil: 'load' });
  await review.type('#reviewer', 'Reviewer’s name');
  // The first printed card text: ticked as right; the second: a comment for the editor.
  const items = await review.$$('section.item:has(img)');
  await items[0].$eval('input.ok', (e) => e.click());
  await (await items[1].$('textarea.comment')).type('Is this the word used on the coast too?');
  await items[0].evaluate((e) => e.scrollIntoView({ block: 'start' }));
  await review.evaluate(() => window.scrollBy(0, -document.querySelector('header').offsetHeight - 8));
  const png2 = await review.screenshot({ type: 'png' });
  await sharp(png2).resize({ width: 1000 }).webp({ quality: 72 }).toFile('docs/images/review-page.webp');
  console.log('wrote docs/images/review-page.webp');
} finally {
  await browser.close();
  await dev.close();
  rmSync(tmp, { recursive: true, force: true });
}
