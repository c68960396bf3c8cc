/**
 * The content model in `lehtinen check` (docs/content-model.md): a key a template names literally
 * ({{t "ns:key"}}) that the source language lacks is an error at the template's file and line; a source
 * key that nothing prints (no template, no content-model block, not the site or the bundles) is a
 * warning at the locale file's line, because a text nobody sees is usually a misspelt or forgotten key.
 */
import { CODE_KEYS, KEPT_KEYS } from '../content/model.js';
import { flatStrings } from '../i18n/state.js';
import { jsonPathLine } from '../workspace/source-location.js';
import type { Workspace } from '../workspace/workspace.js';
import type { ComposedForCheck } from './compose-all.js';
import type { CheckProblem } from './output-schema.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** {{t "ns:key"}}, {{md …}}, {{tname …}}, {{text …}}: helpers whose first argument is a translation key. */
const KEY_CALL = /\{\{~?[#]?\s*(?:t|md|tname|text)\s+"([^"]+)"/g;

export interface TemplateKey {
  key: string;
  file: string;
  line: number;
}

export function templateKeys(ws: Workspace): TemplateKey[] {
  const out: TemplateKey[] = [];
  for (const { file, text } of ws.templates.sources) {
    if (!file.endsWith('.hbs')) continue;
    for (const m of text.matchAll(KEY_CALL)) {
      out.push({ key: m[1]!, file, line: text.slice(0, m.index).split('\n').length });
    }
  }
  return out;
}

const PLURAL = /_(zero|one|two|few|many|other)$/;

export function contentKeyProblems(ws: Workspace, composed: ComposedForCheck): CheckProblem[] {
  const problems: CheckProblem[] = [];
  const source = ws.sourceLang;
  const sourceStrings = flatStrings(ws.locales.get(source)!);
  const has = (key: string) => ws.translations.i18n.exists(key, { lng: source, fallbackLng: false } as never);
  const tkeys = templateKeys(ws);
  for (const k of tkeys) {
    if (has(k.key)) continue;
    const ns = k.key.includes(':') ? k.key.split(':')[0] : undefined;
    problems.push({
      severity: 'error', code: 'TEMPLATE_KEY_MISSING', file: k.file, line: k.line, key: k.key,
      message: `the template prints "${k.key}", which the source language ${source} does not have`,
      hint: ns ? `Add it to locales/${source}/${ns}.json (docs/content-model.md lists every key), or fix the key in the template.` : 'Keys are written namespace:key, e.g. common:campaign.name.',
    });
  }
  // What is printed somewhere: every key a composed variant used, every literal template key, the keys
  // lehtinen's own code prints (PDF title, site, bundles).
  const used = new Set<string>(tkeys.map((k) => k.key));
  for (const c of composed.composed) for (const u of c.uses) used.add(u.key);
  for (const k of CODE_KEYS) {
    if (k.startsWith('<material>:')) for (const m of ws.materials) used.add(`${m.id}:${k.slice('<material>:'.length)}`);
    else if (k.includes('<id>')) for (const f of ws.config.funders) used.add(k.replace('<id>', f.id));
    else used.add(k);
  }
  // Only when every variant was composed can "nothing prints it" be said.
  if (composed.problems.some((p) => p.severity === 'error')) return problems;
  const texts = new Map<string, string>();
  for (const s of sourceStrings.values()) {
    const base = s.key.replace(PLURAL, '');
    if (used.has(s.key) || used.has(base)) continue;
    // A namespace of its own (a custom page, a custom template's data) is the workspace's business.
    if (!['common', 'site', ...ws.materials.map((m) => m.id)].includes(s.ns)) continue;
    if (KEPT_KEYS.includes(s.key)) continue;
    let text = texts.get(s.file);
    if (text === undefined) {
      text = readFileSync(path.join(ws.root, s.file), 'utf8');
      texts.set(s.file, text);
    }
    problems.push({
      severity: 'warning', code: 'UNUSED', lang: source, file: s.file, line: jsonPathLine(text, s.path)?.line, key: s.key,
      message: `nothing prints "${s.key}": no template, block of the content model, site page or bundle uses it`,
      hint: 'Check the key against docs/content-model.md (a misspelt key is never printed), or remove it.',
    });
  }
  return problems;
}
