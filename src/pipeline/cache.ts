/**
 * The build cache: a rebuild renders only the variants whose inputs changed and reuses the files of the
 * others from the previous output. A variant's key is the hash of everything that goes into its files
 * (composed HTML, which already holds the strings, templates, CSS, colours and geometry; the build options
 * that change output; the config; string statuses; tool and browser versions); on top of the key, the
 * contents of every workspace file the sandbox served to it (fonts, images, linked CSS) must be unchanged,
 * and its previous files must still be on disk with the recorded size and SHA-256. Given the same HTML
 * and the same served files, the browser asks for the same files, so that list from the last render is
 * complete. Anything unsure is a miss: a wrong hit would ship stale print files.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { ManifestFile } from '../output/manifest.js';
import type { Staging } from '../output/staging.js';
import type { Problem } from '../problems.js';
import { resolveInside } from '../workspace/files.js';

/** In the output folder, beside manifest.json; written through the staging folder like every file. */
export const CACHE_FILE = '.lehtinen-cache.json';
const FORMAT = 1;

const entrySchema = z.object({
  key: z.string(),
  /** workspace-relative path → SHA-256 of the bytes served to the render */
  inputs: z.record(z.string(), z.string()),
  files: z.array(
    z.object({
      kind: z.string(),
      page: z.number().optional(),
      path: z.string(),
      bytes: z.number(),
      sha256: z.string(),
      px: z.tuple([z.number(), z.number()]).optional(),
    }).passthrough(), // colour (CMYK files) and other manifest fields come back as they were
  ),
  /** warnings the render produced (blocked requests, PDF/UA findings): repeated when reused */
  problems: z.array(z.object({ severity: z.enum(['error', 'warning', 'info']), code: z.string(), message: z.string() }).passthrough()),
});
const cacheSchema = z.object({ format: z.literal(FORMAT), variants: z.record(z.string(), entrySchema) });

export interface CacheEntry {
  key: string;
  inputs: Record<string, string>;
  files: ManifestFile[];
  problems: Problem[];
}

/** Build options that only choose what is built or how fast, never what a variant's files contain. */
const NOT_OUTPUT = new Set(['root', 'outDir', 'langs', 'materials', 'concurrency', 'browserPath', 'timeoutMs', 'site', 'bundles', 'signal', 'cache', 'shard']);

/**
 * The options that shape output, normalised: every option not known to be harmless is kept, so an
 * option added later invalidates the cache by default instead of being silently ignored.
 */
export function outputOptions(opts: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(opts).filter(([k, v]) => !NOT_OUTPUT.has(k) && v !== undefined));
}

/** SHA-256 of a value as canonical JSON (object keys sorted), so key order never changes a key. */
export function hashOf(value: unknown): string {
  return createHash('sha256').update(canonical(value)).digest('hex');
}

function canonical(v: unknown): string {
  if (v instanceof Set) return canonical([...v].sort());
  if (v instanceof Map) return canonical(Object.fromEntries(v));
  if (v instanceof Uint8Array) return JSON.stringify(createHash('sha256').update(v).digest('hex'));
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

const sha = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

async function fileSha(abs: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(abs)) h.update(chunk as Buffer);
  return h.digest('hex');
}

/**
 * Whether this build will probably render something: no cache yet, --no-cache, or a workspace input
 * (config, locales, templates, a file a variant used) modified after the cache was written. Only a hint
 * for starting the browser early; what is actually rendered is decided by the keys.
 */
export async function probablyRenders(outDir: string, root: string, reuse: boolean): Promise<boolean> {
  if (!reuse) return true;
  try {
    const file = path.join(outDir, CACHE_FILE);
    const st = await stat(file);
    // Only a plain file is read: a named pipe in its place would block the read for good (the build
    // names it as an error once it checks the folder).
    if (!st.isFile()) return true;
    const written = st.mtimeMs;
    const inputs = new Set<string>();
    const parsed = cacheSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    if (!parsed.success) return true;
    for (const e of Object.values(parsed.data.variants)) for (const rel of Object.keys(e.inputs)) inputs.add(path.join(root, rel));
    const dirs = ['locales', 'templates'].map((d) => path.join(root, d));
    const listed = await Promise.all(dirs.map((d) => readdir(d, { recursive: true }).then((names) => names.map((n) => path.join(d, n))).catch(() => [])));
    for (const f of [path.join(root, 'lehtinen.config.yaml'), ...inputs, ...listed.flat()]) {
      const m = await stat(f).then((st) => st.mtimeMs, () => Infinity);
      if (m > written) return true;
    }
    return false;
  } catch {
    return true;
  }
}

export class BuildCache {
  private readonly next = new Map<string, CacheEntry>();
  private readonly hashes = new Map<string, Promise<string | undefined>>();

  private constructor(
    private readonly outDir: string,
    private readonly root: string,
    private readonly prev: Map<string, CacheEntry>,
    /** false with --no-cache: nothing is reused, but the new keys are recorded for the next build */
    readonly reuse: boolean,
  ) {}

  static async open(outDir: string, root: string, reuse: boolean): Promise<BuildCache> {
    let prev = new Map<string, CacheEntry>();
    try {
      const parsed = cacheSchema.safeParse(JSON.parse(await readFile(path.join(outDir, CACHE_FILE), 'utf8')));
      // An unreadable or older cache file is no error: everything is rendered and it is rewritten.
      if (parsed.success) prev = new Map(Object.entries(parsed.data.variants) as [string, CacheEntry][]);
    } catch {
      /* no cache yet */
    }
    return new BuildCache(outDir, root, prev, reuse);
  }

  /** The previous files of variant `id` if its key and served inputs are unchanged and its files intact. */
  async lookup(id: string, key: string): Promise<CacheEntry | undefined> {
    const e = this.prev.get(id);
    if (!this.reuse || !e || e.key !== key) return undefined;
    const inputsOk = await Promise.all(Object.entries(e.inputs).map(async ([rel, h]) => (await this.workspaceHash(rel)) === h));
    if (!inputsOk.every(Boolean)) return undefined;
    // One file at a time, streamed: checking a large output keeps memory flat.
    for (const f of e.files) {
      const abs = path.join(this.outDir, f.path);
      if (!existsSync(abs) || (await stat(abs)).size !== f.bytes || (await fileSha(abs).catch(() => '')) !== f.sha256) return undefined;
    }
    this.next.set(id, e);
    return e;
  }

  /** Hashes of the bytes the render was served (`read` gives those very bytes, not a later re-read). */
  async inputsOf(served: string[], read: (abs: string) => Promise<Uint8Array>): Promise<Record<string, string>> {
    const pairs = await Promise.all(served.map(async (rel) => [rel, sha(await read(resolveInside(this.root, rel, 'served file')))] as const));
    return Object.fromEntries(pairs.sort(([a], [b]) => a.localeCompare(b)));
  }

  /** Workspace-relative files served to the variants of this build (looked up or recorded). */
  servedFiles(): string[] {
    return [...new Set([...this.next.values()].flatMap((e) => Object.keys(e.inputs)))].sort();
  }

  record(id: string, entry: CacheEntry): void {
    this.next.set(id, entry);
  }

  /** lehtinen merge: the records of a shard's variants (`ids`) from its output folder, as if built here. */
  async adopt(shardDir: string, ids: string[]): Promise<void> {
    try {
      const parsed = cacheSchema.safeParse(JSON.parse(await readFile(path.join(shardDir, CACHE_FILE), 'utf8')));
      if (!parsed.success) return;
      for (const id of ids) {
        const e = parsed.data.variants[id];
        if (e) this.next.set(id, e as CacheEntry);
      }
    } catch {
      /* a shard without a cache record: its variants render on the next build */
    }
  }

  /**
   * Stage the cache file: this build's entries, plus earlier entries of variants this build did not
   * touch (a --material or --lang build keeps the others reusable).
   */
  async write(staging: Staging): Promise<void> {
    const variants: Record<string, CacheEntry> = Object.fromEntries(this.prev);
    for (const [id, e] of this.next) variants[id] = e;
    // In id order, not the order renders finished: the same build writes the same bytes (reproducible).
    const sorted = Object.fromEntries(Object.keys(variants).sort().map((id) => [id, variants[id]!]));
    await staging.write(CACHE_FILE, JSON.stringify({ format: FORMAT, variants: sorted }) + '\n');
  }

  /** SHA-256 of a workspace file as it is now; undefined when it is gone. Once per build per file. */
  workspaceHash(rel: string): Promise<string | undefined> {
    let p = this.hashes.get(rel);
    if (!p) {
      p = (async () => {
        try {
          return sha(await readFile(resolveInside(this.root, rel, 'cached input')));
        } catch {
          return undefined;
        }
      })();
      this.hashes.set(rel, p);
    }
    return p;
  }
}
