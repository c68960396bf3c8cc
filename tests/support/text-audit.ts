/**
 * Typesetting read back from the PDFs, against the words of the workspace's texts:
 *  - broken words in print PDFs: poppler's lines (pdftotext -bbox-layout), each line's last word with the
 *    next line's first; a pair that only makes a word of the texts when joined is a word broken across
 *    lines — marked (the line ends in a hyphen) or unmarked (it does not: the defect);
 *  - tagged words of web PDFs: the text of the structure tree (`pdfinfo -struct-text`) split into words,
 *    each of which must be a word of the texts (a fragment "oi" / "kein." or two words glued at a lost
 *    line-break space are not).
 * Used by tests and by scripts/typesetting-audit.ts, which prints the figures.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { KNOWN_LANGUAGES } from '../../src/i18n/languages.js';
import { run } from './tools.js';

/** A word: letters, marks, digits, the Skolt prime and apostrophes; hyphens and other punctuation part words. */
const WORD = /[\p{L}\p{M}\p{N}\u02b9'’]+/gu;
const HYPHENS = /[-‐\u00ad]$/;

// NFKC: a ligature glyph's text (ﬁ) reads as its letters, as a screen reader spells it
const norm = (w: string) => w.normalize('NFKC').toLowerCase().replace(/’/g, "'");
export const wordsOf = (text: string): string[] => [...text.replace(/\u00ad/g, '').matchAll(WORD)].map((m) => norm(m[0]));

export interface TextWords {
  words: Set<string>;
  /** every text, its words joined by one space (to tell "a b" as written from a word broken in two) */
  phrases: string;
}

function strings(v: unknown, out: string[]): void {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) v.forEach((x) => strings(x, out));
  else if (v && typeof v === 'object') Object.values(v).forEach((x) => strings(x, out));
}

/** Every string of the workspace's locale files (JSON, YAML) and lehtinen.config.yaml. */
export function workspaceTexts(root: string): string[] {
  const out: string[] = [];
  const locales = path.join(root, 'locales');
  for (const lang of readdirSync(locales)) {
    const dir = path.join(locales, lang);
    if (!statSync(dir).isDirectory()) continue;
    for (const f of readdirSync(dir)) {
      const text = readFileSync(path.join(dir, f), 'utf8');
      if (f.endsWith('.json')) strings(JSON.parse(text), out);
      else if (f.endsWith('.yaml') && f !== 'status.yaml') strings(YAML.parse(text), out);
    }
  }
  strings(YAML.parse(readFileSync(path.join(root, 'lehtinen.config.yaml'), 'utf8')), out);
  // language names lehtinen knows (the languages list prints them)
  for (const l of Object.values(KNOWN_LANGUAGES)) out.push(l.endonym);
  return out;
}

export function textWords(texts: string[]): TextWords {
  const words = new Set<string>();
  const phrases: string[] = [];
  for (const t of texts) {
    const ws = wordsOf(t.replace(/-/g, ' '));
    ws.forEach((w) => words.add(w));
    phrases.push(ws.join(' '));
  }
  return { words, phrases: ` ${phrases.join(' | ')} ` };
}

export interface BrokenWord {
  file: string;
  page: number;
  /** "Traumainformoi|tu" */
  pair: string;
  marked: boolean;
}

/** Words broken across lines in a PDF (every page), marked with a hyphen or not. */
export function brokenWords(file: string, tw: TextWords): BrokenWord[] {
  const xml = run('pdftotext', ['-bbox-layout', file, '-']);
  const out: BrokenWord[] = [];
  let page = 0;
  for (const pg of xml.split(/<page\b/).slice(1)) {
    page++;
    for (const block of pg.split(/<block\b/).slice(1)) {
      const lines = [...block.matchAll(/<line\b[^>]*>([\s\S]*?)<\/line>/g)].map((l) =>
        [...l[1]!.matchAll(/<word [^>]*>([^<]*)<\/word>/g)].map((w) => decode(w[1]!)),
      );
      for (let i = 0; i + 1 < lines.length; i++) {
        const last = lines[i]!.at(-1);
        const first = lines[i + 1]![0];
        if (!last || !first) continue;
        const marked = HYPHENS.test(last);
        const a = wordsOf(last).at(-1);
        const b = wordsOf(first)[0];
        if (!a || !b) continue;
        // Ends in a letter and starts with one: a word may go on. Joined it is a word of the texts, and
        // the texts never write the two apart.
        if (!/[\p{L}\p{M}\u02b9]$/u.test(last.replace(HYPHENS, '')) || !/^[\p{L}\p{M}]/u.test(first)) continue;
        if (!tw.words.has(a + b)) continue;
        if (!marked && tw.phrases.includes(` ${a} ${b} `)) continue;
        out.push({ file, page, pair: `${last}|${first}`, marked });
      }
    }
  }
  return out;
}

/**
 * The text runs a screen reader gets from a tagged PDF's structure tree: poppler prints each marked-content
 * item of an element on its own line; the items of one element are one run of text (joined as they are,
 * so a space lost at a line break glues two words), different elements are different runs.
 */
export function taggedRuns(file: string): string[] {
  const out = run('pdfinfo', ['-struct-text', file]);
  const runs: string[] = [];
  let prevIndent = -1;
  for (const line of out.split('\n')) {
    const m = /^(\s*)"(.*)"\s*$/.exec(line);
    if (!m) {
      prevIndent = -1;
      continue;
    }
    const text = m[2]!.replace(/\\"/g, '"');
    if (m[1]!.length === prevIndent) runs[runs.length - 1] += text;
    else runs.push(text);
    prevIndent = m[1]!.length;
  }
  return runs;
}

/** The words a screen reader gets from a tagged PDF's structure tree. */
export function taggedWords(file: string): string[] {
  return taggedRuns(file).flatMap((r) => wordsOf(r.replace(/-/g, ' ')));
}

/** Tagged words that are not words of the texts. */
export function strangeTaggedWords(file: string, tw: TextWords): { words: number; strange: string[] } {
  const all = taggedWords(file);
  return { words: all.length, strange: all.filter((w) => !tw.words.has(w)) };
}

/** PDFs under a build's output folder: print and web ones. */
export function outputPdfs(outDir: string): { print: string[]; web: string[] } {
  const print: string[] = [];
  const web: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = path.join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (n.endsWith('-print.pdf')) print.push(p);
      else if (n.endsWith('-web.pdf')) web.push(p);
    }
  };
  walk(outDir);
  return { print: print.sort(), web: web.sort() };
}

const decode = (s: string) =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
