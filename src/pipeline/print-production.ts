/**
 * Print production steps of a build: CMYK PDF/X conversion of print files (output.cmyk, --cmyk) and
 * imposed sheets (--kind sheet). Kept out of build.ts, which only calls in here.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import pLimit from 'p-limit';
import { bleedBoxMm } from '../compose/geometry.js';
import { LehtinenError } from '../errors.js';
import { colourMap, type ColourMap } from '../output/colour-rewrite.js';
import { lightness, type BlackOptions } from '../output/k-black.js';
import type { Manifest } from '../output/manifest.js';
import { PREFLIGHT } from '../preflight/report.js';
import { PreflightStep, type PreflightTarget } from '../preflight/step.js';
import { resolveProfile, type IccProfile } from '../output/icc-profile.js';
import type { SheetSource } from '../output/impose.js';
import { fileEntryFor, type ManifestFile, type ManifestVariant } from '../output/manifest.js';
import type { DocMeta } from '../output/pdf-common.js';
import { convertToPdfX, GS_MISSING_HINT, ghostscriptVersion, type PdfxLevel } from '../output/pdfx.js';
import { bestLayout } from '../output/sheet-layout.js';
import type { Staging } from '../output/staging.js';
import type { Problem } from '../problems.js';
import type { Config } from '../workspace/config-schema.js';
import type { Workspace } from '../workspace/workspace.js';

export type ColourInfo = NonNullable<ManifestFile['colour']>;

/**
 * What the CMYK conversion does with colours: exact brand CMYK (brand.cmyk) and paper white first, then
 * pure black and near-black text and lines to 100 K (output.cmyk.black, k-black.ts). A colour the config
 * decides about (exact values, or "profile") is left to it.
 */
export function cmykColourRules(config: Pick<Config, 'brand' | 'output'>): { brand: ColourMap; black?: BlackOptions } {
  const colors = config.brand.colors;
  const given = Object.entries(config.brand.cmyk ?? {});
  const decided = new Set(given.map(([name]) => colors[name]!.toLowerCase()));
  const black = config.output.cmyk.black;
  const brand = colourMap([
    // Unprinted paper stays without ink rather than becoming a faint tint through the profile.
    ['#ffffff', [0, 0, 0, 0]],
    // Pure black (QR modules) prints in the black plate only (k-black.ts makes 100 K overprint).
    ...(black.kOnly && !decided.has('#000000') ? [['#000000', [0, 0, 0, 100]] as [string, number[]]] : []),
    ...given.flatMap(([name, v]) => (Array.isArray(v) ? [[colors[name]!, v] as [string, number[]]] : [])),
  ]);
  if (!black.kOnly && !black.overprint) return { brand };
  return {
    brand,
    black: {
      nearBlack: (hex) => black.kOnly && !decided.has(hex) && lightness(hex) <= black.maxLightness,
      overprint: black.overprint,
    },
  };
}

/**
 * Converts print files to CMYK PDF/X when asked. Without Ghostscript it warns once (with how to install
 * it) and lets the RGB file through, so a build never loses its print PDFs over a missing tool.
 */
export class CmykStep {
  private ready?: Promise<{ profile: IccProfile; gs: boolean; preflight: PreflightStep }>;
  private warned = false;
  // One Ghostscript per core: conversions start as renders finish and would otherwise pile up.
  private readonly slots = pLimit(Math.max(1, availableParallelism()));
  readonly level: PdfxLevel;
  private readonly brand: ColourMap;
  private readonly black?: BlackOptions;

  constructor(
    private readonly ws: Workspace,
    readonly enabled: boolean,
    private readonly problem: (p: Problem) => void,
  ) {
    this.level = ws.config.output.cmyk.pdfx;
    ({ brand: this.brand, black: this.black } = cmykColourRules(ws.config));
  }

  private init() {
    this.ready ??= (async () => {
      const version = await ghostscriptVersion();
      const cfg = this.ws.config.output.cmyk;
      return {
        profile: await resolveProfile(cfg.profile, this.ws.root),
        gs: version !== undefined,
        preflight: new PreflightStep(cfg.profile, cfg.inkLimit, version),
      };
    })();
    return this.ready;
  }

  /**
   * output/preflight.json for the CMYK print PDFs in the manifest (preflight/step.ts); throws
   * PREFLIGHT_FAILED when a file of this build fails, unless `allow`.
   */
  async finishPreflight(manifest: Manifest, staging: Staging, outDir: string, allow: boolean): Promise<void> {
    const cfg = this.ws.config.output.cmyk;
    // Without --cmyk nothing is measured, and an RGB-only output gets no report; a report an earlier
    // CMYK build left is rewritten to follow the manifest (files now RGB drop out, CMYK ones keep their results).
    if (!this.enabled && !existsSync(path.join(outDir, PREFLIGHT))) return;
    const preflight = this.enabled ? (await this.init()).preflight : new PreflightStep(cfg.profile, cfg.inkLimit);
    await preflight.finish(manifest, staging, outDir, { allow, problem: this.problem });
  }

  /** The file to write and, when it was converted, what the manifest records about its colour. */
  async apply(pdf: Uint8Array, what: string, target?: PreflightTarget): Promise<{ pdf: Uint8Array; colour?: ColourInfo }> {
    if (!this.enabled) return { pdf };
    const { profile, gs, preflight } = await this.init();
    if (!gs) {
      if (!this.warned) {
        this.warned = true;
        this.problem({ severity: 'warning', code: 'GS_MISSING', message: `CMYK PDF/X skipped (${what} and the rest): Ghostscript (gs) was not found. ${GS_MISSING_HINT}` });
      }
      return { pdf };
    }
    try {
      const r = await this.slots(async () => {
        const c = await convertToPdfX(pdf, { profile, level: this.level, brand: this.brand, black: this.black });
        // Measured on the file as written: its content streams and Ghostscript's separations.
        if (target) await preflight.check(c.pdf, target, profile.name);
        return c;
      });
      if (r.rgbLeft.length) {
        this.problem({
          severity: 'warning',
          code: 'CMYK_RGB_LEFT',
          message: `${what}: RGB left after the CMYK conversion (${r.rgbLeft.slice(0, 3).join('; ')}${r.rgbLeft.length > 3 ? '; …' : ''}); the print shop's preflight will reject it`,
        });
      }
      return {
        pdf: r.pdf,
        colour: { space: 'CMYK', pdfx: this.level === 'x4' ? 'PDF/X-4' : 'PDF/X-1a:2001', profile: profile.name, profileFile: profile.path.split(/[\\/]/).pop()! },
      };
    } catch (e) {
      if (e instanceof LehtinenError && e.code === 'GS_MISSING') {
        this.warned = true;
        this.problem({ severity: 'warning', code: 'GS_MISSING', message: `CMYK PDF/X skipped for ${what}: ${e.message}. ${GS_MISSING_HINT}` });
        return { pdf };
      }
      throw e;
    }
  }
}

export interface SheetContext {
  staging: Staging;
  cmyk: CmykStep;
  slugFont: Uint8Array;
  date: Date;
  meta: (material: string, langs: string[]) => DocMeta;
  problem: (p: Problem) => void;
}

/**
 * Imposes the print PDFs of the materials named in output.sheets.materials on every configured sheet
 * size and adds the files to the variants' manifest entries. `prints` holds the RGB print PDFs by
 * "material-lang"; the sheet is converted to CMYK as a whole, like a print file.
 */
export async function writeSheets(ws: Workspace, entries: ManifestVariant[], prints: Map<string, Uint8Array>, x: SheetContext): Promise<void> {
  const cfg = ws.config.output.sheets;
  const settings = { gutter: cfg.gutter, margin: cfg.margin, marks: ws.config.output.marks };
  const campaign = ws.config.campaign;
  const day = x.date.toISOString().slice(0, 10);
  for (const material of ws.materials) {
    if (!cfg.materials.includes(material.id)) continue;
    const variants = entries.filter((e) => e.material === material.id && prints.has(`${e.material}-${e.lang}`));
    if (!variants.length) continue;
    // One sheet per language, or one sheet with the languages in turn.
    const groups = cfg.mixLanguages ? [variants] : variants.map((v) => [v]);
    for (const group of groups) {
      const sources: SheetSource[] = group.map((v) => ({ lang: v.lang, pdf: prints.get(`${v.material}-${v.lang}`)! }));
      const drafts = group.filter((v) => (v.strings.draft ?? 0) + (v.strings.outdated ?? 0) > 0).map((v) => v.lang);
      for (const [size, [w, h]] of Object.entries(cfg.sizes)) {
        const sheetSize: [number, number] = [Math.min(w, h), Math.max(w, h)];
        const layout = bestLayout({ name: size, size: sheetSize }, { trim: material.trim, bleed: material.bleed }, settings);
        if (!layout.slots.length) {
          const [bw, bh] = bleedBoxMm({ trim: material.trim, bleed: material.bleed, safe: 0, pages: material.pages });
          // Not imposed on this size; the other sizes still are.
          x.problem({
            severity: 'warning',
            code: 'SHEET_TOO_SMALL',
            material: material.id,
            message: `${material.id}: a ${bw} × ${bh} mm item (with bleed) does not fit on ${size} (${w} × ${h} mm) with ${cfg.margin} mm margins`,
            file: 'lehtinen.config.yaml',
            key: `output.sheets.sizes.${size}`,
          });
          continue;
        }
        // Imposition (pdf-lib's fontkit for the slug) loads only in a build with sheets.
        const { imposeSheet, slotLanguages } = await import('../output/impose.js');
        const langs = slotLanguages(layout, sources.map((s) => s.lang));
        const n = layout.slots.length;
        const rgb = await imposeSheet(layout, {
          settings,
          sources,
          slugFont: x.slugFont,
          meta: x.meta(material.id, [...new Set(langs)]),
          slug: (side) =>
            `${campaign.id} ${campaign.version} · ${material.id} · ${[...new Set(langs)].join(', ')} · ${size.toUpperCase()} ${n}-up (${layout.cols}×${layout.rows}${layout.rotated ? ', turned 90°' : ''}) · ${side}${side === 'back' ? ' (turn on the long edge)' : ''} · ${day}` +
            (drafts.length ? ` · DRAFT (${drafts.join(', ')}): not for final print` : ''),
        });
        const { pdf, colour } = await x.cmyk.apply(rgb, `${material.id} sheet ${size}`);
        const first = group[0]!;
        const name = cfg.mixLanguages
          ? `sheets/${campaign.id}-${material.id}-${group.map((v) => v.lang).join('-')}-sheet-${size}.pdf`
          : `${first.lang}/${material.id}/${campaign.id}-${material.id}-${first.lang}-sheet-${size}.pdf`;
        await x.staging.write(name, pdf);
        first.files.push(
          fileEntryFor('sheet', name, pdf, {
            colour,
            sheet: { size, sizeMm: sheetSize, cols: layout.cols, rows: layout.rows, rotated: layout.rotated, langs },
          }),
        );
      }
    }
  }
}

