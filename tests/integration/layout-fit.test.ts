/**
 * Frames in real Chromium: purpose-made long translations that overflow the bookmark's front panel,
 * copy-fit within the template's bounds, hyphenation in a narrow column, phone numbers that never
 * break. Amounts are compared with what poppler reads from the printed PDF, not with fixed numbers.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { CheckOutput, CheckProblem } from '../../src/check/output-schema.js';
import { run as cli } from '../../src/cli/main.js';
import { pdfLines, type Word } from '../support/pdf-words.js';
import { pdfBoxes } from '../support/tools.js';
import { capture, edit, exampleCopies, setString } from '../support/workspace.js';

const fresh = exampleCopies();

const PT_MM = 25.4 / 72;
const FRAME_CODES = ['FRAME_OVERFLOW', 'FRAME_OVERLAP', 'OUTSIDE_SAFE_AREA', 'COPY_FIT'];

/** A long Inari Sámi list for the bookmark front's last entry: `n` repeats of a real phrase. */
const longSmn = (n: number) => Array.from({ length: n }, () => 'sáttuumij luuhâm, sajattâh čuávum').join(', ');

async function check(dir: string, lang: string): Promise<{ code: number; problems: CheckProblem[] }> {
  const c = capture();
  const code = await cli(['check', '--root', dir, '--lang', lang, '--format', 'json'], { stdout: c.stdout, stderr: c.stderr });
  return { code, problems: (JSON.parse(c.out) as CheckOutput).problems.filter((p) => FRAME_CODES.includes(p.code)) };
}

async function build(dir: string, args: string[]) {
  const c = capture();
  const code = await cli(['build', '--root', dir, '--no-site', '--no-bundles', ...args], { stdout: c.stdout, stderr: c.stderr });
  return { code, out: c.out, err: c.err };
}

function printPdf(dir: string, lang: string, material: string): string {
  const folder = path.join(dir, 'output', lang, material);
  const f = readdirSync(folder).find((n) => n.endsWith('-print.pdf'));
  return path.join(folder, f!);
}

/** Words of a page whose middle lies inside the trim box (not the slug line or marks). */
function trimWords(file: string, page: number): { words: Word[]; trimTop: number; trimLeft: number } {
  const b = pdfBoxes(file).boxes[page - 1]!;
  const top = b.MediaBox!.y2 - b.TrimBox!.y2;
  const bottom = b.MediaBox!.y2 - b.TrimBox!.y1;
  const words = pdfLines(file, page)
    .flat()
    .filter((w) => {
      const x = (w.xMin + w.xMax) / 2;
      const y = (w.yMin + w.yMax) / 2;
      return y > top && y < bottom && x > b.TrimBox!.x1 && x < b.TrimBox!.x2;
    });
  return { words, trimTop: top, trimLeft: b.TrimBox!.x1 };
}

describe('overflow of a frame', () => {
  it('check and build name the frame and the amount, which matches the printed page', async () => {
    const dir = fresh();
    // Without copy-fit on the front, so the overflow is measured at the designed size.
    edit(dir, 'templates/bookmark/index.hbs', (s) => s.replace(/(data-frame="front") data-fit="[^"]*"/, '$1'));
    setString(dir, 'smn', 'bookmark', 'sections.forms.items.4.text', longSmn(24));

    const { problems } = await check(dir, 'smn');
    expect(problems.map((p) => `${p.code} ${p.material} ${p.lang} ${JSON.stringify(p.pages)}`)).toEqual([
      'FRAME_OVERFLOW bookmark smn [{"material":"bookmark","page":1}]',
    ]);
    const msg = problems[0]!.message;
    expect(msg).toMatch(/^bookmark-smn page 1, frame "front": the content overflows the frame by \d+\.\d mm \(\d+\.\d mm at the bottom\)/);
    const reported = Number(/by (\d+\.\d) mm/.exec(msg)![1]);

    // build refuses the print PDF, names the same frame and amount, and writes nothing
    const refused = await build(dir, ['--lang', 'smn', '--material', 'bookmark', '--kind', 'print-pdf']);
    expect(refused.code).not.toBe(0);
    expect(refused.err).toContain(`bookmark-smn page 1, frame "front": the content overflows the frame by ${reported.toFixed(1)} mm`);
    expect(refused.err).toContain('--allow-overflow');
    expect(existsSync(path.join(dir, 'output', 'smn'))).toBe(false);

    // --allow-overflow writes it; poppler reads where the last line really ends on the sheet
    const allowed = await build(dir, ['--lang', 'smn', '--material', 'bookmark', '--kind', 'print-pdf', '--allow-overflow']);
    expect(allowed.code, allowed.err).toBe(0);
    expect(allowed.err + allowed.out).toContain('FRAME_OVERFLOW');
    const file = printPdf(dir, 'smn', 'bookmark');
    const { words, trimTop } = trimWords(file, 1);
    const lowest = Math.max(...words.map((w) => w.yMax));
    const lowestMm = (lowest - trimTop) * PT_MM;
    // The frame is the safe area: 180 mm trim, 4 mm safe margin (lehtinen.config.yaml).
    const measured = lowestMm - (180 - 4);
    expect(measured).toBeGreaterThan(0.5);
    expect(Math.abs(measured - reported)).toBeLessThan(0.4);
  });

  it('a proof outlines the overflowing frame in red', async () => {
    const dir = fresh();
    setString(dir, 'smn', 'bookmark', 'sections.forms.items.4.text', longSmn(60));
    const res = await build(dir, ['--lang', 'smn', '--material', 'bookmark', '--proof', '--kind', 'preview']);
    expect(res.code, res.err).toBe(0);
    expect(res.err + res.out).toMatch(/FRAME_OVERFLOW.*bookmark-smn page 1, frame "front"/);
    const folder = path.join(dir, 'output', 'proof', 'smn', 'bookmark');
    const red = async (page: number) => {
      const f = readdirSync(folder).find((n) => n.endsWith(`-p${page}.webp`))!;
      const { data, info } = await sharp(path.join(folder, f)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
      // the outline runs just outside the frame's left edge (4 mm safe margin, 0.7 mm wide): sample x = 3.65 mm
      const x = Math.round((3.65 / 50) * info.width);
      let n = 0;
      for (let y = Math.round(info.height * 0.3); y < Math.round(info.height * 0.7); y++) {
        const i = (y * info.width + x) * 3;
        if (data[i]! > 180 && data[i + 1]! < 70 && data[i + 2]! < 90) n++;
      }
      return n / Math.round(info.height * 0.4);
    };
    expect(await red(1)).toBeGreaterThan(0.9);
    expect(await red(2)).toBeLessThan(0.05);
  });
});

describe('frames against the safe area and each other', () => {
  it('reports text outside the safe area and text running into the next panel', async () => {
    const dir = fresh();
    // The fold-in panel (at the left trim edge) padded 2 mm instead of 10 mm: its text is 3 mm outside the
    // brochure's 5 mm safe area. Its title set on one line, too long for the panel: it runs into "back".
    edit(dir, 'templates/brochure/style.css', (s) => s + '\n.foldin { padding-left: 2mm; }\n.foldin h2 { white-space: nowrap; }\n');
    setString(dir, 'en', 'brochure', 'sections.signs.title', 'Recognising violence in a close relationship');
    const { problems } = await check(dir, 'en');
    const foldin = problems.filter((p) => p.message.includes('frame "fold-in"'));
    expect(foldin.map((p) => p.code).sort()).toEqual(['FRAME_OVERFLOW', 'FRAME_OVERLAP']);
    expect(foldin.find((p) => p.code === 'FRAME_OVERLAP')!.message).toMatch(/^brochure-en page 1, frame "fold-in": its content runs [\d.]+ mm into frame "back"$/);
    const over = foldin.find((p) => p.code === 'FRAME_OVERFLOW')!.message;
    expect(over).toMatch(/overflows the frame by [\d.]+ mm \([\d.]+ mm at the right\)/);

    // Only the padding changed: no overflow, but text outside the safe area by 5 − 2 = 3 mm.
    setString(dir, 'en', 'brochure', 'sections.signs.title', 'Signs');
    const safe = (await check(dir, 'en')).problems.filter((p) => p.message.includes('frame "fold-in"'));
    expect(safe.map((p) => p.code)).toEqual(['OUTSIDE_SAFE_AREA']);
    const mm = Number(/runs ([\d.]+) mm outside the safe area/.exec(safe[0]!.message)![1]);
    expect(Math.abs(mm - 3)).toBeLessThanOrEqual(0.1);
  });
});

describe('copy-fit', () => {
  it('fits a small overflow within the bounds, the same size the PDF shows, and refuses a large one', async () => {
    const dir = fresh();
    setString(dir, 'smn', 'bookmark', 'sections.forms.items.4.text', longSmn(1));
    expect((await build(dir, ['--lang', 'smn', '--material', 'bookmark', '--kind', 'print-pdf', '--out', path.join(dir, 'plain')])).code).toBe(0);

    setString(dir, 'smn', 'bookmark', 'sections.forms.items.4.text', longSmn(30));
    const { problems } = await check(dir, 'smn');
    expect(problems.map((p) => `${p.severity} ${p.code} ${p.material}`)).toEqual(['info COPY_FIT bookmark']);
    const m = /^bookmark-smn page 1, frame "front": copy-fitted to ([\d.]+) % font size.*\(allowed down to ([\d.]+) %/.exec(problems[0]!.message)!;
    const font = Number(m[1]) / 100;
    expect(font).toBeLessThan(1);
    expect(font).toBeGreaterThanOrEqual(Number(m[2]) / 100);

    const built = await build(dir, ['--lang', 'smn', '--material', 'bookmark', '--kind', 'print-pdf']);
    expect(built.code, built.err).toBe(0);
    // The same word, set at the fitted size: its height in the PDF shrinks by the reported factor.
    const height = (file: string) => {
      const w = trimWords(file, 1).words.find((x) => x.text.replace(/\u00ad/g, '').startsWith('sáttuumij'))!;
      return w.yMax - w.yMin;
    };
    const ratio = height(printPdf(dir, 'smn', 'bookmark')) / height(path.join(dir, 'plain', ...readdirRel(path.join(dir, 'plain'), '-print.pdf')));
    expect(Math.abs(ratio - font)).toBeLessThan(0.006);

    setString(dir, 'smn', 'bookmark', 'sections.forms.items.4.text', longSmn(60));
    const big = await check(dir, 'smn');
    expect(big.code).toBe(1);
    expect(big.problems.map((p) => p.code)).toEqual(['FRAME_OVERFLOW']);
    expect(big.problems[0]!.message).toMatch(/frame "front": the content overflows the frame by [\d.]+ mm .* even at 92 % font size and -1 % tracking/);
  });
});

/** Path parts (relative to `root`) of the one file ending in `suffix`, searched recursively. */
function readdirRel(root: string, suffix: string): string[] {
  const hit = (readdirSync(root, { recursive: true }) as string[]).find((n) => n.endsWith(suffix));
  return hit!.split(path.sep);
}

describe('headings', () => {
  it('text-wrap: balance keeps a short word from standing alone; without it the widow is reported', async () => {
    const dir = fresh();
    const widows = async () => {
      const c = capture();
      await cli(['check', '--root', dir, '--lang', 'fi', '--format', 'json'], { stdout: c.stdout, stderr: c.stderr });
      return (JSON.parse(c.out) as CheckOutput).problems.filter((p) => p.code === 'HEADING_WIDOW');
    };
    expect(await widows()).toEqual([]);
    edit(dir, 'templates/base.css', (s) => s + '\nh1, h2, h3 { text-wrap: wrap; }\n');
    const found = await widows();
    expect(found.length).toBeGreaterThan(0);
    const w = found.find((p) => p.material === 'brochure')!;
    const m = /^brochure-fi page (\d): the heading "(.+)" ends in a line of one short word, "(.+)"$/.exec(w.message)!;
    expect(m).not.toBeNull();
    // The printed page: the heading's last line holds that word alone.
    const res = await build(dir, ['--lang', 'fi', '--material', 'brochure', '--kind', 'print-pdf']);
    expect(res.code, res.err).toBe(0);
    const lines = pdfLines(printPdf(dir, 'fi', 'brochure'), Number(m[1])).map((l) => l.map((x) => x.text).join(' '));
    const at = lines.indexOf(m[3]!);
    expect(at).toBeGreaterThan(0);
    expect(m[2]!.replace(/\s+/g, ' ')).toContain(`${lines[at - 1]!.split(' ').at(-1)} ${m[3]}`);
  });
});

describe('hyphenation and line breaking', () => {
  it('hyphenates Finnish in a narrow column, never a URL, and keeps phone numbers on one line', async () => {
    const dir = fresh();
    const url = 'https://nollalinja.fi/lahisuhdevakivaltatietoa/tukipalvelut';
    setString(
      dir, 'fi', 'bookmark', 'sections.forms.items.4.text',
      `Lähisuhdeväkivalta vaikuttaa perheenjäsenten hyvinvointiin monin tavoin. Soita 080 005 005 tai 0800 123 456, katso ${url} ja kerro "heti". ` +
        'Soita 080 005 005, soita 080 005 005, soita 0800 123 456 tai 080 005 005.',
    );
    const res = await build(dir, ['--lang', 'fi', '--material', 'bookmark', '--kind', 'print-pdf']);
    expect(res.code, res.err).toBe(0);
    const file = printPdf(dir, 'fi', 'bookmark');
    const inTrim = new Set(trimWords(file, 1).words);
    const lines = pdfLines(file, 1)
      .map((l) => l.filter((w) => [...inTrim].some((t) => t.xMin === w.xMin && t.yMin === w.yMin)))
      .filter((l) => l.length)
      .map((l) => l.map((w) => w.text).join(' '));
    // A line that ends in a hyphen at a soft hyphen: Chromium prints U+2010 there.
    const broken = lines.filter((l) => /[\p{L}\u00ad]‐$/u.test(l));
    expect(broken.length).toBeGreaterThan(0);
    const joined = lines.join('\n').replace(/‐\n/g, '').replace(/\u00ad/g, '');
    expect(joined).toContain('perheenjäsenten');
    // the URL: broken (it is longer than the column) but never with a hyphen
    const urlLines = lines.filter((l) => /nollalinja|tukipalvelut|lahisuhde/.test(l));
    expect(urlLines.length).toBeGreaterThan(0);
    for (const l of urlLines) expect(l).not.toMatch(/‐$/);
    expect(lines.join('').replace(/\u00ad/g, '')).toContain(url.slice(0, 20));
    // quotation marks: Finnish ”…”
    expect(joined).toContain('”heti”');
    // every phone number whole on one line: no line holds a part of one
    const numbers = /080[ \u00a0]005[ \u00a0]005|0800[ \u00a0]123[ \u00a0]456/g;
    let count = 0;
    for (const l of lines) {
      count += (l.match(numbers) ?? []).length;
      expect(l.replace(numbers, '').replace(/https:\S*/, ''), l).not.toMatch(/\d/);
    }
    expect(count).toBeGreaterThanOrEqual(6);
  });
});
