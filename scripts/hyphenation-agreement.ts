/**
 * `node --import tsx scripts/hyphenation-agreement.ts [seed folder]`: lehtinen's Finnish hyphenation
 * points against Voikko's (libvoikko + voikko-fi, what LibreOffice uses) on every distinct Finnish word of
 * the seed texts (default ../shared/seeds/*.txt). Prints the engine lehtinen uses here, and for the TeX
 * patterns (the fallback where Voikko is not installed): words with the same points, points in common,
 * and how many of Voikko's compound seams the patterns find. Both sides with lehtinen's limits: words of
 * 6+ letters, 2 letters before the first and after the last break. Figures only, nothing asserted.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { hyphenationEngine, Hyphenator, rulesFor } from '../src/compose/hyphenation.js';
import { voikkoFinnish } from '../src/compose/voikko.js';

const dir = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, '../../shared/seeds'));
const voikko = voikkoFinnish();
if (!voikko) {
  console.error('Voikko is not installed (Debian: apt-get install libvoikko1 voikko-fi): nothing to compare against.');
  process.exit(1);
}
const rules = rulesFor('fi');
const patterns = new Hyphenator('fi', { ...rules, voikko: false }, new Map());
const lehtinen = new Hyphenator('fi', rules, new Map());
const points = (h: Hyphenator, w: string) => {
  const out: number[] = [];
  let n = 0;
  for (const ch of h.word(w)) {
    if (ch === '\u00ad') out.push(n);
    else n++;
  }
  return out;
};
const keep = (w: string, b: number[]) => b.filter((x) => x >= rules.left && [...w].length - x >= rules.right);

const words = new Set<string>();
const files = readdirSync(dir).filter((f) => /^\d+_.*\.txt$/.test(f)).sort();
for (const f of files) {
  for (const m of readFileSync(path.join(dir, f), 'utf8').matchAll(/[\p{L}]+/gu)) {
    // Finnish words: letters of the Finnish alphabet only, 6+ letters (shorter ones are never hyphenated)
    if ([...m[0]].length >= rules.minWord && /^[a-zåäö]+$/i.test(m[0])) words.add(m[0].toLowerCase());
  }
}

let same = 0;
let sameLehtinen = 0;
let vTotal = 0;
let pTotal = 0;
let common = 0;
let seams = 0;
let seamsFound = 0;
const diffs: string[] = [];
const show = (w: string, b: number[]) => [...w].map((c, i) => (b.includes(i) ? '-' : '') + c).join('');
for (const w of words) {
  const v = keep(w, voikko.hyphenate(w));
  const p = points(patterns, w);
  const l = points(lehtinen, w);
  vTotal += v.length;
  pTotal += p.length;
  common += p.filter((x) => v.includes(x)).length;
  if (p.join() === v.join()) same++;
  else if (diffs.length < 12) diffs.push(`${show(w, v).padEnd(28)} patterns: ${show(w, p)}`);
  if (l.join() === v.join()) sameLehtinen++;
  const s = voikko.seams(w).filter((x) => v.includes(x));
  seams += s.length;
  seamsFound += s.filter((x) => p.includes(x)).length;
}
const pct = (a: number, b: number) => `${((100 * a) / Math.max(1, b)).toFixed(1)} %`;
console.log(`Seeds: ${files.length} files in ${dir}; ${words.size} distinct Finnish words of ${rules.minWord}+ letters`);
console.log(`Voikko ${voikko.version} (reference). lehtinen here hyphenates Finnish with: ${hyphenationEngine('fi')}`);
console.log(`lehtinen as it runs here: ${sameLehtinen} of ${words.size} words with Voikko's points (${pct(sameLehtinen, words.size)})`);
console.log(`TeX patterns (hyphen/fi, the fallback): ${same} of ${words.size} words with Voikko's points (${pct(same, words.size)})`);
console.log(`  points: Voikko ${vTotal}, patterns ${pTotal}, in common ${common} (patterns' points Voikko accepts: ${pct(common, pTotal)}; Voikko's points the patterns find: ${pct(common, vTotal)})`);
console.log(`  compound seams (Voikko): ${seams}; the patterns break at ${seamsFound} of them (${pct(seamsFound, seams)})`);
console.log('  first differences (Voikko, then patterns):');
for (const d of diffs) console.log(`    ${d}`);
