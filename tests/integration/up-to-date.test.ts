/**
 * The up-to-date stamp (pipeline/stamp.ts), through the CLI as separate processes: a build with nothing
 * changed says so without rebuilding, repeats the warnings of the build it stands for and leaves the
 * output folder exactly as it was (bytes and mtimes); every kind of change falls through to a real build.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli-process.js';
import { copyExample, edit, remove, tempDir } from '../support/workspace.js';

const ws = copyExample();
const out = tempDir('lehtinen-stamp-out-');
afterAll(() => [ws, out].forEach(remove));

// sms has draft strings: the DRAFT warning must come back on the fast path too.
const ARGS = ['build', '--root', ws, '--out', out, '--material', 'card', '--lang', 'fi,sms'];
const EPOCH = '1760000000';
const UP_TO_DATE = /^up to date: no input changed since the last build/m;

async function build(extra: string[] = [], env: NodeJS.ProcessEnv = {}) {
  const r = await runCli([...ARGS, ...extra], { env: { SOURCE_DATE_EPOCH: EPOCH, ...env } });
  expect(r.code, r.err).toBe(0);
  return { ...r, fast: UP_TO_DATE.test(r.out) };
}

/** Every file of the output folder with its bytes' hash and mtime. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const abs = path.join(d, e.name);
      if (e.isDirectory()) walk(abs);
      else files[path.relative(dir, abs)] = `${createHash('sha256').update(readFileSync(abs)).digest('hex')} ${statSync(abs).mtimeMs}`;
    }
  };
  walk(dir);
  return files;
}

const warnings = (err: string) => err.split('\n').filter((l) => l.startsWith('warning ')).sort();

let first: Awaited<ReturnType<typeof build>>;
beforeAll(async () => {
  first = await build();
  expect(first.fast).toBe(false);
  expect(first.out).toMatch(/built 2 variant\(s\) \(rendered 2, reused 0\)/);
}, 300_000);

describe('a build with nothing changed', () => {
  it('says so, repeats the summary and warnings, and leaves every output file as it was', async () => {
    const before = snapshot(out);
    expect(Object.keys(before)).toContain('.lehtinen-stamp.json');
    expect(Object.keys(before).some((f) => f.startsWith('site/'))).toBe(true);
    expect(Object.keys(before).some((f) => f.startsWith('bundles/'))).toBe(true);
    const again = await build();
    expect(again.fast, again.out).toBe(true);
    expect(again.out).toMatch(/^built 2 variant\(s\) \(rendered 0, reused 2\): \d+ files, [\d.]+ MB in .* — \d+ warning\(s\)$/m);
    expect(again.out).toMatch(/downloads site .*site\/index\.html · \d zip bundle\(s\)/);
    expect(warnings(again.err)).toEqual(warnings(first.err));
    expect(warnings(again.err).some((w) => w.startsWith('warning DRAFT [sms]'))).toBe(true);
    expect(snapshot(out)).toEqual(before);
  }, 120_000);

  it('a file saved again with the same bytes (only its mtime moved) is still up to date', async () => {
    const f = path.join(ws, 'locales/fi/card.json');
    const later = new Date(statSync(f).mtimeMs + 60_000);
    utimesSync(f, later, later);
    const before = snapshot(out);
    expect((await build()).fast).toBe(true);
    expect(snapshot(out)).toEqual(before);
  }, 120_000);
});

describe('every change falls through to a real build', () => {
  it('an edited string: renders, and the build after it is up to date again', async () => {
    edit(ws, 'locales/fi/card.json', (t) => t.replace('– kortti', '– korttinen'));
    const r = await build();
    expect(r.fast).toBe(false);
    expect(r.out).toMatch(/\(rendered [12], reused/);
    expect((await build()).fast).toBe(true);
  }, 300_000);

  it('a new file in locales/ (a namespace a glob picks up), even one no page uses', async () => {
    writeFileSync(path.join(ws, 'locales/fi/extra.json'), '{}\n');
    const r = await build();
    expect(r.fast).toBe(false);
    expect(r.out).toMatch(/\(rendered 0, reused 2\)/);
    expect((await build()).fast).toBe(true);
  }, 300_000);

  it('a deleted output file: rebuilt and back', async () => {
    const pdf = Object.keys(snapshot(out)).find((f) => f.endsWith('-web.pdf'))!;
    rmSync(path.join(out, pdf));
    const r = await build();
    expect(r.fast).toBe(false);
    expect(statSync(path.join(out, pdf)).size).toBeGreaterThan(0);
  }, 300_000);

  it('another SOURCE_DATE_EPOCH (another date in the files), and --no-cache', async () => {
    const r = await build([], { SOURCE_DATE_EPOCH: String(Number(EPOCH) + 86_400) });
    expect(r.fast).toBe(false);
    const nc = await build(['--no-cache']);
    expect(nc.fast).toBe(false);
    expect(nc.out).toMatch(/\(rendered 2, reused 0\)/);
  }, 300_000);

  it('another --kind', async () => {
    expect((await build()).fast).toBe(true);
    const r = await build(['--kind', 'print-pdf']);
    expect(r.fast).toBe(false);
    expect(r.out).toMatch(/built 2 variant\(s\)/);
  }, 300_000);

  it("without --out: the config's output.dir (read without a YAML parser) holds the stamp", async () => {
    // Last: the config stays changed.
    edit(ws, 'lehtinen.config.yaml', (t) => t.replace(/^output:\n  dir: output$/m, 'output:\n  # elsewhere\n  dir: "built"  # the folder'));
    const args = ['build', '--root', ws, '--material', 'card', '--lang', 'fi'];
    const env = { SOURCE_DATE_EPOCH: EPOCH };
    const r = await runCli(args, { env });
    expect(r.code, r.err).toBe(0);
    expect(r.out).not.toMatch(UP_TO_DATE);
    expect(r.out).toMatch(/in .*built\//);
    const again = await runCli(args, { env });
    expect(again.out).toMatch(UP_TO_DATE);
  }, 300_000);
});
