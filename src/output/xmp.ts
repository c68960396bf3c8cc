/**
 * XMP metadata packets (XMP Part 1 §7.3) for the PDFs lehtinen writes: the web PDF's PDF/UA
 * identification and the print PDF's PDF/X identification share the envelope, the escaping and the way
 * the packet is attached. The stream stays uncompressed so that any tool can find the packet by scanning
 * the file (XMP Part 3 §1.1).
 */
import { PDFName, type PDFDocument } from 'pdf-lib';

/** Text for XML element content and attribute values. */
export const xmlText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Set the catalog's /Metadata to one rdf:Description with the dc, xmp and pdf namespaces, the `extra`
 * namespaces (prefix → URI) and the given property elements (already escaped XML, one per entry).
 */
export function setXmpMetadata(doc: PDFDocument, extra: Record<string, string>, properties: string[]): void {
  const ns = {
    dc: 'http://purl.org/dc/elements/1.1/',
    xmp: 'http://ns.adobe.com/xap/1.0/',
    pdf: 'http://ns.adobe.com/pdf/1.3/',
    ...extra,
  };
  const packet = `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
${Object.entries(ns)
  .map(([prefix, uri]) => `    xmlns:${prefix}="${uri}"`)
  .join('\n')}>
${properties.map((p) => `   ${p}`).join('\n')}
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
  const stream = doc.context.stream(new TextEncoder().encode(packet), { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(stream));
}
