/**
 * Site texts: the `site` namespace of the locales (locales/<lang>/site.json) and the campaign's own
 * strings, looked up through the same translator as the materials, so fallbacks and translation status
 * work the same way. A string that came from another language carries that language's `lang`; a draft
 * is remembered so the page can say that it shows drafts.
 */
import Handlebars from 'handlebars';
import type { VariantTranslator } from '../i18n/translator.js';
import type { Workspace } from '../workspace/workspace.js';

const { escapeExpression: esc } = Handlebars;

export class SiteText {
  readonly tr: VariantTranslator;
  /** keys that were answered by a draft (or by no language at all) */
  readonly drafts = new Set<string>();
  /** languages that answered keys in place of this one (fallback), for the fallback notice */
  readonly fallbacks = new Set<string>();

  constructor(
    ws: Workspace,
    readonly lang: string,
    private readonly fallbackNumberLang: string,
  ) {
    this.tr = ws.translations.forLanguage(lang);
  }

  /** Plain text (for attributes such as alt and title). */
  plain(key: string, params: Record<string, unknown> = {}): string {
    const text = this.tr.t(key, params);
    const use = this.tr.uses.get(key);
    if (use && (use.status === 'draft' || use.status === 'missing')) this.drafts.add(key);
    if (use?.status === 'fallback' && use.usedLng) this.fallbacks.add(use.usedLng);
    return text;
  }

  /** Escaped HTML; text from a fallback language is wrapped in a span with its own `lang`. */
  html(key: string, params: Record<string, unknown> = {}): string {
    const text = esc(this.plain(key, params));
    const use = this.tr.uses.get(key);
    return use?.status === 'fallback' && use.usedLng && use.usedLng !== this.lang
      ? `<span lang="${esc(use.usedLng)}">${text}</span>`
      : text;
  }

  /** The language whose text `plain(key)` printed (for `lang` on attributes' elements). */
  usedLang(key: string): string {
    return this.tr.uses.get(key)?.usedLng ?? this.lang;
  }

  /** A number in the page's language (decimal comma in Finnish and Sámi); ICU may lack a locale (sms). */
  number(n: number, digits = 1): string {
    const loc = Intl.NumberFormat.supportedLocalesOf([this.lang]).length ? this.lang : this.fallbackNumberLang;
    return new Intl.NumberFormat(loc, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);
  }

  /** File size in MB (10^6 bytes, as operating systems show downloads), at least 0.1. */
  megabytes(bytes: number): string {
    return this.plain('site:size.mb', { value: this.number(Math.max(0.1, bytes / 1e6)) });
  }
}
