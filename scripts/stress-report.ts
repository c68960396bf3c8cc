/**
 * `node --import tsx scripts/stress-report.ts [--keep]`: the stress corpus (tests/support/stress.ts: every
 * string of fi, se, smn and sms replaced by a longer real one from the seeds and the attested Sámi strings)
 * laid out in every material, and per frame what happened: set at full size, copy-fitted (at what font
 * size and tracking), or refused (FRAME_OVERFLOW, WORD_BROKEN, …, with the message). Then the print
 * build: which variants it writes, and the words broken across lines in them (unmarked must be 0).
 * Figures only; tests/integration/typesetting.test.ts asserts them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { CheckOutput } from '../src/check/output-schema.js';
// the compiled CLI (npm run compile): page functions run in Chromium as written, without tsx's __name helper
import { makeStress } from '../tests/support/stress.js';
import { brokenWords, outputPdfs, textWords, workspaceTexts } from '../tests/support/text-audit.js';
import { copyExample, remove } from '../tests/support/workspace.js';

const dist = '../dist/cli/main.js';
const { run: cli } = (await import(dist)) as typeof import('../src/cli/main.js');

const dir = copyExample();
makeStress(dir);
const sink = { write: () => {}, isTTY: false };
let json = '';
let errs = '';
const checked = await cli(['check', '--root', dir, '--format', 'json'], { stdout: { write: (s: string) => void (json += s), isTTY: false }, stderr: { write: (s: string) => void (errs += s), isTTY: false } });
if (!json) throw new Error(`check exited ${checked}: ${errs}`);
const out = JSON.parse(json) as CheckOutput;

const frames: Record<string, string[]> = {};
for (const t of readdirSync(path.join(dir, 'templates'), { withFileTypes: true }).filter((d) => d.isDirectory() && d.name !== 'partials')) {
  const hbs = readFileSync(path.join(dir, 'templates', t.name, 'index.hbs'), 'utf8');
  frames[t.name] = [...hbs.matchAll(/data-frame="([^"]+)"/g)].map((m) => m[1]!);
}
const langs = ['fi', 'en', 'se', 'smn', 'sms'];
const refusedVariants = new Set<string>();
console.log(`Stress corpus in ${dir}\n`);
console.log('variant            frame          result');
for (const material of Object.keys(frames)) {
  for (const lang of langs) {
    for (const frame of frames[material]!) {
      const ps = out.problems.filter((p) => p.material === material && p.lang === lang && p.frame === frame);
      const bad = ps.filter((p) => p.severity === 'error');
      const fit = ps.find((p) => p.code === 'COPY_FIT');
      let result = 'set at full size';
      if (fit) result = `copy-fitted: ${/copy-fitted to ([^(]+)/.exec(fit.message)?.[1]?.trim() ?? fit.message}`;
      if (bad.length) {
        refusedVariants.add(`${material}-${lang}`);
        result = `REFUSED ${bad.map((p) => `${p.code}: ${p.message.replace(/^[^:]+: /, '').slice(0, 110)}`).join('; ')}`;
      }
      console.log(`${`${material}-${lang}`.padEnd(18)} ${frame.padEnd(14)} ${result}`);
    }
  }
}

// The print build of the variants that were not refused; a refused one must stop its build.
const tw = textWords(workspaceTexts(dir));
let unmarked = 0;
let marked = 0;
let built = 0;
for (const lang of langs) {
  const ok = Object.keys(frames).filter((m) => !refusedVariants.has(`${m}-${lang}`));
  if (!ok.length) continue;
  const code = await cli(['build', '--root', dir, '--lang', lang, '--material', ok.join(','), '--kind', 'print-pdf', '--no-site', '--no-bundles'], { stdout: sink, stderr: sink });
  if (code !== 0) console.log(`build ${lang} ${ok.join(',')}: exit ${code}`);
}
for (const f of outputPdfs(path.join(dir, 'output')).print) {
  built++;
  const b = brokenWords(f, tw);
  unmarked += b.filter((x) => !x.marked).length;
  marked += b.filter((x) => x.marked).length;
  for (const x of b.filter((y) => !y.marked)) console.log(`UNMARKED ${path.basename(f)} p${x.page}: ${x.pair}`);
}
console.log(`\n${15 - refusedVariants.size} of 15 variants set, ${refusedVariants.size} refused (${[...refusedVariants].join(', ') || 'none'}).`);
console.log(`Print PDFs written: ${built}; words hyphenated across lines: ${marked}; broken without a hyphen: ${unmarked}.`);
if (!process.argv.includes('--keep')) remove(dir);
