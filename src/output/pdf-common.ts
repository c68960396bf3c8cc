/** Shared PDF steps: load Chromium's PDF, keep only the material's pages, write document metadata. */
import { PDFDocument } from 'pdf-lib';
import { VERSION } from '../version.js';

export interface DocMeta {
  title: string;
  lang: string;
  author: string;
  subject: string;
  keywords: string[];
  /** Chromium's version string, recorded as part of the producer */
  engine: string;
  date: Date;
}

export async function loadRendered(bytes: Uint8Array, expectedPages: number): Promise<PDFDocument> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  // Chromium sometimes ends a document with an empty page (puppeteer#683, vivliostyle-cli#312).
  while (doc.getPageCount() > expectedPages) doc.removePage(doc.getPageCount() - 1);
  return doc;
}

export function writeMeta(doc: PDFDocument, m: DocMeta): void {
  doc.setTitle(m.title, { showInWindowTitleBar: true });
  doc.setLanguage(m.lang);
  doc.setAuthor(m.author);
  doc.setSubject(m.subject);
  doc.setKeywords(m.keywords);
  doc.setCreator(`lehtinen ${VERSION}`);
  doc.setProducer(`lehtinen ${VERSION} with ${m.engine} and pdf-lib`);
  doc.setCreationDate(m.date);
  doc.setModificationDate(m.date);
}

export function savePdf(doc: PDFDocument): Promise<Uint8Array> {
  // Classic xref tables: some prepress tools still choke on object streams in PDF 1.4 headers.
  return doc.save({ useObjectStreams: false, updateFieldAppearances: false });
}
