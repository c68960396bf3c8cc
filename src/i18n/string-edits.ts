/**
 * Changing translations from outside the files — an XLIFF import, a save in the `lehtinen dev` panel, a
 * native reviewer's review file — goes through here: the same checks of a new text (placeholders as in
 * the source; orthography as `lehtinen check` reads it) and the same file plan (locale JSON edited in place
 * with its formatting and key order kept, status.yaml lines rewritten in place). The caller writes the
 * plan with writeWorkspaceFiles, all or nothing.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Problem } from '../problems.js';
import { editLocaleText, type StringEdit } from '../workspace/locale-edit.js';
import type { Workspace } from '../workspace/workspace.js';
import { pluralCategories } from './languages.js';
import { newStatusFileHeader } from './mark.js';
import { lintOrthography } from './orthography.js';
import { compareVariables } from './placeholders.js';
import { PLURAL_CATEGORIES } from './source-hash.js';
import type { KeyState } from './state.js';
import { STATUS_FILE, updateStatusText, type StatusEntry } from './status.js';

/** Problems of a new text for key `k`: an error message (placeholders differ) and orthography warnings. */
export function checkText(lang: string, k: KeyState, text: string): { error?: string; warnings: Problem[] } {
  const v = compareVariables(k.sourceVariablesText, text, !!k.plural);
  const error =
    v.missing.length || v.extra.length
      ? `${k.key}: placeholders differ from the source: ${[...v.missing.map((m) => `{{${m}}} missing`), ...v.extra.map((m) => `{{${m}}} unknown`)].join(', ')}`
      : undefined;
  const warnings: Problem[] = [];
  for (const f of lintOrthography(lang, text)) {
    if (f.severity !== 'info') warnings.push({ severity: 'warning', code: 'ORTHOGRAPHY', lang, key: k.key, message: f.message });
  }
  return { error, warnings };
}

export interface PlannedEdit {
  k: KeyState;
  /** the new text; undefined leaves the text as it is */
  text?: string;
  /** the new status line; undefined leaves it (the source language has none) */
  entry?: StatusEntry;
}

/** The files that change (workspace-relative path → new content), read from disk as they are now. */
export function planStringFiles(ws: Workspace, lang: string, edits: PlannedEdit[]): Map<string, string> {
  const files = new Map<string, string>();
  const perNs = new Map<string, StringEdit[]>();
  for (const e of edits) if (e.text !== undefined) perNs.set(e.k.ns, [...(perNs.get(e.k.ns) ?? []), { path: e.k.path, value: e.text }]);
  for (const [ns, list] of perNs) {
    const rel = localeFile(lang, ns);
    const abs = path.join(ws.root, rel);
    const before = existsSync(abs) ? readFileSync(abs, 'utf8') : '{}\n';
    const after = editLocaleText(before, list, sourceOrder(ws, ns, lang));
    if (after !== before) files.set(rel, after);
  }
  const entries = new Map(edits.filter((e) => e.entry).map((e) => [e.k.key, e.entry!]));
  if (entries.size && lang !== ws.sourceLang) {
    const rel = statusFile(lang);
    const abs = path.join(ws.root, rel);
    const before = existsSync(abs) ? readFileSync(abs, 'utf8') : newStatusFileHeader(ws, lang);
    const after = updateStatusText(before, entries);
    if (after !== before) files.set(rel, after);
  }
  return files;
}

export const localeFile = (lang: string, ns: string) => `locales/${lang}/${ns}.json`;
export const statusFile = (lang: string) => `locales/${lang}/${STATUS_FILE}`;

/**
 * A fingerprint of files as they are on disk now (missing = ""), to refuse a save made against an older
 * version: whoever opened a text sends back what they saw, and a changed file is named, not overwritten.
 */
export function fileVersions(root: string, rels: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rel of rels) {
    const abs = path.join(root, rel);
    const buf = existsSync(abs) ? readFileSync(abs) : Buffer.alloc(0);
    out[rel] = createHash('sha256').update(buf).digest('hex').slice(0, 16);
  }
  return out;
}

/** For a new key: its siblings in the source file, with plural groups expanded to the language's forms. */
function sourceOrder(ws: Workspace, ns: string, lang: string): (parent: string[]) => string[] {
  return (parent) => {
    let node: unknown = ws.locales.get(ws.sourceLang)!.namespaces[ns];
    for (const p of parent) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[p] : undefined;
    if (!node || typeof node !== 'object') return [];
    const out: string[] = [];
    const cats = pluralCategories(lang);
    for (const k of Object.keys(node)) {
      const m = /^(.*)_(zero|one|two|few|many|other)$/.exec(k);
      if (!m) {
        out.push(k);
        continue;
      }
      const forms = PLURAL_CATEGORIES.filter((c) => c === 'zero' || cats.includes(c)).map((c) => `${m[1]}_${c}`);
      for (const f of forms) if (!out.includes(f)) out.push(f);
    }
    return out;
  };
}
