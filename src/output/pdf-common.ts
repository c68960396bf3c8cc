/** Shared PDF steps: load Chromium's PDF, keep only the material's pages, write document metadata. */
import { createHash } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFString, type PDFContext, type PDFObject, type PDFStream } from 'pdf-lib';
import { VERSION } from '../version.js';
import { deflateOwnStreams } from './pdf-lib-tuning.js';

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
  stableNodeIds(doc);
  return doc;
}

/**
 * Chromium names tagged elements it refers to (table headers) by their DOM node id, "node00000041".
 * Node ids count on across documents in one page, so they depend on what the page rendered before
 * (the pool, the order of a build): renumbered here by rank, so the same document gives the same
 * bytes in any build. Rank keeps their order, which the structure tree's /IDTree (a sorted name tree)
 * relies on.
 */
export function stableNodeIds(doc: PDFDocument): void {
  const NODE = /^node(\d+)$/;
  const seen = new Set<number>();
  const holders: { in: PDFDict | PDFArray | PDFRef; key: PDFName | number; n: number; hex: boolean }[] = [];
  const visit = (o: PDFObject | undefined, holder: PDFDict | PDFArray | PDFRef, key: PDFName | number) => {
    // most values are numbers, references and names (font widths, the parent tree): classes without subclasses
    const kind = o?.constructor;
    if (kind === PDFNumber || kind === PDFRef || kind === PDFName) return;
    if (o instanceof PDFString || o instanceof PDFHexString) {
      const m = mayBeNodeId(o) ? NODE.exec(o.decodeText()) : null;
      if (m) {
        const n = Number(m[1]);
        seen.add(n);
        holders.push({ in: holder, key, n, hex: o instanceof PDFHexString });
      }
    } else if (o instanceof PDFDict) {
      for (const [k, v] of o.entries()) visit(v, o, k);
    } else if (o instanceof PDFArray) {
      const items = o.asArray();
      for (let i = 0; i < items.length; i++) visit(items[i], o, i);
    }
  };
  for (const [ref, o] of doc.context.enumerateIndirectObjects()) visit(o, ref, 0);
  if (!holders.length) return;
  const rank = new Map([...seen].sort((a, b) => a - b).map((n, i) => [n, i + 1]));
  for (const h of holders) {
    const text = `node${String(rank.get(h.n)).padStart(8, '0')}`;
    const v = h.hex ? PDFHexString.fromText(text) : PDFString.of(text);
    if (h.in instanceof PDFRef) doc.context.assign(h.in, v);
    else if (h.in instanceof PDFDict) h.in.set(h.key as PDFName, v);
    else h.in.set(h.key as number, v);
  }
}

/**
 * False only for a string whose text cannot start with "node": decoding every string of a tagged
 * document (alt texts, languages …) was most of stableNodeIds' time. A literal without escapes is its
 * own PDFDocEncoding bytes, which spell "node" only as themselves; anything else (escapes, a UTF-16 byte
 * order mark, hex digits spelling "node" or odd hex) is decoded.
 */
function mayBeNodeId(s: PDFString | PDFHexString): boolean {
  const raw = s.asString();
  if (s instanceof PDFHexString) return /^(6e6f6465|fe|ff)/i.test(raw) || /[^0-9a-f]/i.test(raw);
  return raw.startsWith('node') || raw.includes('\\') || raw.charCodeAt(0) >= 0xfe;
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
  // The file identifier from what the document is, not from when or where it was made (Chromium's
  // depends on the clock): the same sources and SOURCE_DATE_EPOCH give the same bytes.
  const id = createHash('sha256')
    .update(JSON.stringify({ ...m, date: m.date.toISOString(), pages: doc.getPageCount(), version: VERSION }))
    .digest('hex')
    .slice(0, 32);
  doc.context.trailerInfo.ID = doc.context.obj([PDFHexString.of(id), PDFHexString.of(id)]);
}

export function savePdf(doc: PDFDocument): Promise<Uint8Array> {
  // Classic xref tables: some prepress tools still choke on object streams in PDF 1.4 headers.
  deflateOwnStreams(doc);
  return doc.save({ useObjectStreams: false, updateFieldAppearances: false });
}

/**
 * A stream's decoded bytes. Plain FlateDecode (what Chromium writes) goes through Node's native zlib:
 * pdf-lib's JavaScript inflate (pako) was the largest single cost of the web PDF step.
 */
export function streamBytes(s: PDFStream): Uint8Array {
  if (!(s instanceof PDFRawStream)) return s.getContents();
  const filter = s.dict.get(PDFName.of('Filter'));
  const plainFlate = (filter === PDFName.of('FlateDecode') || (filter instanceof PDFArray && filter.size() === 1 && filter.get(0) === PDFName.of('FlateDecode'))) && !s.dict.has(PDFName.of('DecodeParms'));
  if (plainFlate) {
    try {
      return inflateSync(s.contents);
    } catch {
      /* a damaged stream: pdf-lib's decoder is more forgiving */
    }
  }
  return decodePDFRawStream(s).decode();
}

/** A new FlateDecode stream, compressed with Node's native zlib (pdf-lib's flateStream uses pako). */
export function flateStream(context: PDFContext, data: Uint8Array, dict: Record<string, PDFObject> = {}): PDFRawStream {
  return PDFRawStream.of(context.obj({ ...dict, Filter: 'FlateDecode' }), deflateSync(data));
}
