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

/**
 * Where an address may break: U+200B here, turned into <wbr> by the helpers once the text is escaped
 * (compose/helpers.ts), so no character of it reaches the PDF's text.
 */
export const BREAK_MARK = '\u200b';
/** Web addresses (with a scheme, www., or a domain followed by a path) and e-mail addresses. */
const ADDRESS_RE = /(?:[a-z][a-z0-9+.-]*:\/\/|www\.)\S+|[^\s@()<>"”“]+@[^\s@]+\.\p{L}{2,}|(?:[\p{L}\d-]+\.)+\p{L}{2,}\/\S*/giu;
/** the shortest last piece an address may leave on a line of its own ("card" alone is too short) */
export const ADDRESS_LAST_PIECE = 6;

/**
 * Web and e-mail addresses break only after "/", "." or "@" (never inside the scheme's "://"), with no
 * hyphen added (a hyphen would read as part of the address), and never so that a short last piece stands
 * alone. Punctuation after an address ends the sentence, not the address.
 */
export function addressBreaks(text: string): string {
  return text.replace(ADDRESS_RE, breakAddress);
}

/** Break marks in one address (see addressBreaks). */
export function breakAddress(m: string): string {
  const tail = /[.,;:!?)”’"]+$/.exec(m)?.[0] ?? '';
  const body = m.slice(0, m.length - tail.length);
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(body)?.[0].length ?? 0;
  const cuts: number[] = [];
  for (let i = scheme; i < body.length - 1; i++) if ('/.@'.includes(body[i]!)) cuts.push(i + 1);
  while (cuts.length && body.length - cuts[cuts.length - 1]! < ADDRESS_LAST_PIECE) cuts.pop();
  let out = '';
  let from = 0;
  for (const c of cuts) {
    out += body.slice(from, c) + BREAK_MARK;
    from = c;
  }
  return out + body.slice(from) + tail;
}

/** All typography rules for running text in one language. */
export function typeset(text: string, lang: string): string {
  return addressBreaks(nonBreakingSpaces(localQuotes(text, lang)));
}
