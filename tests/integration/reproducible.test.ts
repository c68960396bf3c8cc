/**
 * Reproducible builds (#15 item 5): with SOURCE_DATE_EPOCH set, two builds of the same sources give the
 * same bytes in every file (PDFs incl. CMYK PDF/X, PNGs, WebPs, zips, site, manifest), although they run
 * on different "days" (libfaketime moves the clock of lehtinen, Chromium and Ghostscript 400 days on),
 * in different time zones, into different folders, with a different number of pages at once.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAMP_FILE } from '../../src/pipeline/stamp.js';
import { ensureCompiled } from '../support/cli-process.js';
import { run } from '../support/tools.js';
import { copyExample, hashTree, remove, REPO, tempDir } from '../support/workspace.js';

const EPOCH = 1_760_000_000; // 2025-10-09T08:53:20Z
const dirs: string[] = [];
let ws: string;
beforeAll(() => {
  ensureCompiled();
  ws = copyExample();
  dirs.push(ws);
});
afterAll(() => dirs.forEach(remove));

async function buildAt(prefix: string[], env: NodeJS.ProcessEnv, ...args: string[]): Promise<string> {
  const out = tempDir('lehtinen-repro-');
  dirs.push(out);
  const argv = [...prefix, process.execPath, path.join(REPO, 'bin/lehtinen.js'), 'build', '--root', ws, '--out', out, '--material', 'card,bookmark', '--lang', 'fi,se', '--cmyk', ...args];
  await promisify(execFile)(argv[0]!, argv.slice(1), { env: { ...process.env, NO_COLOR: '1', ...env }, maxBuffer: 16 << 20 });
  return out;
}

describe('SOURCE_DATE_EPOCH', () => {
  it('two builds on different days, time zones, folders and concurrency are byte-identical, dated from it', async () => {
    const a = await buildAt([], { SOURCE_DATE_EPOCH: String(EPOCH), TZ: 'UTC' }, '--concurrency', '2');
    // faketime -f "+400d": the clock of the whole process tree runs 400 days ahead.
    const b = await buildAt(['faketime', '-f', '+400d'], { SOURCE_DATE_EPOCH: String(EPOCH), TZ: 'Pacific/Kiritimati' }, '--concurrency', '1');
    // The up-to-date stamp records this machine's mtimes and paths, not output (pipeline/stamp.ts).
    const sa = hashTree(a);
    const sb = hashTree(b);
    delete sa[STAMP_FILE];
    delete sb[STAMP_FILE];
    expect(Object.keys(sa).filter((f) => f.endsWith('.png')).length).toBeGreaterThan(0);
    expect(Object.keys(sa).filter((f) => f.endsWith('.zip')).length).toBeGreaterThan(0);
    const differ = Object.keys({ ...sa, ...sb }).filter((f) => sa[f] !== sb[f]);
    expect(differ).toEqual([]);

    // The date in the files is SOURCE_DATE_EPOCH's, not the clock's.
    const manifest = JSON.parse(readFileSync(path.join(a, 'manifest.json'), 'utf8')) as { generated: string };
    expect(manifest.generated).toBe('2025-10-09T08:53:20.000Z');
    const print = path.join(a, 'fi/card/tunnista-vakivalta-card-fi-print.pdf');
    const info = run('pdfinfo', ['-isodates', print]);
    expect(info).toMatch(/CreationDate:\s+2025-10-09T08:53:20/);
    expect(info).toMatch(/ModDate:\s+2025-10-09T08:53:20/);
    expect(run('pdftotext', ['-layout', print, '-'])).toMatch(/2025-10-09/); // the slug line
    expect(run('unzip', ['-l', path.join(a, 'bundles/tunnista-vakivalta-fi.zip')])).toMatch(/2025-10-09 08:53/);
  }, 600_000);

  it('a SOURCE_DATE_EPOCH that is not whole seconds is refused by name', async () => {
    const out = tempDir('lehtinen-repro-');
    dirs.push(out);
    const r = await promisify(execFile)(process.execPath, [path.join(REPO, 'bin/lehtinen.js'), 'build', '--root', ws, '--out', out, '--material', 'card', '--lang', 'fi'], {
      env: { ...process.env, NO_COLOR: '1', SOURCE_DATE_EPOCH: 'yesterday' },
    }).then(
      () => ({ code: 0, err: '' }),
      (e: { code: number; stderr: string }) => ({ code: e.code, err: e.stderr }),
    );
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/error USAGE: SOURCE_DATE_EPOCH must be whole seconds since 1970-01-01 UTC, not "yesterday"/);
    expect(readdirSync(out)).toEqual([]);
  });
});
