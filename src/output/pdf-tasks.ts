/**
 * The PDF steps of a variant as plain-data tasks, so they can run in a worker thread (pipeline/pdf-pool.ts):
 * pdf-lib and fontkit are most of Node's CPU in a build, and on the main thread they kept Chromium's
 * requests (fonts, images) waiting for the event loop. Everything in and out is structured-clone data.
 */
import type { Geometry, MarkSettings } from '../compose/geometry.js';
import type { DocMeta } from './pdf-common.js';
import { pdfFontNames } from './pdf-fonts.js';
import { makePrintPdf } from './pdf-print.js';
import type { UaFinding } from './pdf-ua-check.js';
import { makeCheckedWebPdf } from './pdf-web.js';

export type PdfTask =
  | {
      kind: 'print';
      rendered: Uint8Array;
      geometry: Geometry;
      meta: DocMeta;
      marks: MarkSettings;
      /** the slug line of each page */
      slugs: string[];
      notice?: string;
      slugFont: Uint8Array;
    }
  | { kind: 'web'; rendered: Uint8Array; geometry: Geometry; meta: DocMeta }
  | { kind: 'fonts'; rendered: Uint8Array };

export interface PdfTaskResults {
  print: Uint8Array;
  web: { pdf: Uint8Array; findings: UaFinding[] };
  fonts: string[];
}

export async function runPdfTask(task: PdfTask): Promise<PdfTaskResults[PdfTask['kind']]> {
  switch (task.kind) {
    case 'print':
      return makePrintPdf(task.rendered, task.geometry, task.meta, {
        marks: task.marks,
        // slug-font.ts keeps one parsed font per content hash: a cloned array each task costs no new parse.
        slugFont: task.slugFont,
        slug: (page) => task.slugs[page - 1] ?? '',
        notice: task.notice,
      });
    case 'web':
      // With the PDF/UA-1 machine checks of what is written (output/pdf-ua-check.ts).
      return makeCheckedWebPdf(task.rendered, task.geometry, task.meta);
    case 'fonts':
      return pdfFontNames(task.rendered);
  }
}

/** Piscina calls the default export with each task. */
export default runPdfTask;
