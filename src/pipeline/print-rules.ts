/**
 * check's print rules in `build` (the QR module size, check/qr-rule.ts): measured on the laid-out page
 * just before it is printed. Where a print PDF is written, a finding stops the build — `--allow-overflow`
 * covers overflowing text only, never an unscannable code. Proofs and screen-only builds get a warning.
 */
import type { Page } from 'puppeteer';
import { qrModuleProblem, type PrintedQr } from '../check/qr-rule.js';
import type { ComposedVariant } from '../compose/document.js';
import { LehtinenError } from '../errors.js';
import type { Problem } from '../problems.js';
import type { Workspace } from '../workspace/workspace.js';

export interface PrintRuleProbe {
  prepare: (page: Page) => Promise<void>;
  /** reports the findings, or throws the first one where it is an error in this build */
  apply(report: (p: Problem) => void): void;
}

export function printRuleProbe(ws: Workspace, c: ComposedVariant, o: { printPdf: boolean; proof: boolean }): PrintRuleProbe {
  let qrs: PrintedQr[] = [];
  return {
    prepare: async (page) => {
      qrs = await page.evaluate(measureQrs, c.qr.payload);
    },
    apply: (report) => {
      const { material, lang } = c.variant;
      for (const q of qrs) {
        const p = qrModuleProblem(ws, { id: c.variant.id, material, lang: lang.code }, c.qr, q);
        if (!p) continue;
        if (o.printPdf && !o.proof) {
          throw new LehtinenError('QR_MODULE_TOO_SMALL', p.message, {
            where: { file: p.file, key: p.key },
            hint: `${p.hint} No print file was written; --allow-overflow does not cover this.`,
          });
        }
        const { pages: _pages, hint: _hint, ...rest } = p;
        report({ ...rest, severity: 'warning' });
      }
    },
  };
}

/** Runs in the page. No named inner functions (esbuild's __name does not exist there). */
function measureQrs(payload: string): PrintedQr[] {
  const pages = [...document.querySelectorAll('.page')];
  const out: PrintedQr[] = [];
  for (const svg of document.querySelectorAll('svg[data-qr-payload]')) {
    if (svg.getAttribute('data-qr-payload') !== payload) continue;
    const r = svg.getBoundingClientRect();
    if (!r.width || !r.height) continue;
    out.push({ page: pages.findIndex((p) => p.contains(svg)) + 1, width: r.width, height: r.height });
  }
  return out;
}
