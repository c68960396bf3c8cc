/**
 * Edit in context in `lehtinen dev`: what the panel shows about one printed string (its key, the source
 * text, this language's text and status, placeholders, where it is printed) and saving a new text or
 * status. Both read the locale files from disk, not the preview's copy, and a save names the versions of
 * the files the panel was opened with: if any changed meanwhile, the save is refused (CONFLICT) instead of
 * overwriting someone else's edit. Texts go through the same checks and the same all-or-nothing writer as an
 * XLIFF import (i18n/string-edits.ts).
 */
import { z } from 'zod';
import { keyPages } from '../check/compose-all.js';
import { LehtinenError } from '../errors.js';
import { placeholders } from '../i18n/placeholders.js';
import { languageState, type KeyState } from '../i18n/state.js';
import { STATUSES, type StatusEntry } from '../i18n/status.js';
import { checkText, fileVersions, localeFile, planStringFiles, statusFile, type PlannedEdit } from '../i18n/string-edits.js';
import { loadLocales } from '../workspace/load-locales.js';
import { writeWorkspaceFiles } from '../workspace/write-files.js';
import type { Workspace } from '../workspace/workspace.js';
import type { Preview } from './preview.js';

export interface StringForm {
  key: string;
  /** plural category of this form (one, two, other…), when the message has plural forms */
  category?: string;
  source: string;
  /** undefined: the language lacks it (the fallback is printed) */
  text?: string;
  status: KeyState['status'];
  entry?: StatusEntry;
  placeholders: string[];
}

export interface StringInfo {
  key: string;
  lang: string;
  langName: string;
  sourceLang: string;
  isSource: boolean;
  forms: StringForm[];
  /** variants of this language that print the key, with their pages */
  where: { id: string; material: string; pages: number[] }[];
  /** how many variants of other languages print it */
  elsewhere: number;
  /** file → fingerprint when read; sent back with a save */
  versions: Record<string, string>;
}

const saveRequestSchema = z.object({
  lang: z.string(),
  key: z.string(),
  /** full key (with plural suffix) → new text */
  texts: z.record(z.string(), z.string()),
  /** status to record; default: the recorded one (draft for a text the language lacked) */
  status: z.enum(STATUSES).optional(),
  /** file → fingerprint the panel was opened with */
  versions: z.record(z.string(), z.string()),
});
export type SaveRequest = z.infer<typeof saveRequestSchema>;

export interface SaveResult {
  /** workspace-relative files written */
  written: string[];
  warnings: string[];
  info: StringInfo;
}

async function fresh(ws: Workspace, lang: string, key: string) {
  if (!ws.locales.has(lang)) throw new LehtinenError('USAGE', `unknown language "${lang}"`, { hint: `The workspace has ${ws.languages.map((l) => l.code).join(', ')}.` });
  const locales = await loadLocales(ws.root, ws.languages.map((l) => l.code));
  const current: Workspace = { ...ws, locales };
  const forms = languageState(locales, ws.sourceLang, lang).keys.filter((k) => k.key === key || k.plural?.base === key);
  if (!forms.length) {
    throw new LehtinenError('USAGE', `"${key}" is not a key of the ${ws.sourceLang} source (any more)`, { hint: 'The file changed on disk: the preview reloads by itself; click the text again.' });
  }
  const ns = forms[0]!.ns;
  const files = [...new Set([localeFile(ws.sourceLang, ns), localeFile(lang, ns), ...(lang === ws.sourceLang ? [] : [statusFile(lang)])])];
  return { current, forms, files };
}

export async function stringInfo(ws: Workspace, preview: Preview, lang: string, key: string): Promise<StringInfo> {
  const { forms, files } = await fresh(ws, lang, key);
  const where: StringInfo['where'] = [];
  let elsewhere = 0;
  for (const v of preview.state().variants) {
    const pages = keyPages(preview.get(v.id)?.html ?? '').get(key);
    if (!pages) continue;
    if (v.lang === lang) where.push({ id: v.id, material: v.material, pages });
    else elsewhere++;
  }
  return {
    key,
    lang,
    langName: ws.languages.find((l) => l.code === lang)?.name ?? lang,
    sourceLang: ws.sourceLang,
    isSource: lang === ws.sourceLang,
    forms: forms.map((k) => ({
      key: k.key,
      ...(k.plural ? { category: k.plural.category } : {}),
      source: k.sourceText,
      text: lang === ws.sourceLang ? k.sourceText : k.text,
      status: k.status,
      ...(k.entry ? { entry: k.entry } : {}),
      placeholders: [...new Set(placeholders(k.sourceVariablesText).map((p) => p.raw))],
    })),
    where,
    elsewhere,
    versions: fileVersions(ws.root, files),
  };
}

export async function saveString(ws: Workspace, preview: Preview, body: unknown): Promise<SaveResult> {
  const parsed = saveRequestSchema.safeParse(body);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new LehtinenError('USAGE', `bad save request: ${i.path.join('.')}: ${i.message}`, { hint: `Statuses are ${STATUSES.join(', ')}.` });
  }
  const req = parsed.data;
  const { current, forms, files } = await fresh(ws, req.lang, req.key);
  const now = fileVersions(ws.root, files);
  const changed = files.filter((f) => now[f] !== req.versions[f]);
  if (changed.length) {
    throw new LehtinenError('CONFLICT', `${changed.join(' and ')} changed on disk since you opened this text; nothing was saved`, {
      where: { file: changed[0] },
      hint: 'Your text is still in the panel. Press "Reload from disk" to see the file as it is now (your text stays), then save again.',
    });
  }
  const isSource = req.lang === ws.sourceLang;
  const errors: string[] = [];
  const warnings: string[] = [];
  const edits: PlannedEdit[] = [];
  for (const k of forms) {
    const text = req.texts[k.key];
    const current = isSource ? k.sourceText : k.text;
    if (typeof text === 'string' && !text.trim()) {
      // Leaving a missing form empty is "not translated yet"; emptying a text would print a blank.
      if (current !== undefined) errors.push(`${k.key}: the text is empty; a blank would be printed`);
      continue;
    }
    const newText = typeof text === 'string' && text !== current ? text : undefined;
    if (newText !== undefined) {
      const c = checkText(req.lang, k, newText);
      if (c.error) errors.push(c.error);
      warnings.push(...c.warnings.map((w) => `${k.key}: ${w.message}`));
    }
    if (isSource) {
      if (newText !== undefined) edits.push({ k, text: newText });
      continue;
    }
    if (newText === undefined && k.text === undefined) continue;
    const status = req.status ?? k.entry?.status ?? (k.text === undefined ? 'draft' : 'translated');
    const entry: StatusEntry = { ...(k.entry ?? {}), status, source: k.sourceHash };
    // Who reviewed and when belongs to a reviewed text; a new text or status makes them stale.
    if (status !== 'reviewed' || newText !== undefined) {
      delete entry.reviewer;
      delete entry.reviewed;
    }
    edits.push({ k, text: newText, entry });
  }
  if (errors.length) {
    throw new LehtinenError('TEXT_REJECTED', `${req.key}: ${errors.join('; ')}`, { details: errors, hint: 'Nothing was saved. Correct the text and save again.' });
  }
  const plan = planStringFiles(current, req.lang, edits);
  if (plan.size) await writeWorkspaceFiles(ws.root, plan);
  return { written: [...plan.keys()], warnings, info: await stringInfo(ws, preview, req.lang, req.key) };
}
