/**
 * Machine checks of PDF/UA-1 (ISO 14289-1) on a finished PDF, after the rules of veraPDF's PDF/UA-1
 * validation profile (veraPDF-validation-profiles, PDF_UA/PDFUA-1.xml): each finding carries the rule
 * number there ("7.3-1" = clause 7.3, test 1). This is not veraPDF: it covers the rules that can fail
 * for the documents lehtinen writes (see RULES), read with pdf-lib and the content-stream reader.
 * Rules that need a person (reading order makes sense, alt texts say the right thing, contrast) are
 * outside any machine check, veraPDF's too.
 */
import {
  PDFArray,
  PDFBool,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRef,
  PDFStream,
  PDFString,
  type PDFObject,
} from 'pdf-lib';
import { contentItems, parseContent } from './content-stream.js';
import { pageContent, roleOf, STANDARD_TYPES, streamBytes, structElements } from './pdf-accessible.js';

export interface UaFinding {
  /** veraPDF PDF/UA-1 rule: "<clause>-<test>" */
  rule: string;
  message: string;
  page?: number;
}

/** The rules checked here, by veraPDF number. */
export const RULES = [
  '5-1', '5-2', '6.1-1', '6.2-1', '7.1-1', '7.1-2', '7.1-3', '7.1-4', '7.1-5', '7.1-7', '7.1-8', '7.1-9',
  '7.1-10', '7.1-11', '7.1-12', '7.2-3', '7.2-4', '7.2-8', '7.2-9', '7.2-10', '7.2-17', '7.2-18', '7.2-19',
  '7.2-20', '7.2-29', '7.2-34', '7.3-1', '7.4.2-1', '7.4.4-2', '7.5-1', '7.18.1-2', '7.18.3-1', '7.18.5-1',
  '7.18.5-2', '7.20-1', '7.21.4.1-1', '7.21.7-1',
] as const;

const STANDARD = STANDARD_TYPES;
const names = new Map<string, PDFName>();
const N = (s: string): PDFName => {
  let n = names.get(s);
  if (!n) names.set(s, (n = PDFName.of(s)));
  return n;
};
const text = (v: PDFObject | undefined) => (v instanceof PDFString || v instanceof PDFHexString ? v.decodeText() : undefined);

/** The checks on a PDF file. */
export async function checkPdfUa(bytes: Uint8Array): Promise<UaFinding[]> {
  return checkSavedPdfUa(await PDFDocument.load(bytes, { updateMetadata: false }), bytes);
}

/**
 * The checks on a document pdf-lib has just saved as `bytes`: the header is read from the bytes, the
 * rest from the objects the bytes were written from (content streams decoded from the compressed data
 * written), so a build checks its web PDF without parsing the file it wrote once more.
 */
export function checkSavedPdfUa(doc: PDFDocument, bytes: Uint8Array): UaFinding[] {
  const f: UaFinding[] = [];
  const add = (rule: string, message: string, page?: number) => f.push({ rule, message, ...(page ? { page } : {}) });
  const header = new TextDecoder('latin1').decode(bytes.subarray(0, 9));
  if (!/^%PDF-1\.[0-7]$/.test(header.trimEnd())) add('6.1-1', `file header is "${header.trim()}", not %PDF-1.n`);
  const cat = doc.catalog;

  const mark = cat.lookupMaybe(N('MarkInfo'), PDFDict);
  if (mark?.get(N('Marked')) !== PDFBool.True) add('6.2-1', 'MarkInfo /Marked is not true');
  if (mark?.get(N('Suspects')) === PDFBool.True) add('7.1-4', 'MarkInfo /Suspects is true');
  const meta = cat.lookupMaybe(N('Metadata'), PDFStream);
  const xmp = meta ? new TextDecoder().decode(streamBytes(meta)) : '';
  if (!meta) add('7.1-8', 'the catalog has no XMP Metadata stream');
  if (!/<dc:title>[\s\S]*?<rdf:li[^>]*>[^<]+<\/rdf:li>/.test(xmp)) add('7.1-9', 'the XMP metadata has no dc:title');
  const part = /<pdfuaid:part>\s*(\d+)\s*<\/pdfuaid:part>|pdfuaid:part="(\d+)"/.exec(xmp);
  if (!part) add('5-1', 'the XMP metadata has no PDF/UA identification (pdfuaid:part)');
  else if ((part[1] ?? part[2]) !== '1') add('5-2', `pdfuaid:part is ${part[1] ?? part[2]}, not 1`);
  const prefs = cat.lookupMaybe(N('ViewerPreferences'), PDFDict);
  if (prefs?.get(N('DisplayDocTitle')) !== PDFBool.True) add('7.1-10', 'ViewerPreferences /DisplayDocTitle is not true');
  const lang = text(cat.get(N('Lang')));
  if (!lang) add('7.2-34', 'the catalog has no /Lang: the natural language of the text is not determined');
  const langOk = (l: string) => /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/.test(l);
  if (lang && !langOk(lang)) add('7.2-29', `catalog /Lang "${lang}" is not a language tag`);

  const root = cat.lookupMaybe(N('StructTreeRoot'), PDFDict);
  if (!root) add('7.1-11', 'there is no StructTreeRoot');
  const roleMap = root?.lookupMaybe(N('RoleMap'), PDFDict);
  const mapped = (role: string): string => {
    const to = roleMap?.lookupMaybe(N(role), PDFName)?.asString().slice(1);
    return to ?? role;
  };
  for (const [k] of roleMap?.entries() ?? []) {
    if (STANDARD.has(k.asString().slice(1))) add('7.1-7', `the RoleMap remaps the standard type ${k.asString()}`);
  }
  const kidsOf = new Map<PDFDict, string[]>();
  const parentOf = new Map<PDFDict, PDFDict | undefined>();
  let headings: number[] = [];
  let usesH = false;
  for (const { el, parent } of structElements(doc)) {
    const role = mapped(roleOf(el));
    parentOf.set(el, parent);
    if (parent) kidsOf.set(parent, [...(kidsOf.get(parent) ?? []), role]);
    if (!STANDARD.has(role)) add('7.1-5', `structure type ${roleOf(el)} is not standard and not mapped to a standard type`);
    if (!el.get(N('P'))) add('7.1-12', `a ${role} element has no /P (parent) entry`);
    const elLang = text(el.get(N('Lang')));
    if (elLang !== undefined && !langOk(elLang)) add('7.2-29', `a ${role} element has /Lang "${elLang}"`);
    const pRole = parent ? mapped(roleOf(parent)) : '';
    if (role === 'TR' && !/^(Table|THead|TBody|TFoot)$/.test(pRole)) add('7.2-4', `a TR is inside ${pRole || 'the root'}`);
    if (role === 'TH' && pRole !== 'TR') add('7.2-8', `a TH is inside ${pRole || 'the root'}`);
    if (role === 'TD' && pRole !== 'TR') add('7.2-9', `a TD is inside ${pRole || 'the root'}`);
    if (role === 'LI' && pRole !== 'L') add('7.2-17', `an LI is inside ${pRole || 'the root'}`);
    if (role === 'LBody' && pRole !== 'LI') add('7.2-18', `an LBody is inside ${pRole || 'the root'}`);
    if (role === 'Figure' && !text(el.get(N('Alt'))) && text(el.get(N('ActualText'))) === undefined) add('7.3-1', 'a Figure has no alternate text (Alt)');
    if (role === 'H') usesH = true;
    const h = /^H([1-6])$/.exec(role);
    if (h) headings.push(Number(h[1]));
  }
  for (const [el, kids] of kidsOf) {
    const role = mapped(roleOf(el));
    const bad = (allowed: string[]) => kids.filter((k) => !allowed.includes(k));
    if (role === 'Table' && bad(['TR', 'THead', 'TBody', 'TFoot', 'Caption']).length) add('7.2-3', `a Table holds ${bad(['TR', 'THead', 'TBody', 'TFoot', 'Caption']).join(', ')}`);
    if (role === 'TR' && bad(['TH', 'TD']).length) add('7.2-10', `a TR holds ${bad(['TH', 'TD']).join(', ')}`);
    if (role === 'L' && bad(['L', 'LI', 'Caption']).length) add('7.2-19', `an L holds ${bad(['L', 'LI', 'Caption']).join(', ')}`);
    if (role === 'LI' && bad(['Lbl', 'LBody']).length) add('7.2-20', `an LI holds ${bad(['Lbl', 'LBody']).join(', ')}`);
    if (role === 'Table') tableHeaders(el, doc, add);
  }
  if (usesH && headings.length) add('7.4.4-2', 'the document uses both H and H1–H6');
  // Headings nest without skipping a level, starting from H1 (ISO 14289-1 §7.4.2).
  headings.reduce((prev, level) => {
    if (level > prev + 1) add('7.4.2-1', `heading H${level} follows H${prev || '(none)'}`);
    return level;
  }, 0);
  headings = [];

  const pages = doc.getPages();
  pages.forEach((page, i) => {
    const p = i + 1;
    for (const data of pageContent(doc, page.node)) {
      for (const it of contentItems(parseContent(data, { operands: 'marks' }))) {
        // the first /Artifact among the tags open around the object: tags before it are real content
        const artifact = it.tags.indexOf('/Artifact');
        if (!it.tags.length) add('7.1-3', `${it.kind} content is neither tagged nor an artifact`, p);
        else if (artifact > 0) add('7.1-1', `an artifact inside tagged ${it.kind} content`, p);
        else if (artifact === 0 && it.tags.some((t) => t !== '/Artifact')) add('7.1-2', `tagged ${it.kind} content inside an artifact`, p);
      }
    }
    const annots = page.node.lookupMaybe(N('Annots'), PDFArray);
    if (annots && annots.size() > 0 && page.node.lookupMaybe(N('Tabs'), PDFName)?.asString() !== '/S') add('7.18.3-1', 'a page with annotations has no /Tabs /S', p);
    for (const ref of annots?.asArray() ?? []) {
      const a = doc.context.lookup(ref);
      if (!(a instanceof PDFDict)) continue;
      const sub = a.lookupMaybe(N('Subtype'), PDFName)?.asString().slice(1);
      const hidden = ((a.lookupMaybe(N('F'), PDFNumber)?.asNumber() ?? 0) & 2) === 2;
      if (hidden) continue;
      const contents = text(a.get(N('Contents')));
      if (sub === 'Link') {
        if (!contents) add('7.18.5-2', 'a link annotation has no alternate description (Contents)', p);
        const sp = a.lookupMaybe(N('StructParent'), PDFNumber)?.asNumber();
        const el = sp === undefined ? undefined : parentTreeEntry(doc, root, sp);
        if (!el || mapped(roleOf(el)) !== 'Link') add('7.18.5-1', 'a link annotation is not inside a Link structure element', p);
      } else if (sub !== 'Widget' && sub !== 'PrinterMark' && !contents) {
        add('7.18.1-2', `a ${sub} annotation has no Contents`, p);
      }
    }
    fonts(doc, page.node.lookupMaybe(N('Resources'), PDFDict), p, add, new Set());
  });
  return f;
}

/** ISO 14289-1 §7.5 (veraPDF 7.5-1): cells are connected to headers by Scope on TH or Headers on TD. */
function tableHeaders(table: PDFDict, doc: PDFDocument, add: (rule: string, m: string) => void): void {
  const cells: PDFDict[] = [];
  for (const { el } of structElements(doc)) if (isInside(el, table, doc) && /^(TH|TD)$/.test(roleOf(el))) cells.push(el);
  const attr = (el: PDFDict, key: string) => {
    const a = el.lookup(N('A'));
    const list = a instanceof PDFArray ? a.asArray().map((x) => doc.context.lookup(x)) : [a];
    return list.some((d) => d instanceof PDFDict && d.get(N(key)) !== undefined);
  };
  const ths = cells.filter((c) => roleOf(c) === 'TH');
  if (!ths.length) return;
  const scoped = ths.every((th) => attr(th, 'Scope'));
  for (const td of cells.filter((c) => roleOf(c) === 'TD')) {
    if (!scoped && !attr(td, 'Headers')) add('7.5-1', 'a table cell is connected to no header (no Scope on TH, no Headers on TD)');
  }
}

function isInside(el: PDFDict, ancestor: PDFDict, doc: PDFDocument): boolean {
  let p = el.get(N('P'));
  for (let i = 0; i < 64 && p; i++) {
    const d = p instanceof PDFRef ? doc.context.lookup(p) : p;
    if (d === ancestor) return true;
    p = d instanceof PDFDict ? d.get(N('P')) : undefined;
  }
  return false;
}

function parentTreeEntry(doc: PDFDocument, root: PDFDict | undefined, key: number): PDFDict | undefined {
  const search = (node: PDFDict | undefined): PDFDict | undefined => {
    if (!node) return undefined;
    const nums = node.lookupMaybe(N('Nums'), PDFArray);
    if (nums) {
      for (let i = 0; i + 1 < nums.size(); i += 2) {
        if ((nums.lookup(i) as PDFNumber).asNumber() === key) {
          const v = nums.lookup(i + 1);
          return v instanceof PDFDict ? v : undefined;
        }
      }
    }
    for (const kid of node.lookupMaybe(N('Kids'), PDFArray)?.asArray() ?? []) {
      const r = search(doc.context.lookup(kid) as PDFDict);
      if (r) return r;
    }
    return undefined;
  };
  return search(root?.lookupMaybe(N('ParentTree'), PDFDict));
}

/** ISO 14289-1 §7.21.4.1 (embedded programs) and §7.21.7 (ToUnicode), fonts of a page and its forms. */
function fonts(doc: PDFDocument, res: PDFDict | undefined, page: number, add: (r: string, m: string, p?: number) => void, seen: Set<PDFDict>): void {
  if (!res || seen.has(res)) return;
  seen.add(res);
  for (const [, ref] of res.lookupMaybe(N('Font'), PDFDict)?.entries() ?? []) {
    const font = doc.context.lookup(ref);
    if (!(font instanceof PDFDict)) continue;
    const name = font.lookupMaybe(N('BaseFont'), PDFName)?.asString() ?? '(unnamed)';
    const subtype = font.lookupMaybe(N('Subtype'), PDFName)?.asString();
    if (subtype !== '/Type3') {
      const descFont = subtype === '/Type0' ? font.lookupMaybe(N('DescendantFonts'), PDFArray)?.lookup(0, PDFDict) : font;
      const desc = descFont?.lookupMaybe(N('FontDescriptor'), PDFDict);
      if (!desc || !['FontFile', 'FontFile2', 'FontFile3'].some((k) => desc.get(N(k)))) add('7.21.4.1-1', `font ${name} is not embedded`, page);
    }
    if (!font.get(N('ToUnicode'))) add('7.21.7-1', `font ${name} has no ToUnicode map`, page);
  }
  for (const [, ref] of res.lookupMaybe(N('XObject'), PDFDict)?.entries() ?? []) {
    const x = doc.context.lookup(ref);
    if (!(x instanceof PDFStream) || x.dict.lookupMaybe(N('Subtype'), PDFName)?.asString() !== '/Form') continue;
    if (x.dict.get(N('Ref'))) add('7.20-1', 'a reference XObject', page);
    fonts(doc, x.dict.lookupMaybe(N('Resources'), PDFDict), page, add, seen);
  }
}
