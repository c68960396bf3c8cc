// Screenshots of the downloads site for the README: serves a built output/site/ on 127.0.0.1, opens the
// English page at desktop width and at 320 px in headless Chromium, and writes
// docs/images/site.webp (run `npm run example` first). Usage: node scripts/site-screenshot.mjs [out-dir]
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import puppeteer from 'puppeteer';
import sharp from 'sharp';
import { findBrowser } from '../dist/browser/find.js';
import { CHROME_ARGS } from '../dist/browser/session.js';

const site = path.resolve(process.argv[2] ?? 'output', 'site');
const types = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.webp': 'image/webp', '.svg': 'image/svg+xml', '.ttf': 'font/ttf', '.png': 'image/png' };
const server = createServer(async (req, res) => {
  let rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  if (rel.endsWith('/')) rel += 'index.html';
  try {
    const body = await readFile(path.join(site, path.normalize(rel)));
    res.writeHead(200, { 'content-type': types[path.extname(rel)] ?? 'application/octet-stream' }).end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
// Chromium's flags for lehtinen, but 127.0.0.1 resolves (every other host stays unreachable).
const siteArgs = () => CHROME_ARGS.map((a) => (a.startsWith('--host-resolver-rules=') ? `${a}, EXCLUDE 127.0.0.1` : a));
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await puppeteer.launch({ executablePath: (await findBrowser()).path, headless: true, args: siteArgs() });
try {
  const page = await browser.newPage();
  const shot = async (width, height, url) => {
    await page.setViewport({ width, height, deviceScaleFactor: 1 });
    await page.goto(base + url, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready);
    return page.screenshot({ type: 'png' });
  };
  const wide = await shot(1200, 900, '/en/index.html');
  const narrow = await shot(320, 900, '/smn/card/index.html');
  const gap = 24;
  await sharp({ create: { width: 1200 + 320 + 3 * gap, height: 900 + 2 * gap, channels: 3, background: '#e9e6ea' } })
    .composite([{ input: wide, left: gap, top: gap }, { input: narrow, left: 1200 + 2 * gap, top: gap }])
    .png()
    .toBuffer()
    .then((b) => sharp(b).resize({ width: 1100 }))
    .then((s) => s
    .webp({ quality: 80 })
    .toFile('docs/images/site.webp'));
  console.log('wrote docs/images/site.webp');
} finally {
  await browser.close();
  server.close();
}
