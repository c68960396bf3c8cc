/**
 * Translation status per key, kept in locales/<lang>/status.yaml, one line per key so diffs stay small:
 *
 *   common:help.title: { status: translated, source: 3f2a9c01b7de, cite: "samediggi.fi (?lang=an)" }
 *   card:front.title: { status: draft, source: 91c4e0d2aa17 }
 *
 * draft      — machine or first draft; must not be printed as final (proofs and slug lines mark it)
 * translated — translated by a person, or taken verbatim from a cited public source
 * reviewed   — checked by a second native speaker
 * reviewer, reviewed, comment — who reviewed it, when (YYYY-MM-DD), and what they told the editor
 *              (`lehtinen review import`, the `lehtinen dev` panel)
 * source     — hash of the source text the translation was made from (i18n/source-hash.ts). When the
 *              source text changes, the translation is "outdated" until it is updated or confirmed
 *              (`lehtinen mark`, or an XLIFF import that sets its state).
 * Keys not listed count as "translated" in a non-source language; the source language is the original.
 */
import { isMap, isNode, isScalar, parseDocument } from 'yaml';
import { z } from 'zod';
import { LehtinenError } from '../errors.js';
import { readYamlFile, yamlPathLine } from '../workspace/source-location.js';

export const STATUS_FILE = 'status.yaml';
import { STATUSES, type TranslationStatus } from './statuses.js';
export { STATUSES, type TranslationStatus };
/** What a translation is now: its recorded status, or outdated when its source text changed since. */
export type EffectiveStatus = TranslationStatus | 'outdated';

const entrySchema = z
  .object({
    status: z.enum(STATUSES),
    /** Hash of the source-language text this translation was made from (see i18n issue: outdated). */
    source: z.string().regex(/^[0-9a-f]{12}$/, 'source is the 12-hex-digit hash written by lehtinen mark').optional(),
    /** Public source of an attested text. */
    cite: z.string().optional(),
    note: z.string().optional(),
    /** Who reviewed it (a native speaker, through `lehtinen review import` or the dev panel). */
    reviewer: z.string().optional(),
    /** When it was reviewed, YYYY-MM-DD. */
    reviewed: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'reviewed is a date written YYYY-MM-DD').optional(),
    /** The reviewer's comment, kept for the editor. */
    comment: z.string().optional(),
  })
  .strict();
export type StatusEntry = z.infer<typeof entrySchema>;

const fileSchema = z.record(z.string().regex(/^[A-Za-z0-9_-]+:[^:]+$/, 'keys are written namespace:dotted.key'), entrySchema);

export function parseStatusFile(text: string, file: string): Map<string, StatusEntry> {
  const parsed = fileSchema.safeParse(readYamlFile(text, file, 'STATUS_SYNTAX'));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const lc = yamlPathLine(text, issue.path as (string | number)[]);
    throw new LehtinenError('STATUS_SYNTAX', `${issue.path.join('.')}: ${issue.message}`, {
      where: { file, line: lc?.line, key: issue.path.join('.') },
      hint: `Each line reads  ns:key: { status: draft | translated | reviewed, source: <hash> }`,
    });
  }
  return new Map(Object.entries(parsed.data));
}

/** One status line, always written the same way (status, source, cite, note, review fields), so rewrites are stable. */
export function formatStatusEntry(key: string, e: StatusEntry): string {
  const parts = [`status: ${e.status}`];
  // A hash of digits only, or digits with one "e" (068e29049872), would be read back as a number: quote it.
  if (e.source) parts.push(`source: ${/^[0-9]+(e[0-9]+)?$/.test(e.source) ? `"${e.source}"` : e.source}`);
  if (e.cite !== undefined) parts.push(`cite: ${JSON.stringify(e.cite)}`);
  if (e.note !== undefined) parts.push(`note: ${JSON.stringify(e.note)}`);
  if (e.reviewer !== undefined) parts.push(`reviewer: ${JSON.stringify(e.reviewer)}`);
  if (e.reviewed !== undefined) parts.push(`reviewed: ${JSON.stringify(e.reviewed)}`);
  if (e.comment !== undefined) parts.push(`comment: ${JSON.stringify(e.comment)}`);
  return `${key}: { ${parts.join(', ')} }`;
}

const FIELDS = ['status', 'source', 'cite', 'note', 'reviewer', 'reviewed', 'comment'] as const;

export function sameEntry(a: StatusEntry | undefined, b: StatusEntry | undefined): boolean {
  return !!a && !!b && FIELDS.every((f) => a[f] === b[f]);
}

/**
 * Apply changed entries to the text of a status.yaml, touching nothing else: comments, blank lines,
 * the order and the exact text of unchanged lines stay as they were. A changed key is rewritten in place;
 * a new key is appended, in the order given.
 */
export function updateStatusText(text: string, changes: Map<string, StatusEntry>): string {
  const current = text.trim() ? parseStatusFile(text, STATUS_FILE) : new Map<string, StatusEntry>();
  const doc = parseDocument(text);
  const splices: { from: number; to: number; line: string }[] = [];
  const added: string[] = [];
  for (const [key, entry] of changes) {
    if (sameEntry(current.get(key), entry)) continue;
    const pair = isMap(doc.contents) ? doc.contents.items.find((p) => isScalar(p.key) && p.key.value === key) : undefined;
    const k = pair && isScalar(pair.key) ? pair.key.range : undefined;
    const v = pair && isNode(pair.value) ? pair.value.range : undefined;
    if (k && v) splices.push({ from: k[0], to: v[1], line: formatStatusEntry(key, entry) });
    else added.push(formatStatusEntry(key, entry));
  }
  let out = text;
  for (const s of splices.sort((a, b) => b.from - a.from)) out = out.slice(0, s.from) + s.line + out.slice(s.to);
  if (added.length) {
    if (out && !out.endsWith('\n')) out += '\n';
    out += added.join('\n') + '\n';
  }
  return out;
}
