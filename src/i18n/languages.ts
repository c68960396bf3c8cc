/**
 * What lehtinen knows about languages. Endonyms are each language's name in its own spelling
 * (sources: the Wikipedias in these languages and CLDR; see shared/sami/README.md). The Skolt Sámi name
 * uses U+02B9 MODIFIER LETTER PRIME as its softening sign, never an apostrophe.
 */
export interface LanguageInfo {
  code: string;
  endonym: string;
  /** Letters beyond ASCII the language writes (lower case), for coverage checks and tests. */
  letters: string;
}

export const KNOWN_LANGUAGES: Record<string, LanguageInfo> = {
  fi: { code: 'fi', endonym: 'suomi', letters: 'äöå' },
  en: { code: 'en', endonym: 'English', letters: '' },
  sv: { code: 'sv', endonym: 'svenska', letters: 'åäö' },
  se: { code: 'se', endonym: 'davvisámegiella', letters: 'áčđŋšŧž' },
  smn: { code: 'smn', endonym: 'anarâškielâ', letters: 'âáäčđŋšž' },
  sms: { code: 'sms', endonym: 'sääʹmǩiõll', letters: 'âčʒǯđǧǥǩŋõšžåäʹ' },
};

/**
 * CLDR plural categories of a language, from the ICU data in Node (full-icu since Node 13).
 * The Sámi languages have a dual: one / two / other.
 */
export function pluralCategories(lang: string): string[] {
  return new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
}
