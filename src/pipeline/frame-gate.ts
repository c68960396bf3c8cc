/**
 * Frames in `build`: copy-fit and measure each variant's frames on the laid-out page just before it is
 * printed (browser/frames.ts), turn the figures into findings (check/frame-rules.ts), and decide what a
 * finding does to the build: an overflow stops the print PDF (unless --allow-overflow), a proof shows
 * it outlined in red instead, an image under 150 dpi is an error only where a print PDF is written.
 */
import type { Page } from 'puppeteer';
import { fitAndMeasureFrames, type FrameReport } from '../browser/frames.js';
import { frameProblems, OVERFLOW_CODES } from '../check/frame-rules.js';
import type { ComposedVariant } from '../compose/document.js';
import { mmToPx } from '../compose/geometry.js';
import { LehtinenError } from '../errors.js';
import type { Problem } from '../problems.js';

export interface FrameProbe {
  prepare: (page: Page) => Promise<void>;
  /** findings with the severity they have in this build, and (apart) those that stop it */
  findings(): { problems: Problem[]; blocking: Problem[] };
}

export function frameProbe(c: ComposedVariant, o: { printPdf: boolean; proof: boolean; allowOverflow: boolean }): FrameProbe {
  let report: FrameReport | undefined;
  return {
    prepare: async (page) => {
      report = await fitAndMeasureFrames(page, { bleedPx: mmToPx(c.geometry.bleed), safePx: mmToPx(c.geometry.safe), mark: o.proof });
    },
    findings: () => {
      if (!report) return { problems: [], blocking: [] };
      const { material, lang } = c.variant;
      const all = frameProblems({ variantId: c.variant.id, material: material.id, lang: lang.code, template: material.template }, report);
      const problems: Problem[] = [];
      const blocking: Problem[] = [];
      for (const p of all) {
        const { pages: _pages, ...rest } = p;
        const q: Problem = { ...rest };
        if (OVERFLOW_CODES.has(p.code)) {
          // Blocking findings are not reported twice: they become the build's error.
          if (o.printPdf && !o.proof && !o.allowOverflow) {
            blocking.push(q);
            continue;
          }
          q.severity = 'warning';
        } else if (p.code === 'IMAGE_RESOLUTION' && p.severity === 'error' && (!o.printPdf || o.proof)) {
          q.severity = 'warning';
        }
        problems.push(q);
      }
      return { problems, blocking };
    },
  };
}

export function overflowError(blocking: Problem[]): LehtinenError {
  const first = blocking[0]!;
  return new LehtinenError(
    'FRAME_OVERFLOW',
    blocking.length === 1 ? first.message : `${blocking.length} frames overflow; no print PDF was written`,
    {
      where: { file: first.file },
      details: blocking.length === 1 ? [] : blocking.map((p) => p.message),
      hint: 'Shorten the text, or let the template fit it (data-fit on the frame). `lehtinen build --proof` outlines the frames in red; --allow-overflow writes the print PDF anyway.',
    },
  );
}
