/**
 * `lehtinen check --fix`: apply the orthography fixes that are certain (NFC, look-alike letters, the
 * Skolt softening sign after a vowel) to the locale files, in place, keeping their formatting.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { codePoint, fixOrthography } from '../i18n/orthography.js';
import { flatStrings } from '../i18n/state.js';
import { editLocaleText, type StringEdit } from '../workspace/locale-edit.js';
import { writeWorkspaceFiles } from '../workspace/write-files.js';
import type { Workspace } from '../workspace/workspace.js';
import type { CheckProblem } from './output-schema.js';

export async function applyFixes(ws: Workspace, langs: string[]): Promise<CheckProblem[]> {
  const fixed: CheckProblem[] = [];
  const perFile = new Map<string, StringEdit[]>();
  for (const lang of langs) {
    for (const s of flatStrings(ws.locales.get(lang)!).values()) {
      const r = fixOrthography(lang, s.text);
      if (!r.fixed.length) continue;
      const edits = perFile.get(s.file) ?? [];
      edits.push({ path: s.path, value: r.text });
      perFile.set(s.file, edits);
      for (const f of r.fixed) {
        fixed.push({
          severity: 'info', code: 'ORTHOGRAPHY', lang, key: s.key, file: s.file, fixed: true,
          char: f.found, codePoint: codePoint(f.found), fix: { from: f.found, to: f.replacement! }, target: r.text,
          message: `fixed ${codePoint(f.found)} ${f.found} → ${codePoint(f.replacement!)} ${f.replacement} in "${f.word}"`,
        });
      }
    }
  }
  const files = new Map<string, string>();
  for (const [rel, edits] of perFile) {
    files.set(rel, editLocaleText(readFileSync(path.join(ws.root, rel), 'utf8'), edits));
  }
  if (files.size) await writeWorkspaceFiles(ws.root, files);
  return fixed;
}
