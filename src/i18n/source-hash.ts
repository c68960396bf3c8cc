/**
 * Which version of the source text a translation was made from. status.yaml records, per translated
 * key, `source: <hash>`: the first 12 hex digits (48 bits) of the SHA-256 of the source-language text in
 * Unicode NFC. NFC first, so re-saving a file in an editor that decomposes letters does not make every
 * translation outdated; 12 hex digits keep lines short while a collision between two versions of one
 * string stays far below one in a billion.
 *
 * Plural forms (key_one, key_two, key_other…) are one message: the hash of any form covers all forms
 * of the source, so a change to the Finnish "one" form makes every form of every translation outdated.
 */
import { createHash } from 'node:crypto';

export const HASH_LENGTH = 12;
export const HASH_PATTERN = /^[0-9a-f]{12}$/;

/** CLDR plural categories in the order CLDR lists them (Unicode TR35, "Language Plural Rules"). */
export const PLURAL_CATEGORIES = ['zero', 'one', 'two', 'few', 'many', 'other'] as const;
const PLURAL_SUFFIX = /^(.*)_(zero|one|two|few|many|other)$/;

export function sourceHash(text: string): string {
  return createHash('sha256').update(text.normalize('NFC'), 'utf8').digest('hex').slice(0, HASH_LENGTH);
}

/** "ns:a.b_two" → { base: "ns:a.b", category: "two" } when the source has plural forms of the base. */
export function pluralOf(key: string, source: Map<string, string>): { base: string; category: string } | undefined {
  const m = PLURAL_SUFFIX.exec(key);
  if (!m) return undefined;
  const base = m[1]!;
  return source.has(`${base}_other`) ? { base, category: m[2]! } : undefined;
}

/** The forms of a plural base in the source, in CLDR order: [["one", "…"], ["other", "…"]]. */
export function sourceForms(base: string, source: Map<string, string>): [string, string][] {
  const out: [string, string][] = [];
  for (const c of PLURAL_CATEGORIES) {
    const t = source.get(`${base}_${c}`);
    if (t !== undefined) out.push([c, t]);
  }
  return out;
}

/**
 * What a translated key translates: the text shown to translators (for a plural form the source lacks,
 * e.g. the North Sámi dual, the source's "other" form) and the hash that status.yaml records.
 * undefined when the key does not exist in the source.
 */
export function sourceOf(key: string, source: Map<string, string>): { text: string; hash: string } | undefined {
  const p = pluralOf(key, source);
  if (p) {
    const forms = sourceForms(p.base, source);
    const text = source.get(key) ?? source.get(`${p.base}_other`)!;
    return { text, hash: sourceHash(forms.map(([c, t]) => `${c}: ${t}`).join('\n')) };
  }
  const text = source.get(key);
  return text === undefined ? undefined : { text, hash: sourceHash(text) };
}
