/**
 * Handlebars helpers available to templates. Everything they output is escaped text or markup built
 * here from escaped text: content (locale strings, config values) is data and never becomes HTML.
 */
import Handlebars from 'handlebars';
import MarkdownIt from 'markdown-it';
import type { KeyUse, VariantTranslator } from '../i18n/translator.js';
import type { QrSymbol } from './qr.js';
import { BREAK_MARK, breakAddress } from './typography.js';

const { escapeExpression, SafeString } = Handlebars;

/** Escaped text with the break marks of addresses (compose/typography.ts) as <wbr>. */
const breaks = (html: string) => html.replaceAll(BREAK_MARK, '<wbr>');

// Rich text in locale strings: paragraphs, **strong**, *em*, lists and line breaks. No raw HTML
// (html: false escapes it), no links or images (those rules are not enabled in the "zero" preset).
const md = new MarkdownIt('zero', { html: false, breaks: true, linkify: false, typographer: false }).enable([
  'emphasis',
  'list',
  'newline',
]);

export interface HelperContext {
  translator: VariantTranslator;
  qr: QrSymbol;
  /** Maps a workspace-relative asset path to the URL the render sandbox serves it under. */
  assetUrl: (rel: string) => string;
  callingCode: string;
  /** mark every string with its key and status, not only drafts and fallbacks (lehtinen check) */
  markAll?: boolean;
  /** language typography and hyphenation for running text (compose/text-setting.ts); names skip hyphenation */
  typeset?: (text: string, o?: { hyphenate?: boolean; lang?: string }) => string;
}

type HelperOptions = Handlebars.HelperOptions;

export function makeHelpers(ctx: HelperContext): Record<string, Handlebars.HelperDelegate> {
  const tr = (key: unknown, options: HelperOptions): { text: string; use?: KeyUse } => {
    if (typeof key !== 'string') throw new Error(`{{t}} needs a key string, got ${typeof key}`);
    const text = ctx.translator.t(key, options.hash ?? {});
    return { text, use: ctx.translator.uses.get(key) };
  };
  // Text printed from another language (a fallback) is set by that language's rules: Finnish quotes and
  // Finnish hyphenation for a Finnish string in a Sámi variant; mark() gives it lang="fi".
  const set = (text: string, use: KeyUse | undefined, hyphenate = true) => {
    const lang = use?.status === 'fallback' ? use.usedLng : undefined;
    return ctx.typeset ? ctx.typeset(text, { hyphenate, lang }) : text;
  };
  return {
    /** {{t "ns:key" name=value}}: a translated string, escaped. */
    t(key: unknown, options: HelperOptions) {
      const { text, use } = tr(key, options);
      return new SafeString(mark(breaks(escapeExpression(set(text, use))), use, 'span', ctx.markAll));
    },
    /** {{tname "ns:key"}}: a translated name (organisation, place, person): typography, never hyphenated. */
    tname(key: unknown, options: HelperOptions) {
      const { text, use } = tr(key, options);
      return new SafeString(mark(`<span class="no-hyphen">${breaks(escapeExpression(set(text, use, false)))}</span>`, use, 'span', ctx.markAll));
    },
    /** {{text "ns:key"}}: a translated string as plain escaped text, for attributes (alt="…"). */
    text(key: unknown, options: HelperOptions) {
      return tr(key, options).text;
    },
    /** {{md "ns:key"}}: a translated string with Markdown-lite (paragraphs, emphasis, lists). */
    md(key: unknown, options: HelperOptions) {
      const { text, use } = tr(key, options);
      return new SafeString(mark(breaks(md.render(set(text, use)).trim()), use, 'div', ctx.markAll));
    },
    /** {{qrcode}}: the variant's QR code as inline vector SVG (its target is {{qr.url}}). */
    qrcode() {
      return new SafeString(ctx.qr.svg);
    },
    /** {{phone "080 005 005"}}: a number that never breaks across lines, linked for the web PDF. */
    phone(num: unknown) {
      const s = String(num ?? '');
      const href = telHref(s, ctx.callingCode);
      const shown = escapeExpression(s.trim()).replace(/ /g, '\u00a0');
      return new SafeString(`<a class="phone" href="${escapeExpression(href)}">${shown}</a>`);
    },
    /** {{url qr.label}}: a printed address that may wrap after "/", "." or "@", never inside a word. */
    url(text: unknown) {
      return new SafeString(breaks(escapeExpression(breakAddress(String(text ?? '')))));
    },
    /** {{asset "assets/logo.svg"}}: URL of a workspace file for src= and url(). */
    asset(rel: unknown) {
      return ctx.assetUrl(String(rel));
    },
    eq: (a: unknown, b: unknown) => a === b,
    /** {{#each (without languages lang.code)}} — all languages except one */
    without: (list: unknown, code: unknown) =>
      Array.isArray(list) ? list.filter((l: { code?: string }) => l.code !== code) : [],
  };
}

/** Strings that did not come out as a normal translation carry their status for proofs and checks. */
function mark(html: string, use: KeyUse | undefined, tag: 'span' | 'div', all = false): string {
  if (!use) return html;
  if (!all && (use.status === 'source' || use.status === 'translated' || use.status === 'reviewed')) return html;
  const lang = use.status === 'fallback' && use.usedLng ? ` lang="${use.usedLng}"` : '';
  return `<${tag} class="l10n-${use.status}" data-l10n-status="${use.status}" data-l10n-key="${escapeExpression(use.key)}"${lang}>${html}</${tag}>`;
}

/** tel: URI (RFC 3966) in international form; national numbers get the workspace's calling code. */
export function telHref(num: string, callingCode: string): string {
  const digits = num.replace(/[^\d+]/g, '');
  if (digits.startsWith('+')) return `tel:${digits}`;
  if (digits.startsWith('00')) return `tel:+${digits.slice(2)}`;
  // Short emergency and service numbers (112, 116 111) are dialled as they are.
  if (!digits.startsWith('0') || digits.length <= 4) return `tel:${digits}`;
  return `tel:+${callingCode}${digits.slice(1)}`;
}
