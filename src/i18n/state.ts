/**
 * The state of every string of one language against the source: which keys the language needs (every
 * source key; for plural messages the forms its CLDR categories ask for), which it has, which are extra,
 * and the effective status of each: draft / translated / reviewed as recorded in status.yaml, or
 * outdated when the source text changed since the recorded hash.
 */
import type { LocaleBundle, ResourceTree } from '../workspace/load-locales.js';
import { pluralCategories } from './languages.js';
import { pluralOf, sourceForms, sourceOf } from './source-hash.js';
import type { EffectiveStatus, StatusEntry } from './status.js';

export interface LocaleString {
  /** "ns:dotted.key" */
  key: string;
  ns: string;
  /** key path inside the namespace file */
  path: string[];
  text: string;
  /** workspace-relative file */
  file: string;
}

/** Every string of a bundle, in file order (namespaces sorted by name, keys as written). */
export function flatStrings(bundle: LocaleBundle): Map<string, LocaleString> {
  const out = new Map<string, LocaleString>();
  for (const ns of Object.keys(bundle.namespaces).sort()) {
    const walk = (tree: ResourceTree, at: string[]) => {
      for (const [k, v] of Object.entries(tree)) {
        const path = [...at, k];
        if (typeof v === 'string') out.set(`${ns}:${path.join('.')}`, { key: `${ns}:${path.join('.')}`, ns, path, text: v, file: bundle.files[ns]! });
        else walk(v, path);
      }
    };
    walk(bundle.namespaces[ns]!, []);
  }
  return out;
}

export interface KeyState {
  key: string;
  ns: string;
  path: string[];
  /** source text shown to translators (a dual form shows the source's "other" form) */
  sourceText: string;
  /** all forms of a plural source message, for comparing variables; else the source text */
  sourceVariablesText: string;
  sourceHash: string;
  plural?: { base: string; category: string };
  /** the translation, undefined when the language lacks the key */
  text?: string;
  file?: string;
  entry?: StatusEntry;
  /** missing, or the effective status of the translation; "source" for the source language */
  status: EffectiveStatus | 'missing' | 'source';
}

export interface LanguageState {
  lang: string;
  isSource: boolean;
  /** every key the language needs, in source order */
  keys: KeyState[];
  /** keys the language has that the source does not need */
  extra: LocaleString[];
  /** status.yaml lines for keys the language does not need */
  staleStatus: string[];
}

export function languageState(bundles: Map<string, LocaleBundle>, sourceLang: string, lang: string): LanguageState {
  const srcBundle = bundles.get(sourceLang)!;
  const bundle = bundles.get(lang)!;
  const source = flatStrings(srcBundle);
  const sourceText = new Map([...source].map(([k, v]) => [k, v.text]));
  const own = flatStrings(bundle);
  const isSource = lang === sourceLang;
  const cats = pluralCategories(lang);
  const needed: { key: string; ns: string; path: string[]; plural?: { base: string; category: string } }[] = [];
  const seenBase = new Set<string>();
  for (const s of source.values()) {
    const p = pluralOf(s.key, sourceText);
    if (!p || isSource) {
      needed.push({ key: s.key, ns: s.ns, path: s.path, plural: p });
      continue;
    }
    if (seenBase.has(p.base)) continue;
    seenBase.add(p.base);
    const basePath = s.path.slice(0, -1);
    const leaf = s.path[s.path.length - 1]!.replace(/_(zero|one|two|few|many|other)$/, '');
    // i18next uses key_zero for a count of 0 in any language when it exists, so keep one if the source has it.
    const want = [...(sourceText.has(`${p.base}_zero`) ? ['zero'] : []), ...cats];
    for (const c of want) needed.push({ key: `${p.base}_${c}`, ns: s.ns, path: [...basePath, `${leaf}_${c}`], plural: { base: p.base, category: c } });
  }
  const neededKeys = new Set(needed.map((n) => n.key));
  const keys: KeyState[] = needed.map((n) => {
    const src = sourceOf(n.key, sourceText) ?? { text: '', hash: '' };
    const t = own.get(n.key);
    const entry = bundle.status.get(n.key);
    let status: KeyState['status'];
    // A source text is a placeholder (lehtinen init) while status.yaml of the source language records it
    // as a draft of exactly this text; the first edit makes it the campaign's own text.
    if (isSource) status = entry?.status === 'draft' && entry.source === src.hash ? 'draft' : 'source';
    else if (!t) status = 'missing';
    else if (entry?.source && entry.source !== src.hash) status = 'outdated';
    else status = entry?.status ?? 'translated';
    const variablesText = n.plural ? sourceForms(n.plural.base, sourceText).map(([, x]) => x).join('\n') : src.text;
    return {
      key: n.key,
      ns: n.ns,
      path: n.path,
      sourceText: src.text,
      sourceVariablesText: variablesText,
      sourceHash: src.hash,
      plural: n.plural,
      text: t?.text,
      file: t?.file,
      entry,
      status,
    };
  });
  const extra = [...own.values()].filter((s) => !neededKeys.has(s.key));
  const staleStatus = [...bundle.status.keys()].filter((k) => !neededKeys.has(k) || !own.has(k));
  return { lang, isSource, keys, extra, staleStatus };
}
