/**
 * Hyphenation done by lehtinen, not the browser: Chromium's `hyphens: auto` needs dictionaries it
 * downloads at run time, which the sandbox (and most print setups) never have. We insert soft hyphens
 * (U+00AD) into words before layout; Chromium breaks at them and prints a hyphen only there.
 *
 * - fi: Voikko (compose/voikko.ts), which knows compound seams, where libvoikko and voikko-fi are
 *   installed; otherwise, and for en: Liang patterns from TeX (npm `hyphen`, patterns fi and en-gb).
 * - se, smn, sms: no open patterns exist in npm `hyphen` or TeX hyph-utf8 (Giellatekno/Divvun have
 *   hyphenators, but as HFST transducers, not in npm): these languages are hyphenated only from the
 *   workspace's exceptions list and the soft hyphens editors type themselves.
 * - Every language: locales/<lang>/hyphenation.yaml, word → hyphenated form ("äänikirja: ää-ni-kir-ja"),
 *   takes precedence over the patterns.
 * - Never hyphenated: URLs, e-mail addresses, anything with a digit (phone numbers), words that already
 *   carry a soft hyphen (the editor decided), and names the template marks (the {{tname}} helper).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import { LehtinenError } from '../errors.js';
import { voikkoFinnish, type VoikkoFinnish } from './voikko.js';

const SHY = '\u00ad';
const require = createRequire(import.meta.url);

interface HyphenModule {
  hyphenateSync(text: string, options?: { hyphenChar?: string; minWordLength?: number }): string;
}

export interface HyphenationRules {
  /** Finnish: Voikko where it is installed (compose/voikko.ts), else the patterns */
  voikko?: boolean;
  /** npm `hyphen` pattern module, or none (exceptions only) */
  patterns?: string;
  /** words shorter than this are never hyphenated */
  minWord: number;
  /** at least this many letters before the first / after the last break */
  left: number;
  right: number;
}

/** Per language. Finnish: TeX fi patterns break by syllable, 2 letters each side is the Finnish norm. */
export const HYPHENATION: Record<string, HyphenationRules> = {
  fi: { voikko: true, patterns: 'hyphen/fi', minWord: 6, left: 2, right: 2 },
  en: { patterns: 'hyphen/en-gb', minWord: 6, left: 2, right: 3 },
  se: { minWord: 6, left: 2, right: 2 },
  smn: { minWord: 6, left: 2, right: 2 },
  sms: { minWord: 6, left: 2, right: 2 },
};
const DEFAULT_RULES: HyphenationRules = { minWord: 6, left: 2, right: 2 };

export const HYPHENATION_FILE = 'hyphenation.yaml';

const modules = new Map<string, HyphenModule>();
function patternModule(name: string): HyphenModule {
  let m = modules.get(name);
  if (!m) {
    m = require(name) as HyphenModule;
    modules.set(name, m);
  }
  return m;
}

export function rulesFor(lang: string): HyphenationRules {
  return HYPHENATION[lang] ?? HYPHENATION[lang.split('-')[0]!] ?? DEFAULT_RULES;
}

/** A word in running text: letters, combining marks and the Skolt Sámi prime ʹ (U+02B9, a letter there). */
const WORD_RE = /[\p{L}\p{M}\u02b9]+/gu;
/** Tokens (runs of non-space) that are never hyphenated: URLs, domains, e-mail, anything with digits. */
const PROTECTED_RE = /(?:^[a-z][a-z0-9+.-]*:\/\/)|(?:^www\.)|@|\d|(?:\p{L}\.\p{L}{2,}(?:\/|$|[.,;:!?)”’"]*$))|\//iu;

/** Which engine hyphenates a language here: "voikko 4.3.1", "patterns hyphen/fi", or "exceptions only". */
export function hyphenationEngine(lang: string): string {
  const r = rulesFor(lang);
  const v = r.voikko ? voikkoFinnish() : undefined;
  if (v) return `voikko ${v.version}`;
  return r.patterns ? `patterns ${r.patterns}` : 'exceptions only';
}

export class Hyphenator {
  private readonly voikko: VoikkoFinnish | undefined;

  constructor(
    readonly lang: string,
    readonly rules: HyphenationRules,
    /** lower-case word → form with "-" at the break points */
    readonly exceptions: Map<string, string>,
    /** lower-case word → where its compound's parts meet (Voikko only), for headings (browser/frames.ts) */
    readonly seams = new Map<string, number[]>(),
  ) {
    this.voikko = rules.voikko ? voikkoFinnish() : undefined;
  }

  /** Soft hyphens in every word of plain text that may be hyphenated. */
  hyphenate(text: string): string {
    return text.replace(/\S+/g, (token) => {
      if (token.includes(SHY) || PROTECTED_RE.test(token.replace(/\u200b/g, ''))) return token;
      return token.replace(WORD_RE, (w) => this.word(w));
    });
  }

  /** One word: from the exceptions list, else the patterns; breaks too near either end are dropped. */
  word(w: string): string {
    const letters = [...w];
    if (letters.length < this.rules.minWord) return w;
    const ex = this.exceptions.get(w.toLowerCase());
    let breaks: number[];
    let seams: number[] = [];
    if (ex !== undefined) {
      breaks = breakPoints(ex, '-');
    } else if (this.voikko) {
      breaks = this.voikko.hyphenate(w);
      seams = this.voikko.seams(w);
    } else if (this.rules.patterns) {
      const h = patternModule(this.rules.patterns).hyphenateSync(w, { hyphenChar: SHY, minWordLength: 1 });
      breaks = breakPoints(h, SHY);
    } else {
      return w;
    }
    breaks = breaks.filter((b) => b >= this.rules.left && letters.length - b >= this.rules.right);
    if (!breaks.length) return w;
    seams = seams.filter((b) => breaks.includes(b));
    if (seams.length) this.seams.set(w.toLowerCase(), seams);
    let out = '';
    letters.forEach((ch, i) => {
      if (breaks.includes(i)) out += SHY;
      out += ch;
    });
    return out;
  }
}

/** "ää-ni-kir-ja" → [2, 4, 7]: break positions counted in characters (code points) of the bare word. */
function breakPoints(form: string, mark: string): number[] {
  const out: number[] = [];
  let n = 0;
  for (const ch of form) {
    if (ch === mark) out.push(n);
    else n++;
  }
  return out;
}

const cache = new Map<string, { mtime: number; map: Map<string, string> }>();

/**
 * locales/<lang>/hyphenation.yaml: a mapping word → hyphenated form. A form must spell the word when
 * its hyphens are taken out; otherwise the file and line are named.
 */
export function loadExceptions(root: string, lang: string): Map<string, string> {
  const rel = `locales/${lang}/${HYPHENATION_FILE}`;
  const abs = path.join(root, rel);
  if (!existsSync(abs)) return new Map();
  const mtime = statSync(abs).mtimeMs;
  const hit = cache.get(abs);
  if (hit && hit.mtime === mtime) return hit.map;
  const text = readFileSync(abs, 'utf8');
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const fail = (msg: string, offset?: number): never => {
    const pos = offset !== undefined ? lines.linePos(offset) : undefined;
    throw new LehtinenError('HYPHENATION_FILE', `${rel}${pos ? `:${pos.line}` : ''}: ${msg}`, {
      where: { file: rel, line: pos?.line, column: pos?.col },
      hint: 'Write one word per line as  word: hy-phen-at-ed  (the hyphens mark where the word may break).',
    });
  };
  if (doc.errors.length) fail(doc.errors[0]!.message.split('\n')[0]!, doc.errors[0]!.pos[0]);
  const map = new Map<string, string>();
  if (doc.contents === null) return map;
  if (!isMap(doc.contents)) fail('expected a mapping of words to hyphenated forms', doc.contents.range?.[0]);
  for (const item of (doc.contents as import('yaml').YAMLMap).items) {
    const k = isScalar(item.key) ? String(item.key.value) : undefined;
    const v = isScalar(item.value) ? String(item.value.value) : undefined;
    const at = isScalar(item.key) ? item.key.range?.[0] : undefined;
    if (!k || !v) fail('each entry must be  word: hy-phen-at-ed', at);
    if (v!.replace(/-/g, '').toLowerCase() !== k!.toLowerCase()) fail(`"${v}" does not spell "${k}" once its hyphens are removed`, at);
    map.set(k!.toLowerCase(), v!);
  }
  cache.set(abs, { mtime, map });
  return map;
}

export function hyphenatorFor(root: string, lang: string, seams?: Map<string, number[]>): Hyphenator {
  return new Hyphenator(lang, rulesFor(lang), loadExceptions(root, lang), seams);
}
