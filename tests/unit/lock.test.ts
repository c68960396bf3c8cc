/** The output lock (output/lock.ts) against real lock files: live holders are waited for, dead ones taken over. */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LehtinenError } from '../../src/errors.js';
import { LOCK_FILE, lockOutput } from '../../src/output/lock.js';
import { remove, tempDir } from '../support/workspace.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach(remove));
const dir = () => {
  const d = tempDir('lehtinen-lock-');
  dirs.push(d);
  return d;
};
const holder = (pid: number) => JSON.stringify({ pid, host: hostname(), started: '2026-01-01T00:00:00.000Z' });

describe('output lock', () => {
  it('writes its pid and removes the file on release', async () => {
    const d = dir();
    const lock = await lockOutput(d);
    expect(JSON.parse(readFileSync(path.join(d, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });
    await lock.release();
    expect(existsSync(path.join(d, LOCK_FILE))).toBe(false);
  });

  it('waits for a live build, says which, and gives up at its time limit with a clear error', async () => {
    const d = dir();
    // The parent of this test process is alive for as long as the test runs.
    writeFileSync(path.join(d, LOCK_FILE), holder(process.ppid));
    const said: string[] = [];
    const err = await lockOutput(d, { wait: (m) => said.push(m), timeoutMs: 400, pollMs: 50 }).catch((e: unknown) => e);
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(new RegExp(`^waiting for the build in progress \\(pid ${process.ppid}, started 2026-01-01`));
    expect(err).toBeInstanceOf(LehtinenError);
    expect((err as LehtinenError).code).toBe('OUTPUT_LOCKED');
    expect((err as LehtinenError).hint).toMatch(/delete .*\.lehtinen\.lock/);
    expect(JSON.parse(readFileSync(path.join(d, LOCK_FILE), 'utf8')).pid).toBe(process.ppid);
  });

  it('takes over the lock of a process that is gone', async () => {
    const d = dir();
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(path.join(d, LOCK_FILE), holder(Number(gone.stdout)));
    const said: string[] = [];
    const lock = await lockOutput(d, { wait: (m) => said.push(m), timeoutMs: 2000 });
    expect(said).toEqual([]);
    expect(JSON.parse(readFileSync(path.join(d, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    await lock.release();
  });

  it('takes over a lock file cut short by a crash, once it is old enough not to be one just being written', async () => {
    const d = dir();
    const f = path.join(d, LOCK_FILE);
    writeFileSync(f, '{"pid": 12');
    const old = new Date(Date.now() - 10_000);
    utimesSync(f, old, old);
    const lock = await lockOutput(d, { timeoutMs: 2000 });
    expect(JSON.parse(readFileSync(f, 'utf8')).pid).toBe(process.pid);
    await lock.release();
  });

  it('does not remove a lock that another build took over meanwhile', async () => {
    const d = dir();
    const lock = await lockOutput(d);
    writeFileSync(path.join(d, LOCK_FILE), holder(process.ppid));
    await lock.release();
    expect(existsSync(path.join(d, LOCK_FILE))).toBe(true);
  });
});
