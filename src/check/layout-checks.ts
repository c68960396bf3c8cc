/**
 * Checks that need the laid-out page: the printed size of each QR code (module size against the
 * material's minimum, compose/qr.ts MIN_MODULE_MM), files that CSS asks for and that do not exist,
 * requests outside the workspace, fonts that fail to load; frames that overflow, copy-fit and image
 * resolution (browser/frames.ts, check/frame-rules.ts). Also collects where each string sits on its
 * page and page thumbnails for the HTML report.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import pLimit from 'p-limit';
import sharp from 'sharp';
import { inspectLayout, type LayoutResult } from '../browser/layout.js';
import { BrowserSession } from '../browser/session.js';
import { mmToPx } from '../compose/geometry.js';
import { readManifest } from '../output/manifest.js';
import { assertPdfFonts } from '../output/pdf-fonts.js';
import { LehtinenError } from '../errors.js';
import type { Workspace } from '../workspace/workspace.js';
import type { ComposedForCheck } from './compose-all.js';
import { frameProblems } from './frame-rules.js';
import { qrModuleProblem } from './qr-rule.js';
import { whoAsksFor } from '../compose/asset-refs.js';
import type { CheckProblem } from './output-schema.js';

export const THUMBNAIL_PX = 360;
const PX_TO_MM = 25.4 / 96;

export interface LayoutFindings {
  problems: CheckProblem[];
  /** `${material}|${lang}` → layout */
  variants: Map<string, LayoutResult>;
  /** `${material}|${lang}|${page}` → WebP thumbnail of the trim area */
  thumbnails: Map<string, Buffer>;
  /** where thumbnails came from */
  thumbnailSource: 'rendered' | 'manifest' | 'mixed' | 'none';
}

export async function layoutChecks(
  ws: Workspace,
  composed: ComposedForCheck,
  o: { browserPath?: string; thumbnails: boolean; timeoutMs: number; signal?: AbortSignal; progress?: (t: string) => void },
): Promise<LayoutFindings> {
  const out: LayoutFindings = { problems: [], variants: new Map(), thumbnails: new Map(), thumbnailSource: 'none' };
  const previews = o.thumbnails ? await freshPreviews(ws) : new Map<string, string>();
  const concurrency = Math.max(1, Math.min(availableParallelism(), 4));
  const session = new BrowserSession({ browserPath: o.browserPath, concurrency });
  const slots = pLimit(concurrency);
  let done = 0;
  let fromManifest = 0;
  let rendered = 0;
  try {
    await Promise.all(
      composed.composed.map((c) =>
        slots(async () => {
          o.signal?.throwIfAborted();
          const { material, lang } = c.variant;
          const id = `${material.id}|${lang.code}`;
          const havePreviews = Array.from({ length: c.geometry.pages }, (_, i) => previews.get(`${id}|${i + 1}`));
          const needThumbs = o.thumbnails && havePreviews.some((p) => !p);
          const r = await inspectLayout(session, {
            id: c.variant.id,
            html: c.html,
            root: ws.root,
            qrLabel: c.qr.payload,
            inset: mmToPx(c.geometry.bleed),
            thumbnail: needThumbs ? THUMBNAIL_PX : undefined,
            timeoutMs: o.timeoutMs,
            frames: { bleedPx: mmToPx(c.geometry.bleed), safePx: mmToPx(c.geometry.safe) },
            pdf: true,
          });
          // The fonts the printed page really uses, as build reads them back (output/pdf-fonts.ts).
          if (r.pdf) {
            const e = await assertPdfFonts(ws, c.variant.id, material.template, r.pdf).then(() => undefined, (x: unknown) => x);
            if (e instanceof LehtinenError) out.problems.push({ severity: 'error', code: e.code, lang: lang.code, material: material.id, ...e.where, message: e.message, ...(e.hint ? { hint: e.hint } : {}) });
            else if (e) throw e;
          }
          out.variants.set(id, r);
          for (let i = 0; i < r.pages.length; i++) {
            const k = `${id}|${i + 1}`;
            if (!o.thumbnails) continue;
            if (!needThumbs && havePreviews[i]) {
              out.thumbnails.set(k, await sharp(havePreviews[i]!).resize(THUMBNAIL_PX, THUMBNAIL_PX, { fit: 'inside' }).webp({ quality: 80 }).toBuffer());
              fromManifest++;
            } else if (r.thumbnails[i]) {
              out.thumbnails.set(k, r.thumbnails[i]!);
              rendered++;
            }
          }
          findings(ws, c, r, out.problems);
          o.progress?.(`laid out ${++done}/${composed.composed.length}: ${c.variant.id}`);
        }),
      ),
    );
  } finally {
    await session.close();
  }
  out.thumbnailSource = fromManifest && rendered ? 'mixed' : fromManifest ? 'manifest' : rendered ? 'rendered' : 'none';
  return out;
}

/** Thumbnails from the last build's previews alone (check --report --no-layout), when they are current. */
export async function previewThumbnails(ws: Workspace): Promise<LayoutFindings> {
  const out: LayoutFindings = { problems: [], variants: new Map(), thumbnails: new Map(), thumbnailSource: 'none' };
  for (const [k, file] of await freshPreviews(ws)) {
    out.thumbnails.set(k, await sharp(file).resize(THUMBNAIL_PX, THUMBNAIL_PX, { fit: 'inside' }).webp({ quality: 80 }).toBuffer());
  }
  if (out.thumbnails.size) out.thumbnailSource = 'manifest';
  return out;
}

function findings(ws: Workspace, c: ComposedForCheck['composed'][number], r: LayoutResult, problems: CheckProblem[]): void {
  const { material, lang } = c.variant;
  const where = { lang: lang.code, material: material.id };
  for (const q of r.qrs) {
    const p = qrModuleProblem(ws, { id: c.variant.id, material, lang: lang.code }, c.qr, q);
    if (p) problems.push(p);
  }
  for (const url of new Set(r.blocked)) {
    problems.push({ severity: 'error', code: 'REQUEST_BLOCKED', ...where, message: `${c.variant.id}: the page asks for ${url}, outside the workspace (blocked)`, hint: 'Copy the file into the workspace and refer to it there.' });
  }
  for (const rel of new Set(r.missing)) {
    const ref = whoAsksFor(ws.root, ws.templates.files, material.template, rel);
    problems.push({
      severity: 'error', code: 'ASSET_MISSING', ...where, ...(ref ?? { file: rel }),
      message: `${c.variant.id}: ${rel} is used by ${ref ? `${ref.file} (line ${ref.line})` : 'the template or its CSS'} but does not exist`,
      hint: 'Check the path: it is relative to the workspace folder.',
    });
  }
  for (const rel of new Set(r.outside)) {
    problems.push({ severity: 'error', code: 'ASSET_OUTSIDE_WORKSPACE', ...where, file: rel, message: `${c.variant.id}: ${rel} is a link to a file outside the workspace`, hint: 'Replace the symbolic link with a copy of the file.' });
  }
  for (const x of new Set(r.rejected)) {
    const file = x.split(': ')[0];
    problems.push({ severity: 'error', code: 'ASSET_INVALID', ...where, file, message: `${c.variant.id}: image ${x}`, hint: 'Export it again as PNG, JPEG, WebP or SVG at 300 dpi of its printed size.' });
  }
  for (const f of new Set(r.fontErrors)) {
    problems.push({ severity: 'error', code: 'FONT_LOAD', ...where, file: 'lehtinen.config.yaml', key: 'brand.fonts', message: `${c.variant.id}: font ${f} did not load`, hint: 'Check that the file is a valid TrueType font.' });
  }
  if (r.frames) {
    problems.push(...frameProblems({ variantId: c.variant.id, material: material.id, lang: lang.code, template: material.template }, r.frames));
  }
  if (r.pages.length !== material.pages) {
    problems.push({ severity: 'error', code: 'PAGE_COUNT', ...where, file: `templates/${material.template}/index.hbs`, message: `${c.variant.id}: the template made ${r.pages.length} page(s), the material has ${material.pages}` });
  }
}

/**
 * Previews from the last build (output/manifest.json), when that build is newer than every file of the
 * workspace it was made from: then they show the pages as they are now, and nothing needs rendering.
 */
async function freshPreviews(ws: Workspace): Promise<Map<string, string>> {
  const outDir = path.join(ws.root, ws.config.output.dir);
  const manifest = await readManifest(outDir);
  const out = new Map<string, string>();
  if (!manifest || manifest.proof) return out;
  const built = Date.parse(manifest.generated);
  const newest = Math.max(
    ...['lehtinen.config.yaml', 'locales', 'templates', 'assets'].map((p) => newestMtime(path.join(ws.root, p))),
  );
  if (!(built > newest)) return out;
  for (const v of manifest.variants) {
    for (const f of v.files) {
      const abs = path.join(outDir, f.path);
      if (f.kind === 'preview' && f.page && existsSync(abs)) out.set(`${v.material}|${v.lang}|${f.page}`, abs);
    }
  }
  return out;
}

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(p).map((n) => newestMtime(path.join(p, n))));
}
