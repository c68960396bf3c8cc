/**
 * output/preflight.json: the preflight of every CMYK print PDF in the output folder, one entry per
 * file with each rule, its limit, the measured value and pass/warn/fail. The schema is the contract
 * (schema/preflight.schema.json); `lehtinen check --report` shows it as a section.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

export const PREFLIGHT = 'preflight.json';

const status = z.enum(['pass', 'warn', 'fail']);

const finding = z.object({
  page: z.number().int().positive(),
  xMm: z.number().describe('from the left trim edge, mm (negative: in the bleed)'),
  yMm: z.number().describe('from the top trim edge, mm (negative: in the bleed)'),
  colour: z.string().optional().describe('plates in per cent, e.g. "C73 M77 Y56 K71"'),
  value: z.number().optional().describe('text size or line width (pt), resolution (dpi) or coverage (%)'),
  box: z.tuple([z.number(), z.number(), z.number(), z.number()]).optional().describe('area [x0, y0, x1, y1], mm from the top-left trim corner'),
  message: z.string(),
});

const rule = z.object({
  id: z.string(),
  title: z.string(),
  limit: z.string(),
  measured: z.string(),
  status,
  count: z.number().int().nonnegative().describe('findings in all; findings lists the first of them'),
  findings: z.array(finding),
});

const fileEntry = z.object({
  path: z.string().describe('relative to the output folder'),
  sha256: z.string(),
  variant: z.string().describe('material-lang, or the sheet'),
  material: z.string(),
  lang: z.string(),
  kind: z.enum(['print-pdf', 'sheet']),
  profile: z.string(),
  checked: z.string().describe('when this file was measured (ISO 8601)'),
  pages: z.number().int().nonnegative(),
  status,
  rules: z.array(rule),
  coverage: z.array(z.object({ page: z.number().int(), maxTac: z.number(), average: z.record(z.string(), z.number()), inks: z.array(z.string()) })),
});

export const preflightSchema = z.object({
  tool: z.literal('lehtinen'),
  version: z.string(),
  generated: z.string(),
  status: status.describe('the worst status of all files'),
  limits: z.record(z.string(), z.number()),
  tools: z.object({ ghostscript: z.string().optional() }),
  files: z.array(fileEntry),
  note: z.string().optional(),
});

export type PreflightReport = z.infer<typeof preflightSchema>;
export type PreflightFile = z.infer<typeof fileEntry>;

export function preflightJsonSchema(): string {
  const schema = z.toJSONSchema(preflightSchema, { io: 'output' });
  return JSON.stringify({ ...schema, title: 'lehtinen output/preflight.json' }, null, 2) + '\n';
}

/** The report in an output folder, or undefined when there is none or it cannot be read. */
export async function readPreflight(outDir: string): Promise<PreflightReport | undefined> {
  const file = path.join(outDir, PREFLIGHT);
  if (!existsSync(file)) return undefined;
  try {
    return preflightSchema.parse(JSON.parse(await readFile(file, 'utf8')));
  } catch {
    return undefined;
  }
}

export const worstStatus = (xs: { status: 'pass' | 'warn' | 'fail' }[]) =>
  xs.some((x) => x.status === 'fail') ? 'fail' : xs.some((x) => x.status === 'warn') ? 'warn' : 'pass';
