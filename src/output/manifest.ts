/**
 * output/manifest.json: the contract other tools, the downloads site and the tests read. Paths are
 * relative to the output folder; each file has its size and SHA-256.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { OUTPUT_KINDS } from '../workspace/config-schema.js';

const fileEntry = z.object({
  kind: z.enum(OUTPUT_KINDS),
  page: z.number().int().positive().optional(),
  path: z.string(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** pixel size of images */
  px: z.tuple([z.number().int(), z.number().int()]).optional(),
  /** print files converted to CMYK (output.cmyk / --cmyk): the PDF/X version and the output profile */
  colour: z.object({ space: z.literal('CMYK'), pdfx: z.string(), profile: z.string(), profileFile: z.string() }).optional(),
  /** imposed sheets (kind sheet): sheet size, items per side, languages in slot order (a mixed-language
   * sheet is listed under the variant of the first language on it) */
  sheet: z
    .object({ size: z.string(), sizeMm: z.tuple([z.number(), z.number()]), cols: z.number().int(), rows: z.number().int(), rotated: z.boolean(), langs: z.array(z.string()) })
    .optional(),
});

const variantEntry = z.object({
  material: z.string(),
  lang: z.string(),
  title: z.string(),
  trimMm: z.tuple([z.number(), z.number()]),
  bleedMm: z.number(),
  pages: z.number().int().positive(),
  qr: z.string(),
  /** how the strings of this variant were answered: counts per status */
  strings: z.record(z.string(), z.number().int()),
  files: z.array(fileEntry),
});

/** A zip of built files: one per language (web PDFs + previews) and one for the print shop. */
const bundleEntry = z.object({
  id: z.string(),
  kind: z.enum(['language', 'print']),
  lang: z.string().optional(),
  path: z.string(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** manifest paths of the files inside, in zip order */
  files: z.array(z.string()),
});

export const manifestSchema = z.object({
  tool: z.literal('lehtinen'),
  version: z.string(),
  generated: z.string(),
  workspace: z.object({ organisation: z.string(), campaign: z.string(), version: z.string(), baseUrl: z.string() }),
  /** a proof build (lehtinen build --proof): marked strings, "-proof" file names; never for print */
  proof: z.boolean().optional(),
  /** hyphenation: the engine that hyphenated the language's text ("voikko 4.3.1", "patterns hyphen/fi", "exceptions only") */
  languages: z.array(z.object({ code: z.string(), name: z.string(), hyphenation: z.string().optional() })),
  variants: z.array(variantEntry),
  /** written by src/site/bundles.ts; absent when output.bundles is off */
  bundles: z.array(bundleEntry).optional(),
  /** the downloads site's folder (relative), absent when output.site is off */
  site: z.string().optional(),
});

export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestVariant = z.infer<typeof variantEntry>;
export type ManifestFile = z.infer<typeof fileEntry>;
export type ManifestBundle = z.infer<typeof bundleEntry>;

export const MANIFEST = 'manifest.json';

export function fileEntryFor(kind: ManifestFile['kind'], rel: string, data: Uint8Array, extra: Partial<ManifestFile> = {}): ManifestFile {
  return {
    kind,
    ...(extra.page ? { page: extra.page } : {}),
    path: rel,
    bytes: data.byteLength,
    sha256: createHash('sha256').update(data).digest('hex'),
    ...(extra.px ? { px: extra.px } : {}),
    ...(extra.colour ? { colour: extra.colour } : {}),
    ...(extra.sheet ? { sheet: extra.sheet } : {}),
  };
}

export async function readManifest(outDir: string): Promise<Manifest | undefined> {
  const p = path.join(outDir, MANIFEST);
  if (!existsSync(p)) return undefined;
  try {
    const parsed = manifestSchema.safeParse(JSON.parse(await readFile(p, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A partial build (--lang, --material, --kind) keeps what it did not touch: entries of other variants,
 * and files of other kinds of a rebuilt variant, as long as those files are still on disk.
 */
export function mergeManifest(prev: Manifest | undefined, next: Manifest, outDir: string, order: string[]): Manifest {
  const key = (v: ManifestVariant) => `${v.material}-${v.lang}`;
  const exists = (f: ManifestFile) => existsSync(path.join(outDir, f.path));
  const byKey = new Map((prev?.variants ?? []).map((v) => [key(v), v]));
  for (const v of next.variants) {
    const old = byKey.get(key(v));
    const rebuilt = new Set(v.files.map((f) => f.kind));
    const keptFiles = (old?.files ?? []).filter((f) => !rebuilt.has(f.kind) && exists(f));
    byKey.set(key(v), { ...v, files: [...v.files, ...keptFiles].sort(byKindAndPage) });
  }
  const all = [...byKey.values()].filter((v) => v.files.every(exists) || next.variants.some((n) => key(n) === key(v)));
  all.sort((a, b) => rank(order, key(a)) - rank(order, key(b)));
  return { ...next, variants: all };
}

function byKindAndPage(a: ManifestFile, b: ManifestFile): number {
  return OUTPUT_KINDS.indexOf(a.kind) - OUTPUT_KINDS.indexOf(b.kind) || (a.page ?? 0) - (b.page ?? 0);
}

function rank(order: string[], k: string): number {
  const i = order.indexOf(k);
  return i === -1 ? order.length : i;
}
