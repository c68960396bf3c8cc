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

import { OUTPUT_KINDS, type OutputKind } from './output-kinds.js';
export { OUTPUT_KINDS, type OutputKind };
/** What a build writes when neither the config nor --kind says: imposed sheets only on request. */
export const DEFAULT_KINDS: OutputKind[] = ['print-pdf', 'web-pdf', 'png', 'preview'];

const percent = z.number().min(0).max(100);

/** Print production (docs/print-production.md): CMYK PDF/X conversion with Ghostscript. */
const cmykOutput = z
  .object({
    enabled: z.boolean().default(false).describe('write print PDFs (and sheets) as CMYK PDF/X; --cmyk turns it on for one build'),
    profile: z
      .string()
      .min(1)
      .default('fogra39')
      .describe('CMYK output profile: fogra39 (built in), ghostscript-default, or the path of the print shop\'s .icc in the workspace'),
    pdfx: z.enum(['x4', 'x1a']).default('x4').describe('PDF/X-4 (keeps transparency) or PDF/X-1a (PDF 1.3, transparency flattened)'),
    black: z
      .object({
        kOnly: z.boolean().default(true).describe('near-black text and lines and pure black (QR codes) print in 100 K only; false: through the profile (four-ink rich black)'),
        maxLightness: z.number().min(0).max(50).default(15).describe('CIE L* (0 black … 100 white) up to which a text or line colour counts as near-black'),
        overprint: z.boolean().default(true).describe('100 K overprints (no white gap in a coloured background)'),
      })
      .strict()
      .default({ kOnly: true, maxLightness: 15, overprint: true })
      .describe('black in CMYK print files (docs/print-production.md "Black"); brand.cmyk values win over it'),
    inkLimit: z.number().min(200).max(400).optional().describe('total area coverage limit for the preflight, per cent (default 300, the usual limit for FOGRA39 coated offset)'),
  })
  .strict();

/** Imposition of small materials on press sheets (--kind sheet). */
const sheetOutput = z
  .object({
    sizes: z
      .record(z.string().regex(/^[a-z0-9-]+$/), z.tuple([mm, mm]))
      .default({ a4: [210, 297], sra3: [320, 450] })
      .describe('sheet sizes [width, height] in mm, portrait; each gets its own best-fit file'),
    materials: z.array(z.string()).default(['card', 'bookmark']).describe('materials that are imposed'),
    gutter: z.number().min(0).max(50).default(8).describe('space between the bleed edges of neighbouring items, mm'),
    margin: z.number().min(0).max(50).default(10).describe('unprinted sheet edge (gripper), mm'),
    mixLanguages: z.boolean().default(false).describe('one sheet with the languages in turn instead of one sheet per language'),
  })
  .strict();

const contact = z
  .object({
    phone: z.string().optional(),
    email: z.string().email().optional(),
    url: httpsUrl.optional(),
  })
  .strict();

const contentId = z.string().regex(/^[a-z][a-z0-9-]*$/, 'lower-case letters, digits and hyphens; it names the texts in the locale files');

/** A help line (docs/content-model.md): its label and notes are common:help.lines.<id>.label / .note / .detail. */
const helpline = z
  .object({
    id: contentId,
    phone: z.string().min(1).describe('the number as printed, e.g. "080 005 005"'),
    url: httpsUrl.optional(),
    highlight: z.boolean().default(false).describe('also shown in the highlighted box of the brochure and the note on the card'),
  })
  .strict();

/** A contact person: the role per language is common:people.<id>.role. */
const person = z
  .object({
    id: contentId,
    name: z.string().min(1).optional().describe('the name as printed (not translated)'),
    phone: z.string().optional(),
    email: z.string().email().optional(),
  })
  .strict();

/** A funder: logo (optional) plus the statement per language, common:funders.<id>. */
const funder = z
  .object({
    id: contentId,
    logo: relPath.optional().describe('an SVG or PNG in the workspace, e.g. the EU emblem'),
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
    contacts: z.record(z.string(), contact).default({}).describe('named addresses for custom templates ({{contacts.<id>.phone}})'),
    helplines: z.array(helpline).default([]).describe('help lines printed by the default templates, in this order (none: the block is left out)'),
    people: z.array(person).default([]).describe('contact people printed by the default templates, in this order'),
    funders: z.array(funder).default([]).describe('funders: logo and statement (common:funders.<id>), in this order'),
    brand: z
      .object({
        colors: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/), hexColor),
        cmyk: z
          .record(z.string(), z.union([z.tuple([percent, percent, percent, percent]), z.literal('profile')], {
            error: 'write [C, M, Y, K] in per cent (0–100 each), e.g. [75, 90, 0, 45], or "profile" to convert the colour through the output profile',
          }))
          .optional()
          .describe('exact CMYK (per cent) for brand colours named in colors, used in CMYK print files; "profile": convert through the output profile even when near-black'),
        fonts: z
          .array(z.object({ family: z.string().min(1), files: z.array(fontFile).min(1) }).strict())
          .min(1),
      })
      .strict()
      .superRefine((b, ctx) => {
        for (const name of Object.keys(b.cmyk ?? {})) {
          if (!(name in b.colors)) ctx.addIssue({ code: 'custom', path: ['cmyk', name], message: `"${name}" is not one of brand.colors; give CMYK values only for named brand colours` });
        }
      }),
    materials: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/), material),
    output: z
      .object({
        dir: z.string().default('output'),
        kinds: z.array(z.enum(OUTPUT_KINDS)).default([...DEFAULT_KINDS]),
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
        site: z.boolean().default(true).describe('write the downloads site to <dir>/site/ (docs/site.md)'),
        bundles: z.boolean().default(true).describe('write zip bundles to <dir>/bundles/: one per language and one for the print shop'),
        cmyk: cmykOutput.default({ enabled: false, profile: 'fogra39', pdfx: 'x4', black: { kOnly: true, maxLightness: 15, overprint: true } }),
        sheets: sheetOutput.default({ sizes: { a4: [210, 297], sra3: [320, 450] }, materials: ['card', 'bookmark'], gutter: 8, margin: 10, mixLanguages: false }),
      })
      .strict()
      .default({
        dir: 'output',
        kinds: [...DEFAULT_KINDS],
        png: { dpi: 300 },
        preview: { longSide: 1200 },
        marks: { offset: 2, length: 5, weight: 0.25 },
        site: true,
        bundles: true,
        cmyk: { enabled: false, profile: 'fogra39', pdfx: 'x4', black: { kOnly: true, maxLightness: 15, overprint: true } },
        sheets: { sizes: { a4: [210, 297], sra3: [320, 450] }, materials: ['card', 'bookmark'], gutter: 8, margin: 10, mixLanguages: false },
      }),
  })
  .strict();

export type ConfigInput = z.input<typeof configSchema>;
export type Config = z.output<typeof configSchema>;
export type MaterialConfig = z.output<typeof material>;
