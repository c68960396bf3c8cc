/**
 * Proof marks: with `lehtinen build --proof`, strings that are not final are marked on the page (the
 * helpers wrap them in <span class="l10n-STATUS" data-l10n-key=…>) and every page carries a red label,
 * so a proof can never be mistaken for the final print file. Colours are paired with a line style, so
 * the marks stay distinct in greyscale and for colour-blind readers.
 */
import type { KeyUse } from '../i18n/translator.js';
import type { Variant } from './variants.js';

export const PROOF_STYLES: Record<string, { label: string; background: string; line: string }> = {
  draft: { label: 'draft', background: 'rgba(255, 208, 40, 0.55)', line: 'underline dotted #b07800' },
  outdated: { label: 'outdated', background: 'rgba(255, 120, 60, 0.45)', line: 'underline wavy #c62800' },
  fallback: { label: 'fallback', background: 'rgba(90, 160, 255, 0.45)', line: 'underline double #0050c8' },
  missing: { label: 'missing', background: 'rgba(230, 0, 60, 0.55)', line: 'line-through solid #a0002a' },
};

/** `family`: the workspace's text face, so the label adds no system font to the PDF. */
export function proofCss(variant: Variant, uses: Iterable<KeyUse>, family: string): string {
  const counts: Record<string, number> = {};
  for (const u of uses) counts[u.status] = (counts[u.status] ?? 0) + 1;
  const marked = Object.keys(PROOF_STYLES)
    .filter((s) => counts[s])
    .map((s) => `${counts[s]} ${PROOF_STYLES[s]!.label}`);
  const label = `VEDOS / PROOF · ${variant.lang.code} · not for print${marked.length ? ' · marked: ' + marked.join(', ') : ''}`;
  const rules = Object.entries(PROOF_STYLES).map(
    ([s, st]) =>
      `.lehtinen-proof .l10n-${s}{background:${st.background};text-decoration:${st.line};text-decoration-thickness:0.35mm;` +
      `text-underline-offset:0.5mm;text-decoration-skip-ink:none;-webkit-box-decoration-break:clone;box-decoration-break:clone;` +
      `outline:0.2mm dashed ${st.line.split(' ').pop()};outline-offset:0.2mm}` +
      `.lehtinen-proof .l10n-${s} *{text-decoration:inherit}`,
  );
  return [
    '/* lehtinen proof marks (compose/proof.ts) */',
    ...rules,
    `.lehtinen-proof .trim::after{content:${JSON.stringify(label)};position:absolute;left:0;top:0;z-index:2147483647;` +
      `font:700 6.5pt/1.25 ${JSON.stringify(family)},sans-serif;letter-spacing:0.02em;color:#fff;background:#c8002d;padding:0.6mm 1.5mm;` +
      `max-width:calc(100% - 3mm);white-space:normal;text-decoration:none;pointer-events:none}`,
  ].join('\n');
}
