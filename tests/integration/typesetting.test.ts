/**
 * Typesetting read back from real PDFs: no word broken across lines without a hyphen (pdftotext line
 * pairs against the words of the workspace's texts), and whole words in the structure tree of every
 * web PDF (pdfinfo -struct-text), in every language of the example.
 */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { run as cli } from '../../src/cli/main.js';
import { brokenWords, outputPdfs, strangeTaggedWords, taggedRuns, textWords, workspaceTexts, type TextWords } from '../support/text-audit.js';
import { capture, edit, exampleCopies, setString } from '../support/workspace.js';
import { pdfLines } from '../support/pdf-words.js';
import { makeStress } from '../support/stress.js';
import { OVERFLOW_CODES } from '../../src/check/frame-rules.js';
import type { CheckOutput } from '../../src/check/output-schema.js';

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

describe('words longer than their line', () => {
  it('a heading of another campaign (seed 002/000) is fitted or hyphenated with a visible hyphen, never broken unmarked', async () => {
    const dir = fresh();
    setString(dir, 'fi', 'common', 'campaign.name', 'Traumainformoitu työote työhyvinvoinnin ja työssäjaksamisen tukena');
    const r = await build(dir, ['--lang', 'fi']);
    expect(r.code, r.err).toBe(0);
    expect(r.err + r.out).not.toContain('WORD_BROKEN');
    const tw = textWords(workspaceTexts(dir));
    const { print, web } = outputPdfs(path.join(dir, 'output'));
    const broken = print.flatMap((f) => brokenWords(f, tw));
    expect(broken.filter((b) => !b.marked)).toEqual([]);
    // the bookmark's narrow front cannot hold "Traumainformoitu" at any allowed size: it is hyphenated
    expect(broken.filter((b) => b.file.includes('bookmark') && b.marked).length).toBeGreaterThan(0);
    // …at its compound seam first (Voikko): Trauma|informoitu, not Traumainfor|moitu
    expect(broken.map((b) => b.pair)).toContain('Trauma‐|informoitu');
    for (const f of web) expect(strangeTaggedWords(f, tw).strange, f).toEqual([]);
  });

  it('a word no line can hold and no rule can hyphenate stops the print PDF, naming variant, frame and word', async () => {
    const dir = fresh();
    // an attested Skolt Sámi word (../shared/sami/README.md); Skolt has no hyphenation patterns
    setString(dir, 'sms', 'common', 'campaign.name', 'Tuõddârsääʹmǩiõll');
    const r = await build(dir, ['--lang', 'sms', '--material', 'bookmark']);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/FRAME_OVERFLOW/);
    expect(r.err).toMatch(/bookmark-sms page 1, frame "front": the word "Tuõddârsääʹmǩiõll" is broken across lines without a hyphen \("Tuõddârsääʹmǩiõ[^"]*" \/ "[^"]+"\)/);
    expect(existsSync(path.join(dir, 'output', 'sms'))).toBe(false);
    // an exceptions entry is the fix the message names: then it is hyphenated and built
    writeFileSync(path.join(dir, 'locales', 'sms', 'hyphenation.yaml'), 'tuõddârsääʹmǩiõll: tuõd-dâr-sääʹm-ǩiõll\n');
    const ok = await build(dir, ['--lang', 'sms', '--material', 'bookmark']);
    expect(ok.code, ok.err).toBe(0);
    const tw = textWords(workspaceTexts(dir));
    const broken = outputPdfs(path.join(dir, 'output')).print.flatMap((f) => brokenWords(f, tw));
    expect(broken.map((b) => `${b.pair} ${b.marked}`)).toEqual([expect.stringMatching(/^Tuõd.*‐\|.* true$/)]);
  });
});

describe('HEADING_WIDOW', () => {
  it('reads the heading lines as drawn, and its advice, applied, removes the widow', async () => {
    const dir = fresh();
    // words of seeds 000 and 002; on the card the last line is "tukena" alone
    setString(dir, 'fi', 'common', 'campaign.name', 'Traumainformoitu työote työhyvinvoinnin työssäjaksamisen tukena');
    const widows = async () => {
      const c = capture();
      await cli(['check', '--root', dir, '--lang', 'fi', '--format', 'json'], { stdout: c.stdout, stderr: c.stderr });
      return (JSON.parse(c.out) as CheckOutput).problems.filter((p) => p.code === 'HEADING_WIDOW' && p.material === 'card');
    };
    const [w, ...more] = await widows();
    expect(more).toEqual([]);
    expect(w!.message).toMatch(/^card-fi page 1: the heading "Traumainformoitu työote työhyvinvoinnin työssäjaksamisen tukena" ends in a line of one short word, "tukena"$/);
    // the printed page agrees: "tukena" is a line of its own
    const r = await build(dir, ['--lang', 'fi', '--material', 'card']);
    expect(r.code, r.err).toBe(0);
    const card = outputPdfs(path.join(dir, 'output')).print[0]!;
    expect(pdfLines(card, 1).map((l) => l.map((x) => x.text).join(' '))).toContain('tukena');
    // the advice is something the designer can do, measured in the page: a max-width or a font size
    const m = /(?:Give this h1 (max-width: \d+mm)|Set this h1 in (font-size: [\d.]+pt)) in templates\/card\/style\.css/.exec(w!.hint ?? '');
    expect(m, w!.hint).not.toBeNull();
    edit(dir, 'templates/card/style.css', (s) => `${s}\n.front h1 { ${m![1] ?? m![2]}; }\n`);
    expect(await widows()).toEqual([]);
  });
});

describe('the stress corpus (tests/support/stress.ts: long real strings in every frame)', () => {
  it('sets every frame with no unmarked break and no overflow, or refuses it with FRAME_OVERFLOW naming the frame', async () => {
    const dir = fresh();
    makeStress(dir);
    const c = capture();
    await cli(['check', '--root', dir, '--format', 'json'], { stdout: c.stdout, stderr: c.stderr });
    const problems = (JSON.parse(c.out) as CheckOutput).problems;
    const refusals = problems.filter((p) => OVERFLOW_CODES.has(p.code));
    // every refusal names its frame; the corpus is long enough that some are refused
    expect(refusals.length).toBeGreaterThan(0);
    for (const p of refusals) expect(p.frame, p.message).toBeTruthy();
    const refused = new Set(refusals.map((p) => `${p.material}|${p.lang}`));

    // the build of everything stops, naming each refused frame
    const all = await build(dir);
    expect(all.code).not.toBe(0);
    expect(all.err).toContain('FRAME_OVERFLOW');
    for (const p of refusals) expect(all.err).toContain(`page ${p.pages?.[0]?.page}, frame "${p.frame}"`);

    // what is not refused is built: whole words, hyphens where lines break inside them
    const materials = ['bookmark', 'brochure', 'card'];
    for (const lang of ['fi', 'en', 'se', 'smn', 'sms']) {
      const ok = materials.filter((m) => !refused.has(`${m}|${lang}`));
      if (!ok.length) continue;
      const r = await build(dir, ['--lang', lang, '--material', ok.join(',')]);
      expect(r.code, r.err).toBe(0);
    }
    const tw = textWords(workspaceTexts(dir));
    const { print, web } = outputPdfs(path.join(dir, 'output'));
    expect(print.length).toBe(15 - refused.size);
    const broken = print.flatMap((f) => brokenWords(f, tw));
    expect(broken.filter((b) => !b.marked).map((b) => `${path.basename(b.file)}: ${b.pair}`)).toEqual([]);
    expect(broken.filter((b) => b.marked).length).toBeGreaterThan(0);
    for (const f of web) expect(strangeTaggedWords(f, tw).strange, f).toEqual([]);
  }, 600_000);
});

describe('addresses', () => {
  it('a long web address on the English card breaks only after / or ., with no hyphen, and "card" never stands alone', async () => {
    const dir = fresh();
    // The address is long on purpose; its QR code then needs modules under the 0.4 mm default (a build error
    // since issue 12), so this test lowers the floor: what it checks is how the printed address breaks.
    edit(dir, 'lehtinen.config.yaml', (s) =>
      s
        .replace(/^baseUrl: .*$/m, 'baseUrl: https://www.lapinensijaturvakoti.fi/tunnista-vakivalta-lahisuhteessa/materiaalit')
        .replace(/^( {2}card:\n {4}format: wallet-card.*\n)/m, '$1    qr: { minModule: 0.3 }\n'),
    );
    const r = await build(dir, ['--lang', 'en', '--material', 'card', '--kind', 'print-pdf']);
    expect(r.code, r.err).toBe(0);
    const file = outputPdfs(path.join(dir, 'output')).print[0]!;
    const pages = [1, 2].map((p) => pdfLines(file, p).map((l) => l.map((w) => w.text).join(' ')));
    const lines = pages.find((ls) => ls.some((l) => l.includes('lapinensijaturvakoti')))!;
    const from = lines.findIndex((l) => l.includes('lapinensijaturvakoti'));
    const to = lines.findIndex((l, i) => i >= from && /card\/?$/.test(l));
    expect(to, lines.join('\n')).toBeGreaterThan(from); // the address is longer than the card's line
    const address = lines.slice(from, to + 1);
    for (const l of address.slice(0, -1)) expect(l, address.join(' | ')).toMatch(/[/.@]$/);
    expect(address.at(-1)!.split(' ').at(-1)!.length, address.join(' | ')).toBeGreaterThanOrEqual(6);
    expect(address.join('')).toContain('lapinensijaturvakoti.fi/tunnista-vakivalta-lahisuhteessa/materiaalit/en/card');
  });
});
