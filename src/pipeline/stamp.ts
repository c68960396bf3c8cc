/**
 * The up-to-date stamp (in the spirit of make/ninja): a build that changed nothing need not even load the
 * workspace. After a successful build, the output folder records in STAMP_FILE (staged and committed with
 * the other files) every input the build read — the config, every file under locales/, templates/ and
 * assets/ (with the folder listings, so a new file a glob would pick up counts), lehtinen's built-in
 * templates and its own code, every file served to a page, the browser executable — each with size,
 * mtime and SHA-256; the options that shape output, lehtinen's version, the date the build wrote into its
 * files (SOURCE_DATE_EPOCH, else the day) and the environment that picks the browser and hyphenation;
 * every output file with size and mtime; and the summary and warnings of that build.
 *
 * `lehtinen build` asks upToDate() before loading the pipeline: when every input is unchanged (size and
 * mtime equal, or the same bytes when only the mtime moved) and every output is still there as written,
 * it repeats the summary and warnings and stops. Anything else, or anything unsure, is a normal build.
 * Only node: modules here: this runs before anything heavy is loaded.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BuildOptions } from './build.js';
import type { Problem } from '../problems.js';
import type { Staging } from '../output/staging.js';
import type { Workspace } from '../workspace/workspace.js';
import { VERSION } from '../version.js';

/** In the output folder, beside manifest.json and the build cache. */
export const STAMP_FILE = '.lehtinen-stamp.json';
const FORMAT = 1;
/** lehtinen's own folder (dist/pipeline → two levels up): its templates and code are inputs too. */
const LEHTINEN = fileURLToPath(new URL('../../', import.meta.url));
// As in output/lock.ts and output/staging.ts (not imported: this module loads before anything else).
const LOCK_FILE = '.lehtinen.lock';
const STAGING_PREFIX = '.staging-';

interface FileStamp {
  size: number;
  mtimeMs: number;
  /** absent for files too big to hash cheaply (the browser): a changed mtime is then a change */
  sha256?: string;
}

/** What the fast path repeats: the summary and the warnings of the build that wrote the stamp. */
export interface StampSummary {
  variants: number;
  files: number;
  bytes: number;
  site?: string;
  bundles?: number;
  problems: Problem[];
}

interface Stamp {
  format: typeof FORMAT;
  key: string;
  outDir: string;
  /** folder → the files under it (relative, sorted) */
  dirs: Record<string, string[]>;
  /** absolute path → stamp */
  inputs: Record<string, FileStamp>;
  /** output-relative path → size and mtime */
  outputs: Record<string, { size: number; mtimeMs: number }>;
  browser?: string;
  summary: StampSummary;
}

/** Build options that change neither what is built nor its bytes: a different value still is up to date. */
const NOT_SHAPING = new Set(['concurrency', 'timeoutMs', 'signal', 'cache']);

/**
 * Everything besides files that decides the output. Unknown options count (an option added later makes
 * a miss, never a wrong hit). `undefined` when SOURCE_DATE_EPOCH is not a date: the build says why.
 */
function stampKey(opts: BuildOptions, env: NodeJS.ProcessEnv, day: string): string | undefined {
  const epoch = env.SOURCE_DATE_EPOCH?.trim();
  if (epoch && !/^\d{1,12}$/.test(epoch)) return undefined;
  const options = Object.fromEntries(Object.entries(opts).filter(([k, v]) => !NOT_SHAPING.has(k) && v !== undefined));
  return hashOf({
    version: VERSION,
    options,
    // A build on another day writes another date into slug lines, metadata and the manifest.
    date: epoch ? `epoch:${epoch}` : `day:${day}`,
    env: ['PUPPETEER_EXECUTABLE_PATH', 'CHROME_PATH', 'LEHTINEN_HYPHENATION', 'PATH'].map((k) => env[k] ?? null),
  });
}

function hashOf(v: unknown): string {
  return createHash('sha256').update(canonical(v)).digest('hex');
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .filter((k) => o[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

const sha = (abs: string) => createHash('sha256').update(readFileSync(abs)).digest('hex');

function statOf(abs: string): { size: number; mtimeMs: number } | undefined {
  try {
    const st = statSync(abs);
    return st.isFile() ? { size: st.size, mtimeMs: st.mtimeMs } : undefined;
  } catch {
    return undefined;
  }
}

/** Files under `dir` (relative, sorted); [] when it is missing. Links are listed, not followed. */
function listing(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name), rel + e.name + '/');
      else out.push(rel + e.name);
    }
  };
  try {
    walk(dir, '');
  } catch {
    return [];
  }
  return out.sort();
}

/** The folders whose every file is an input, whether or not this build read it. */
function inputDirs(root: string): string[] {
  return [
    ...['locales', 'templates', 'assets'].map((d) => path.join(root, d)),
    path.join(LEHTINEN, 'templates'),
    path.join(LEHTINEN, 'dist'),
  ];
}

/** The output folder a build with these options writes, as far as it can be told without loading the config. */
export function outDirOf(opts: BuildOptions): string {
  if (opts.outDir) return path.resolve(opts.outDir);
  return path.join(path.resolve(opts.root), configuredDir(path.join(opts.root, 'lehtinen.config.yaml')), ...(opts.proof ? ['proof'] : []));
}

/**
 * output.dir from the config's text without a YAML parser (loading one costs more than the whole check).
 * Only a guess: the stamp found there must name this folder and the config must be unchanged, so a
 * wrong guess is a miss (a normal build), never a wrong hit.
 */
function configuredDir(config: string): string {
  let text: string;
  try {
    // Only a plain file: a named pipe would block the read (the build names it as an error).
    if (!statOf(config)) return 'output';
    text = readFileSync(config, 'utf8');
  } catch {
    return 'output';
  }
  const flow = /^output:\s*\{[^}\n]*?\bdir:\s*([^,}\s#]+)/m.exec(text);
  if (flow) return unquote(flow[1]!);
  const block = /^output:[ \t]*(?:#.*)?\n((?:[ \t]+.*\n|[ \t]*\n)*)/m.exec(text + '\n');
  const dir = block && /^([ \t]+)dir:[ \t]*([^#\n]+?)[ \t]*(?:#.*)?$/m.exec(block[1]!);
  return dir ? unquote(dir[2]!) : 'output';
}

const unquote = (s: string) => s.trim().replace(/^(['"])(.*)\1$/, '$2');

/**
 * Where the browser would be found now (browser/find.ts; loaded only here, it is small), resolved through
 * links; undefined when none is found (a --kind html build needs none).
 */
async function browserFile(opts: BuildOptions): Promise<string | undefined> {
  try {
    const { findBrowser } = await import('../browser/find.js');
    return realpathSync((await findBrowser(opts.browserPath)).path);
  } catch {
    return undefined;
  }
}

/**
 * The previous build's summary when nothing it depends on changed since; otherwise undefined. Reads only
 * the stamp, folder listings and file stats (and the bytes of inputs whose mtime moved).
 */
export async function upToDate(opts: BuildOptions, env: NodeJS.ProcessEnv = process.env): Promise<(StampSummary & { outDir: string }) | undefined> {
  if (opts.cache === false) return undefined;
  const outDir = outDirOf(opts);
  let stamp: Stamp;
  try {
    // Another build is writing there (wait for it in the normal way), or one was killed (the normal
    // build clears what it left).
    if (readdirSync(outDir).some((n) => n === LOCK_FILE || n.startsWith(STAGING_PREFIX))) return undefined;
    // A named pipe in its place would block the read for good: only a plain file is read.
    if (!statOf(path.join(outDir, STAMP_FILE))) return undefined;
    stamp = JSON.parse(readFileSync(path.join(outDir, STAMP_FILE), 'utf8')) as Stamp;
  } catch {
    return undefined;
  }
  if (stamp.format !== FORMAT || stamp.outDir !== outDir) return undefined;
  if (stamp.key !== stampKey(opts, env, new Date().toISOString().slice(0, 10))) return undefined;
  for (const [dir, files] of Object.entries(stamp.dirs)) {
    if (listing(dir).join('\n') !== files.join('\n')) return undefined;
  }
  for (const [rel, want] of Object.entries(stamp.outputs)) {
    const st = statOf(path.join(outDir, rel));
    if (!st || st.size !== want.size || st.mtimeMs !== want.mtimeMs) return undefined;
  }
  for (const [abs, want] of Object.entries(stamp.inputs)) {
    const st = statOf(abs);
    if (!st || st.size !== want.size) return undefined;
    if (st.mtimeMs === want.mtimeMs) continue;
    // Touched (saved, checked out again) but maybe the same bytes.
    if (!want.sha256 || sha(abs) !== want.sha256) return undefined;
  }
  if ((await browserFile(opts)) !== stamp.browser) return undefined;
  return { ...stamp.summary, outDir };
}

/** What the build knows at its end, for the stamp. */
export interface StampEnd {
  ws: Workspace;
  staging: Staging;
  outDir: string;
  date: Date;
  /** workspace-relative files served to this build's pages (from the build cache's records) */
  served: string[];
  /** output-relative files this build's manifest lists (reused ones are not in the staging folder) */
  outputs: string[];
  summary: StampSummary;
}

/**
 * Begun before the build reads anything: the input files are stat'ed now and again at the end, so a
 * file edited while the build ran (its output may hold either version) leaves no stamp.
 */
export class StampRecorder {
  private readonly before = new Map<string, { size: number; mtimeMs: number } | undefined>();
  private readonly prev: Stamp | undefined;

  constructor(private readonly opts: BuildOptions) {
    for (const dir of inputDirs(path.resolve(opts.root))) for (const f of listing(dir)) this.before.set(path.join(dir, f), statOf(path.join(dir, f)));
    const config = path.join(path.resolve(opts.root), 'lehtinen.config.yaml');
    this.before.set(config, statOf(config));
    this.prev = (() => {
      try {
        const file = path.join(outDirOf(opts), STAMP_FILE);
        return statOf(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Stamp) : undefined;
      } catch {
        return undefined;
      }
    })();
  }

  /** Stage the stamp (before the commit); nothing when an input changed during the build or errors were found. */
  async stage(end: StampEnd): Promise<void> {
    if (end.summary.problems.some((p) => p.severity === 'error')) return;
    const key = stampKey(this.opts, process.env, end.date.toISOString().slice(0, 10));
    if (!key) return;
    const root = end.ws.root;
    const dirs: Record<string, string[]> = {};
    for (const dir of inputDirs(root)) dirs[dir] = listing(dir);
    const { config } = end.ws;
    const named = [
      config.organisation.logo,
      ...config.funders.flatMap((f) => (f.logo ? [f.logo] : [])),
      ...config.brand.fonts.flatMap((f) => f.files.map((x) => x.path)),
      ...end.served,
    ].map((rel) => path.resolve(root, rel));
    const files = new Set([path.join(root, 'lehtinen.config.yaml'), ...Object.entries(dirs).flatMap(([d, fs]) => fs.map((f) => path.join(d, f))), ...named]);
    const inputs: Record<string, FileStamp> = {};
    for (const abs of [...files].sort()) {
      const st = statOf(abs);
      if (!st) return; // gone (or not a file): unsure
      const was = this.before.get(abs);
      if (this.before.has(abs) && (!was || was.size !== st.size || was.mtimeMs !== st.mtimeMs)) return;
      const old = this.prev?.inputs[abs];
      const same = old && old.size === st.size && old.mtimeMs === st.mtimeMs && old.sha256;
      inputs[abs] = { ...st, sha256: same ? old.sha256 : sha(abs) };
    }
    const browser = await browserFile(this.opts);
    if (browser) {
      const st = statOf(browser);
      if (st) inputs[browser] = st;
    }
    const outputs: Stamp['outputs'] = {};
    for (const rel of [...new Set([...end.staging.staged, ...end.outputs])].sort()) {
      const st = statOf(end.staging.pathOf(rel));
      if (!st) return;
      outputs[rel] = st;
    }
    const stamp: Stamp = { format: FORMAT, key, outDir: end.outDir, dirs, inputs, outputs, browser, summary: end.summary };
    await end.staging.write(STAMP_FILE, JSON.stringify(stamp) + '\n');
  }
}
