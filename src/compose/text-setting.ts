/**
 * Running text of one language as it goes into the page: typography (compose/typography.ts), then soft
 * hyphens (compose/hyphenation.ts), by the rules of the language the text is written in (a fallback string
 * is set as its own language). Names ({{tname}}) get the typography but no hyphens.
 */
import { hyphenatorFor, type Hyphenator } from './hyphenation.js';
import { typeset } from './typography.js';

export interface TextSetter {
  (text: string, o?: { hyphenate?: boolean; lang?: string }): string;
  /** lower-case word → where its compound's parts meet, for the words hyphenated so far (Voikko) */
  seams: Map<string, number[]>;
}

export function textSetter(root: string, lang: string): TextSetter {
  const hyphenators = new Map<string, Hyphenator>();
  const seams = new Map<string, number[]>();
  const set = (text: string, o: { hyphenate?: boolean; lang?: string } = {}) => {
    // o.lang: the language the text is written in, when it is not the variant's (a fallback string)
    const l = o.lang ?? lang;
    const t = typeset(text, l);
    if (o.hyphenate === false) return t;
    let hy = hyphenators.get(l);
    if (!hy) hyphenators.set(l, (hy = hyphenatorFor(root, l, seams)));
    return hy.hyphenate(t);
  };
  return Object.assign(set, { seams });
}
