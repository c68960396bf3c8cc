/**
 * `node --import tsx scripts/typesetting-audit.ts [workspace] [output-folder]`: reads a build's PDFs back
 * and prints, per PDF, words broken across lines in print PDFs (marked with a hyphen / unmarked, the
 * defect) and the tagged words of web PDFs that are not words of the workspace's texts (fragments, glued
 * words). Build first (`lehtinen build --root <workspace>`). Figures only; the tests assert them.
 */
import path from 'node:path';
import { brokenWords, outputPdfs, strangeTaggedWords, textWords, workspaceTexts } from '../tests/support/text-audit.js';

const root = path.resolve(process.argv[2] ?? '.');
const out = path.resolve(process.argv[3] ?? path.join(root, 'output'));
const tw = textWords(workspaceTexts(root));
const { print, web } = outputPdfs(out);
const rel = (f: string) => path.relative(out, f);

let unmarked = 0;
let marked = 0;
console.log(`Print PDFs (${print.length}): words broken across lines`);
for (const f of print) {
  const b = brokenWords(f, tw);
  const u = b.filter((x) => !x.marked);
  unmarked += u.length;
  marked += b.length - u.length;
  console.log(`  ${rel(f).padEnd(60)} hyphenated ${String(b.length - u.length).padStart(3)}  unmarked ${String(u.length).padStart(3)}${u.length ? `  ${u.map((x) => x.pair).join(', ')}` : ''}`);
}
let words = 0;
let strange = 0;
console.log(`Web PDFs (${web.length}): tagged words that are not words of the texts`);
for (const f of web) {
  const s = strangeTaggedWords(f, tw);
  words += s.words;
  strange += s.strange.length;
  console.log(`  ${rel(f).padEnd(60)} ${String(s.strange.length).padStart(3)} of ${String(s.words).padStart(4)}${s.strange.length ? `  ${s.strange.slice(0, 8).join(', ')}${s.strange.length > 8 ? ' …' : ''}` : ''}`);
}
console.log(`\nTotal: ${unmarked} unmarked word break(s), ${marked} hyphenated, in ${print.length} print PDF(s); ${strange} of ${words} tagged words not words of the texts in ${web.length} web PDF(s).`);
