/**
 * The web PDF: the same tagged document Chromium wrote, with each page cut to the trim box (MediaBox =
 * CropBox = trim), so screens show exactly the finished leaflet. The structure tree is kept (pdf-lib
 * keeps it on load/save; pdf-lib#402 only loses it when pages are copied) and finished for PDF/UA-1
 * in pdf-accessible.ts.
 */
import type { PDFDocument } from 'pdf-lib';
import { bleedBoxMm, mmToPt, type Geometry } from '../compose/geometry.js';
import { makeAccessible } from './pdf-accessible.js';
import { loadRendered, savePdf, writeMeta, type DocMeta } from './pdf-common.js';
import { checkSavedPdfUa, type UaFinding } from './pdf-ua-check.js';

/** The web PDF and its PDF/UA-1 findings (pdf-ua-check.ts), checked on the document just saved. */
export async function makeCheckedWebPdf(rendered: Uint8Array, g: Geometry, meta: DocMeta): Promise<{ pdf: Uint8Array; findings: UaFinding[] }> {
  const doc = await webDoc(rendered, g, meta);
  const pdf = await savePdf(doc);
  return { pdf, findings: checkSavedPdfUa(doc, pdf) };
}

async function webDoc(rendered: Uint8Array, g: Geometry, meta: DocMeta): Promise<PDFDocument> {
  const doc = await loadRendered(rendered, g.pages);
  const [tw, th] = g.trim.map(mmToPt) as [number, number];
  const b = mmToPt(g.bleed);
  const bh = mmToPt(bleedBoxMm(g)[1]);
  for (const page of doc.getPages()) {
    // Chromium anchors content at the page's top-left; the overscan lies right and below.
    const top = page.getMediaBox().y + page.getMediaBox().height;
    const x = b;
    const y = top - bh + b;
    page.setMediaBox(x, y, tw, th);
    page.setCropBox(x, y, tw, th);
    page.setTrimBox(x, y, tw, th);
  }
  writeMeta(doc, meta);
  makeAccessible(doc, meta);
  return doc;
}
