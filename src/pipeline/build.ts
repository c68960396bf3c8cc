/**
 * `lehtinen build`: workspace → variants → HTML → browser → PDFs and images → manifest.
 * The browser renders (bounded by the page pool); PDF post-processing and image encoding run beside it.
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import pLimit from 'p-limit';
import type { Page } from 'puppeteer';
import { composeVariant, type ComposedVariant } from '../compose/document.js';
import { whoAsksFor } from '../compose/asset-refs.js';
import { guardMeta } from '../compose/guards.js';
import { mmToPx } from '../compose/geometry.js';
import { planVariants } from '../compose/variants.js';
import { renderDocument } from '../browser/render.js';
import { BrowserSession } from '../browser/session.js';
import { browserIdentity } from '../browser/identity.js';
import { LehtinenError } from '../errors.js';
import { pageImages, rasterScales, type ImageWants } from '../output/images.js';
import { fileEntryFor, mergeManifest, MANIFEST, readManifest, type Manifest, type ManifestFile, type ManifestVariant } from '../output/manifest.js';
import { hyphenationEngine } from '../compose/hyphenation.js';
import type { DocMeta } from '../output/pdf-common.js';
import { Staging } from '../output/staging.js';
import { htmlFolder } from '../output/html-folder.js';
import { lockAndStage } from '../output/lock.js';
import { assertOwnedOutput, MARKER_TEXT, OWNER_MARKER } from '../output/ownership.js';
import type { Problem } from '../problems.js';
import { publish } from '../site/publish.js';
import { VERSION } from '../version.js';
import type { OutputKind } from '../workspace/config-schema.js';
import { findSpecialFile, relTo, resolveInside } from '../workspace/files.js';
import { imageError } from '../workspace/image-check.js';
import { loadWorkspace, type Workspace } from '../workspace/workspace.js';
import { frameProbe, overflowError } from './frame-gate.js';
import { printRuleProbe } from './print-rules.js';
import { assertFontNames } from '../output/pdf-fonts.js';
import { PdfPool } from './pdf-pool.js';
import { stringCounts, stringProblems } from './report-strings.js';
import { CmykStep, writeSheets } from './print-production.js';
import { BuildCache, hashOf, outputOptions, probablyRenders } from './cache.js';
import { isTimeout, Watchdog } from '../waits.js';
import { buildDate } from './build-date.js';
import { shareOf, type Shard } from './shard.js';
import { outDirOf, StampRecorder } from './stamp.js';

export interface BuildOptions {
  root: string;
  /** output folder; relative paths are taken from the current directory */
  outDir?: string;
  langs?: string[];
  /** build only this share of the variants (--shard K/N; pipeline/shard.ts); no site or bundles unless asked */
  shard?: Shard;
  materials?: string[];
  kinds?: OutputKind[];
  concurrency?: number;
  browserPath?: string;
  /** per render step */
  timeoutMs?: number;
  /** override output.site / output.bundles of the config (--no-site, --no-bundles) */
  site?: boolean;
  bundles?: boolean;
  signal?: AbortSignal;
  /** proof: draft, outdated and fallback strings marked on the page, "-proof" file names, output/proof/ */
  proof?: boolean;
  /** write print PDFs even when text overflows its frame (the overflow is reported as a warning) */
  allowOverflow?: boolean;
  /** print files as CMYK PDF/X (--cmyk); default: output.cmyk.enabled */
  cmyk?: boolean;
  /** write CMYK print PDFs even when they fail the preflight (--allow-preflight; failures become warnings) */
  allowPreflight?: boolean;
  /** false (--no-cache): render every variant even where the build cache (pipeline/cache.ts) has it */
  cache?: boolean;
}

export interface BuildEvents {
  start?(total: number, concurrency: number): void;
  variant?(v: { id: string; index: number; total: number; ms: number; files: number; reused?: boolean }): void;
  problem?(p: Problem): void;
  /** another build holds the output folder (output/lock.ts); this one waits for it */
  wait?(message: string): void;
  /** a wait (browser, Ghostscript) has lasted long (waits.ts): what and for how long */
  slow?(message: string): void;
}

export interface BuildResult {
  outDir: string;
  manifest: Manifest;
  problems: Problem[];
  /** variants rendered by the browser in this build */
  rendered: number;
  /** variants whose files were reused from the previous build (unchanged inputs) */
  reused: number;
  files: number;
  bytes: number;
  ms: number;
}

export async function build(opts: BuildOptions, events: BuildEvents = {}): Promise<BuildResult> {
  const t0 = performance.now();
  const watchdog = new Watchdog((m) => events.slow?.(m));
  const session = new BrowserSession({
    browserPath: opts.browserPath,
    concurrency: Math.max(1, opts.concurrency ?? availableParallelism()),
    stepTimeoutMs: opts.timeoutMs ?? 60_000,
    watchdog,
  });
  // A build that will render for sure (--no-cache) starts the browser and its pages before the workspace
  // is even read: launching takes as long as loading and composing, and both can run at once.
  const pdfs = new PdfPool();
  // A build that will probably render (--no-cache, or an input newer than the build cache) starts the
  // browser, its pages and the PDF threads before the workspace is even read: launching takes as long
  // as loading and composing, and both can run at once. The folder is the stamp's guess (stamp.ts
  // outDirOf); a wrong guess only starts the browser later, below.
  const mayRender = (opts.kinds ?? ['print-pdf']).some((k) => k !== 'html');
  const reuse = opts.cache !== false && !opts.kinds?.includes('sheet');
  if (mayRender && (await probablyRenders(outDirOf(opts), path.resolve(opts.root), reuse))) {
    void session.warm();
    pdfs.warm();
  }
  try {
    return await buildWith(session, pdfs, opts, events, t0);
  } finally {
    await Promise.all([session.close(), pdfs.close()]);
    watchdog.close();
  }
}

async function buildWith(session: BrowserSession, pdfs: PdfPool, opts: BuildOptions, events: BuildEvents, t0: number): Promise<BuildResult> {
  // The up-to-date stamp (stamp.ts) stats the inputs before anything reads them.
  const stamp = new StampRecorder(opts);
  const ws = await loadWorkspace(opts.root);
  const kinds = new Set(opts.kinds?.length ? opts.kinds : ws.config.output.kinds);
  // Proofs go to their own folder with their own manifest: they never replace or mix with print files.
  const outDir = opts.outDir
    ? path.resolve(opts.outDir)
    : path.join(ws.root, ws.config.output.dir, ...(opts.proof ? ['proof'] : []));
  // lehtinen reads its own files there (manifest, cache, lock, earlier outputs): a named pipe among them
  // would block that read, and the process with it, for good.
  // (A missing folder, or a file in the way of it, finds nothing here: the lock reports that in its own words.)
  const special = findSpecialFile(outDir);
  if (special) {
    throw new LehtinenError('OUTPUT_WRITE', `cannot write to ${outDir}: ${relTo(outDir, special)} in it is a named pipe, socket or device`, {
      hint: 'Remove it, or choose another folder with --out. The previous output was left as it was.',
    });
  }
  // Before anything is written there (and after the check above: it reads manifest.json): is the folder
  // lehtinen's to write (output/ownership.ts)?
  await assertOwnedOutput(outDir, ws.root, opts.outDir ? '--out' : 'output.dir');
  // Imposed sheets are made from the print PDFs of this build, so a build with sheets renders everything.
  const useCache = opts.cache !== false && !kinds.has('sheet');
  // When the build will probably render, the browser starts while the variants are composed and looked up
  // in the cache: launching takes a few hundred ms, which a one-string rebuild would otherwise wait for.
  // --kind html alone needs no browser: the folder is the composed document and its files.
  const renders = [...kinds].some((k) => k !== 'html');
  if (renders && (await probablyRenders(outDir, ws.root, useCache))) {
    void session.warm();
    pdfs.warm();
  }
  const variants = shareOf(planVariants(ws, { langs: opts.langs, materials: opts.materials }), opts.shard);
  const date = buildDate();
  const day = date.toISOString().slice(0, 10);

  // Compose everything first: template and content errors surface before a browser starts.
  const composed: ComposedVariant[] = [];
  for (const v of variants) {
    composed.push(composeVariant(ws, v, day, { proof: opts.proof }));
    // Composing is synchronous: a turn of the event loop between documents lets the browser launch
    // started above make progress meanwhile.
    await new Promise((r) => setImmediate(r));
  }
  const problems = stringProblems(composed, ws.sourceLang);
  problems.forEach((p) => events.problem?.(p));
  const missing = problems.find((p) => p.code === 'KEY_MISSING');
  if (missing) {
    throw new LehtinenError('KEY_MISSING', `${missing.lang}: ${missing.message}`, {
      hint: `Add the keys to locales/${ws.sourceLang}/ or fix their names in the templates.`,
    });
  }

  const prev = await readManifest(outDir);
  if (prev && !!prev.proof !== !!opts.proof) {
    throw new LehtinenError('USAGE', `${outDir} holds ${prev.proof ? 'proofs' : 'final print files'}; proofs and final files are never mixed in one folder`, {
      hint: opts.proof ? 'Leave out --out (proofs go to <output>/proof/) or give an empty folder.' : 'Give another --out folder.',
    });
  }

  const concurrency = Math.max(1, opts.concurrency ?? availableParallelism());
  const { lock, staging } = await lockAndStage(outDir, { wait: events.wait, signal: opts.signal });
  const cache = await BuildCache.open(outDir, ws.root, useCache);
  const optionsKey = outputOptions({ ...opts, kinds: [...kinds].sort(), proof: !!opts.proof });
  // Stop: no new variant starts. On Ctrl-C the browser closes too, so renders in flight end at once;
  // the staging folder is removed only after every variant has settled (see allSettledOrThrow), so no
  // late write can recreate it.
  let stop = false;
  const onAbort = () => {
    stop = true;
    void session.close();
  };
  opts.signal?.addEventListener('abort', onAbort);
  events.start?.(composed.length, concurrency);
  try {
    const slugFont = await readFile(regularFontPath(ws));
    // The cache knows the browser by its --version answer, so computing keys never waits for the launch.
    const browserId = await browserIdentity(opts.browserPath, () => session.version());
    let engine: Promise<string> | undefined;
    const browserSlots = pLimit(concurrency);
    const report = (p: Problem) => {
      problems.push(p);
      events.problem?.(p);
    };
    // Print production (print-production.ts): CMYK PDF/X and imposed sheets.
    const cmyk = new CmykStep(ws, opts.cmyk ?? ws.config.output.cmyk.enabled, report);
    const prints = kinds.has('sheet') ? new Map<string, Uint8Array>() : undefined;
    const slugFontHash = hashOf(slugFont);
    let done = 0;
    let reused = 0;
    const overflows: Problem[] = [];
    const entries = await allSettledOrThrow(
      composed.map(async (c) => {
        const t = performance.now();
        const own: Problem[] = [];
        const problem = (p: Problem) => {
          own.push(p);
          problems.push(p);
          events.problem?.(p);
        };
        const key = hashOf({
          tool: VERSION,
          browser: browserId,
          html: c.html,
          config: ws.config,
          options: optionsKey,
          // Not in the HTML but in the files: string statuses (draft notice), PDF author, slug font.
          strings: stringCounts(c),
          author: ws.translations.forLanguage(c.variant.lang.code).t('common:organisation.name'),
          slugFont: slugFontHash,
          // Files cached before the build proved fonts and QR size (issue #12) were never checked for them.
          rules: 'fonts,qr-module,text-guard',
        });
        const hit = await cache.lookup(c.variant.id, key);
        if (hit) {
          hit.problems.forEach(problem);
          reused++;
          events.variant?.({ id: c.variant.id, index: ++done, total: composed.length, ms: performance.now() - t, files: hit.files.length, reused: true });
          return variantEntry(c, hit.files);
        }
        const want: ImageWants = {
          pngDpi: kinds.has('png') ? ws.config.output.png.dpi : undefined,
          previewLongSide: kinds.has('preview') ? ws.config.output.preview.longSide : undefined,
        };
        const rasters = rasterScales(c.geometry, want);
        const frames = frameProbe(c, { printPdf: kinds.has('print-pdf') || kinds.has('sheet'), proof: !!opts.proof, allowOverflow: !!opts.allowOverflow });
        const rules = printRuleProbe(ws, c, { printPdf: kinds.has('print-pdf') || kinds.has('sheet'), proof: !!opts.proof });
        const rendered = renders
          ? await browserSlots(() => {
              opts.signal?.throwIfAborted();
              if (stop) throw new SkippedVariant();
              return renderWithRetry(session, c, ws.root, rasters, opts.timeoutMs ?? 60_000, async (page) => {
                await frames.prepare(page);
                await rules.prepare(page);
              });
            })
          : notRendered;
        reportSandbox(ws, c, rendered, problem);
        if (renders) {
          rules.apply(problem);
          await assertFontNames(ws, c.variant.id, c.variant.material.template, await pdfs.run({ kind: 'fonts', rendered: rendered.pdf }));
        }
        const found = frames.findings();
        found.problems.forEach(problem);
        overflows.push(...found.blocking);
        const { html: htmlInputs, ...entry } = await writeVariant(ws, c, rendered, {
          kinds, want, staging, engine: renders ? await (engine ??= session.version()) : '', date, slugFont, proof: opts.proof, problem, cmyk, prints, pdfs,
        });
        cache.record(c.variant.id, {
          key,
          inputs: await cache.inputsOf(renders ? rendered.served : (htmlInputs ?? []), (abs) => session.files.get(abs)),
          files: entry.files,
          problems: own,
        });
        events.variant?.({ id: c.variant.id, index: ++done, total: composed.length, ms: performance.now() - t, files: entry.files.length });
        return entry;
      }),
      () => (stop = true),
    );
    if (prints) {
      const sheetEngine = await (engine ??= session.version());
      await writeSheets(ws, entries, prints, {
        staging,
        cmyk,
        slugFont,
        date,
        problem: report,
        meta: (material, langs) => ({
          title: `${ws.config.campaign.id} ${material}: imposed sheet`,
          lang: langs.length === 1 ? langs[0]! : ws.sourceLang,
          author: ws.translations.forLanguage(ws.sourceLang).t('common:organisation.name'),
          subject: `${material} (${langs.join(', ')}), imposed for print`,
          keywords: [ws.config.campaign.id, material, 'sheet', ...langs],
          engine: sheetEngine,
          date,
        }),
      });
    }
    opts.signal?.throwIfAborted();
    // An overflow found in any variant: no print PDF is written (the staged files are discarded).
    if (overflows.length) throw overflowError(overflows);
    const next: Manifest = {
      tool: 'lehtinen',
      version: VERSION,
      generated: date.toISOString(),
      workspace: {
        organisation: ws.config.organisation.id,
        campaign: ws.config.campaign.id,
        version: ws.config.campaign.version,
        baseUrl: ws.config.baseUrl,
      },
      ...(opts.proof ? { proof: true } : {}),
      languages: ws.languages.map((l) => ({ code: l.code, name: l.name, hyphenation: hyphenationEngine(l.code) })),
      variants: entries,
    };
    const order = ws.materials.flatMap((m) => ws.languages.map((l) => `${m.id}-${l.code}`));
    const merged = mergeManifest(await readManifest(outDir), next, outDir, order);
    // output/preflight.json; a failing CMYK print PDF stops the build here (preflight/step.ts).
    await cmyk.finishPreflight(merged, staging, outDir, !!opts.allowPreflight);
    // Proofs are for reviewers, not for publishing: no site, no bundles.
    const published = await publish(ws, merged, staging, {
      // A shard's site and bundles would show only its share: lehtinen merge writes them for the whole.
      site: !opts.proof && (opts.site ?? (!opts.shard && ws.config.output.site)),
      bundles: !opts.proof && (opts.bundles ?? (!opts.shard && ws.config.output.bundles)),
      date,
    });
    for (const p of published.problems) {
      problems.push(p);
      events.problem?.(p);
    }
    const manifest = published.manifest;
    await cache.write(staging);
    await staging.write(OWNER_MARKER, MARKER_TEXT);
    await staging.write(MANIFEST, JSON.stringify(manifest, null, 2) + '\n');
    const files = entries.flatMap((e) => e.files);
    await stamp.stage({
      ws, staging, outDir, date, served: cache.servedFiles(), outputs: manifest.variants.flatMap((v) => v.files.map((f) => f.path)),
      summary: { variants: entries.length, files: files.length, bytes: files.reduce((a, f) => a + f.bytes, 0), site: manifest.site, bundles: manifest.bundles?.length, problems },
    });
    await staging.commit(MANIFEST);
    return {
      outDir,
      manifest,
      problems,
      rendered: entries.length - reused,
      reused,
      files: files.length,
      bytes: files.reduce((a, f) => a + f.bytes, 0),
      ms: performance.now() - t0,
    };
  } catch (e) {
    await staging.abort();
    if (opts.signal?.aborted) {
      throw new LehtinenError('INTERRUPTED', 'build interrupted; the previous output was left as it was');
    }
    throw e;
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    await lock.release();
  }
}

/** What a build that renders nothing (--kind html alone) passes on instead of the browser's output. */
const notRendered = { pdf: new Uint8Array(), rasters: {}, blocked: [], missing: [], fontErrors: [], rejected: [], outside: [], served: [] };

/** A variant not started because another one failed or the build was interrupted. */
class SkippedVariant extends Error {}

/**
 * Like Promise.all, but waits until every task has settled before throwing the first real error, so
 * that nothing is still writing into the staging folder when the caller removes it.
 */
async function allSettledOrThrow<T>(tasks: Promise<T>[], onFirstError: () => void): Promise<T[]> {
  let first: unknown;
  const guarded = tasks.map((t) =>
    t.catch((e: unknown) => {
      if (first === undefined && !(e instanceof SkippedVariant)) {
        first = e;
        onFirstError();
      }
      throw e;
    }),
  );
  const settled = await Promise.allSettled(guarded);
  if (first !== undefined) throw first;
  const rejected = settled.find((r) => r.status === 'rejected');
  if (rejected) throw (rejected as PromiseRejectedResult).reason;
  return settled.map((r) => (r as PromiseFulfilledResult<T>).value);
}

async function renderWithRetry(
  session: BrowserSession,
  c: ComposedVariant,
  root: string,
  rasters: Record<string, number>,
  timeoutMs: number,
  prepare?: (page: Page) => Promise<void>,
) {
  const req = {
    prepare,
    id: c.variant.id,
    html: c.html,
    root,
    expectedPages: c.geometry.pages,
    rasters,
    rasterInset: mmToPx(c.geometry.bleed),
    timeoutMs,
  };
  try {
    return await renderDocument(session, req);
  } catch (e) {
    if (e instanceof LehtinenError) throw e;
    // The document replaced itself (compose/guards.ts refuses a meta refresh; this names any other way).
    if (/Execution context was destroyed/.test((e as Error)?.message ?? '')) {
      throw new LehtinenError('TEMPLATE_RENDER', `${c.variant.id}: the page navigated away while it was printed`, {
        where: { file: `templates/${c.variant.material.template}/index.hbs` },
        hint: 'Remove what makes the page load another address (a <meta http-equiv="refresh">, a <base>) from the template.',
        cause: e,
      });
    }
    // A crashed, killed or hung browser: the session relaunches on the next request; one retry.
    try {
      return await renderDocument(session, req);
    } catch (e2) {
      if (e2 instanceof LehtinenError) throw e2;
      if (isTimeout(e2)) {
        throw new LehtinenError('RENDER_FAILED', `${c.variant.id}: rendering took longer than the time limit of ${timeoutMs / 1000} s, twice (${(e2 as Error).message.split('\n')[0]})`, {
          hint: 'Raise the limit with --timeout SECONDS, or find what makes the page heavy (an enormous image, a very long text, thousands of elements).',
          cause: e2,
        });
      }
      throw new LehtinenError('RENDER_FAILED', `${c.variant.id}: rendering failed twice: ${(e2 as Error).message.split('\n')[0]}`, {
        hint: 'Run again; if it keeps failing, try --concurrency 1 and check that the browser starts (PUPPETEER_EXECUTABLE_PATH).',
        cause: e2,
      });
    }
  }
}

function reportSandbox(
  ws: Workspace,
  c: ComposedVariant,
  r: { blocked: string[]; missing: string[]; fontErrors: string[]; rejected?: string[]; outside?: string[] },
  add: (p: Problem) => void,
): void {
  const where = { lang: c.variant.lang.code, material: c.variant.material.id };
  for (const url of new Set(r.blocked)) {
    add({ severity: 'warning', code: 'REQUEST_BLOCKED', ...where, message: `${c.variant.id}: blocked a request outside the workspace: ${url}` });
  }
  if (r.outside?.length) {
    throw new LehtinenError('ASSET_OUTSIDE_WORKSPACE', `${c.variant.id}: "${r.outside[0]}" is a link to a file outside the workspace`, {
      where: { file: r.outside[0] },
      hint: 'Replace the symbolic link with a copy of the file.',
    });
  }
  if (r.rejected?.length) {
    const [rel, ...why] = r.rejected[0]!.split(': ');
    throw imageError(rel!, `${why.join(': ')} (used by ${c.variant.id})`);
  }
  if (r.missing.length || r.fontErrors.length) {
    // The style sheets are inlined in the document: find the one that asked (compose/asset-refs.ts).
    const ref = r.missing[0] ? whoAsksFor(ws.root, ws.templates.files, c.variant.material.template, r.missing[0]) : undefined;
    throw new LehtinenError('ASSET_MISSING', `${c.variant.id}: ${[...new Set([...r.missing, ...r.fontErrors])].join(', ')} could not be loaded${ref ? ` (asked for by ${ref.file}, line ${ref.line})` : ''}`, {
      where: ref ?? {},
      hint: 'Check the paths in the templates and brand.fonts; they are relative to the workspace folder.',
    });
  }
}

interface WriteContext {
  kinds: Set<OutputKind>;
  want: ImageWants;
  staging: Staging;
  engine: string;
  date: Date;
  slugFont: Uint8Array;
  problem: (p: Problem) => void;
  proof?: boolean;
  cmyk: CmykStep;
  /** RGB print PDFs by "material-lang", kept for imposition (--kind sheet) */
  prints?: Map<string, Uint8Array>;
  /** where the PDF steps run (worker threads) */
  pdfs: PdfPool;
}

async function writeVariant(
  ws: Workspace,
  c: ComposedVariant,
  r: { pdf: Uint8Array; rasters: { png?: Buffer[]; preview?: Buffer[] } },
  x: WriteContext,
): Promise<ManifestVariant & { html?: string[] }> {
  const { material, lang } = c.variant;
  const base = `${lang.code}/${material.id}/${ws.config.campaign.id}-${material.id}-${lang.code}${x.proof ? '-proof' : ''}`;
  const files: ManifestFile[] = [];
  const put = async (kind: OutputKind, rel: string, data: Uint8Array, extra: Partial<ManifestFile> = {}) => {
    await x.staging.write(rel, data);
    files.push(fileEntryFor(kind, rel, data, extra));
  };
  const counts = stringCounts(c);
  const meta: DocMeta = {
    title: c.title,
    lang: lang.code,
    author: ws.translations.forLanguage(lang.code).t('common:organisation.name'),
    subject: `${c.title} (${lang.name})`,
    keywords: [ws.config.campaign.id, material.id, lang.code],
    engine: x.engine,
    date: x.date,
  };
  guardMeta(ws, c.variant.id, meta);
  const jobs: Promise<void>[] = [];
  if (x.kinds.has('print-pdf') || x.prints) {
    const drafts = counts.draft ?? 0;
    const outdated = counts.outdated ?? 0;
    const total = c.uses.length;
    const n = c.geometry.pages;
    jobs.push(
      x.pdfs.run({
        kind: 'print',
        rendered: r.pdf,
        geometry: c.geometry,
        meta,
        marks: ws.config.output.marks,
        slugFont: x.slugFont,
        slugs: Array.from({ length: n }, (_, i) =>
          `${ws.config.campaign.id} ${ws.config.campaign.version} · ${material.id} · ${lang.code} · ${material.trim[0]}×${material.trim[1]} mm · ${x.date.toISOString().slice(0, 10)} · ${i + 1}/${n}`,
        ),
        notice: x.proof
          ? `VEDOS / PROOF — not for print: ${drafts} draft, ${outdated} outdated, ${counts.fallback ?? 0} fallback string(s) of ${total} are marked on the page.`
          : drafts + outdated > 0
            ? `LUONNOS / DRAFT: ${drafts ? `${drafts} of ${total} strings in ${lang.name} are drafts awaiting native review` : ''}${drafts && outdated ? '; ' : ''}${outdated ? `${outdated} are outdated` : ''} — do not print as final.`
            : undefined,
      }).then(async (pdf) => {
        x.prints?.set(`${material.id}-${lang.code}`, pdf);
        if (!x.kinds.has('print-pdf')) return;
        const out = await x.cmyk.apply(pdf, `${c.variant.id} print PDF`, { path: `${base}-print.pdf`, variant: c.variant.id, material: material.id, lang: lang.code });
        await put('print-pdf', `${base}-print.pdf`, out.pdf, out.colour ? { colour: out.colour } : {});
      }),
    );
  }
  if (x.kinds.has('web-pdf')) {
    jobs.push(
      x.pdfs.run({ kind: 'web', rendered: r.pdf, geometry: c.geometry, meta }).then(async ({ pdf, findings }) => {
        await put('web-pdf', `${base}-web.pdf`, pdf);
        // PDF/UA-1 machine checks (output/pdf-ua-check.ts): a template can break them, e.g. an image without alt.
        for (const f of findings) {
          x.problem({
            severity: 'warning',
            code: 'PDF_UA',
            lang: lang.code,
            material: material.id,
            message: `${c.variant.id} web PDF${f.page ? ` page ${f.page}` : ''}: ${f.message} (PDF/UA-1 rule ${f.rule}; templates/${material.template}/)`,
          });
        }
      }),
    );
  }
  let html: string[] | undefined;
  if (x.kinds.has('html')) {
    // A folder per variant: <base>-html/index.html and the workspace files it uses (output/html-folder.ts).
    jobs.push(
      htmlFolder(c.html, ws.root, c.variant.id).then(async (folder) => {
        html = folder.slice(1).map((f) => f.rel);
        for (const f of folder) await put('html', `${base}-html/${f.rel}`, f.data);
      }),
    );
  }
  const { png: pngs, preview: previews } = r.rasters;
  const pageCount = Math.max(pngs?.length ?? 0, previews?.length ?? 0);
  for (let i = 0; i < pageCount; i++) {
    jobs.push(
      pageImages({ png: pngs?.[i], preview: previews?.[i] }, c.geometry, x.want).then(async ({ png, preview }) => {
        if (png) await put('png', `${base}-p${i + 1}.png`, png.data, { page: i + 1, px: png.px });
        if (preview) await put('preview', `${base}-p${i + 1}.webp`, preview.data, { page: i + 1, px: preview.px });
      }),
    );
  }
  await Promise.all(jobs);
  files.sort((a, b) => a.path.localeCompare(b.path));
  return Object.assign(variantEntry(c, files), html ? { html } : {});
}

function variantEntry(c: ComposedVariant, files: ManifestFile[]): ManifestVariant {
  const { material, lang } = c.variant;
  const counts = stringCounts(c);
  return {
    material: material.id,
    lang: lang.code,
    title: c.title,
    trimMm: material.trim,
    bleedMm: material.bleed,
    pages: material.pages,
    qr: c.qr.payload,
    strings: counts,
    files,
  };
}

/** The regular upright face of the first font family: used for the slug line of print PDFs. */
function regularFontPath(ws: Workspace): string {
  const family = ws.config.brand.fonts[0]!;
  const file =
    family.files.find((f) => f.weight === 400 && f.style === 'normal') ?? family.files[0]!;
  return resolveInside(ws.root, file.path, 'brand.fonts', 'lehtinen.config.yaml');
}
