/**
 * i18next over the workspace's locales, with a record of every key a variant used: which language
 * answered (fallback along the chain) and its translation status (outdated when the source text changed
 * since the translation was made, see source-hash.ts). Proofs, warnings and the manifest read that record.
 */
import i18next, { type i18n } from 'i18next';
import { LehtinenError } from '../errors.js';
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
  t(key: string, params: Record<string, unknown> = {}, depth = 0): string {
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
    if (!found) return key;
    // i18next nests $t(ns:key) wrongly under returnDetails (the nested answer is a details object, printed
    // as "[object Object]"): the text comes from a plain call, and each nested key is checked first.
    const raw = details.usedNS && details.exactUsedKey ? i.getResource(details.usedLng, details.usedNS, details.exactUsedKey) : undefined;
    if (raw && typeof raw === 'object') {
      // i18next answers a group of keys with the sentence "key '…' returned an object instead of string."
      const file = this.all.bundles.get(details.usedLng)?.files[details.usedNS!];
      throw new LehtinenError('KEY_MISSING', `"${key}" is a group of keys, not one string`, {
        where: { file, key: details.exactUsedKey },
        hint: `Name one string of the group, e.g. ${key}.${Object.keys(raw as object)[0] ?? 'title'}.`,
      });
    }
    if (typeof raw !== 'string' || !raw.includes('$t(')) return String(details.res);
    this.checkNesting(raw, details, depth);
    return String(i.t(key, { ...params, lng: this.lang }));
  }

  /** Every $t() in the string that answered must name an existing string, with its namespace. */
  private checkNesting(raw: string, d: { usedLng: string; usedNS?: string; exactUsedKey?: string }, depth: number): void {
    const i = this.all.i18n;
    const file = this.all.bundles.get(d.usedLng)?.files[d.usedNS!] ?? `locales/${d.usedLng}/${d.usedNS}.json`;
    const where = { file, key: d.exactUsedKey };
    for (const m of raw.matchAll(/\$t\(\s*([^,)]*?)\s*(?:,[^)]*)?\)/g)) {
      const nested = m[1]!.replace(/^["']|["']$/g, '');
      const fail = (why: string, hint: string) => {
        throw new LehtinenError('KEY_MISSING', `${m[0]}: ${why}`, { where, hint });
      };
      if (!nested.includes(':')) fail(`"${nested}" has no namespace`, `Write the namespace too, e.g. $t(common:${nested || 'help.title'}).`);
      const [ns, ...rest] = nested.split(':');
      const value = i.getResource(this.all.sourceLang, ns!, rest.join(':')) ?? i.getResource(d.usedLng, ns!, rest.join(':'));
      if (value === undefined) fail(`there is no key "${nested}"`, `Fix the key name, or add "${rest.join(':')}" to locales/${this.all.sourceLang}/${ns}.json.`);
      if (typeof value !== 'string') fail(`"${nested}" is a group of keys, not a string`, `Name one string of the group, e.g. $t(${nested}.${Object.keys(value as object)[0] ?? 'title'}).`);
      if (depth >= MAX_NESTING) fail(`nesting goes deeper than ${MAX_NESTING} levels (does a string include itself?)`, 'Remove the $t() that leads back to this string.');
      // Recorded like any other string: its status (draft, fallback…) shows in proofs and counts.
      this.t(nested, {}, depth + 1);
    }
  }
}

const MAX_NESTING = 5;

const ORDER: UseStatus[] = ['source', 'reviewed', 'translated', 'draft', 'outdated', 'fallback', 'missing'];
function rank(s: UseStatus): number {
  return ORDER.indexOf(s);
}
