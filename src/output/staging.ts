/**
 * Atomic output. A build writes every file into a staging folder inside the output folder (same file
 * system, so rename is atomic), and only when everything succeeded moves the files into place and
 * replaces manifest.json last. A failed or interrupted build removes its staging folder and leaves the
 * previous good output untouched.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, link, mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { LehtinenError } from '../errors.js';
import { whyNotWritten } from './write-file.js';

const STAGING_PREFIX = '.staging-';

export class Staging {
  private readonly written: string[] = [];
  /** folders replaced whole on commit (the site): stale files of the previous build do not linger */
  private readonly wholeDirs = new Set<string>();
  private constructor(
    readonly outDir: string,
    readonly dir: string,
  ) {}

  static async create(outDir: string): Promise<Staging> {
    try {
      await mkdir(outDir, { recursive: true });
      await sweepStale(outDir);
      const dir = path.join(outDir, `${STAGING_PREFIX}${process.pid}-${randomBytes(4).toString('hex')}`);
      await mkdir(dir);
      return new Staging(outDir, dir);
    } catch (e) {
      throw writeError(e, outDir);
    }
  }

  /** Write `data` at output-relative path `rel` (inside staging until commit). */
  async write(rel: string, data: Uint8Array | string): Promise<void> {
    await this.put(rel, (abs) => writeFile(abs, data));
  }

  /**
   * Every file goes in the same way: only while the build runs, into its folder, with disk errors as
   * OUTPUT_WRITE, and recorded as written.
   */
  private async put(rel: string, make: (abs: string) => Promise<void>): Promise<void> {
    const abs = path.join(this.dir, rel);
    this.assertOpen();
    try {
      await mkdir(path.dirname(abs), { recursive: true });
      await make(abs);
    } catch (e) {
      throw writeError(e, this.outDir);
    } finally {
      await this.sweepIfAborted();
    }
    this.written.push(rel);
  }

  private aborted = false;

  private assertOpen(): void {
    if (this.aborted) throw new LehtinenError('OUTPUT_WRITE', 'the build stopped; nothing more is written');
  }

  /**
   * A write still in flight when the build was aborted (another file failed, Ctrl-C) may have
   * recreated the staging folder after abort() removed it: remove it again.
   */
  private async sweepIfAborted(): Promise<void> {
    if (this.aborted) await rm(this.dir, { recursive: true, force: true });
  }

  /** Output-relative paths of the files written so far (the up-to-date stamp lists them: pipeline/stamp.ts). */
  get staged(): readonly string[] {
    return this.written;
  }

  /**
   * Where the current version of output-relative `rel` lives: the staged file if this build wrote it,
   * otherwise the one already in the output folder (kept from an earlier build).
   */
  pathOf(rel: string): string {
    return this.written.includes(rel) ? path.join(this.dir, rel) : path.join(this.outDir, rel);
  }

  /**
   * Put the file at absolute path `from` at `rel` too: a hard link (no second copy on disk; it keeps
   * pointing at the same bytes when `from` is renamed into place), or a copy where links fail (EXDEV,
   * file systems without them).
   */
  async linkFrom(from: string, rel: string): Promise<void> {
    await this.put(rel, async (abs) => {
      try {
        await link(from, abs);
      } catch {
        await copyFile(from, abs);
      }
    });
  }

  /** On commit, the folder `rel` replaces the previous one whole instead of file by file. */
  replaceWhole(rel: string): void {
    this.wholeDirs.add(rel.replace(/\/+$/, ''));
  }

  /** Move every staged file into place; `last` (the manifest) is moved after all others. */
  async commit(last?: string): Promise<void> {
    try {
      const inWhole = (r: string) => [...this.wholeDirs].some((d) => r.startsWith(d + '/'));
      const order = this.written.filter((r) => r !== last && !inWhole(r));
      for (const dir of this.wholeDirs) {
        // Two renames: the old folder steps aside, the new one takes its place, then the old one goes.
        const target = path.join(this.outDir, dir);
        const old = path.join(this.dir, `.old-${path.basename(dir)}`);
        if (existsSync(target)) await rename(target, old);
        if (existsSync(path.join(this.dir, dir))) await rename(path.join(this.dir, dir), target);
      }
      if (last && this.written.includes(last)) order.push(last);
      for (const rel of order) {
        const target = path.join(this.outDir, rel);
        await mkdir(path.dirname(target), { recursive: true });
        await rename(path.join(this.dir, rel), target);
      }
    } catch (e) {
      throw writeError(e, this.outDir);
    } finally {
      await this.abort();
    }
  }

  async abort(): Promise<void> {
    this.aborted = true;
    await rm(this.dir, { recursive: true, force: true });
  }
}

/** Staging folders of builds that were killed (their pid no longer runs) are removed. */
async function sweepStale(outDir: string): Promise<void> {
  for (const name of await readdir(outDir)) {
    if (!name.startsWith(STAGING_PREFIX)) continue;
    const pid = Number(name.slice(STAGING_PREFIX.length).split('-')[0]);
    if (pid && pid !== process.pid && isRunning(pid)) continue;
    const abs = path.join(outDir, name);
    if (existsSync(abs) && (await stat(abs)).isDirectory()) await rm(abs, { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function writeError(e: unknown, outDir: string): LehtinenError {
  if (e instanceof LehtinenError) return e;
  const why = whyNotWritten(e, 'output folder');
  return new LehtinenError('OUTPUT_WRITE', `cannot write to ${outDir}: ${why}`, {
    hint: 'Free some space or choose another folder with --out. The previous output was left as it was.',
    cause: e,
  });
}
