/**
 * Fuzzing the loaders: random and mutated locale JSON, config YAML and XLIFF go through the real load,
 * check and import paths for a bounded time. Every rejection must be a LehtinenError (a code, a message,
 * the file it is about) — never a crash, never "internal error" — and must leave the workspace's files
 * byte for byte as they were. Seeded: a failure prints its seed; LEHTINEN_FUZZ_SEED=<n> replays it.
 * Each target runs at least LEHTINEN_FUZZ_MIN inputs (default 25) whatever the machine's load, then goes on
 * while LEHTINEN_FUZZ_MS (default 6000 ms) lasts: a busy CI machine tests fewer extra inputs, never fewer than the floor.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as cli } from '../../src/cli/main.js';
import { LehtinenError } from '../../src/errors.js';
import { exportXliff } from '../../src/i18n/xliff/export.js';
import { loadConfig } from '../../src/workspace/load-config.js';
import { loadWorkspace } from '../../src/workspace/workspace.js';
import { capture, copyExample, hashTree, remove } from '../support/workspace.js';

const SEED = Number(process.env.LEHTINEN_FUZZ_SEED ?? Date.now() % 2 ** 31);
const BUDGET_MS = Number(process.env.LEHTINEN_FUZZ_MS ?? 6000);
const MIN_INPUTS = Number(process.env.LEHTINEN_FUZZ_MIN ?? 25);
console.log(`fuzz seed ${SEED} (replay: LEHTINEN_FUZZ_SEED=${SEED} npx vitest run tests/fuzz)`);

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]! };
}
type Rng = ReturnType<typeof rng>;

const SPECIAL = ['{', '}', '[', ']', '"', ':', ',', '\n', '\t', ' ', '\\', '<', '>', '&', "'", '#', '-', '*', '|', '!', '%', '@', '`', '\u0000', '\ufeff', 'ä', 'đ', 'ŧ', '😀', '\u200b'];
const NASTY = ['<script>alert(1)</script>', '{{x}}', '{{{x}}}', '$t(common:organisation.name)', '<ph id="9"/>', '&lt;', '&bogus;', ']]>', '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>', '&e;', 'x'.repeat(5000), '\u0000', '\ud800', 'null', 'true', '- - -', '? ', '!!js/function', '*alias', '&anchor'];

/** One random mutation of `text`: bytes flipped, inserted, deleted, duplicated, cut, or a nasty string spliced in. */
function mutate(r: Rng, text: string): Buffer {
  let b = Buffer.from(text, 'utf8');
  const rounds = 1 + r.int(4);
  for (let i = 0; i < rounds; i++) {
    const at = r.int(b.length + 1);
    switch (r.int(8)) {
      case 0: // flip a byte
        if (b.length) b[Math.min(at, b.length - 1)] = r.int(256);
        break;
      case 1:
        b = Buffer.concat([b.subarray(0, at), Buffer.from(r.pick(SPECIAL)), b.subarray(at)]);
        break;
      case 2: {
        const n = 1 + r.int(20);
        b = Buffer.concat([b.subarray(0, at), b.subarray(at + n)]);
        break;
      }
      case 3: {
        const n = 1 + r.int(40);
        b = Buffer.concat([b.subarray(0, at + n), b.subarray(at, at + n), b.subarray(at + n)]);
        break;
      }
      case 4:
        b = b.subarray(0, at);
        break;
      case 5:
        b = Buffer.concat([b.subarray(0, at), Buffer.from(r.pick(NASTY)), b.subarray(at)]);
        break;
      case 6: // Latin-1 or lone UTF-8 bytes
        b = Buffer.concat([b.subarray(0, at), Buffer.from([r.pick([0xe4, 0xf6, 0xc3, 0xff, 0x80, 0xef])]), b.subarray(at)]);
        break;
      default: // a line swapped with another
        {
          const lines = b.toString('latin1').split('\n');
          const i1 = r.int(lines.length);
          const i2 = r.int(lines.length);
          [lines[i1], lines[i2]] = [lines[i2]!, lines[i1]!];
          b = Buffer.from(lines.join('\n'), 'latin1');
        }
        break;
    }
  }
  return b;
}

/** Random text: sometimes structure-like, sometimes noise. */
function randomText(r: Rng): Buffer {
  const n = r.int(300);
  let s = '';
  for (let i = 0; i < n; i++) s += r.next() < 0.6 ? r.pick(SPECIAL) : r.next() < 0.5 ? r.pick(NASTY).slice(0, 30) : String.fromCharCode(32 + r.int(95));
  return Buffer.from(s);
}

/** A rejection must be a LehtinenError that says what and where. */
function expectClear(e: unknown, file: string, seed: string): void {
  if (!(e instanceof LehtinenError)) throw new Error(`${seed}: not a LehtinenError: ${(e as Error)?.stack ?? String(e)}`);
  expect(e.code, seed).toMatch(/^[A-Z_]+$/);
  expect(e.message.length, seed).toBeGreaterThan(5);
  const named = [e.where.file ?? '', e.message, ...e.details].join(' ');
  expect(named, `${seed}: ${e.code} ${e.message}`).toContain(file);
}

async function forAWhile(label: string, fn: (r: Rng, i: number, seed: string) => Promise<void>): Promise<number> {
  const r = rng(SEED ^ [...label].reduce((a, c) => a * 31 + c.charCodeAt(0), 7));
  const t0 = Date.now();
  let i = 0;
  while (i < MIN_INPUTS || Date.now() - t0 < BUDGET_MS) {
    await fn(r, i, `seed ${SEED}, ${label} #${i}`);
    i++;
  }
  return i;
}

let ws: string;
beforeAll(() => {
  ws = copyExample();
});
afterAll(() => remove(ws));

describe(`fuzz (seed ${SEED})`, () => {
  it('locale JSON → load and check', async () => {
    const rel = 'locales/en/common.json';
    const abs = path.join(ws, rel);
    const original = readFileSync(abs, 'utf8');
    let rejected = 0;
    const n = await forAWhile('locale', async (r, i, seed) => {
      const bytes = r.next() < 0.85 ? mutate(r, original) : randomText(r);
      writeFileSync(abs, bytes);
      const before = hashTree(ws);
      try {
        await loadWorkspace(ws);
      } catch (e) {
        rejected++;
        // Mutations elsewhere in the file can surface as an error in another file only through keys
        // (a missing source key is a warning, not an error): the error must name this file.
        expectClear(e, rel, seed);
      }
      if (i % 15 === 0) {
        const c = capture();
        const code = await cli(['check', '--root', ws, '--no-layout', '--format', 'json'], { stdout: c.stdout, stderr: c.stderr });
        expect(code, `${seed}: ${c.err}`).not.toBe(70);
        expect(c.err, seed).not.toMatch(/internal error/);
      }
      expect(hashTree(ws), seed).toEqual(before);
    });
    writeFileSync(abs, original);
    console.log(`locale JSON: ${n} inputs, ${rejected} rejected`);
  });

  it('config YAML → load', async () => {
    const rel = 'lehtinen.config.yaml';
    const abs = path.join(ws, rel);
    const original = readFileSync(abs, 'utf8');
    let rejected = 0;
    const n = await forAWhile('config', async (r, _i, seed) => {
      const bytes = r.next() < 0.85 ? mutate(r, original) : randomText(r);
      writeFileSync(abs, bytes);
      const before = hashTree(ws);
      try {
        await loadConfig(ws);
      } catch (e) {
        rejected++;
        expectClear(e, rel, seed);
      }
      expect(hashTree(ws), seed).toEqual(before);
    });
    writeFileSync(abs, original);
    console.log(`config YAML: ${n} inputs, ${rejected} rejected`);
  });

  it('XLIFF → import (all or nothing)', async () => {
    const loaded = await loadWorkspace(ws);
    const sources = [exportXliff(loaded, { lang: 'se', version: '2.0' }).xml, exportXliff(loaded, { lang: 'sms', version: '1.2' }).xml];
    const pristine = new Map(Object.keys(hashTree(path.join(ws, 'locales'))).map((f) => [f, readFileSync(path.join(ws, 'locales', f))]));
    const file = path.join(ws, 'fuzz.xlf');
    let rejected = 0;
    const n = await forAWhile('xliff', async (r, _i, seed) => {
      const bytes = r.next() < 0.9 ? mutate(r, r.pick(sources)) : randomText(r);
      writeFileSync(file, bytes);
      const before = hashTree(path.join(ws, 'locales'));
      const c = capture();
      const code = await cli(['xliff', 'import', '--root', ws, file], { stdout: c.stdout, stderr: c.stderr });
      expect(c.err, seed).not.toMatch(/internal error/);
      if (code !== 0) {
        rejected++;
        expect(code, `${seed}: ${c.err}`).toBe(1);
        expect(c.err, seed).toMatch(/^error XLIFF_(SYNTAX|REJECTED) fuzz\.xlf|^error XLIFF_(SYNTAX|REJECTED) .*fuzz\.xlf/m);
        expect(hashTree(path.join(ws, 'locales')), `${seed}: a rejected import changed files`).toEqual(before);
      } else {
        // Accepted (a harmless mutation): put the locales back for the next round.
        for (const [f, data] of pristine) writeFileSync(path.join(ws, 'locales', f), data);
      }
    });
    console.log(`XLIFF: ${n} inputs, ${rejected} rejected`);
    expect(rejected).toBeGreaterThan(0);
  });
});
