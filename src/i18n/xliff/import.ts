/**
 * `lehtinen xliff import FILE`: validate a translated XLIFF file against the workspace and merge it:
 * new translations, states and source hashes. Every unit is checked before anything is written; one
 * error (an unknown key, a source that changed meanwhile, a broken placeholder, malformed XML) rejects
 * the whole file, so nothing is half-applied. A unit whose text and state are unchanged changes nothing,
 * so export → import without edits leaves every file byte for byte as it was.
 */
import { LehtinenError } from '../../errors.js';
import type { Problem } from '../../problems.js';
import type { Workspace } from '../../workspace/workspace.js';
import { languageState, type KeyState } from '../state.js';
import { type StatusEntry } from '../status.js';
import { checkText, planStringFiles } from '../string-edits.js';
import { unitPlaceholders } from './export.js';
import { inlineText, parseXliff } from './parse.js';
import { fromXliff12, fromXliff20 } from './states.js';

export interface ImportPlan {
  lang: string;
  version: string;
  units: number;
  /** keys whose text changes */
  texts: string[];
  /** keys whose status or source hash changes (text unchanged) */
  states: string[];
  /** workspace-relative file → new content; empty when nothing changes */
  files: Map<string, string>;
  warnings: Problem[];
}

export function planImport(ws: Workspace, text: string, file: string): ImportPlan {
  const x = parseXliff(text, file);
  const errors: string[] = [];
  const fail = (line: number | undefined, msg: string) => errors.push(`${file}${line ? `:${line}` : ''}: ${msg}`);
  if (x.srcLang !== ws.sourceLang) fail(undefined, `the source language is "${x.srcLang ?? ''}", the workspace's is ${ws.sourceLang}`);
  const lang = x.trgLang ?? '';
  if (!ws.locales.has(lang) || lang === ws.sourceLang) {
    throw new LehtinenError('XLIFF_REJECTED', `${file}: the target language "${lang}" is not a translation language of the workspace`, {
      where: { file },
      hint: `The workspace translates ${ws.sourceLang} into ${ws.languages.filter((l) => l.code !== ws.sourceLang).map((l) => l.code).join(', ')}.`,
    });
  }
  const state = languageState(ws.locales, ws.sourceLang, lang);
  const byKey = new Map(state.keys.map((k) => [k.key, k]));
  const seen = new Set<string>();
  const textEdits = new Map<string, { k: KeyState; text: string }>();
  const entries = new Map<string, StatusEntry>();
  const texts: string[] = [];
  const states: string[] = [];
  const warnings: Problem[] = [];
  for (const u of x.units) {
    const k = byKey.get(u.key);
    if (!k) {
      fail(u.line, `unknown key "${u.key}": the ${ws.sourceLang} source has no such string${state.extra.some((e) => e.key === u.key) ? ` (${lang} has it, but it is never printed)` : ''}`);
      continue;
    }
    if (seen.has(u.key)) fail(u.line, `${u.key} appears twice`);
    seen.add(u.key);
    const ph = unitPlaceholders(k);
    const byId = new Map(ph.map((p) => [p.id, p.raw]));
    const src = inlineText(u.source, (p) => byId.get(p.ph) ?? p.native);
    if (src.text.normalize('NFC') !== k.sourceText.normalize('NFC')) {
      fail(u.line, `${u.key}: the ${ws.sourceLang} text changed after this file was exported (now "${short(k.sourceText)}", in the file "${short(src.text)}")`);
      continue;
    }
    if (!u.target) continue;
    const tgt = inlineText(u.target, (p) => {
      const raw = byId.get(p.ph);
      // XLIFF 1.2 carries the native text inside <ph>: it must still be the placeholder it was exported as.
      if (raw !== undefined && p.native !== undefined && p.native !== raw) return undefined;
      return raw;
    });
    if (tgt.unknown.length) {
      fail(u.line, `${u.key}: broken placeholder(s) ${tgt.unknown.map((i) => `id "${i}"`).join(', ')} in the target: the source has ${ph.length ? ph.map((p) => `${p.id} = ${p.raw}`).join(', ') : 'none'}`);
      continue;
    }
    if (tgt.text === '' && k.text === undefined) continue; // an empty target is "not translated yet"
    const checked = checkText(lang, k, tgt.text);
    if (checked.error) {
      fail(u.line, checked.error);
      continue;
    }
    const wanted = x.version === '2.0' ? fromXliff20(u.state, u.subState) : fromXliff12(u.state);
    if (!wanted) {
      fail(u.line, `${u.key}: unknown state "${u.state}"`);
      continue;
    }
    const changedText = tgt.text !== k.text;
    if (!changedText && (wanted === 'still-outdated' ? k.status === 'outdated' || k.status === 'draft' : wanted === k.status)) continue;
    if (!changedText && wanted === 'still-outdated') continue;
    const status = wanted === 'still-outdated' ? 'draft' : wanted;
    const entry: StatusEntry = { ...(k.entry ?? {}), status, source: k.sourceHash };
    entries.set(k.key, entry);
    if (changedText) {
      textEdits.set(k.key, { k, text: tgt.text });
      texts.push(k.key);
      warnings.push(...checked.warnings);
    } else {
      states.push(k.key);
    }
  }
  if (errors.length) {
    throw new LehtinenError('XLIFF_REJECTED', `${file}: ${errors.length} problem(s); nothing was imported`, {
      where: { file },
      details: errors.slice(0, 50).concat(errors.length > 50 ? [`… and ${errors.length - 50} more`] : []),
      hint: 'Fix them in the CAT tool (or export again with lehtinen xliff export, if the source changed) and import the whole file again.',
    });
  }
  const files = planStringFiles(ws, lang, [...entries].map(([key, entry]) => ({ k: byKey.get(key)!, entry, text: textEdits.get(key)?.text })));
  return { lang, version: x.version, units: x.units.length, texts, states, files, warnings };
}

function short(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}
