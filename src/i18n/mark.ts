/**
 * `lehtinen mark`: record that translations match the current source text (their source hash), and
 * optionally set their status. This is how an editor confirms an outdated translation that needs no change,
 * or records a review.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { LehtinenError } from '../errors.js';
import { readText } from '../workspace/files.js';
import type { Workspace } from '../workspace/workspace.js';
import { languageState, type KeyState } from './state.js';
import { STATUS_FILE, updateStatusText, type StatusEntry, type TranslationStatus } from './status.js';

export interface MarkRequest {
  lang: string;
  /** keys or patterns with * (common:help.*) */
  keys: string[];
  all?: boolean;
  /** every outdated key */
  outdated?: boolean;
  /** new status; without it the recorded status stays (translated when none was recorded) */
  status?: TranslationStatus;
}

export interface MarkResult {
  file: string;
  selected: number;
  changed: string[];
  /** the new text of status.yaml (written by the caller with writeWorkspaceFiles) */
  text: string;
}

export async function planMark(ws: Workspace, req: MarkRequest): Promise<MarkResult> {
  if (req.lang === ws.sourceLang) {
    throw new LehtinenError('USAGE', `${req.lang} is the source language; its texts are the originals and carry no status`, {
      hint: 'Mark the translations: --lang with one of ' + ws.languages.filter((l) => l.code !== ws.sourceLang).map((l) => l.code).join(', '),
    });
  }
  if (!ws.locales.has(req.lang)) {
    throw new LehtinenError('USAGE', `--lang: unknown language "${req.lang}"`, { hint: `The workspace has: ${ws.languages.map((l) => l.code).join(', ')}.` });
  }
  if (!req.keys.length && !req.all && !req.outdated) {
    throw new LehtinenError('USAGE', 'name the keys to mark (patterns with * work, e.g. "common:help.*"), or use --outdated or --all');
  }
  const state = languageState(ws.locales, ws.sourceLang, req.lang);
  const selected = new Map<string, KeyState>();
  const present = state.keys.filter((k) => k.text !== undefined);
  if (req.all) present.forEach((k) => selected.set(k.key, k));
  if (req.outdated) present.filter((k) => k.status === 'outdated').forEach((k) => selected.set(k.key, k));
  for (const pattern of req.keys) {
    const re = new RegExp(`^${pattern.split('*').map(escapeRe).join('.*')}$`);
    const hits = state.keys.filter((k) => re.test(k.key));
    if (!hits.length) {
      throw new LehtinenError('USAGE', `"${pattern}" matches no key of the source language ${ws.sourceLang}`, {
        hint: 'Keys are written namespace:dotted.key, e.g. common:help.title.',
      });
    }
    const absent = hits.filter((k) => k.text === undefined);
    if (absent.length && !pattern.includes('*')) {
      throw new LehtinenError('USAGE', `${req.lang} has no translation of ${absent.map((k) => k.key).join(', ')}; there is nothing to mark`, {
        where: { file: `locales/${req.lang}/${absent[0]!.ns}.json`, key: absent[0]!.key },
        hint: 'Translate it first (or import it with lehtinen xliff import).',
      });
    }
    hits.filter((k) => k.text !== undefined).forEach((k) => selected.set(k.key, k));
  }
  const changes = new Map<string, StatusEntry>();
  for (const k of selected.values()) {
    const next: StatusEntry = { ...(k.entry ?? { status: 'translated' }), source: k.sourceHash };
    if (req.status) next.status = req.status;
    changes.set(k.key, next);
  }
  const rel = `locales/${req.lang}/${STATUS_FILE}`;
  const abs = path.join(ws.root, rel);
  const before = existsSync(abs) ? await readText(abs, ws.root, 'STATUS_SYNTAX') : newStatusFileHeader(ws, req.lang);
  const text = updateStatusText(before, changes);
  const changed = [...changes.keys()].filter((k) => {
    const old = ws.locales.get(req.lang)!.status.get(k);
    const n = changes.get(k)!;
    return !old || old.status !== n.status || old.source !== n.source;
  });
  return { file: rel, selected: selected.size, changed, text };
}

export function newStatusFileHeader(ws: Workspace, lang: string): string {
  const name = ws.languages.find((l) => l.code === lang)?.name ?? lang;
  return `# Translation status of locales/${lang}/: ${name}. Format and meaning: docs/workspace.md, "Translation status".\n\n`;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
