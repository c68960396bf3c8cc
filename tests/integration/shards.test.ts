/**
 * Scale-out by shards (#15 item 6): `build --shard K/N` builds a deterministic share of the variants, and
 * `merge` joins the shard outputs into an output folder byte-identical to a single build of the same
 * sources with the same SOURCE_DATE_EPOCH: files, manifest, build cache, zip bundles and site.
 */
import { appendFileSync, cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifestSchema } from '../../src/output/manifest.js';
import { STAMP_FILE } from '../../src/pipeline/stamp.js';
import { runCli } from '../support/cli-process.js';
import { copyExample, hashTree, remove, tempDir } from '../support/workspace.js';

const env = { SOURCE_DATE_EPOCH: '1760000000' };
const SET = ['--material', 'card,bookmark', '--lang', 'fi,se'];
const dirs: string[] = [];
let ws: string;
let single: string;
let shards: string[];
beforeAll(async () => {
  ws = copyExample();
  dirs.push(ws);
  single = newOut();
  shards = [1, 2, 3].map(() => newOut());
  const runs = await Promise.all([
    runCli(['build', '--root', ws, '--out', single, ...SET, '--concurrency', '2'], { env }),
    ...shards.map((out, i) => runCli(['build', '--root', ws, '--out', out, ...SET, '--shard', `${i + 1}/3`, '--concurrency', '1'], { env })),
  ]);
  for (const r of runs) expect(r.code, r.err).toBe(0);
}, 600_000);
afterAll(() => dirs.forEach(remove));

function newOut(): string {
  const d = tempDir('lehtinen-shard-');
  dirs.push(d);
  return d;
}

const variantsOf = (dir: string) =>
  manifestSchema.parse(JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'))).variants.map((v) => `${v.material}-${v.lang}`);

describe('build --shard K/N', () => {
  it('takes every N-th variant of the plan (materials × languages): disjoint shares that cover it, no site or bundles', () => {
    expect(shards.map(variantsOf)).toEqual([['card-fi', 'bookmark-se'], ['card-se'], ['bookmark-fi']]);
    for (const s of shards) expect(readdirSync(s).filter((n) => n === 'site' || n === 'bundles')).toEqual([]);
  });

  it('refuses a shard that is not K/N with 1 ≤ K ≤ N', async () => {
    const r = await runCli(['build', '--root', ws, '--out', newOut(), '--shard', '4/3']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/error USAGE: --shard: "4\/3" is not K\/N with 1 ≤ K ≤ N/);
  });
});

describe('merge', () => {
  it('joins the shards into a folder byte-identical to the single build: files, manifest, cache, bundles, site', async () => {
    const merged = newOut();
    // Given in another order than built: the result does not depend on it.
    const r = await runCli(['merge', '--root', ws, '--out', merged, shards[2]!, shards[0]!, shards[1]!], { env });
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/merged 4 variant\(s\) from 3 shard\(s\)/);
    const a = hashTree(single);
    const b = hashTree(merged);
    // The single build's up-to-date stamp records its own inputs and mtimes (pipeline/stamp.ts); merge writes none.
    delete a[STAMP_FILE];
    expect(Object.keys(a)).toContain('site/index.html');
    expect(Object.keys(a).filter((f) => f.startsWith('bundles/')).length).toBeGreaterThan(0);
    expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
    expect(Object.keys(a).filter((f) => a[f] !== b[f])).toEqual([]);
  }, 300_000);

  it('refuses a variant given twice, and a file that differs from its shard manifest, naming it; nothing is written', async () => {
    const out = newOut();
    const twice = await runCli(['merge', '--root', ws, '--out', out, shards[0]!, shards[0]!]);
    expect(twice.code).toBe(2);
    expect(twice.err).toMatch(/error USAGE: merge: card-fi is in both .* and /);
    const broken = newOut();
    cpSync(shards[1]!, broken, { recursive: true });
    appendFileSync(path.join(broken, 'se/card/tunnista-vakivalta-card-se-web.pdf'), '\n%tampered\n');
    const r = await runCli(['merge', '--root', ws, '--out', out, shards[0]!, broken, shards[2]!]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/tunnista-vakivalta-card-se-web\.pdf differs from its shard's manifest/);
    expect(readdirSync(out).filter((n) => !n.startsWith('.lehtinen.lock'))).toEqual([]);
  });

  it('refuses shards that hyphenated a language with different engines (Voikko on one machine, patterns on another)', async () => {
    const out = newOut();
    const other = newOut();
    cpSync(shards[1]!, other, { recursive: true });
    const file = path.join(other, 'manifest.json');
    const m = JSON.parse(readFileSync(file, 'utf8')) as { languages: { code: string; hyphenation?: string }[] };
    const fi = m.languages.find((l) => l.code === 'fi')!;
    fi.hyphenation = fi.hyphenation?.startsWith('voikko') ? 'patterns hyphen/fi' : 'voikko 4.3.1';
    writeFileSync(file, JSON.stringify(m, null, 2) + '\n');
    const r = await runCli(['merge', '--root', ws, '--out', out, shards[0]!, other, shards[2]!]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/error USAGE: merge: .* hyphenated fi with .*, the first shard with /);
    expect(readdirSync(out).filter((n) => !n.startsWith('.lehtinen.lock'))).toEqual([]);
  });
});
