/**
 * Faults with real processes: a build that fails, is interrupted (SIGINT) or killed (SIGKILL) leaves the
 * previous output byte for byte; a killed browser is restarted and the build completes; two builds on
 * one folder take turns; a hung render step ends at its time limit; a full disk, a read-only folder and
 * a file in the way give a clear error and lose nothing.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CACHE_FILE } from '../../src/pipeline/cache.js';
import { STAMP_FILE } from '../../src/pipeline/stamp.js';
import { OWNER_MARKER } from '../../src/output/ownership.js';
import { manifestSchema } from '../../src/output/manifest.js';
import { runCli, startCli } from '../support/cli-process.js';
import { copyExample, edit, remove, tempDir } from '../support/workspace.js';

const dirs: string[] = [];
let ws: string;
beforeAll(() => {
  ws = copyExample();
  dirs.push(ws);
});
afterAll(() => dirs.forEach(remove));

const newOut = () => {
  const d = tempDir('lehtinen-out-');
  dirs.push(d);
  return d;
};

const QUICK = ['--kind', 'print-pdf', '--no-site', '--no-bundles'];
const build = (root: string, out: string, ...args: string[]) => runCli(['build', '--root', root, '--out', out, ...QUICK, ...args]);

/** Every file under `dir`: relative path → sha256. */
function snapshot(dir: string, skip: (rel: string) => boolean = () => false): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const abs = path.join(d, e.name);
      const rel = path.relative(dir, abs);
      if (skip(rel)) continue;
      if (e.isDirectory()) walk(abs);
      else out[rel] = createHash('sha256').update(readFileSync(abs)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

// The build cache's record (pipeline/cache.ts) is a dot file beside the manifest, not a leftover.
const leftovers = (rel: string) => rel.startsWith('.staging-') || rel === '.lehtinen.lock';

/** The manifest lists exactly the files there are, with their hashes. */
function expectConsistent(out: string): ReturnType<typeof manifestSchema.parse> {
  const m = manifestSchema.parse(JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')));
  const files = snapshot(out);
  delete files['manifest.json'];
  // The build cache's record (pipeline/cache.ts) sits beside the manifest; it lists no output file.
  delete files[CACHE_FILE];
  // So does the marker that tells later builds the folder is lehtinen's (output/ownership.ts).
  delete files[OWNER_MARKER];
  // And the up-to-date stamp (pipeline/stamp.ts).
  delete files[STAMP_FILE];
  const listed = Object.fromEntries(m.variants.flatMap((v) => v.files.map((f) => [f.path, f.sha256])));
  expect(files).toEqual(listed);
  return m;
}

/** Resolves when a build has staged at least one finished file (it is mid-build). */
async function stagedFile(out: string, timeoutMs = 120_000): Promise<void> {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    for (const name of existsSync(out) ? readdirSync(out) : []) {
      if (name.startsWith('.staging-') && Object.keys(snapshot(path.join(out, name))).length) return;
    }
    await sleep(50);
  }
  throw new Error('no staged file appeared');
}

describe('a failed build keeps the previous output', () => {
  it('a template error in the last variant: nothing changes', async () => {
    const out = newOut();
    expect((await build(ws, out, '--material', 'card')).code).toBe(0);
    const before = snapshot(out);
    const broken = copyExample();
    dirs.push(broken);
    edit(broken, 'templates/card/index.hbs', (t) => t.replace('{{> funder}}', '{{#if (eq lang.code "sms")}}{{> nosuch}}{{/if}}{{> funder}}'));
    const r = await build(broken, out, '--material', 'card');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/error TEMPLATE_RENDER templates\/card\/index\.hbs.*partial "nosuch" not found \(rendering card-sms\)/);
    expect(snapshot(out)).toEqual(before);
  });

  it('a render error after other variants were written: nothing changes, nothing staged is left', async () => {
    const out = newOut();
    expect((await build(ws, out, '--material', 'card,bookmark', '--lang', 'fi,en')).code).toBe(0);
    const before = snapshot(out);
    const broken = copyExample();
    dirs.push(broken);
    writeFileSync(path.join(broken, 'assets/photo.png'), 'not a picture');
    edit(broken, 'templates/bookmark/index.hbs', (t) => t.replace('</section>', '<img src="{{asset "assets/photo.png"}}" alt=""></section>'));
    const r = await build(broken, out, '--material', 'card,bookmark', '--lang', 'fi,en', '--concurrency', '1');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/error ASSET_INVALID assets\/photo\.png: image "assets\/photo\.png": it is not an image/);
    expect(snapshot(out)).toEqual(before);
  });
});

describe('interrupted builds', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('%s mid-build (Ctrl-C, kill): exit 130, the previous output byte for byte, no staging folder, no lock', async (signal) => {
    const out = newOut();
    expect((await build(ws, out, '--material', 'card', '--lang', 'fi')).code).toBe(0);
    const before = snapshot(out);
    const p = startCli(['build', '--root', ws, '--out', out, ...QUICK, '--material', 'card,bookmark', '--concurrency', '1']);
    await stagedFile(out);
    p.child.kill(signal);
    const r = await p.done;
    expect(r.code, r.err).toBe(130);
    expect(r.err).toMatch(new RegExp(`interrupted \\(${signal}\\)`));
    // Its own code, not a usage error (it said "error USAGE" before).
    expect(r.err).toMatch(/^error INTERRUPTED: build interrupted; the previous output was left as it was/m);
    expect(r.err).not.toMatch(/error USAGE/);
    expect(snapshot(out), r.err).toEqual(before);
  });

  it('SIGKILL mid-build: the previous output stays; the next build clears the dead staging folder and lock', async () => {
    const out = newOut();
    expect((await build(ws, out, '--material', 'card', '--lang', 'fi')).code).toBe(0);
    const before = snapshot(out);
    const p = startCli(['build', '--root', ws, '--out', out, ...QUICK, '--material', 'card,bookmark', '--concurrency', '1']);
    await stagedFile(out);
    const browsers = childPids(p.child.pid!);
    expect(browsers.length).toBeGreaterThan(0);
    p.child.kill('SIGKILL');
    await p.done;
    // Its browser does not outlive it (DevTools over a pipe: browser/session.ts).
    for (let i = 0; i < 100 && browsers.some(alive); i++) await sleep(100);
    expect(browsers.filter(alive)).toEqual([]);
    // The killed process could not clean up: its staging folder and lock are still there, beside
    // the untouched output.
    expect(readdirSync(out).some((n) => n.startsWith('.staging-'))).toBe(true);
    expect(snapshot(out, leftovers)).toEqual(before);
    const r = await build(ws, out, '--material', 'card', '--lang', 'fi,en');
    expect(r.code, r.err).toBe(0);
    expect(readdirSync(out).filter((n) => n.startsWith('.') && n !== CACHE_FILE && n !== OWNER_MARKER && n !== STAMP_FILE)).toEqual([]);
    const m = expectConsistent(out);
    expect(m.variants.map((v) => `${v.material}-${v.lang}`).sort()).toEqual(['card-en', 'card-fi']);
  });
});

/** Direct children of a process (pgrep -P). */
function childPids(pid: number): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** SIGSTOP every process below `pid` (the browser and all it started); their pids, parents first. */
function freezeChildren(pid: number): number[] {
  const frozen: number[] = [];
  const freeze = (p: number) => {
    process.kill(p, 'SIGSTOP');
    frozen.push(p);
    childPids(p).forEach(freeze);
  };
  childPids(pid).forEach(freeze);
  return frozen;
}

/** Running, not gone and not a zombie waiting for a parent to reap it. */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

describe('the browser', () => {
  it('killed mid-build: restarted, the variant retried, the build completes', async () => {
    const out = newOut();
    const p = startCli(['build', '--root', ws, '--out', out, ...QUICK, '--material', 'card,bookmark', '--lang', 'fi,en', '--concurrency', '1']);
    await stagedFile(out);
    // The browser is a child of the build process: kill it (and whatever else it started) outright.
    const kids = execFileSync('pgrep', ['-P', String(p.child.pid)], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
    expect(kids.length).toBeGreaterThan(0);
    for (const k of kids) process.kill(k, 'SIGKILL');
    const r = await p.done;
    expect(r.code, r.err).toBe(0);
    const m = expectConsistent(out);
    expect(m.variants).toHaveLength(4);
  });

  it('frozen mid-build (SIGSTOP): the wait is reported, the stuck browser killed and replaced, the build completes', async () => {
    // Before waits.ts, a new page on a frozen browser waited for Puppeteer's 120 s protocol timeout,
    // silently (a build under load once sat idle 113 s): this test timed out.
    const out = newOut();
    const p = startCli(['build', '--root', ws, '--out', out, ...QUICK, '--material', 'card,bookmark', '--concurrency', '1', '--no-cache', '--timeout', '10']);
    await stagedFile(out);
    const frozen = freezeChildren(p.child.pid!);
    expect(frozen.length).toBeGreaterThan(0);
    try {
      const r = await p.done;
      expect(r.code, r.err).toBe(0);
      expect(r.out + r.err).toMatch(/still waiting for (card|bookmark)-\w+: [^\n]+ after \d+(\.\d)? s \(time limit 10 s\)/);
      expect(r.out + r.err).toMatch(/the browser did not answer within 5 s: stopped it/);
      expect(expectConsistent(out).variants).toHaveLength(10);
    } finally {
      for (const pid of frozen) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          /* gone */
        }
      }
    }
  }, 150_000);

  it('a render step over its time limit ends with a clear error naming the variant', async () => {
    const out = newOut();
    const r = await build(ws, out, '--material', 'card', '--lang', 'fi', '--timeout', '0.05');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/error RENDER_FAILED: card-fi: rendering took longer than the time limit of 0\.05 s, twice/);
    expect(r.err).toMatch(/→ Raise the limit with --timeout/);
    expect(readdirSync(out)).toEqual([]);
  });
});

describe('two builds at once on one output folder', () => {
  it('take turns: the second waits (and says for whom), and the manifest holds both, matching the files', async () => {
    const out = newOut();
    const a = startCli(['build', '--root', ws, '--out', out, ...QUICK, '--material', 'card', '--lang', 'fi']);
    const b = startCli(['build', '--root', ws, '--out', out, ...QUICK, '--material', 'card', '--lang', 'en']);
    const [ra, rb] = await Promise.all([a.done, b.done]);
    expect(ra.code, ra.err).toBe(0);
    expect(rb.code, rb.err).toBe(0);
    const waited = [ra, rb].filter((r) => /waiting for the build in progress \(pid \d+/.test(r.out));
    expect(waited).toHaveLength(1);
    const m = expectConsistent(out);
    expect(m.variants.map((v) => v.lang).sort()).toEqual(['en', 'fi']);
    expect(readdirSync(out).filter((n) => n.startsWith('.') && n !== CACHE_FILE && n !== OWNER_MARKER && n !== STAMP_FILE)).toEqual([]);
  });
});

describe('output that cannot be written', () => {
  it('a file in the way of the output folder', async () => {
    const d = newOut();
    writeFileSync(path.join(d, 'file'), 'x');
    const r = await build(ws, path.join(d, 'file', 'out'), '--material', 'card', '--lang', 'fi');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/error OUTPUT_WRITE: cannot write to .*file\/out: a file is in the way/);
    expect(r.err).toMatch(/→ Choose another folder with --out/);
  });

  // Mounting needs root (as in the test container); elsewhere these two are skipped, not faked.
  const canMount = (() => {
    try {
      const d = tempDir('lehtinen-mnt-');
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', d], { stdio: 'ignore' });
      execFileSync('umount', [d]);
      return true;
    } catch {
      return false;
    }
  })();

  it.skipIf(!canMount)('a read-only output folder: clear error, the previous output intact', async () => {
    const out = newOut();
    expect((await build(ws, out, '--material', 'card', '--lang', 'fi')).code).toBe(0);
    const before = snapshot(out);
    execFileSync('mount', ['--bind', out, out]);
    try {
      execFileSync('mount', ['-o', 'remount,bind,ro', out]);
      const r = await build(ws, out, '--material', 'card', '--lang', 'fi,en');
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/error OUTPUT_WRITE: cannot write to .*: the output folder is not writable/);
    } finally {
      execFileSync('umount', [out]);
    }
    expect(snapshot(out)).toEqual(before);
  });

  it.skipIf(!canMount)('a full disk: clear error, the previous output intact, no partial file', async () => {
    const out = tempDir('lehtinen-full-');
    dirs.push(out);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1536k', 'tmpfs', out]);
    try {
      expect((await build(ws, out, '--material', 'card', '--lang', 'fi')).code).toBe(0);
      const before = snapshot(out);
      expect(statSync(path.join(out, 'manifest.json')).size).toBeGreaterThan(0);
      // Every language, print and web PDFs and 300 dpi PNGs: far more than 1.5 MB.
      const r = await runCli(['build', '--root', ws, '--out', out, '--no-site', '--no-bundles', '--material', 'card,bookmark', '--kind', 'print-pdf,web-pdf,png']);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/error OUTPUT_WRITE: cannot write to .*: the disk is full/);
      expect(r.err).toMatch(/The previous output was left as it was/);
      expect(snapshot(out)).toEqual(before);
    } finally {
      execFileSync('umount', [out]);
    }
  });

  it.skipIf(!canMount)('a full disk under an XLIFF export and a check report: clear error, the previous file intact', async () => {
    const d = tempDir('lehtinen-full-');
    dirs.push(d);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', d]);
    try {
      const xlf = path.join(d, 'se.xlf');
      const report = path.join(d, 'report');
      expect((await runCli(['xliff', 'export', '--root', ws, '--lang', 'se', '--out', xlf])).code).toBe(0);
      expect((await runCli(['check', '--root', ws, '--lang', 'se', '--no-layout', '--report', '--out', report])).code).not.toBe(2);
      const before = snapshot(d);
      expect(Object.keys(before).sort()).toEqual(['report/index.html', 'se.xlf']);
      // Fill the disk to its last few bytes: neither file fits again, and a write that truncated first
      // (plain writeFile) would leave it empty.
      const free = () => Number(execFileSync('df', ['--output=avail', '-B1', d]).toString().split('\n')[1]);
      writeFileSync(path.join(d, 'fill'), Buffer.alloc(Math.max(0, free() - 4096)));
      const rx = await runCli(['xliff', 'export', '--root', ws, '--lang', 'se', '--out', xlf]);
      expect(rx.code).toBe(1);
      expect(rx.err).toMatch(/error OUTPUT_WRITE: cannot write .*se\.xlf: the disk is full/);
      expect(rx.err).toMatch(/A file that was there before was left as it was/);
      const rr = await runCli(['check', '--root', ws, '--lang', 'se', '--no-layout', '--report', '--out', report]);
      expect(rr.code).toBe(1);
      expect(rr.err).toMatch(/error OUTPUT_WRITE: cannot write .*report\/index\.html: the disk is full/);
      expect(snapshot(d, (rel) => rel === 'fill')).toEqual(before);
    } finally {
      execFileSync('umount', [d]);
    }
  });
});

describe('a cleanup with a frozen browser', () => {
  it('a frozen browser (SIGSTOP): SIGTERM ends lehtinen, the browser is killed, nothing is left; the next build recovers', async () => {
    const out = newOut();
    expect((await build(ws, out, '--material', 'card', '--lang', 'fi')).code).toBe(0);
    const before = snapshot(out);
    const p = startCli(['build', '--root', ws, '--out', out, ...QUICK, '--material', 'card,bookmark', '--concurrency', '1', '--no-cache']);
    await stagedFile(out);
    // Freeze Chromium and every process it started: closing the browser never returns, so lehtinen kills
    // it after 5 s (waits.ts); before, only the CLI's 10 s cleanup limit ended the process.
    const frozen = freezeChildren(p.child.pid!);
    expect(frozen.length).toBeGreaterThan(0);
    try {
      p.child.kill('SIGTERM');
      const t0 = Date.now();
      const r = await p.done;
      expect(r.code, r.err).toBe(130);
      expect(r.err).toMatch(/build interrupted; the previous output was left as it was/);
      expect(r.err).not.toMatch(/cleanup did not finish/);
      expect(Date.now() - t0).toBeLessThan(30_000);
      // The frozen browser was killed (a stopped process dies of SIGKILL), not left behind.
      for (let i = 0; i < 100 && frozen.some(alive); i++) await sleep(100);
      expect(frozen.filter(alive)).toEqual([]);
    } finally {
      for (const pid of frozen) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          /* gone */
        }
      }
    }
    expect(snapshot(out)).toEqual(before);
    // The next build clears those and writes the same set of files.
    expect((await build(ws, out, '--material', 'card', '--lang', 'fi')).code).toBe(0);
    expect(readdirSync(out).filter((n) => n.startsWith('.staging-') || n === '.lehtinen.lock')).toEqual([]);
    expect(Object.keys(snapshot(out)).sort()).toEqual(Object.keys(before).sort());
  }, 120_000);

  it('a named pipe in the output folder: a clear error instead of a read that never returns', async () => {
    const out = newOut();
    execFileSync('mkfifo', [path.join(out, CACHE_FILE)]);
    const r = await build(ws, out, '--material', 'card', '--lang', 'fi');
    expect(r.code, r.err).toBe(1);
    expect(r.err).toMatch(/error OUTPUT_WRITE: cannot write to .*: \.lehtinen-cache\.json in it is a named pipe, socket or device/);
  }, 60_000);
});
