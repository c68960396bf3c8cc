/**
 * Lay a composed document out in a pooled page without printing it, and measure what checks need: the
 * page boxes, the printed size of every QR code, where each marked string sits on its page, and (when
 * asked) a small picture of every page's trim area for the coverage report.
 */
import { LehtinenError } from '../errors.js';
import { fitAndMeasureFrames, type FrameOptions, type FrameReport } from './frames.js';
import type { PageBox } from './render.js';
import { DOCUMENT_PATH, SANDBOX_ORIGIN } from './sandbox-origin.js';
import type { SandboxJob } from './sandbox.js';
import type { BrowserSession } from './session.js';

export interface LayoutRequest {
  id: string;
  html: string;
  root: string;
  /** aria-label of the QR code SVGs to measure (the QR payload) */
  qrLabel: string;
  /** CSS px cut from each side of a page for thumbnails (the bleed) */
  inset: number;
  /** long side of thumbnails in px; undefined = no thumbnails */
  thumbnail?: number;
  timeoutMs: number;
  /** copy-fit and measure the template's frames (browser/frames.ts) before anything else is measured */
  frames?: FrameOptions;
  /** also print the page to PDF, for the fonts it embeds (output/pdf-fonts.ts) */
  pdf?: boolean;
}

export interface LayoutResult {
  pages: PageBox[];
  /** CSS px; page is 1-based */
  qrs: { page: number; width: number; height: number }[];
  /** where each marked string is: rectangles relative to its page's trim area, as fractions 0…1 */
  keys: { key: string; page: number; x: number; y: number; w: number; h: number }[];
  /** the faces each marked string is set in: key → "family|weight|style" (computed style of its text) */
  faces: Record<string, string[]>;
  /** WebP per page, trim area */
  thumbnails: Buffer[];
  blocked: string[];
  missing: string[];
  fontErrors: string[];
  frames?: FrameReport;
  /** images refused by the sandbox, "path: why" */
  rejected: string[];
  /** workspace paths that lead outside it (symbolic links) */
  outside: string[];
  /** the page printed to PDF, when asked */
  pdf?: Uint8Array;
}

export async function inspectLayout(session: BrowserSession, req: LayoutRequest): Promise<LayoutResult> {
  const job: SandboxJob = { html: req.html, root: req.root, blocked: [], missing: [], rejected: [], outside: [] };
  return session.withPage(job, async (page) => {
    page.setDefaultTimeout(req.timeoutMs);
    await page.setViewport({ width: 800, height: 600, deviceScaleFactor: 1 });
    await page.goto(SANDBOX_ORIGIN + DOCUMENT_PATH, { waitUntil: 'load', timeout: req.timeoutMs });
    const frames = req.frames ? await fitAndMeasureFrames(page, req.frames) : undefined;
    const info = await page.evaluate(measure, req.qrLabel, req.inset);
    const pdf = req.pdf ? await page.pdf({ preferCSSPageSize: true, printBackground: true, timeout: req.timeoutMs }) : undefined;
    const thumbnails: Buffer[] = [];
    if (req.thumbnail && info.pages.length) {
      const right = Math.max(...info.pages.map((b) => b.x + b.width));
      const bottom = Math.max(...info.pages.map((b) => b.y + b.height));
      await page.setViewport({ width: Math.ceil(right) + 1, height: Math.ceil(bottom) + 1, deviceScaleFactor: 1 });
      const cdp = await page.createCDPSession();
      try {
        for (const b of info.pages) {
          const w = b.width - 2 * req.inset;
          const h = b.height - 2 * req.inset;
          const scale = req.thumbnail / Math.max(w, h);
          const { data } = await cdp.send('Page.captureScreenshot', {
            format: 'webp',
            quality: 80,
            clip: { x: b.x + req.inset, y: b.y + req.inset, width: w, height: h, scale },
            captureBeyondViewport: true,
          });
          thumbnails.push(Buffer.from(data, 'base64'));
        }
      } finally {
        await cdp.detach().catch(() => {});
      }
    }
    if (!info.pages.length) {
      throw new LehtinenError('PAGE_COUNT', `${req.id}: the template made no page`, { hint: 'Each page of a material is one <section class="page"> in its template.' });
    }
    return { ...info, thumbnails, blocked: job.blocked, missing: job.missing, frames, rejected: job.rejected ?? [], outside: job.outside ?? [], pdf };
  });
}

/**
 * Runs in the page (page scripts are disabled; DevTools evaluation still works). No named inner
 * functions: esbuild (tsx, vitest) wraps them in a __name() helper that does not exist in the page.
 */
async function measure(qrLabel: string, inset: number) {
  await document.fonts.ready;
  const fontErrors: string[] = [];
  for (const f of document.fonts) if (f.status === 'error') fontErrors.push(`${f.family} ${f.weight} ${f.style}`);
  const pageEls = [...document.querySelectorAll<HTMLElement>('.page')];
  const pages = pageEls.map((el) => {
    const r = el.getBoundingClientRect();
    return { x: r.x + window.scrollX, y: r.y + window.scrollY, width: r.width, height: r.height };
  });
  const qrs: { page: number; width: number; height: number }[] = [];
  // The variant's QR code carries its payload (compose/qr.ts); its aria-label is the localised alt text.
  for (const svg of document.querySelectorAll('svg[data-qr-payload]')) {
    if (svg.getAttribute('data-qr-payload') !== qrLabel) continue;
    const r = svg.getBoundingClientRect();
    qrs.push({ page: pageEls.findIndex((p) => p.contains(svg)) + 1, width: r.width, height: r.height });
  }
  const keys: { key: string; page: number; x: number; y: number; w: number; h: number }[] = [];
  const faces: Record<string, string[]> = {};
  for (const el of document.querySelectorAll<HTMLElement>('[data-l10n-key]')) {
    const key = el.dataset.l10nKey!;
    const list = (faces[key] ??= []);
    for (const e of [el, ...el.querySelectorAll<HTMLElement>('*')]) {
      if (![...e.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim())) continue;
      const cs = getComputedStyle(e);
      const fam = cs.fontFamily.split(',')[0]!.trim().replace(/^["']|["']$/g, '');
      const face = `${fam}|${cs.fontWeight}|${cs.fontStyle === 'normal' ? 'normal' : 'italic'}`;
      if (!list.includes(face)) list.push(face);
    }
    const p = pageEls.findIndex((x) => x.contains(el)) + 1;
    if (!p) continue;
    const box = pageEls[p - 1]!.getBoundingClientRect();
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height) continue;
    const w = box.width - 2 * inset;
    const h = box.height - 2 * inset;
    keys.push({
      key: el.dataset.l10nKey!,
      page: p,
      x: (r.x - box.x - inset) / w,
      y: (r.y - box.y - inset) / h,
      w: r.width / w,
      h: r.height / h,
    });
  }
  return { pages, qrs, keys, faces, fontErrors };
}
