/**
 * Finishing Chromium's tagged PDF for PDF/UA-1 (ISO 14289-1). Chromium tags real content from the
 * accessibility tree but leaves everything else (backgrounds it does not tag, aria-hidden decoration,
 * transparency groups) outside any marked content; it writes LI > NonStruct instead of LI > LBody, no
 * Tabs order, no alternate text on link annotations and no XMP metadata. Each step below cites the
 * clause (and veraPDF's rule number for it) that it satisfies.
 */
import {
  PDFArray,
  PDFDict,
  PDFName,
  PDFRef,
  PDFStream,
  PDFString,
  PDFHexString,
  PDFNumber,
  type PDFDocument,
  type PDFObject,
} from 'pdf-lib';
import { contentItems, parseContent } from './content-stream.js';
import { flateStream, streamBytes, type DocMeta } from './pdf-common.js';
import { setXmpMetadata, xmlText } from './xmp.js';

// PDFName.of decodes its argument on every call; the walks below ask for the same few names thousands of times.
const names = new Map<string, PDFName>();
const N = (s: string): PDFName => {
  let n = names.get(s);
  if (!n) names.set(s, (n = PDFName.of(s)));
  return n;
};

/** ISO 32000-1 §14.8.4: the standard structure types of PDF 1.7 (the version PDF/UA-1 builds on). */
export const STANDARD_TYPES = new Set(
  ('Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody ' +
    'Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP ' +
    'Figure Formula Form').split(' '),
);

/**
 * Types Chromium takes from PDF 2.0 (ISO 32000-2 Table 364ff.: <strong> → Strong, <em> → Em, <aside> →
 * Aside …) that PDF 1.7 does not have, and the nearest PDF 1.7 type (ISO 14289-1 §7.1, veraPDF 7.1-5).
 */
const PDF2_TO_PDF17: Record<string, string> = {
  Strong: 'Span', Em: 'Span', Sub: 'Span', Title: 'P', Aside: 'Div', FENote: 'Note', DocumentFragment: 'Part',
};

export function makeAccessible(doc: PDFDocument, meta: DocMeta): void {
  joinBrokenWords(doc);
  markArtifacts(doc);
  listBodies(doc);
  roleMap(doc);
  for (const page of doc.getPages()) {
    const annots = page.node.lookupMaybe(N('Annots'), PDFArray);
    if (!annots || annots.size() === 0) continue;
    // ISO 14289-1 §7.18.3 (veraPDF 7.18.3-1): pages with annotations use the structure order for tabbing.
    page.node.set(N('Tabs'), N('S'));
    describeLinks(doc, annots);
  }
  writeXmp(doc, meta);
}

/** Decoded bytes of a page's content stream(s). */
export function pageContent(doc: PDFDocument, node: PDFDict): Uint8Array[] {
  const c = node.lookup(N('Contents'));
  const streams = c instanceof PDFArray ? c.asArray().map((r) => doc.context.lookup(r)) : [c];
  return streams.filter((s): s is PDFStream => s instanceof PDFStream).map(streamBytes);
}

export { streamBytes };

/**
 * ISO 14289-1 §7.1 (veraPDF 7.1-3): content is either tagged or an artifact. Every graphics object
 * outside marked content is wrapped in /Artifact BMC … EMC, whole: path construction and painting,
 * BT … ET, a Do or an sh (operators of one object must not be split, ISO 32000-1 §14.6).
 */
function markArtifacts(doc: PDFDocument): void {
  for (const page of doc.getPages()) {
    const contents = page.node.lookup(N('Contents'));
    if (!(contents instanceof PDFStream)) continue; // Chromium writes one stream per page
    const data = streamBytes(contents);
    const ops = parseContent(data, { operands: 'marks' });
    const untagged = contentItems(ops).filter((it) => it.tags.length === 0);
    if (!untagged.length) continue;
    const cuts: { at: number; text: string }[] = [];
    for (const it of untagged) {
      // Never wrap across a marked-content boundary (text objects may contain BDC … EMC).
      let crosses = false;
      for (let k = it.from; k <= it.to && !crosses; k++) crosses = ops[k]!.op === 'BDC' || ops[k]!.op === 'BMC' || ops[k]!.op === 'EMC';
      if (crosses) continue;
      cuts.push({ at: ops[it.from]!.start, text: '/Artifact BMC\n' }, { at: ops[it.to]!.end, text: '\nEMC' });
    }
    cuts.sort((a, b) => a.at - b.at);
    const parts: Uint8Array[] = [];
    let pos = 0;
    const enc = new TextEncoder();
    for (const cut of cuts) {
      parts.push(data.subarray(pos, cut.at), enc.encode(cut.text));
      pos = cut.at;
    }
    parts.push(data.subarray(pos));
    const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
    let o = 0;
    for (const p of parts) {
      out.set(p, o);
      o += p.length;
    }
    page.node.set(N('Contents'), doc.context.register(flateStream(doc.context, out)));
  }
}

/** Structure elements below the StructTreeRoot, depth first, with their parents. */
export function structElements(doc: PDFDocument): { el: PDFDict; parent?: PDFDict; ref?: PDFRef }[] {
  const root = doc.catalog.lookupMaybe(N('StructTreeRoot'), PDFDict);
  if (!root) return [];
  const out: { el: PDFDict; parent?: PDFDict; ref?: PDFRef }[] = [];
  const seen = new Set<PDFDict>();
  // An explicit stack (kids pushed last first), not recursive generators: yield* through every level
  // of a deep tree made each element cost its depth.
  const stack: { node: PDFObject | undefined; parent?: PDFDict }[] = [{ node: root }];
  const MCR = N('MCR');
  const OBJR = N('OBJR');
  while (stack.length) {
    const { node, parent } = stack.pop()!;
    const v = node instanceof PDFRef ? doc.context.lookup(node) : node;
    if (v instanceof PDFArray) {
      const kids = v.asArray();
      for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i], parent });
      continue;
    }
    if (!(v instanceof PDFDict) || seen.has(v)) continue;
    const type = v.lookupMaybe(N('Type'), PDFName);
    if (type === MCR || type === OBJR) continue;
    seen.add(v);
    // The reference it was reached by: pdf-lib's getObjectRef() searches every object of the file.
    if (v !== root) out.push({ el: v, parent, ...(node instanceof PDFRef ? { ref: node } : {}) });
    stack.push({ node: v.get(N('K')), parent: v === root ? undefined : v });
  }
  return out;
}

export const roleOf = (el: PDFDict) => el.lookupMaybe(N('S'), PDFName)?.asString().slice(1) ?? '';

/**
 * ISO 32000-1 §14.8.4.3.3, Table 336 (veraPDF 7.2-20): an LI holds Lbl and LBody. Chromium puts the
 * item's content in a NonStruct (grouping only, no meaning of its own), which becomes the LBody.
 */
function listBodies(doc: PDFDocument): void {
  const items = new Set<PDFDict>();
  const elements = structElements(doc);
  const refOf = new Map(elements.map((e) => [e.el, e.ref]));
  for (const { el, parent } of elements) {
    if (parent && roleOf(parent) === 'LI') items.add(parent);
    if (parent && roleOf(parent) === 'LI' && roleOf(el) === 'NonStruct') el.set(N('S'), N('LBody'));
  }
  // An item whose text holds a word span (joinBrokenWords) has a Span beside its NonStruct runs: then
  // everything but the label goes into one LBody.
  for (const li of items) {
    const k = li.get(N('K'));
    const kids = k instanceof PDFArray ? k.asArray() : k instanceof PDFRef ? [k] : [];
    const body = kids.filter((r) => {
      const d = doc.context.lookup(r);
      return !(d instanceof PDFDict && roleOf(d) === 'Lbl');
    });
    if (body.every((r) => {
      const d = doc.context.lookup(r);
      return d instanceof PDFDict && roleOf(d) === 'LBody';
    })) continue;
    const lbody = doc.context.obj({ Type: 'StructElem', S: 'LBody', P: (refOf.get(li) ?? doc.context.getObjectRef(li))!, K: body });
    const ref = doc.context.register(lbody);
    for (const r of body) {
      const d = doc.context.lookup(r);
      if (d instanceof PDFDict) {
        d.set(N('P'), ref);
        if (roleOf(d) === 'LBody') d.set(N('S'), N('NonStruct'));
      }
    }
    li.set(N('K'), doc.context.obj([...kids.filter((r) => !body.includes(r)), ref]));
  }
}

/** The private-use subtag browser/soft-hyphens.ts adds to the language of a word broken at a line end. */
export const WORD_LANG_MARK = '-x-lehtinen';

/**
 * A word hyphenated at a line end is one span in the page (browser/soft-hyphens.ts) but two structure
 * elements in Chromium's tree, one per text node ("oi" / "keinen"): a screen reader would read two
 * words. The span is found by its marked language; its pieces' marked content becomes its own, so it
 * reads as one word (ISO 32000-1 §14.7.4: an element's content is the sequence of its MCIDs), the
 * ParentTree points that content at it (§14.7.4.4), and its language loses the mark.
 */
function joinBrokenWords(doc: PDFDocument): void {
  const root = doc.catalog.lookupMaybe(N('StructTreeRoot'), PDFDict);
  const nums = root?.lookupMaybe(N('ParentTree'), PDFDict)?.lookupMaybe(N('Nums'), PDFArray);
  const parentArrays = new Map<number, PDFArray>();
  if (nums) {
    for (let i = 0; i + 1 < nums.size(); i += 2) {
      const key = nums.lookup(i);
      const arr = nums.lookup(i + 1);
      if (key instanceof PDFNumber && arr instanceof PDFArray) parentArrays.set(key.asNumber(), arr);
    }
  }
  const structParents = new Map<PDFRef, number>();
  for (const page of doc.getPages()) {
    const sp = page.node.lookupMaybe(N('StructParents'), PDFNumber);
    if (sp) structParents.set(page.ref, sp.asNumber());
  }
  for (const { el, ref: elRef } of [...structElements(doc)]) {
    const lang = el.lookupMaybe(N('Lang'), PDFString, PDFHexString)?.decodeText();
    if (!lang?.endsWith(WORD_LANG_MARK)) continue;
    const leaves: { mcid: number; pg?: PDFRef }[] = [];
    const gone: PDFRef[] = [];
    const collect = (k: PDFObject | undefined, pg: PDFRef | undefined): void => {
      if (k instanceof PDFNumber) leaves.push({ mcid: k.asNumber(), pg });
      else if (k instanceof PDFArray) k.asArray().forEach((x) => collect(x, pg));
      else if (k instanceof PDFRef) {
        const d = doc.context.lookup(k);
        if (!(d instanceof PDFDict)) return;
        const own = d.get(N('Pg'));
        const at = own instanceof PDFRef ? own : pg;
        if (d.lookupMaybe(N('Type'), PDFName)?.asString() === '/MCR') {
          const m = d.lookupMaybe(N('MCID'), PDFNumber);
          if (m) leaves.push({ mcid: m.asNumber(), pg: at });
          return;
        }
        gone.push(k);
        collect(d.get(N('K')), at);
      }
    };
    const ownPg = el.get(N('Pg'));
    collect(el.get(N('K')), ownPg instanceof PDFRef ? ownPg : undefined);
    if (!leaves.length || leaves.some((l) => !l.pg)) continue;
    const pg = leaves[0]!.pg!;
    const onePage = leaves.every((l) => l.pg === pg);
    el.set(
      N('K'),
      doc.context.obj(leaves.map((l) => (onePage ? PDFNumber.of(l.mcid) : doc.context.obj({ Type: 'MCR', Pg: l.pg!, MCID: l.mcid })))),
    );
    if (onePage) el.set(N('Pg'), pg);
    el.set(N('S'), N('Span'));
    el.set(N('Lang'), PDFString.of(lang.slice(0, -WORD_LANG_MARK.length)));
    const ref = elRef ?? doc.context.getObjectRef(el);
    for (const l of leaves) {
      const key = structParents.get(l.pg!);
      const arr = key === undefined ? undefined : parentArrays.get(key);
      if (ref && arr && l.mcid < arr.size()) arr.set(l.mcid, ref);
    }
    for (const r of gone) doc.context.delete(r);
  }
}

/** Adds a RoleMap entry for each PDF 2.0 type the tree uses. */
function roleMap(doc: PDFDocument): void {
  const root = doc.catalog.lookupMaybe(N('StructTreeRoot'), PDFDict);
  if (!root) return;
  const used = new Set<string>();
  for (const { el } of structElements(doc)) used.add(roleOf(el));
  const map = root.lookupMaybe(N('RoleMap'), PDFDict) ?? doc.context.obj({});
  let added = false;
  for (const role of used) {
    const to = PDF2_TO_PDF17[role];
    if (!to || STANDARD_TYPES.has(role) || map.get(N(role))) continue;
    map.set(N(role), N(to));
    added = true;
  }
  if (added) root.set(N('RoleMap'), map);
}

/**
 * ISO 14289-1 §7.18.5 (veraPDF 7.18.5-2): a link annotation has an alternate description in Contents.
 * Chromium writes none; the target in words serves (a phone number, an e-mail address, a web address).
 */
function describeLinks(doc: PDFDocument, annots: PDFArray): void {
  for (const ref of annots.asArray()) {
    const a = doc.context.lookup(ref);
    if (!(a instanceof PDFDict) || a.lookupMaybe(N('Subtype'), PDFName)?.asString() !== '/Link') continue;
    if (a.get(N('Contents'))) continue;
    const action = a.lookupMaybe(N('A'), PDFDict);
    const uri = action?.lookupMaybe(N('URI'), PDFString, PDFHexString)?.decodeText();
    if (!uri) continue;
    const words = uri
      .replace(/^tel:/, '')
      .replace(/^mailto:/, '')
      .replace(/^https?:\/\/(www\.)?/, '')
      .replace(/\/$/, '');
    a.set(N('Contents'), PDFHexString.fromText(words));
  }
}

/**
 * XMP metadata (ISO 14289-1 §7.1: dc:title, veraPDF 7.1-8/7.1-9) and the PDF/UA identification
 * (ISO 14289-1 §5, veraPDF 5-1/5-2: pdfuaid:part = 1).
 */
function writeXmp(doc: PDFDocument, m: DocMeta): void {
  const date = m.date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  setXmpMetadata(doc, { pdfuaid: 'http://www.aiim.org/pdfua/ns/id/' }, [
    '<dc:format>application/pdf</dc:format>',
    `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xmlText(m.title)}</rdf:li><rdf:li xml:lang="${xmlText(m.lang)}">${xmlText(m.title)}</rdf:li></rdf:Alt></dc:title>`,
    `<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xmlText(m.subject)}</rdf:li></rdf:Alt></dc:description>`,
    `<dc:creator><rdf:Seq><rdf:li>${xmlText(m.author)}</rdf:li></rdf:Seq></dc:creator>`,
    `<dc:language><rdf:Bag><rdf:li>${xmlText(m.lang)}</rdf:li></rdf:Bag></dc:language>`,
    `<xmp:CreateDate>${date}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${date}</xmp:ModifyDate>`,
    `<xmp:MetadataDate>${date}</xmp:MetadataDate>`,
    `<xmp:CreatorTool>${xmlText(doc.getCreator() ?? 'lehtinen')}</xmp:CreatorTool>`,
    `<pdf:Producer>${xmlText(doc.getProducer() ?? 'lehtinen')}</pdf:Producer>`,
    `<pdf:Keywords>${xmlText(m.keywords.join(', '))}</pdf:Keywords>`,
    '<pdfuaid:part>1</pdfuaid:part>',
  ]);
}
