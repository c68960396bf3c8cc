/**
 * The strings of one language against the source: missing, empty, extra, outdated, draft, interpolation
 * variables, plural forms (CLDR), orthography and glyph coverage. Each finding names the file, line and key.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pluralCategories } from '../i18n/languages.js';
import { codePoint, lintOrthography } from '../i18n/orthography.js';
import { compareVariables } from '../i18n/placeholders.js';
import { languageState, type KeyState, type LanguageState } from '../i18n/state.js';
import type { ResolvedLanguage } from '../workspace/load-config.js';
import { jsonPathLine, yamlPathLine } from '../workspace/source-location.js';
import type { Workspace } from '../workspace/workspace.js';
import { missingGlyphs, type FontFace } from './glyphs.js';
import type { CheckLanguage, CheckProblem } from './output-schema.js';

export interface LanguageCheck {
  summary: CheckLanguage;
  state: LanguageState;
  problems: CheckProblem[];
}

export function checkLanguage(ws: Workspace, lang: ResolvedLanguage, faces: FontFace[]): LanguageCheck {
  const state = languageState(ws.locales, ws.sourceLang, lang.code);
  const problems: CheckProblem[] = [];
  const texts = new FileTexts(ws.root);
  const src = ws.sourceLang;
  const at = (k: KeyState | { file?: string; path: string[]; key: string }) => {
    const file = k.file ?? `locales/${lang.code}/${'ns' in k ? k.ns : k.key.split(':')[0]}.json`;
    const lc = k.file ? texts.jsonLine(k.file, k.path) : undefined;
    return { file, line: lc?.line, column: lc?.column, key: k.key };
  };
  const base = (k: KeyState) => ({ lang: lang.code, ...at(k), source: k.sourceText, ...(k.text !== undefined ? { target: k.text } : {}) });
  let empty = 0;
  for (const k of state.keys) {
    if (k.text === undefined) {
      const form = k.plural ? ` (plural form "${k.plural.category}", which ${lang.code} needs: ${pluralCategories(lang.code).join('/')})` : '';
      problems.push({
        severity: 'warning', code: 'MISSING', ...base(k),
        message: `missing${form}; ${lang.fallback[0] ?? src} is printed instead`,
        hint: `Translate it in locales/${lang.code}/${k.ns}.json, or export it: lehtinen xliff export --lang ${lang.code} --only missing`,
      });
      continue;
    }
    if (k.text.trim() === '') {
      empty++;
      problems.push({ severity: 'error', code: 'EMPTY', ...base(k), message: `empty: the page would show a blank` , hint: 'Write the text, or remove the key so the fallback language is printed.' });
    }
    if (state.isSource && k.status === 'draft') {
      problems.push({
        severity: 'warning', code: 'DRAFT', ...base(k),
        message: 'a placeholder text (lehtinen init): write the campaign\'s own text here',
        hint: 'Replace the text; once it differs from the placeholder it is your text (or remove the key to leave its block out).',
      });
    }
    if (!state.isSource) {
      if (k.status === 'outdated') {
        problems.push({
          severity: 'warning', code: 'OUTDATED', ...base(k),
          message: `the ${src} text changed after this translation was made`,
          hint: `Update the translation, or confirm it: lehtinen mark --lang ${lang.code} ${k.key}`,
        });
      } else if (k.status === 'draft') {
        problems.push({ severity: 'warning', code: 'DRAFT', ...base(k), message: `a draft awaiting review by a native speaker` });
      }
      if (!k.entry?.source) {
        problems.push({
          severity: 'info', code: 'NO_SOURCE_HASH', ...base(k),
          message: `status.yaml records no source hash, so a change to the ${src} text cannot be noticed`,
          hint: `lehtinen mark --lang ${lang.code} ${k.key}  (or --all)`,
        });
      }
      const v = compareVariables(k.sourceVariablesText, k.text, !!k.plural);
      if (v.missing.length || v.extra.length) {
        const parts = [
          ...(v.missing.length ? [`lacks ${v.missing.map((x) => `{{${x}}}`).join(', ')}`] : []),
          ...(v.extra.length ? [`has ${v.extra.map((x) => `{{${x}}}`).join(', ')}, which the ${src} text does not`] : []),
        ];
        problems.push({
          severity: 'error', code: 'PLACEHOLDER', ...base(k),
          message: `the translation ${parts.join(' and ')}`,
          hint: 'Keep every {{variable}} of the source exactly as written; only the words around them are translated.',
        });
      }
    }
    for (const f of lintOrthography(lang.code, k.text)) {
      problems.push({
        severity: f.severity, code: 'ORTHOGRAPHY', ...base(k), message: f.message,
        char: f.found, codePoint: codePoint(f.found),
        ...(f.certain ? { fix: { from: f.found, to: f.replacement! }, hint: 'lehtinen check --fix corrects it' } : {}),
      });
    }
    for (const g of missingGlyphs(k.text, faces)) {
      problems.push({
        severity: 'error', code: 'GLYPH_MISSING', ...base(k), char: g.char, codePoint: g.codePoint,
        message: `${g.codePoint} ${g.char} is not in ${g.files.join(', ')}`,
        hint: 'Use a font that has the character (add it to brand.fonts), or replace the character.',
      });
    }
  }
  for (const x of state.extra) {
    problems.push({
      severity: 'warning', code: 'EXTRA', lang: lang.code, ...at(x), target: x.text,
      message: `not in the ${src} source${/_(zero|one|two|few|many|other)$/.test(x.key) ? ` (or is a plural form ${lang.code} does not use)` : ''}; it is never printed`,
      hint: `Remove it, or add the key to locales/${src}/ if it is new.`,
    });
  }
  for (const key of state.staleStatus) {
    const file = `locales/${lang.code}/status.yaml`;
    problems.push({
      severity: 'warning', code: 'STATUS_STALE', lang: lang.code, key, file, line: texts.yamlLine(file, [key])?.line,
      message: `status.yaml lists the key, which ${lang.code} does not have or need`,
      hint: 'Remove the line.',
    });
  }
  const needed = state.keys.length;
  const present = state.keys.filter((k) => k.text !== undefined && k.text.trim() !== '').length;
  const count = (s: string) => state.keys.filter((k) => k.status === s).length;
  const done = state.isSource ? needed : count('translated') + count('reviewed');
  const pct = (n: number) => (needed ? Math.round((n / needed) * 1000) / 10 : 100);
  return {
    state,
    problems,
    summary: {
      code: lang.code,
      name: lang.name,
      isSource: state.isSource,
      plurals: pluralCategories(lang.code),
      needed,
      present,
      coverage: pct(present),
      complete: pct(done),
      counts: {
        reviewed: count('reviewed'),
        translated: count('translated'),
        draft: count('draft'),
        outdated: count('outdated'),
        missing: count('missing'),
        empty,
        extra: state.extra.length,
      },
      errors: 0,
      warnings: 0,
    },
  };
}

/** Workspace files read once, for line numbers. */
class FileTexts {
  private readonly cache = new Map<string, string | undefined>();
  constructor(private readonly root: string) {}
  private text(rel: string): string | undefined {
    if (!this.cache.has(rel)) {
      try {
        this.cache.set(rel, readFileSync(path.join(this.root, rel), 'utf8'));
      } catch {
        this.cache.set(rel, undefined);
      }
    }
    return this.cache.get(rel);
  }
  jsonLine(rel: string, at: string[]) {
    const t = this.text(rel);
    return t === undefined ? undefined : jsonPathLine(t, at);
  }
  yamlLine(rel: string, at: string[]) {
    const t = this.text(rel);
    return t === undefined ? undefined : yamlPathLine(t, at);
  }
}
