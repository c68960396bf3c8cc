/**
 * `lehtinen review export --lang sms`: one self-contained HTML file for a native reviewer. Every string
 * the language needs, with the source text, the current text, its status and crops of the pages it is
 * printed on (laid out in lehtinen's sandboxed browser, the string outlined, embedded as data: URLs), and
 * fields for a corrected text and a comment. The page makes no request (its CSP forbids any), keeps work in
 * progress in the browser's local storage and saves the review as a JSON file (review/format.ts) that
 * `lehtinen review import` merges.
 */
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { inspectLayout } from '../browser/layout.js';
import { BrowserSession } from '../browser/session.js';
import { composeAll } from '../check/compose-all.js';
import { mmToPx } from '../compose/geometry.js';
import { placeholders } from '../i18n/placeholders.js';
import { languageState } from '../i18n/state.js';
import type { Workspace } from '../workspace/workspace.js';
import { REVIEW_CSS, REVIEW_JS } from './page.js';
import { REVIEW_FORMAT, REVIEW_VERSION } from './format.js';

export interface ReviewString {
  key: string;
  /** plural category of this form, when the message has plural forms */
  category?: string;
  source: string;
  sourceHash: string;
  /** null: the language lacks it */
  text: string | null;
  status: string;
  placeholders: string[];
  /** reviewer's earlier comment, if any */
  comment?: string;
  where: { material: string; page: number; img?: string }[];
}

export interface ReviewData {
  format: typeof REVIEW_FORMAT;
  version: typeof REVIEW_VERSION;
  campaign: string;
  lang: string;
  langName: string;
  sourceLang: string;
  sourceName: string;
  exported: string;
  strings: ReviewString[];
}

/** Crops per string: enough to see where it is, few enough to keep the file small. */
const MAX_CROPS = 2;
/** Pages are laid out at this many px per mm (about 150 dpi) before cropping. */
const PX_PER_MM = 6;
const CROP_WIDTH = 420;

export async function reviewData(
  ws: Workspace,
  lang: string,
  o: { browserPath?: string; timeoutMs?: number; images?: boolean; progress?: (s: string) => void } = {},
): Promise<ReviewData> {
  const state = languageState(ws.locales, ws.sourceLang, lang);
  const where = new Map<string, ReviewString['where']>();
  if (o.images !== false) {
    const composed = composeAll(ws, [lang]);
    const session = new BrowserSession({ browserPath: o.browserPath, concurrency: 1 });
    try {
      for (const c of composed.composed) {
        const { material, lang: l } = c.variant;
        const inset = mmToPx(c.geometry.bleed);
        const r = await inspectLayout(session, {
          id: c.variant.id,
          html: c.html,
          root: ws.root,
          qrLabel: c.qr.payload,
          inset,
          thumbnail: Math.round(Math.max(...material.trim) * PX_PER_MM),
          timeoutMs: o.timeoutMs ?? 60_000,
          frames: { bleedPx: inset, safePx: mmToPx(c.geometry.safe) },
        });
        o.progress?.(`laid out ${c.variant.id} (${l.code})`);
        for (const k of r.keys) {
          const list = where.get(k.key) ?? [];
          if (list.some((w) => w.material === material.id && w.page === k.page)) continue;
          const img = list.filter((w) => w.img).length < MAX_CROPS && r.thumbnails[k.page - 1] ? await crop(r.thumbnails[k.page - 1]!, k) : undefined;
          list.push({ material: material.id, page: k.page, ...(img ? { img } : {}) });
          where.set(k.key, list);
        }
      }
    } finally {
      await session.close();
    }
  }
  const strings: ReviewString[] = state.keys.map((k) => ({
    key: k.key,
    ...(k.plural ? { category: k.plural.category } : {}),
    source: k.sourceText,
    sourceHash: k.sourceHash,
    text: k.text ?? null,
    status: k.status,
    placeholders: [...new Set(placeholders(k.sourceVariablesText).map((p) => p.raw))],
    ...(k.entry?.comment ? { comment: k.entry.comment } : {}),
    // Templates print a plural message under its base key.
    where: where.get(k.key) ?? (k.plural ? where.get(k.plural.base) : undefined) ?? [],
  }));
  const name = (c: string) => ws.languages.find((l) => l.code === c)?.name ?? c;
  return {
    format: REVIEW_FORMAT,
    version: REVIEW_VERSION,
    campaign: ws.config.campaign.id,
    lang,
    langName: name(lang),
    sourceLang: ws.sourceLang,
    sourceName: name(ws.sourceLang),
    exported: new Date().toISOString(),
    strings,
  };
}

/** The string's surroundings on its page (the trim-area picture), the string outlined. */
async function crop(page: Buffer, k: { x: number; y: number; w: number; h: number }): Promise<string> {
  const img = sharp(page);
  const { width = 1, height = 1 } = await img.metadata();
  const pad = Math.round(0.06 * Math.max(width, height));
  const bx = Math.round(k.x * width);
  const by = Math.round(k.y * height);
  const bw = Math.max(1, Math.round(k.w * width));
  const bh = Math.max(1, Math.round(k.h * height));
  const left = clamp(bx - pad, 0, width - 1);
  const top = clamp(by - pad, 0, height - 1);
  const right = clamp(bx + bw + pad, left + 1, width);
  const bottom = clamp(by + bh + pad, top + 1, height);
  const cw = right - left;
  const ch = bottom - top;
  const outline = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${cw}" height="${ch}"><rect x="${bx - left - 3}" y="${by - top - 3}" width="${bw + 6}" height="${bh + 6}" fill="none" stroke="#d0006f" stroke-width="3" rx="3"/></svg>`,
  );
  // Two steps: sharp composites after resizing, and the outline is drawn at the crop's own size.
  const marked = await sharp(page)
    .extract({ left, top, width: cw, height: ch })
    .composite([{ input: outline, left: 0, top: 0 }])
    .png()
    .toBuffer();
  const out = await sharp(marked)
    .resize({ width: Math.min(CROP_WIDTH, cw), withoutEnlargement: true })
    .webp({ quality: 72 })
    .toBuffer();
  return `data:image/webp;base64,${out.toString('base64')}`;
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

/** JSON inside <script>: no "</script>" or "<!--" can end it early. */
function scriptJson(v: unknown): string {
  return JSON.stringify(v).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

export function renderReviewPage(d: ReviewData): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const jsHash = createHash('sha256').update(REVIEW_JS).digest('base64');
  // Nothing may leave the page or be fetched: images are data: URLs, the one script is allowed by its hash.
  const csp = `default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'sha256-${jsHash}'; connect-src 'none'; form-action 'none'; base-uri 'none'`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="lehtinen review export">
<title>Review: ${esc(d.langName)} (${esc(d.lang)}) · ${esc(d.campaign)}</title>
<link rel="icon" href="data:,">
<style>${REVIEW_CSS}</style>
</head>
<body>
<script type="application/json" id="review-data">${scriptJson(d)}</script>
<header>
  <h1>Review: ${esc(d.langName)} <span lang="en">(${esc(d.lang)})</span></h1>
  <p>Every text of <strong>${esc(d.campaign)}</strong> in ${esc(d.langName)}, with the ${esc(d.sourceName)} original and where it is printed.
  Tick <em>Approved</em> when a text is right; correct it in its box if it is not; leave a comment for the editor if anything is unclear.
  Your work is kept in this browser until you save it. When you are done, press <em>Save my review</em> and send the downloaded file to the editor.</p>
  <div class="bar">
    <label for="reviewer">Your name</label> <input id="reviewer" autocomplete="name" required>
    <button id="save" type="button">Save my review</button>
    <label><input type="checkbox" id="todo-only"> show only texts not yet approved</label>
    <span id="progress" role="status" aria-live="polite"></span>
  </div>
  <p id="message" role="alert"></p>
</header>
<main id="items"></main>
<script>${REVIEW_JS}</script>
</body>
</html>
`;
}
