/**
 * Running text of one language as it goes into the page: typography (compose/typography.ts), then soft
 * hyphens (compose/hyphenation.ts). Names ({{tname}}) get the typography but no hyphens.
 */
import { hyphenatorFor } from './hyphenation.js';
import { typeset } from './typography.js';

export function textSetter(root: string, lang: string): (text: string, o?: { hyphenate?: boolean }) => string {
  const hy = hyphenatorFor(root, lang);
  return (text, o = {}) => {
    const t = typeset(text, lang);
    return o.hyphenate === false ? t : hy.hyphenate(t);
  };
}
