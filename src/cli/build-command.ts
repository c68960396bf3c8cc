/** `lehtinen build`: flags → pipeline/build.ts; progress and summary through the reporter. */
import path from 'node:path';
import type { Command } from 'commander';
import { LehtinenError } from '../errors.js';
import { parseShard } from '../pipeline/shard.js';
import type { BuildOptions } from '../pipeline/build.js';
import type { Problem } from '../problems.js';
import { OUTPUT_KINDS, type OutputKind } from '../workspace/output-kinds.js';
import { list, type CliContext } from './common.js';
import { seconds, wholeNumber } from './numbers.js';

export function registerBuild(program: Command, ctx: CliContext): void {
  program
    .command('build')
    .description('build every material in every language (print PDF, web PDF, PNG, preview, manifest)')
    .option('--root <dir>', 'workspace folder (with lehtinen.config.yaml)', '.')
    .option('--out <dir>', 'output folder (default: the config\'s output.dir inside the workspace)')
    .option('--lang <codes>', 'only these languages, comma-separated (e.g. se,smn)', list)
    .option('--material <ids>', 'only these materials, comma-separated (e.g. card)', list)
    .option('--kind <kinds>', `only these outputs: ${OUTPUT_KINDS.join(', ')}`, list)
    .option('--concurrency <n>', 'browser pages rendering at once (default: number of CPU cores)', wholeNumber('--concurrency', 1, 64))
    .option('--browser <path>', 'Chrome/Chromium executable (default: found automatically)')
    .option('--timeout <seconds>', 'time limit per render step', seconds('--timeout'), 60)
    .option('--no-site', 'do not write the downloads site (output/site/ stays as it was)')
    .option('--no-bundles', 'do not write the zip bundles (output/bundles/)')
    .option('--no-cache', 'render every variant, even those whose inputs did not change since the last build')
    .option('--proof', 'proofs: mark draft, outdated and fallback strings on the page; written to <output>/proof/ with "-proof" file names')
    .option('--allow-overflow', 'write print PDFs even when text overflows its frame (reported as a warning)')
    .option('--allow-preflight', 'write CMYK print PDFs even when they fail the preflight (output/preflight.json; failures reported as warnings)')
    .option('--shard <K/N>', 'build only the K-th of N shares of the variants (join the outputs with lehtinen merge; docs/cli.md)')
    .option('--cmyk', 'print PDFs and sheets as CMYK PDF/X with Ghostscript (output.cmyk in the config; docs/print-production.md)')
    .action(async (o: BuildFlags) => {
      ctx.exitCode = await runBuild(o, ctx);
    });
}

interface BuildFlags {
  root: string;
  out?: string;
  lang?: string[];
  material?: string[];
  kind?: string[];
  concurrency?: number;
  browser?: string;
  timeout: number;
  /** false with --no-site / --no-bundles; commander sets true otherwise, so the config decides only then */
  site: boolean;
  bundles: boolean;
  proof?: boolean;
  allowOverflow?: boolean;
  allowPreflight?: boolean;
  cmyk?: boolean;
  shard?: string;
  /** false with --no-cache */
  cache: boolean;
}

async function runBuild(o: BuildFlags, ctx: CliContext): Promise<number> {
  const r = ctx.reporter;
  for (const k of o.kind ?? []) {
    if (!(OUTPUT_KINDS as readonly string[]).includes(k)) {
      throw new LehtinenError('USAGE', `--kind: unknown output kind "${k}"`, { hint: `Use ${OUTPUT_KINDS.join(', ')}.` });
    }
  }
  const opts: BuildOptions = {
    root: path.resolve(ctx.cwd, o.root),
    outDir: o.out ? path.resolve(ctx.cwd, o.out) : undefined,
    langs: o.lang,
    materials: o.material,
    kinds: o.kind as OutputKind[] | undefined,
    concurrency: o.concurrency,
    browserPath: o.browser,
    timeoutMs: o.timeout * 1000,
    site: o.site === false ? false : undefined,
    bundles: o.bundles === false ? false : undefined,
    signal: ctx.signal,
    proof: o.proof,
    allowOverflow: o.allowOverflow,
    allowPreflight: o.allowPreflight,
    cmyk: o.cmyk ? true : undefined,
    cache: o.cache !== false,
    shard: o.shard !== undefined ? parseShard(o.shard) : undefined,
  };
  // Nothing changed since the last build (pipeline/stamp.ts): say what it built, without loading the workspace.
  const t0 = performance.now();
  const { upToDate } = await import('../pipeline/stamp.js');
  const same = await upToDate(opts);
  if (same) {
    same.problems.forEach((p) => r.problem(p));
    summary(ctx, o, { ...same, rendered: 0, reused: same.variants, ms: performance.now() - t0 });
    r.line('up to date: no input changed since the last build, nothing was rewritten (--no-cache builds anyway)');
    return same.problems.some((p) => p.severity === 'error') ? 1 : 0;
  }
  // Loaded when the command runs: `lehtinen --help` or another command never pays for the pipeline.
  const { build } = await import('../pipeline/build.js');
  const result = await build(opts, {
    start: (total, conc) => r.progress(`rendering ${total} variant(s) with ${conc} page(s)…`),
    variant: (v) => r.progress(`[${v.index}/${v.total}] ${v.id} (${v.reused ? 'reused' : `${Math.round(v.ms)} ms`})`),
    problem: (p) => r.problem(p),
    wait: (m) => r.line(m),
    slow: (m) => r.line(m),
  });
  summary(ctx, o, {
    outDir: result.outDir,
    rendered: result.rendered,
    reused: result.reused,
    files: result.files,
    bytes: result.bytes,
    ms: result.ms,
    problems: result.problems,
    site: result.manifest.site,
    bundles: result.manifest.bundles?.length,
  });
  return result.problems.some((p) => p.severity === 'error') ? 1 : 0;
}

interface Summary {
  outDir: string;
  rendered: number;
  reused: number;
  files: number;
  bytes: number;
  ms: number;
  problems: Problem[];
  site?: string;
  bundles?: number;
}

function summary(ctx: CliContext, o: BuildFlags, s: Summary): void {
  const r = ctx.reporter;
  const rel = path.relative(ctx.cwd, s.outDir) || '.';
  const warnings = s.problems.filter((p) => p.severity === 'warning').length;
  r.line(
    `built ${s.rendered + s.reused} ${o.proof ? 'proof' : 'variant'}(s) (rendered ${s.rendered}, reused ${s.reused}): ${s.files} files, ${(s.bytes / 1e6).toFixed(1)} MB in ${rel}/ ` +
      `in ${(s.ms / 1000).toFixed(1)} s` +
      (warnings ? ` — ${warnings} warning(s)` : ''),
  );
  if (s.site || s.bundles) {
    const parts = [
      s.site ? `downloads site ${path.join(rel, s.site, 'index.html')}` : '',
      s.bundles ? `${s.bundles} zip bundle(s) in ${path.join(rel, 'bundles')}/` : '',
    ];
    r.line(parts.filter(Boolean).join(' · '));
  }
}
