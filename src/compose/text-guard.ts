/**
 * The last guard before a page is printed: no text may come out as "[object Object]", "undefined" or
 * "NaN" — the marks of a value that was not a string (a $t() that answered an object, a missing
 * interpolation parameter, arithmetic on a missing number). Generic: it reads the composed document
 * (text, attributes, the title) and the PDF metadata, not particular keys. A word the workspace itself
 * writes (a locale string, a template, the config) is not flagged: "undefined" may be real content.
 */
import { LehtinenError, type SourceRef } from '../errors.js';

const SUSPECT = /\[object [A-Za-z]+\]|\bundefined\b|\bNaN\b/g;

export function suspectWords(text: string): string[] {
  return [...new Set(text.match(SUSPECT) ?? [])];
}

/** Every string value in a (locale) tree, for the words a workspace writes itself. */
export function* stringsOf(tree: unknown): Generator<string> {
  if (typeof tree === 'string') yield tree;
  else if (tree && typeof tree === 'object') for (const v of Object.values(tree)) yield* stringsOf(v);
}

export interface GuardContext {
  /** "card-fi", "card-fi PDF metadata" */
  what: string;
  /** true when the workspace writes the word itself (then it is content, not a defect) */
  written: (word: string) => boolean;
  /** where the suspect text most likely comes from (a locale key), else the template */
  source: (word: string) => SourceRef;
}

/** Throws TEMPLATE_RENDER naming the first suspect word, its surroundings and its likely source. */
export function guardText(text: string, ctx: GuardContext): void {
  for (const word of suspectWords(text)) {
    if (ctx.written(word)) continue;
    const at = text.indexOf(word);
    const around = text.slice(Math.max(0, at - 40), at + word.length + 40).replace(/\s+/g, ' ').trim();
    throw new LehtinenError('TEMPLATE_RENDER', `${ctx.what}: the page would print "${word}" (…${around}…), the mark of a value that is not text`, {
      where: ctx.source(word),
      hint:
        word === '[object Object]'
          ? 'A string or template field gives a group of keys instead of one string: name one string, e.g. $t(common:help.title) rather than $t(common:help).'
          : 'A string or template field uses a value that does not exist (a missing {{parameter}} or field): fix its name, or give the value.',
    });
  }
}

/** The text a reader sees in an HTML document: element text and attribute values, entities decoded. */
export function visibleText(html: string): string {
  const noStyle = html.replace(/<style[\s\S]*?<\/style>/gi, ' ');
  const attrs = [...noStyle.matchAll(/\s[\w:-]+\s*=\s*(?:"([^"]*)"|'([^']*)')/g)].map((m) => m[1] ?? m[2] ?? '');
  const text = noStyle.replace(/<[^>]*>/g, ' ');
  return decode([text, ...attrs].join('\n'));
}

function decode(s: string): string {
  return s
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
