// Screenshot of `lehtinen dev` for the README: starts the preview server on the example workspace (this
// folder) on a free port, opens it in headless Chromium at 40 % zoom with every guide on, and writes
// docs/images/dev.webp. Run `npm run compile` first. Usage: node scripts/dev-screenshot.mjs [root]
import path from 'node:path';
import puppeteer from 'puppeteer';
import sharp from 'sharp';
import { findBrowser } from '../dist/browser/find.js';
import { CHROME_ARGS } from '../dist/browser/session.js';
import { startDev } from '../dist/dev/server.js';

const dev = await startDev({ root: path.resolve(process.argv[2] ?? '.'), port: 0 });
// lehtinen's Chromium flags, but 127.0.0.1 resolves (every other host stays unreachable).
const args = CHROME_ARGS.map((a) => (a.startsWith('--host-resolver-rules=') ? `${a}, EXCLUDE 127.0.0.1` : a));
const browser = await puppeteer.launch({ executablePath: (await findBrowser()).path, headless: true, args });
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1400, height: 1000, deviceScaleFactor: 1 });
  await page.goto(`${dev.url}?zoom=35`, { waitUntil: 'load' });
  // Every document loaded and its fonts ready.
  await page.waitForFunction(() => [...document.querySelectorAll('iframe')].every((f) => f.dataset.loads !== '0'), { timeout: 30_000 });
  for (const f of page.frames()) await f.evaluate(() => document.fonts.ready).catch(() => {});
  const png = await page.screenshot({ type: 'png' });
  await sharp(png).resize({ width: 1100 }).webp({ quality: 72 }).toFile('docs/images/dev.webp');
  console.log('wrote docs/images/dev.webp');
} finally {
  await browser.close();
  await dev.close();
}
