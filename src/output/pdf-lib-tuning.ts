/**
 * Two hot spots of pdf-lib in lehtinen's builds, measured with `node --cpu-prof` on the example:
 *
 * - PDFName.of() runs a regular expression over every name it is given, and the parser asks for
 *   /Type, /Catalog, /Pages and /Page after every dictionary it reads: ~0.3 s of CPU for the example's
 *   PDFs, whose structure trees hold thousands of dictionaries. Memoised here per input string (pdf-lib
 *   keeps every PDFName for good anyway, so this holds nothing it would not).
 * - Streams pdf-lib makes itself (the content streams of drawn marks and slugs) are deflated with pako,
 *   which sets up its buffers for every stream, however small: ~0.17 s for the example's print PDFs.
 *   deflateOwnStreams() gives them to Node's zlib before saving, as pdf-common.ts does for the rest.
 */
import { deflateSync } from 'node:zlib';
import { PDFFlateStream, PDFName, PDFRawStream, type PDFDocument } from 'pdf-lib';

const names = new Map<string, PDFName>();
const of = PDFName.of.bind(PDFName);
PDFName.of = (name: string): PDFName => {
  let n = names.get(name);
  if (!n) names.set(name, (n = of(name)));
  return n;
};

export function deflateOwnStreams(doc: PDFDocument): void {
  for (const [ref, obj] of doc.context.enumerateIndirectObjects()) {
    if (obj instanceof PDFFlateStream && (obj as unknown as { encode: boolean }).encode) {
      // The dictionary already says /Filter /FlateDecode; the writer sets /Length.
      doc.context.assign(ref, PDFRawStream.of(obj.dict, deflateSync(obj.getUnencodedContents())));
    }
  }
}
