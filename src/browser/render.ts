/**
 * Render one composed document in a pooled page: PDF (tagged, CSS page size, backgrounds) and, when
 * asked, a raster of each page's bleed box at a given device scale. Nothing here knows about print
 * boxes or files; output/ takes the bytes from here.
 */
import type { Page } from 'puppeteer';
import { LehtinenError } from '../errors.js';
import { DOCUMENT_PATH, SANDBOX_ORIGIN } from './sandbox-origin.js';
import type { BrowserSession } from './session.js';
import type { SandboxJob } from './sandbox.js';
import { keepWrapSpaces, tagLanguages } from './tag-languages.js';
import { bounded } from '../waits.js';

export interface RenderRequest {
  id: string;
  html: string;
  root: string;
  expectedPages: number;
  /** rasters to take of every page, by name: device pixels per CSS px (300 dpi = 3.125); none = no raster */
  rasters?: Record<string, number>;
  /** CSS px to cut from each side of a page before rasterising (the bleed: rasters show the trim) */
  rasterInset?: number;
  timeoutMs: number;
  /** runs on the laid-out page just before it is printed (copy-fit and frame measurement, browser/frames.ts) */
  prepare?: (page: Page) => Promise<void>;
}

export interface PageBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface RenderResult {
  pdf: Uint8Array;
  /** for each name of `rasters`, one PNG per page: its box less rasterInset on each side */
  rasters: Record<string, Buffer[]>;
  blocked: string[];
  missing: string[];
  /** fonts the document declared that did not load */
  fontErrors: string[];
  /** images refused by the sandbox, "path: why" */
  rejected: string[];
  /** workspace paths that lead outside it (symbolic links) */
  outside: string[];
  /** workspace-relative files the sandbox served to the document */
  served: string[];
}

export async function renderDocument(session: BrowserSession, req: RenderRequest): Promise<RenderResult> {
  const job: SandboxJob = { html: req.html, root: req.root, blocked: [], missing: [], rejected: [], outside: [], served: [] };
  // Each step is bounded and named (waits.ts): a hung step ends at the limit with its name and is
  // retried in a fresh page (pipeline/build.ts renderWithRetry), which then reports the time limit.
  const dog = session.watchdog;
  const step = <T>(p: Promise<T> | (() => Promise<T>), what: string, ms = req.timeoutMs) => bounded(p, ms, `${req.id}: ${what}`, { watchdog: dog });
  return session.withPage(job, async (page) => {
    page.setDefaultTimeout(req.timeoutMs);
    // A pooled page keeps its viewport: only one that rasterised (raster() widens it) needs resetting.
    const vp = page.viewport();
    if (vp?.width !== 800 || vp.height !== 600 || vp.deviceScaleFactor !== 1) {
      await step(page.setViewport({ width: 800, height: 600, deviceScaleFactor: 1 }), 'setting the viewport');
    }
    await step(page.goto(SANDBOX_ORIGIN + DOCUMENT_PATH, { waitUntil: 'load', timeout: req.timeoutMs }), 'loading the document');
    const info = await step(page.evaluate(inspect), 'waiting for fonts');
    if (info.pages.length !== req.expectedPages) {
      throw new LehtinenError('PAGE_COUNT', `${req.id}: the template made ${info.pages.length} page(s), the material has ${req.expectedPages}`, {
        hint: 'Each page of a material is one <section class="page"> in its template.',
      });
    }
    // Before keepWrapSpaces: its hanging spaces would count as text past the right edge of a frame.
    if (req.prepare) await step(req.prepare(page), 'measuring frames');
    await step(page.evaluate(tagLanguages), 'tagging languages');
    await step(page.evaluate(keepWrapSpaces), 'preparing text');
    const pdf = await step(
      page.pdf({
        preferCSSPageSize: true,
        printBackground: true,
        tagged: true,
        outline: false,
        timeout: req.timeoutMs,
      }),
      'printing the PDF',
    );
    const inset = req.rasterInset ?? 0;
    const boxes = info.pages.map((b) => ({ x: b.x + inset, y: b.y + inset, width: b.width - 2 * inset, height: b.height - 2 * inset }));
    const rasters = req.rasters ? await raster(page, boxes, req.rasters, (p, what) => step(p, what)) : {};
    return {
      pdf,
      rasters,
      blocked: job.blocked,
      missing: job.missing,
      fontErrors: info.fontErrors,
      rejected: job.rejected ?? [],
      outside: job.outside ?? [],
      served: [...new Set(job.served)],
    };
  });
}

/** Runs in the page (page scripts are disabled; DevTools evaluation still works). */
async function inspect(): Promise<{ pages: PageBox[]; fontErrors: string[] }> {
  await document.fonts.ready;
  const fontErrors: string[] = [];
  // Iterate, not forEach: with page scripts disabled, callbacks from native code cannot run.
  for (const f of document.fonts) {
    if (f.status === 'error') fontErrors.push(`${f.family} ${f.weight} ${f.style}`);
  }
  const pages = [...document.querySelectorAll<HTMLElement>('.page')].map((el) => {
    const r = el.getBoundingClientRect();
    return { x: r.x + window.scrollX, y: r.y + window.scrollY, width: r.width, height: r.height };
  });
  return { pages, fontErrors };
}

type Step = <T>(p: Promise<T>, what: string) => Promise<T>;

async function raster(page: Page, boxes: PageBox[], scales: Record<string, number>, step: Step): Promise<Record<string, Buffer[]>> {
  const right = Math.max(...boxes.map((b) => b.x + b.width));
  const bottom = Math.max(...boxes.map((b) => b.y + b.height));
  await step(page.setViewport({ width: Math.ceil(right) + 1, height: Math.ceil(bottom) + 1, deviceScaleFactor: 1 }), 'sizing the viewport for images');
  // CDP directly, not page.screenshot(): Puppeteer rounds the clip to whole CSS pixels (up to 0.26 mm
  // off at the page edge) and ignores clip.scale unless captureBeyondViewport is set. Scaling through the
  // capture re-rasterises the vectors; raising the device pixel ratio instead made Chromium stall for
  // over a minute now and then (seen here on 2 cores with two A4 pages at 3.125×).
  const cdp = await step(page.createCDPSession(), 'opening a DevTools session');
  try {
    const out: Record<string, Buffer[]> = {};
    // Each raster at its own scale (output/images.ts rasterScales): a preview rasterised at its own size
    // needs no 300 dpi raster decoded and shrunk in Node. Chromium's fast PNG setting: it encodes
    // screenshots one at a time in one process (see images.ts).
    for (const [name, scale] of Object.entries(scales)) {
      out[name] = [];
      for (const [i, b] of boxes.entries()) {
        const { data } = await step(cdp.send('Page.captureScreenshot', {
          format: 'png',
          clip: { x: b.x, y: b.y, width: b.width, height: b.height, scale },
          captureBeyondViewport: true,
          optimizeForSpeed: true,
        }), `rasterising page ${i + 1} (${name})`);
        out[name].push(Buffer.from(data, 'base64'));
      }
    }
    return out;
  } finally {
    await step(cdp.detach(), 'closing a DevTools session').catch(() => {});
  }
}
