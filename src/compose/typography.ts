/**
 * Typography per language, applied to translated text before it is escaped into the page (the {{t}}
 * and {{md}} helpers; never attributes): non-breaking spaces where a line must not break, and the
 * language's quotation marks. Headings that do not end in a lone short word are CSS's job
 * (`text-wrap: balance`, Chromium 114+, in templates/base.css): markup or a no-break space there split
 * or changed the heading's text in the tagged PDF.
 */

const NBSP = '\u00a0';

/** Units after which a number must stay on the same line ("3 mm", "24 h", "50 %", "10 €"). */
const UNITS = [
  'mm', 'cm', 'm', 'km', 'g', 'kg', 'l', 'ml', 'h', 'min', 's', 'pt', 'px', 'dpi', '%', '‰', '€', 'e', 'euroa', 'eur',
  'EUR', '°C', '°', 'vrk', 'kk', 'pv', '×',
];
const UNIT_RE = new RegExp(`(\\d)[ \\u00a0](${UNITS.map((u) => u.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![\\p{L}\\p{N}])`, 'gu');
/** Digit groups separated by single spaces: phone numbers ("080 005 005", "+358 9 123 456"), "116 006". */
const DIGIT_GROUPS_RE = /(?<![\p{L}\p{N}])\+?\d+(?: \d+)+(?![\p{L}\p{N}])/gu;

export type QuoteStyle = 'finnish' | 'english';

/** fi and the Sámi languages: ”…” (U+201D both sides); English: “…”. */
export function quoteStyle(lang: string): QuoteStyle {
  return lang === 'en' || lang.startsWith('en-') ? 'english' : 'finnish';
}

/** Straight double quotes (and English-style curly ones in Finnish/Sámi text) → the language's marks. */
export function localQuotes(text: string, lang: string): string {
  if (quoteStyle(lang) === 'finnish') return text.replace(/["“„]/g, '”');
  // English: a straight quote opens after a space, an opening bracket or at the start, otherwise closes.
  let out = text.replace(/(^|[\s([{\u00a0—–-])"/g, '$1“').replace(/"/g, '”');
  // Apostrophes in English words (it's, don't): the typographic one.
  out = out.replace(/(\p{L})'(\p{L})/gu, '$1’$2');
  return out;
}

/** Non-breaking spaces inside digit groups (phone numbers), between a number and its unit, before a dash. */
export function nonBreakingSpaces(text: string): string {
  return text
    .replace(DIGIT_GROUPS_RE, (m) => m.replace(/ /g, NBSP))
    .replace(UNIT_RE, `$1${NBSP}$2`)
    .replace(/ ([–—])/g, `${NBSP}$1`);
}

/** All typography rules for running text in one language. */
export function typeset(text: string, lang: string): string {
  return nonBreakingSpaces(localQuotes(text, lang));
}
