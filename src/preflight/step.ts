/**
 * The preflight as a build step: each CMYK print PDF is measured right after its conversion, and at
 * the end of the build output/preflight.json covers every CMYK print PDF the manifest lists (files
 * reused from an earlier build keep their earlier result when their SHA-256 is the same, and are
 * measured now when not). A fail in a file of this build stops the build unless --allow-preflight.
 */
import { buildDate } from '../pipeline/build-date.js';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { LehtinenError } from '../errors.js';
import type { Manifest } from '../output/manifest.js';
import type { Staging } from '../output/staging.js';
import type { Problem } from '../problems.js';
import { VERSION } from '../version.js';
import { preflightPdf } from './preflight.js';
import { PREFLIGHT, readPreflight, worstStatus, type PreflightFile, type PreflightReport } from './report.js';
import { DEFAULT_LIMITS, tacLimitFor, type Limits } from './rules.js';

export interface PreflightTarget {
  path: string;
  variant: string;
  material: string;
  lang: string;
}

export class PreflightStep {
  readonly limits: Limits;
  private readonly fresh = new Map<string, PreflightFile>();

  constructor(
    profileSetting: string,
    inkLimit: number | undefined,
    private readonly gsVersion?: string,
  ) {
    this.limits = { ...DEFAULT_LIMITS, tac: inkLimit ?? tacLimitFor(profileSetting) };
  }

  async check(pdf: Uint8Array, t: PreflightTarget, profile: string): Promise<PreflightFile> {
    const r = await preflightPdf(pdf, this.limits);
    const entry: PreflightFile = {
      path: t.path,
      sha256: createHash('sha256').update(pdf).digest('hex'),
      variant: t.variant,
      material: t.material,
      lang: t.lang,
      kind: 'print-pdf',
      profile,
      checked: buildDate().toISOString(),
      pages: r.pages,
      status: r.status,
      rules: r.rules,
      coverage: r.coverage,
    };
    this.fresh.set(t.path, entry);
    return entry;
  }

  /**
   * Writes preflight.json for the manifest's CMYK print PDFs. Returns the files of this build that fail;
   * with `allow` they are reported as warnings, otherwise the caller's build fails.
   */
  async finish(manifest: Manifest, staging: Staging, outDir: string, o: { allow: boolean; problem: (p: Problem) => void }): Promise<void> {
    const previous = await readPreflight(outDir);
    const files: PreflightFile[] = [];
    for (const v of manifest.variants) {
      for (const f of v.files) {
        if (f.kind !== 'print-pdf' || !f.colour) continue;
        const mine = this.fresh.get(f.path);
        if (mine) {
          files.push(mine);
          continue;
        }
        const old = previous?.files.find((x) => x.path === f.path && x.sha256 === f.sha256);
        if (old) {
          files.push(old);
          continue;
        }
        try {
          const pdf = await readFile(path.join(outDir, f.path));
          files.push(await this.check(pdf, { path: f.path, variant: `${v.material}-${v.lang}`, material: v.material, lang: v.lang }, f.colour.profile));
        } catch {
          // A file the manifest lists but the folder lacks is the manifest's problem, not the preflight's.
        }
      }
    }
    const report: PreflightReport = {
      tool: 'lehtinen',
      version: VERSION,
      // SOURCE_DATE_EPOCH when set, so a reproducible build's report is byte-identical too.
      generated: buildDate().toISOString(),
      status: worstStatus(files),
      limits: { ...this.limits },
      tools: this.gsVersion ? { ghostscript: this.gsVersion } : {},
      files,
      ...(files.length ? {} : { note: 'no CMYK print PDF: the ink rules apply to files built with --cmyk (output.cmyk.enabled)' }),
    };
    await staging.write(PREFLIGHT, JSON.stringify(report, null, 2) + '\n');
    const failing = files.filter((f) => this.fresh.has(f.path) && f.status === 'fail');
    const lines = failing.flatMap((f) =>
      f.rules
        .filter((r) => r.status === 'fail')
        .map((r) => {
          const first = r.findings[0];
          const at = first ? ` — first: page ${first.page} at ${first.xMm}, ${first.yMm} mm: ${first.message}` : '';
          return `${f.variant} (${f.path}): ${r.title}: ${r.measured}; limit: ${r.limit}${at}`;
        }),
    );
    for (const f of files.filter((x) => this.fresh.has(x.path))) {
      for (const r of f.rules.filter((x) => x.status === 'warn' || (o.allow && x.status === 'fail'))) {
        const [material, lang] = [f.material, f.lang];
        o.problem({ severity: 'warning', code: 'PREFLIGHT', material, lang, message: `${f.variant} print PDF: ${r.title} (${r.status}): ${r.measured}; limit: ${r.limit}` });
      }
    }
    if (failing.length && !o.allow) {
      throw new LehtinenError('PREFLIGHT_FAILED', `${failing.length} CMYK print PDF(s) fail the preflight; nothing was written`, {
        details: lines,
        hint: 'Give the brand colour an exact CMYK in brand.cmyk, or fix the template (docs/print-production.md "Preflight"); --allow-preflight writes the files anyway (output/preflight.json lists every finding).',
      });
    }
  }
}
