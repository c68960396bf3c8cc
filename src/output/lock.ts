/**
 * One build at a time per output folder. Two builds writing the same folder would each stage files and
 * then each replace manifest.json, and the later manifest would not describe the files of the earlier
 * one. The lock is a file created with O_EXCL (atomic on local file systems) that holds the pid of its
 * build; a second build waits for it, and a lock whose process is gone (killed, crashed) is taken over.
 */
import { Staging } from './staging.js';
import { hostname } from 'node:os';
import { mkdir, open, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { LehtinenError } from '../errors.js';
import { whyNotWritten } from './write-file.js';

export const LOCK_FILE = '.lehtinen.lock';

interface LockInfo {
  pid: number;
  host: string;
  started: string;
}

export interface LockOptions {
  /** told once when the folder is locked by another build: whom we are waiting for */
  wait?: (message: string) => void;
  signal?: AbortSignal;
  /** give up after this long (default 30 minutes: a full build with every language takes minutes) */
  timeoutMs?: number;
  pollMs?: number;
}

export interface OutputLock {
  readonly file: string;
  release(): Promise<void>;
}

export async function lockOutput(outDir: string, opts: LockOptions = {}): Promise<OutputLock> {
  const file = path.join(outDir, LOCK_FILE);
  const me: LockInfo = { pid: process.pid, host: hostname(), started: new Date().toISOString() };
  const deadline = Date.now() + (opts.timeoutMs ?? 30 * 60_000);
  let told = false;
  try {
    await mkdir(outDir, { recursive: true });
  } catch (e) {
    throw lockError(e, outDir);
  }
  for (;;) {
    if (opts.signal?.aborted) {
      throw new LehtinenError('INTERRUPTED', 'build interrupted while waiting for the output folder; nothing was written');
    }
    try {
      const fh = await open(file, 'wx');
      try {
        await fh.writeFile(JSON.stringify(me) + '\n');
      } finally {
        await fh.close();
      }
      return { file, release: () => release(file, me) };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw lockError(e, outDir);
    }
    const holder = await readLock(file);
    if (holder === 'gone') continue;
    if (holder === undefined || isStale(holder)) {
      // Killed build (or a lock file cut short by a crash while it was written): take it over.
      await rm(file, { force: true });
      continue;
    }
    if (holder.pid === process.pid && holder.host === me.host) {
      throw new LehtinenError('OUTPUT_LOCKED', `${outDir} is already being built by this process`, {
        hint: 'Run builds into the same output folder one after another.',
      });
    }
    if (!told) {
      told = true;
      opts.wait?.(`waiting for the build in progress (pid ${holder.pid}${holder.host !== me.host ? ` on ${holder.host}` : ''}, started ${holder.started}) to finish with ${outDir}`);
    }
    if (Date.now() > deadline) {
      throw new LehtinenError('OUTPUT_LOCKED', `${outDir} is locked by another build (pid ${holder.pid}) since ${holder.started}`, {
        where: { file: path.join(outDir, LOCK_FILE) },
        hint: `Wait for it to finish, or stop it. If no build is running, delete ${path.join(outDir, LOCK_FILE)}.`,
      });
    }
    await sleep(opts.pollMs ?? 250, undefined, { signal: opts.signal }).catch(() => {});
  }
}

async function readLock(file: string): Promise<LockInfo | 'gone' | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return 'gone';
  }
  try {
    const j = JSON.parse(text) as Partial<LockInfo>;
    if (typeof j.pid === 'number' && typeof j.host === 'string') return { pid: j.pid, host: j.host, started: String(j.started ?? '') };
  } catch {
    // fall through: half-written by a process killed between open and write, or just now being written
  }
  // Give a writer that just created the file a moment before calling it broken.
  const age = Date.now() - (await stat(file).catch(() => ({ mtimeMs: 0 }))).mtimeMs;
  return age > 2000 ? undefined : { pid: -1, host: hostname(), started: '' };
}

function isStale(l: LockInfo): boolean {
  if (l.pid === -1) return false;
  // A pid can only be checked on this machine; a lock from another host (a shared folder) is honoured.
  if (l.host !== hostname()) return false;
  if (l.pid === process.pid) return false;
  try {
    process.kill(l.pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== 'EPERM';
  }
}

async function release(file: string, me: LockInfo): Promise<void> {
  const holder = await readLock(file);
  if (holder && holder !== 'gone' && holder.pid === me.pid && holder.started === me.started) await rm(file, { force: true });
}

function lockError(e: unknown, outDir: string): LehtinenError {
  const why = whyNotWritten(e, 'output folder');
  return new LehtinenError('OUTPUT_WRITE', `cannot write to ${outDir}: ${why}`, {
    hint: 'Choose another folder with --out, or free space / fix permissions. The previous output was left as it was.',
    cause: e,
  });
}

/**
 * The output folder locked and a staging area opened in it: how build and merge start writing. A staging
 * area that cannot be made releases the lock before the error goes on.
 */
export async function lockAndStage(outDir: string, opts: LockOptions = {}): Promise<{ lock: OutputLock; staging: Staging }> {
  const lock = await lockOutput(outDir, opts);
  try {
    return { lock, staging: await Staging.create(outDir) };
  } catch (e) {
    await lock.release();
    throw e;
  }
}
