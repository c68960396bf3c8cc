/** Words and lines of a PDF page with their boxes, from poppler's `pdftotext -bbox-layout`. */
import { run } from './tools.js';

export interface Word {
  text: string;
  /** pt from the top-left corner of the page (MediaBox) */
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

const decode = (s: string) =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** Lines of one page, each a list of words, in reading order. */
export function pdfLines(file: string, page: number): Word[][] {
  const xml = run('pdftotext', ['-f', String(page), '-l', String(page), '-bbox-layout', file, '-']);
  const lines: Word[][] = [];
  for (const l of xml.matchAll(/<line\b[^>]*>([\s\S]*?)<\/line>/g)) {
    const words: Word[] = [];
    for (const w of l[1]!.matchAll(/<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">([^<]*)<\/word>/g)) {
      words.push({ xMin: Number(w[1]), yMin: Number(w[2]), xMax: Number(w[3]), yMax: Number(w[4]), text: decode(w[5]!) });
    }
    if (words.length) lines.push(words);
  }
  return lines;
}
