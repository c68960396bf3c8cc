/**
 * The schema of lehtinen.config.yaml. One schema serves validation, defaults and the generated
 * JSON Schema (schema/lehtinen.config.schema.json) that gives editors completion.
 */
import { z } from 'zod';
import { FORMATS } from './formats.js';

const mm = z.number().positive().max(2000);
const hexColor = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, 'a colour is written #rrggbb, e.g. "#3b1f4a" (quote it in YAML: # starts a comment)');
const httpsUrl = z
  .string()
  .url('must be an absolute URL like https://example.org/path')
  .refine((u) => u.startsWith('https://'), 'must start with https:// (QR codes and links must be secure)');
const relPath = z.string().min(1);
const langCode = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a language code is an ISO 639 code such as fi, en, se, smn, sms');

export const OUTPUT_KINDS = ['print-pdf', 'web-pdf', 'png', 'preview'] as const;
export type OutputKind = (typeof OUTPUT_KINDS)[number];

const contact = z
  .object({
    phone: z.string().optional(),
    email: z.string().email().optional(),
    url: httpsUrl.optional(),
  })
  .strict();

const fontFile = z
  .object({
    path: relPath,
    weight: z.number().int().min(100).max(900).default(400),
    style: z.enum(['normal', 'italic']).default('normal'),
  })
  .strict();

const material = z
  .object({
    format: z.string().optional().describe(`a built-in format: ${Object.keys(FORMATS).join(', ')}`),
    template: z.string().optional().describe('folder under templates/; defaults to the material id'),
    trim: z.tuple([mm, mm]).optional().describe('trim size [width, height] in mm'),
    pages: z.number().int().min(1).max(64).optional(),
    panels: z.array(z.array(mm).min(1)).optional().describe('panel widths in mm, per page, left to right'),
    bleed: z.number().min(0).max(20).default(3).describe('bleed in mm on every side'),
    safe: z.number().min(0).max(50).default(4).describe('safe margin inside the trim in mm'),
    qr: z
      .object({
        url: z.string().optional().describe('QR target; {baseUrl}, {lang} and {material} are replaced'),
        minModule: z.number().min(0.1).max(5).optional().describe('smallest printed QR module in mm that lehtinen check accepts (default 0.4)'),
      })
      .strict()
      .default({}),
  })
  .strict();

export const configSchema = z
  .object({
    $schema: z.string().optional(),
    organisation: z
      .object({
        id: z.string().regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and hyphens'),
        logo: relPath.describe('an SVG or PNG in the workspace'),
        website: httpsUrl,
        callingCode: z.string().regex(/^\d{1,3}$/).default('358').describe('country calling code for tel: links'),
      })
      .strict(),
    campaign: z
      .object({
        id: z
          .string()
          .regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and hyphens; used in file names'),
        version: z.string().min(1).describe('printed in the slug line, e.g. 2026-11 or 1.2'),
      })
      .strict(),
    baseUrl: httpsUrl.describe('where the leaflets are published; QR codes point below it'),
    languages: z
      .object({
        source: langCode,
        order: z.array(langCode).min(1),
        fallback: z.record(z.string(), z.array(langCode)).optional()
          .describe('fallback chain per language; default: every language falls back to the source'),
        names: z.record(langCode, z.string().min(1)).optional().describe('endonyms for languages lehtinen does not know'),
      })
      .strict(),
    contacts: z.record(z.string(), contact).default({}),
    brand: z
      .object({
        colors: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/), hexColor),
        fonts: z
          .array(z.object({ family: z.string().min(1), files: z.array(fontFile).min(1) }).strict())
          .min(1),
      })
      .strict(),
    materials: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/), material),
    output: z
      .object({
        dir: z.string().default('output'),
        kinds: z.array(z.enum(OUTPUT_KINDS)).default([...OUTPUT_KINDS]),
        png: z.object({ dpi: z.number().int().min(72).max(1200).default(300) }).strict().default({ dpi: 300 }),
        preview: z
          .object({ longSide: z.number().int().min(100).max(4000).default(1200) })
          .strict()
          .default({ longSide: 1200 }),
        marks: z
          .object({
            // Ghent Workgroup practice: marks start outside the bleed and are about 5–6 mm long.
            offset: z.number().min(0).max(20).default(2).describe('gap between the bleed edge and a crop mark, mm'),
            length: z.number().min(1).max(20).default(5).describe('crop mark length, mm'),
            weight: z.number().min(0.05).max(2).default(0.25).describe('crop mark line width, pt'),
          })
          .strict()
          .default({ offset: 2, length: 5, weight: 0.25 }),
        site: z.boolean().default(true).describe('write the downloads site to <dir>/site/ (README: "Downloads site")'),
        bundles: z.boolean().default(true).describe('write zip bundles to <dir>/bundles/: one per language and one for the print shop'),
      })
      .strict()
      .default({
        dir: 'output',
        kinds: [...OUTPUT_KINDS],
        png: { dpi: 300 },
        preview: { longSide: 1200 },
        marks: { offset: 2, length: 5, weight: 0.25 },
        site: true,
        bundles: true,
      }),
  })
  .strict();

export type ConfigInput = z.input<typeof configSchema>;
export type Config = z.output<typeof configSchema>;
export type MaterialConfig = z.output<typeof material>;
