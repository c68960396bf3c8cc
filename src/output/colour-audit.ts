/**
 * After the CMYK conversion: is any RGB left? Looks at every object (colour space names and arrays,
 * ICC profiles with three components, image colour spaces) and at the colour operators of every page and
 * form XObject. Ghostscript should leave none; a template feature it cannot convert would show up here
 * instead of at the print shop's preflight.
 */
import { decodePDFRawStream, PDFArray, PDFDict, PDFName, PDFRawStream, PDFRef, type PDFDocument, type PDFObject } from 'pdf-lib';
import { parseContent } from './content-stream.js';

const RGB_NAMES = new Set(['/DeviceRGB', '/CalRGB', '/RGB']);

export function rgbLeft(doc: PDFDocument): string[] {
  const found = new Set<string>();
  const pageContents = new Set(
    doc.getPages().flatMap((p) => {
      const c = p.node.get(PDFName.of('Contents'));
      return (c instanceof PDFArray ? c.asArray() : [c]).filter((r): r is PDFRef => r instanceof PDFRef).map((r) => r.objectNumber);
    }),
  );
  const visit = (o: PDFObject | undefined, where: string) => {
    if (o instanceof PDFName && RGB_NAMES.has(o.asString())) found.add(`${o.asString()} in ${where}`);
    else if (o instanceof PDFArray) {
      const head = o.lookup(0);
      if (head instanceof PDFName && head.asString() === '/ICCBased') {
        const icc = o.lookup(1);
        if (icc instanceof PDFRawStream && icc.dict.lookup(PDFName.of('N'))?.toString() === '3') found.add(`ICCBased profile with 3 components in ${where}`);
      }
      for (let i = 0; i < o.size(); i++) visit(o.get(i), where);
    } else if (o instanceof PDFDict) {
      for (const [, v] of o.entries()) visit(v, where);
    }
  };
  for (const [ref, obj] of doc.context.enumerateIndirectObjects()) {
    const where = `object ${ref.objectNumber}`;
    if (obj instanceof PDFRawStream) {
      visit(obj.dict, where);
      const type = obj.dict.lookup(PDFName.of('Subtype'))?.toString();
      const isContent = type === '/Form' || pageContents.has(ref.objectNumber);
      if (isContent) {
        for (const op of parseContent(decodePDFRawStream(obj).decode())) {
          if (op.op === 'rg' || op.op === 'RG') found.add(`${op.op} operator in ${where}`);
        }
      }
    } else visit(obj, where);
  }
  return [...found];
}

