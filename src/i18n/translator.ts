/**
 * i18next over the workspace's locales, with a record of every key a variant used: which language
 * answered (fallback along the chain) and its translation status (outdated when the source text changed
 * since the translation was made, see source-hash.ts). Proofs, warnings and the manifest read that record.
 */
import i18next, { type i18n } from 'i18next';
import type { ResolvedLanguage } from '../workspace/load-config.js';
import type { LocaleBundle } from '../workspace/load-locales.js';
import { languageState, type KeyState } from './state.js';
import type { EffectiveStatus } from './status.js';

export type UseStatus = EffectiveStatus | 'source' | 'fallback' | 'missing';

export interface KeyUse {
  /** "ns:dotted.key" as written in the template */
  key: string;
  /** Language whose text was printed (differs from the variant's language on fallback). */
  usedLng?: string;
  status: UseStatus;
}

export class Translations {
  readonly i18n: i18n;
  private readonly states = new Map<string, Map<string, KeyState>>();

  constructor(
    readonly bundles: Map<string, LocaleBundle>,
    readonly languages: ResolvedLanguage[],
    readonly sourceLang: string,
  ) {
    const resources: Record<string, Record<string, object>> = {};
    const ns = new Set<string>();
    for (const [lang, b] of bundles) {
      resources[lang] = b.namespaces;
      for (const n of Object.keys(b.namespaces)) ns.add(n);
    }
    const fallbackLng: Record<string, string[]> = { default: [sourceLang] };
    for (const l of languages) fallbackLng[l.code] = l.fallback;
    this.i18n = i18next.createInstance();
    void this.i18n.init({
      initAsync: false,
      showSupportNotice: false,
      resources,
      ns: [...ns],
      defaultNS: false,
      fallbackNS: false,
      fallbackLng,
      // Handlebars' helpers escape the result once; escaping here too would double-escape.
      interpolation: { escapeValue: false },
      returnNull: false,
      returnEmptyString: true,
    } as Parameters<i18n['init']>[0]);
  }

  forLanguage(lang: string): VariantTranslator {
    return new VariantTranslator(this, lang);
  }

  statusOf(lang: string, key: string): EffectiveStatus | 'source' {
    let state = this.states.get(lang);
    if (!state) {
      state = new Map(languageState(this.bundles, this.sourceLang, lang).keys.map((k) => [k.key, k]));
      this.states.set(lang, state);
    }
    const s = state.get(key)?.status;
    if (lang === this.sourceLang) return s === 'draft' ? 'draft' : 'source';
    if (s && s !== 'missing' && s !== 'source') return s;
    return this.bundles.get(lang)?.status.get(key)?.status ?? 'translated';
  }
}

export class VariantTranslator {
  readonly uses = new Map<string, KeyUse>();

  constructor(
    private readonly all: Translations,
    readonly lang: string,
  ) {}

  /** Translate `key` ("ns:dotted.key"); records how it was answered. */
  t(key: string, params: Record<string, unknown> = {}): string {
    const i = this.all.i18n;
    const found = i.exists(key, { lng: this.lang, ...params });
    const details = i.t(key, { ...params, lng: this.lang, returnDetails: true }) as unknown as {
      res: string;
      usedLng: string;
      usedNS?: string;
      /** the key with its plural suffix (key_two), which is what status.yaml lists */
      exactUsedKey?: string;
    };
    let status: UseStatus;
    if (!found) status = 'missing';
    else if (details.usedLng !== this.lang) status = 'fallback';
    else {
      const exact = details.usedNS && details.exactUsedKey ? `${details.usedNS}:${details.exactUsedKey}` : key;
      status = this.all.statusOf(this.lang, exact);
    }
    // Keep the weakest status seen for a key used several times (e.g. plural forms).
    const prev = this.uses.get(key);
    if (!prev || rank(status) > rank(prev.status)) {
      this.uses.set(key, { key, usedLng: found ? details.usedLng : undefined, status });
    }
    return found ? String(details.res) : key;
  }
}

const ORDER: UseStatus[] = ['source', 'reviewed', 'translated', 'draft', 'outdated', 'fallback', 'missing'];
function rank(s: UseStatus): number {
  return ORDER.indexOf(s);
}
