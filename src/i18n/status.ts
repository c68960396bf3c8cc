/**
 * Translation status per key, kept in locales/<lang>/status.yaml, one line per key so diffs stay small:
 *
 *   common:help.title: { status: translated, cite: "samediggi.fi (?lang=an)" }
 *   card:front.title: { status: draft }
 *
 * draft      — machine or first draft; must not be printed as final (proofs and slug lines mark it)
 * translated — translated by a person, or taken verbatim from a cited public source
 * reviewed   — checked by a second native speaker
 * Keys not listed count as "translated" in a non-source language; the source language is the original.
 */
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { LehtinenError } from '../errors.js';
import { codeFrame, yamlPathLine } from '../workspace/source-location.js';

export const STATUS_FILE = 'status.yaml';
export const STATUSES = ['draft', 'translated', 'reviewed'] as const;
export type TranslationStatus = (typeof STATUSES)[number];

const entrySchema = z
  .object({
    status: z.enum(STATUSES),
    /** Hash of the source-language text this translation was made from (see i18n issue: outdated). */
    source: z.string().optional(),
    /** Public source of an attested text. */
    cite: z.string().optional(),
    note: z.string().optional(),
  })
  .strict();
export type StatusEntry = z.infer<typeof entrySchema>;

const fileSchema = z.record(z.string().regex(/^[A-Za-z0-9_-]+:[^:]+$/, 'keys are written namespace:dotted.key'), entrySchema);

export function parseStatusFile(text: string, file: string): Map<string, StatusEntry> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  const err = doc.errors[0];
  if (err) {
    const pos = lineCounter.linePos(err.pos[0]);
    throw new LehtinenError('STATUS_SYNTAX', `YAML syntax: ${err.message.split('\n')[0]}`, {
      where: { file, line: pos.line, column: pos.col },
      details: codeFrame(text, pos.line, pos.col),
    });
  }
  const parsed = fileSchema.safeParse(doc.toJS() ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const lc = yamlPathLine(text, issue.path as (string | number)[]);
    throw new LehtinenError('STATUS_SYNTAX', `${issue.path.join('.')}: ${issue.message}`, {
      where: { file, line: lc?.line, key: issue.path.join('.') },
      hint: `Each line reads  ns:key: { status: draft | translated | reviewed }`,
    });
  }
  return new Map(Object.entries(parsed.data));
}
