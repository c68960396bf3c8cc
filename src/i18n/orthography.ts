/**
 * Orthography lint for the Sámi languages (and NFC for every language).
 *
 * Certain findings are fixed by `lehtinen check --fix`; the rest are reported with a suggestion:
 * - decomposed letters (a + U+0301) are stored NFC where a precomposed letter exists (Unicode UAX #15);
 * - look-alike letters from other alphabets that the language never writes (Ƞ for ŋ, ð for đ, à for á…);
 * - Skolt Sámi's softening sign is U+02B9 MODIFIER LETTER PRIME, written after the vowel of the syllable
 *   (pâʹlviõkk, Sääʹmǩiõll). An apostrophe-like character (U+0027 ' U+2019 ’ U+00B4 ´ U+0060 ` …) between
 *   a vowel and a letter can only be that sign and is replaced; after a consonant it may be U+02BC ʼ, which
 *   correct Skolt also writes (Sääʹmǩiõllʼlääʹǩǩ, ânnʼjõž), so it is only reported. Older documents print
 *   U+00B4 where today's standard has U+02B9 (shared/sami/README.md).
 * - letters outside the language's alphabet (proper names may need them: a warning, never a fix).
 */
import { KNOWN_LANGUAGES } from './languages.js';

export type OrthographyRule = 'nfc' | 'confusable' | 'softening-sign' | 'apostrophe' | 'modifier-apostrophe' | 'alphabet' | 'digit';

export interface OrthographyFinding {
  rule: OrthographyRule;
  /** the offending characters */
  found: string;
  /** the replacement when it is certain (fixable), else a suggestion in the message */
  replacement?: string;
  certain: boolean;
  severity: 'error' | 'warning' | 'info';
  /** the word it occurs in, as written */
  word: string;
  message: string;
  /** UTF-16 offset in the NFC text (in the original text for rule "nfc") */
  index: number;
}

const SAMI = ['se', 'smn', 'sms'];

/** Letters a language may write beyond its alphabet (KNOWN_LANGUAGES.letters): loanwords and names. */
const LOAN_LETTERS: Record<string, string> = {
  // North Sámi in Norway, Sweden and Finland spells Nordic names and loanwords with these.
  se: 'åäöæø',
  smn: 'å',
  // U+02BC ʼ occurs in correct Skolt Sámi beside the softening sign ʹ.
  sms: 'ʼ',
};

/** Look-alikes that the language never writes, each with the one letter it must have meant. */
const CONFUSABLES: Record<string, Record<string, string>> = {
  '*': { 'Ƞ': 'Ŋ', 'ƞ': 'ŋ', 'ð': 'đ', 'Ð': 'Đ', 'ĉ': 'č', 'Ĉ': 'Č', 'ŝ': 'š', 'Ŝ': 'Š', 'ẑ': 'ž', 'Ẑ': 'Ž' },
  se: { 'à': 'á', 'À': 'Á' },
  smn: { 'à': 'á', 'À': 'Á', 'ă': 'â', 'Ă': 'Â' },
  sms: { 'ḱ': 'ǩ', 'Ḱ': 'Ǩ', 'ğ': 'ǧ', 'Ğ': 'Ǧ', 'ő': 'õ', 'Ő': 'Õ', 'ȝ': 'ʒ', 'Ȝ': 'Ʒ', 'ӡ': 'ʒ', 'Ӡ': 'Ʒ', 'ă': 'â', 'Ă': 'Â' },
};

/** Suggestions for letters outside the alphabet whose intended letter is likely but not certain. */
const SUGGEST: Record<string, Record<string, string>> = {
  se: { 'ʒ': 'dz', 'ǯ': 'dž', 'â': 'á', 'ʹ': "nothing (Skolt Sámi's sign)" },
  smn: { 'ʒ': 'dz', 'ǯ': 'dž', 'ʹ': "nothing (Skolt Sámi's sign)" },
  sms: { 'á': 'â', 'à': 'â', 'ã': 'â or õ', 'ö': 'õ', 'ø': 'õ' },
};

const APOSTROPHES = new Set(["'", '\u2019', '\u00b4', '`', '\u2032', '\u02c8', '\u2018', '\u02bb']);
const SOFTENING_SIGN = '\u02b9';
const MODIFIER_APOSTROPHE = '\u02bc';
const SKOLT_VOWELS = new Set([...'aâeiouõåäAÂEIOUÕÅÄ']);
const LETTER = /[\p{L}\p{M}]/u;

export function lintsOrthography(lang: string): boolean {
  return SAMI.includes(lang);
}

export function lintOrthography(lang: string, text: string): OrthographyFinding[] {
  const out: OrthographyFinding[] = nfcFindings(text);
  if (!SAMI.includes(lang)) return out;
  const t = text.normalize('NFC');
  const chars = [...t];
  const confusables = { ...CONFUSABLES['*'], ...CONFUSABLES[lang] };
  const info = KNOWN_LANGUAGES[lang]!;
  const allowed = new Set([...info.letters, ...(LOAN_LETTERS[lang] ?? '')]);
  const name = `${info.endonym} (${lang})`;
  let offset = 0;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    const at = offset;
    offset += c.length;
    const prev = chars[i - 1] ?? '';
    const next = chars[i + 1] ?? '';
    const word = () => wordAt(chars, i);
    const cp = codePoint(c);
    if (confusables[c]) {
      out.push({
        rule: 'confusable', found: c, replacement: confusables[c], certain: true, severity: 'error', word: word(), index: at,
        message: `${cp} ${c} in "${word()}" is not a letter of ${name}: write ${codePoint(confusables[c]!)} ${confusables[c]}`,
      });
      continue;
    }
    if (lang === 'sms' && APOSTROPHES.has(c) && LETTER.test(next) && LETTER.test(prev)) {
      if (SKOLT_VOWELS.has(prev)) {
        out.push({
          rule: 'softening-sign', found: c, replacement: SOFTENING_SIGN, certain: true, severity: 'error', word: word(), index: at,
          message: `${cp} ${c} in "${word()}" where Skolt Sámi writes the softening sign U+02B9 ʹ`,
        });
      } else {
        out.push({
          rule: 'apostrophe', found: c, certain: false, severity: 'warning', word: word(), index: at,
          message: `${cp} ${c} after a consonant in "${word()}": write U+02BC ʼ if it separates the parts of a word, U+02B9 ʹ if it is the softening sign (then after the vowel)`,
        });
      }
      continue;
    }
    if (lang === 'sms' && c === MODIFIER_APOSTROPHE && SKOLT_VOWELS.has(prev) && LETTER.test(next)) {
      out.push({
        rule: 'modifier-apostrophe', found: c, certain: false, severity: 'info', word: word(), index: at,
        message: `U+02BC ʼ after a vowel in "${word()}": correct Skolt writes ʼ, but after a vowel the softening sign U+02B9 ʹ is more usual; check it`,
      });
      continue;
    }
    if (lang === 'sms' && c === '3' && LETTER.test(prev) && LETTER.test(next)) {
      out.push({
        rule: 'digit', found: c, certain: false, severity: 'warning', word: word(), index: at,
        message: `digit 3 inside "${word()}": did you mean U+0292 ʒ?`,
      });
      continue;
    }
    if (/[\p{L}]/u.test(c) && c.codePointAt(0)! > 0x7f && !allowed.has(c.toLowerCase()) && !allowed.has(c)) {
      const s = SUGGEST[lang]?.[c.toLowerCase()];
      out.push({
        rule: 'alphabet', found: c, certain: false, severity: 'warning', word: word(), index: at,
        message: `${cp} ${c} in "${word()}" is not in the ${name} alphabet${s ? ` (did you mean ${s}?)` : ''}; keep it only in a name or loanword`,
      });
    }
  }
  return out;
}

/** Apply every certain finding; returns the new text and what was changed. */
export function fixOrthography(lang: string, text: string): { text: string; fixed: OrthographyFinding[] } {
  const findings = lintOrthography(lang, text);
  const fixed = findings.filter((f) => f.certain);
  if (!fixed.length) return { text, fixed };
  let t = text.normalize('NFC');
  const later = fixed.filter((f) => f.rule !== 'nfc').sort((a, b) => b.index - a.index);
  for (const f of later) t = t.slice(0, f.index) + f.replacement! + t.slice(f.index + f.found.length);
  return { text: t, fixed };
}

function nfcFindings(text: string): OrthographyFinding[] {
  if (text === text.normalize('NFC')) return [];
  const out: OrthographyFinding[] = [];
  const chars = [...text];
  let offset = 0;
  for (let i = 0; i < chars.length; i++) {
    const start = offset;
    let j = i + 1;
    let seq = chars[i]!;
    while (j < chars.length && /\p{M}/u.test(chars[j]!)) seq += chars[j++]!;
    const nfc = seq.normalize('NFC');
    if (nfc !== seq) {
      out.push({
        rule: 'nfc', found: seq, replacement: nfc, certain: true, severity: 'error', word: wordAt(chars, i), index: start,
        message: `"${seq}" is written decomposed (${[...seq].map(codePoint).join(' + ')}) in "${wordAt(chars, i)}": store it as ${codePoint(nfc)} ${nfc} (NFC)`,
      });
    }
    for (let k = i; k < j; k++) offset += chars[k]!.length;
    i = j - 1;
  }
  return out;
}

function wordAt(chars: string[], i: number): string {
  const inWord = (c: string) => LETTER.test(c) || APOSTROPHES.has(c) || c === SOFTENING_SIGN || c === MODIFIER_APOSTROPHE || /\d/.test(c) || c === '-';
  let a = i;
  let b = i;
  while (a > 0 && inWord(chars[a - 1]!)) a--;
  while (b < chars.length - 1 && inWord(chars[b + 1]!)) b++;
  return chars.slice(a, b + 1).join('').replace(/^-+|-+$/g, '');
}

export function codePoint(c: string): string {
  return [...c].map((x) => `U+${x.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(' ');
}
