/**
 * Typesetting read back from real PDFs: no word broken across lines without a hyphen (pdftotext line
 * pairs against the words of the workspace's texts), and whole words in the structure tree of every
 * web PDF (pdfinfo -struct-text), in every language of the example.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { run as cli } from '../../src/cli/main.js';
import { brokenWords, outputPdfs, strangeTaggedWords, taggedRuns, textWords, workspaceTexts, type TextWords } from '../support/text-audit.js';
import { capture, exampleCopies } from '../support/workspace.js';

const fresh = exampleCopies();

async function build(dir: string, args: string[] = []) {
  const c = capture();
  const code = await cli(['build', '--root', dir, '--no-site', '--no-bundles', '--kind', 'print-pdf,web-pdf', ...args], { stdout: c.stdout, stderr: c.stderr });
  return { code, out: c.out, err: c.err };
}

describe('the example, every material and language', () => {
  let dir = '';
  let tw: TextWords;
  let pdfs: { print: string[]; web: string[] };
  beforeAll(async () => {
    dir = fresh();
    const r = await build(dir);
    expect(r.code, r.err).toBe(0);
    tw = textWords(workspaceTexts(dir));
    pdfs = outputPdfs(path.join(dir, 'output'));
  }, 300_000);

  it('breaks no word across lines without a hyphen in any print PDF, and does hyphenate', () => {
    expect(pdfs.print).toHaveLength(15);
    const all = pdfs.print.flatMap((f) => brokenWords(f, tw));
    expect(all.filter((b) => !b.marked).map((b) => `${path.basename(b.file)} p${b.page}: ${b.pair}`)).toEqual([]);
    expect(all.filter((b) => b.marked).length).toBeGreaterThan(10);
  });

  it('gives a screen reader only words of the texts from every web PDF: hyphenated words whole, line-break spaces kept', () => {
    expect(pdfs.web).toHaveLength(15);
    let words = 0;
    const strange: string[] = [];
    for (const f of pdfs.web) {
      const s = strangeTaggedWords(f, tw);
      words += s.words;
      strange.push(...s.strange.map((w) => `${path.basename(f)}: ${w}`));
    }
    expect(strange).toEqual([]);
    expect(words).toBeGreaterThan(3000);
    // A word hyphenated in print is one word in the tags: the Finnish brochure breaks some at line ends.
    const fi = pdfs.print.find((f) => f.includes('brochure-fi'))!;
    const hyphenated = brokenWords(fi, tw).filter((b) => b.marked);
    expect(hyphenated.length).toBeGreaterThan(0);
    const runs = taggedRuns(pdfs.web.find((f) => f.includes('brochure-fi'))!).join(' ');
    for (const b of hyphenated) {
      const [a, z] = b.pair.split('|') as [string, string];
      expect(runs).toContain(a.replace(/[-‐]$/, '') + z.replace(/[^\p{L}]+$/u, ''));
    }
  });
});
