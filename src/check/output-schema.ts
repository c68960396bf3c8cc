/**
 * The JSON that `lehtinen check --format json` prints: one zod schema, from which
 * schema/check-output.schema.json is generated (npm run schema; a test keeps it in step).
 */
import { z } from 'zod';

export const SEVERITIES = ['error', 'warning', 'info'] as const;
export const STRING_STATUSES = ['source', 'reviewed', 'translated', 'draft', 'outdated', 'fallback', 'missing'] as const;

export const checkProblemSchema = z
  .object({
    severity: z.enum(SEVERITIES),
    code: z.string().describe('MISSING, EMPTY, EXTRA, OUTDATED, DRAFT, PLACEHOLDER, ORTHOGRAPHY, GLYPH_MISSING, QR_MODULE_TOO_SMALL, … (docs/translators.md)'),
    message: z.string(),
    lang: z.string().optional(),
    material: z.string().optional(),
    key: z.string().optional().describe('ns:dotted.key'),
    file: z.string().optional().describe('workspace-relative file'),
    frame: z.string().optional().describe('the frame (data-frame in the template) the finding is about'),
    line: z.number().int().optional(),
    column: z.number().int().optional(),
    source: z.string().optional().describe('the source-language text of the key'),
    target: z.string().optional().describe('the translation as it is now'),
    char: z.string().optional().describe('the offending character(s)'),
    codePoint: z.string().optional().describe('U+XXXX of char'),
    fix: z.object({ from: z.string(), to: z.string() }).optional().describe('a certain fix that --fix applies'),
    fixed: z.boolean().optional().describe('true when --fix applied it in this run'),
    hint: z.string().optional(),
    pages: z
      .array(z.object({ material: z.string(), page: z.number().int().positive() }))
      .optional()
      .describe('where the key is printed'),
  })
  .strict();

const countsSchema = z.record(z.string(), z.number().int().nonnegative());

export const checkLanguageSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    isSource: z.boolean(),
    plurals: z.array(z.string()).describe('CLDR plural categories the language needs'),
    needed: z.number().int().nonnegative().describe('strings the language needs (source keys; plural forms per CLDR)'),
    present: z.number().int().nonnegative().describe('needed strings the language has, non-empty'),
    coverage: z.number().min(0).max(100).describe('present / needed, per cent, one decimal'),
    complete: z.number().min(0).max(100).describe('translated or reviewed and not outdated / needed, per cent'),
    counts: z
      .object({
        reviewed: z.number().int(),
        translated: z.number().int(),
        draft: z.number().int(),
        outdated: z.number().int(),
        missing: z.number().int(),
        empty: z.number().int(),
        extra: z.number().int(),
      })
      .strict(),
    errors: z.number().int(),
    warnings: z.number().int(),
  })
  .strict();

export const checkCellSchema = z
  .object({
    lang: z.string(),
    keys: z.number().int().nonnegative().describe('strings the material prints in this language'),
    strings: countsSchema.describe('how they are answered: counts per status (source, reviewed, translated, draft, outdated, fallback, missing)'),
    errors: z.number().int(),
    warnings: z.number().int(),
  })
  .strict();

export const checkOutputSchema = z
  .object({
    tool: z.literal('lehtinen'),
    version: z.string(),
    command: z.literal('check'),
    generated: z.string().describe('ISO 8601 time'),
    sourceLang: z.string().optional(),
    ok: z.boolean().describe('false when there are errors (or warnings with --strict): the exit code is 1'),
    strict: z.boolean(),
    layout: z.boolean().describe('whether the pages were laid out in the browser (QR print size, thumbnails)'),
    summary: z
      .object({
        errors: z.number().int(),
        warnings: z.number().int(),
        infos: z.number().int(),
        fixable: z.number().int().describe('problems --fix corrects'),
        fixed: z.number().int().describe('problems --fix corrected in this run'),
      })
      .strict(),
    languages: z.array(checkLanguageSchema),
    materials: z.array(z.object({ id: z.string(), cells: z.array(checkCellSchema) }).strict()).describe('the material × language matrix'),
    problems: z.array(checkProblemSchema),
    report: z.string().optional().describe('path of the HTML report, with --report'),
  })
  .strict();

export type CheckProblem = z.infer<typeof checkProblemSchema>;
export type CheckLanguage = z.infer<typeof checkLanguageSchema>;
export type CheckCell = z.infer<typeof checkCellSchema>;
export type CheckOutput = z.infer<typeof checkOutputSchema>;

export function checkOutputJsonSchema(): string {
  const schema = z.toJSONSchema(checkOutputSchema, { io: 'output' });
  return JSON.stringify({ ...schema, title: 'lehtinen check --format json' }, null, 2) + '\n';
}
