#!/usr/bin/env node
/**
 * The bare warm-Chromium loop as its own process, for `npm run bench`'s whole-process comparison:
 * one browser, N pages, each document of `--kind html` folders opened from disk, document.fonts.ready,
 * page.pdf (tagged, CSS page size, backgrounds), nothing else. Usage: warm-loop.mjs HTML_ROOT OUT N
 */
import { mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer';
import { CHROME_ARGS } from '../dist/browser/session.js';
import { findBrowser } from '../dist/browser/find.js';

const [root, out, n] = process.argv.slice(2);
const docs = readdirSync(root, { recursive: true }).filter((f) => String(f).endsWith('-html/index.html')).map((f) => path.join(root, String(f))).sort();
mkdirSync(out, { recursive: true });
const browser = await puppeteer.launch({ executablePath: (await findBrowser()).path, headless: true, args: CHROME_ARGS });
const pages = await Promise.all(Array.from({ length: Math.min(Number(n), docs.length) }, () => browser.newPage()));
const queue = [...docs];
await Promise.all(
  pages.map(async (page) => {
    for (let d = queue.shift(); d; d = queue.shift()) {
      await page.goto(pathToFileURL(d).href, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready);
      await page.pdf({ path: path.join(out, path.basename(path.dirname(d)) + '.pdf'), preferCSSPageSize: true, printBackground: true, tagged: true });
    }
  }),
);
await browser.close();
console.log(`${docs.length} documents`);
