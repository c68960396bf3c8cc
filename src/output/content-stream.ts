/**
 * A reader for PDF content streams (ISO 32000-1 §7.2 lexical conventions, §7.8.2 content streams):
 * the operators in order, each with the byte range of its operands and itself, so a pass can insert
 * marked-content operators around graphics objects without rewriting anything else.
 */
import { Buffer } from 'node:buffer';

export interface Op {
  /** the operator, e.g. "re", "f", "BDC", "Tj" */
  op: string;
  /** operand tokens as written (names keep their slash; strings and dicts are one token) */
  operands: string[];
  /** byte offset where the first operand (or the operator) starts */
  start: number;
  /** byte offset just after the operator (after the image data and EI for inline images) */
  end: number;
}

// Byte classes (ISO 32000-1 §7.2.2): 1 white space, 2 delimiter. A table, not Sets: the reader looks at
// every byte of every page, and this is the web PDF step's and the PDF/UA check's hottest loop.
const CLASS = new Uint8Array(256);
for (const c of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) CLASS[c] = 1;
for (const c of [0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]) CLASS[c] = 2;
const isDigit = (c: number | undefined) => c !== undefined && c >= 0x30 && c <= 0x39;

/** Whether bytes a..b are a number, true, false or null (/^([+-]?(\d+\.?\d*|\.\d+)|true|false|null)$/). */
function isLiteral(d: Uint8Array, a: number, b: number): boolean {
  const c = d[a];
  const len = b - a;
  if (c === 0x74) return len === 4 && d[a + 1] === 0x72 && d[a + 2] === 0x75 && d[a + 3] === 0x65; // true
  if (c === 0x66) return len === 5 && d[a + 1] === 0x61 && d[a + 2] === 0x6c && d[a + 3] === 0x73 && d[a + 4] === 0x65; // false
  if (c === 0x6e) return len === 4 && d[a + 1] === 0x75 && d[a + 2] === 0x6c && d[a + 3] === 0x6c; // null
  let i = c === 0x2b || c === 0x2d ? a + 1 : a;
  const digitsFrom = i;
  while (i < b && isDigit(d[i])) i++;
  if (i > digitsFrom) {
    if (i < b && d[i] === 0x2e) for (i++; i < b && isDigit(d[i]); ) i++;
    return i === b;
  }
  if (i >= b || d[i] !== 0x2e) return false;
  const fraction = ++i;
  while (i < b && isDigit(d[i])) i++;
  return i > fraction && i === b;
}

/** The operators of ISO 32000-1 Annex A (and the compatibility BX/EX), by their bytes as a number. */
const OPERATORS = new Map<number, string>();
for (const op of ('b B b* B* BDC BI BMC BT BX c cm CS cs d d0 d1 Do DP EI EMC ET EX f F f* G g gs h i ID j J K k l m M MP ' +
  'n q Q re RG rg ri s S SC sc SCN scn sh T* Tc Td TD Tf Tj TJ TL Tm Tr Ts Tw Tz v w W W* y \' "').split(' ')) {
  OPERATORS.set(op.split('').reduce((key, ch, i) => key + ch.charCodeAt(0) * 256 ** i, 0), op);
}

/**
 * The operator at bytes a..b as one shared string for the known ones (the comparisons and Set lookups
 * of contentItems and the colour passes are then by identity), a slice of the stream for others.
 */
function operatorName(d: Uint8Array, a: number, b: number, src: string): string {
  if (b - a > 3) return src.slice(a, b);
  let key = 0;
  for (let i = b - 1; i >= a; i--) key = key * 256 + d[i]!;
  return OPERATORS.get(key) ?? src.slice(a, b);
}

/**
 * The operators of a content stream. With `{ operands: 'marks' }` only the operands of BDC and BMC (the
 * marked-content tags) are read, the other operators get none: enough for contentItems, and cheaper.
 */
export function parseContent(data: Uint8Array, opts: { operands?: 'all' | 'marks' } = {}): Op[] {
  const all = opts.operands !== 'marks';
  // Tokens are slices of one Latin-1 string of the stream (one byte, one char), not strings built per byte.
  const src = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('latin1');
  const ops: Op[] = [];
  // operand token ranges (start, end) of the operator being read; strings are cut only when kept
  const at: number[] = [];
  let count = 0;
  const operandsOf = () => {
    const list: string[] = [];
    for (let k = 0; k < count; k += 2) list.push(src.slice(at[k], at[k + 1]));
    return list;
  };
  let opStart = -1;
  let i = 0;
  const n = data.length;
  while (i < n) {
    const c = data[i]!;
    const cls = CLASS[c]!;
    if (cls === 1) {
      i++;
      continue;
    }
    if (c === 0x25 /* % comment */) {
      while (i < n && data[i] !== 0x0a && data[i] !== 0x0d) i++;
      continue;
    }
    const tokStart = i;
    let operand = true;
    if (c === 0x28 /* ( literal string, may nest and escape */) {
      let depth = 0;
      for (; i < n; i++) {
        const d = data[i]!;
        if (d === 0x5c) i++;
        else if (d === 0x28) depth++;
        else if (d === 0x29 && --depth === 0) break;
      }
      i++;
    } else if (c === 0x3c && data[i + 1] === 0x3c /* << dict >> (nested) */) {
      let depth = 0;
      for (; i < n; i++) {
        const d = data[i]!;
        if (d === 0x28) {
          // a string inside the dict may contain << or >>
          let sd = 0;
          for (; i < n; i++) {
            const e = data[i]!;
            if (e === 0x5c) i++;
            else if (e === 0x28) sd++;
            else if (e === 0x29 && --sd === 0) break;
          }
        } else if (d === 0x3c && data[i + 1] === 0x3c) {
          depth++;
          i++;
        } else if (d === 0x3e && data[i + 1] === 0x3e) {
          i++;
          if (--depth === 0) break;
        }
      }
      i++;
    } else if (c === 0x3c /* <hex> */) {
      while (i < n && data[i] !== 0x3e) i++;
      i++;
    } else if (c === 0x5b || c === 0x5d /* [ ] arrays: kept as separate tokens */) {
      i++;
    } else if (c === 0x2f /* /Name */) {
      i++;
      while (i < n && CLASS[data[i]!] === 0) i++;
    } else {
      while (i < n && CLASS[data[i]!] === 0) i++;
      if (i === tokStart) i++; // a stray delimiter such as ) or }
      operand = isLiteral(data, tokStart, i);
    }
    if (opStart < 0) opStart = tokStart;
    if (operand) {
      at[count++] = tokStart;
      at[count++] = i;
      continue;
    }
    if (i - tokStart === 2 && c === 0x49 && data[tokStart + 1] === 0x44 /* ID */) {
      // Inline image data: one white-space byte, then binary data up to white space + "EI" + white space.
      let j = i + 1;
      while (j < n && !(CLASS[data[j - 1]!] === 1 && data[j] === 0x45 && data[j + 1] === 0x49 && (j + 2 >= n || CLASS[data[j + 2]!] === 1))) j++;
      i = Math.min(n, j + 2);
      ops.push({ op: 'EI', operands: all ? operandsOf() : [], start: opStart, end: i });
    } else {
      const mark = i - tokStart === 3 && c === 0x42 && data[tokStart + 2] === 0x43 && (data[tokStart + 1] === 0x44 || data[tokStart + 1] === 0x4d); // BDC, BMC
      ops.push({ op: operatorName(data, tokStart, i, src), operands: all || mark ? operandsOf() : [], start: opStart, end: i });
    }
    count = 0;
    opStart = -1;
  }
  return ops;
}

const PATH_BUILD = new Set(['m', 'l', 'c', 'v', 'y', 'h', 're']);
const PATH_PAINT = new Set(['S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*']);
const TEXT_SHOW = new Set(['Tj', 'TJ', "'", '"']);

export interface ContentItem {
  kind: 'path' | 'text' | 'xobject' | 'shading' | 'image';
  /** index of the first and last operator of the graphics object */
  from: number;
  to: number;
  /** the marked-content tags open around it, outermost first (items between the same tags share one list) */
  tags: readonly string[];
}

/**
 * The graphics objects that put marks on the page (ISO 32000-1 §8.2, Figure 9) with the marked
 * content they sit in. Clipping paths ended by "n" paint nothing and are not listed.
 */
export function contentItems(ops: Op[]): ContentItem[] {
  const items: ContentItem[] = [];
  const tags: string[] = [];
  let open: readonly string[] = []; // a copy of tags, made again only when they change
  let pathFrom = -1;
  let textFrom = -1;
  let textShows = false;
  for (let k = 0; k < ops.length; k++) {
    const o = ops[k]!;
    const op = o.op;
    if (op === 'BDC' || op === 'BMC') {
      tags.push(o.operands[0] ?? '');
      open = [...tags];
    } else if (op === 'EMC') {
      tags.pop();
      open = [...tags];
    } else if (PATH_BUILD.has(op)) {
      if (pathFrom < 0) pathFrom = k;
    } else if (PATH_PAINT.has(op) || op === 'n') {
      if (op !== 'n' && textFrom < 0) items.push({ kind: 'path', from: pathFrom < 0 ? k : pathFrom, to: k, tags: open });
      pathFrom = -1;
    } else if (op === 'BT') {
      textFrom = k;
      textShows = false;
    } else if (TEXT_SHOW.has(op)) {
      textShows = true;
      if (textFrom < 0) items.push({ kind: 'text', from: k, to: k, tags: open });
    } else if (op === 'ET') {
      if (textFrom >= 0 && textShows) items.push({ kind: 'text', from: textFrom, to: k, tags: open });
      textFrom = -1;
    } else if (op === 'Do') items.push({ kind: 'xobject', from: k, to: k, tags: open });
    else if (op === 'sh') items.push({ kind: 'shading', from: k, to: k, tags: open });
    else if (op === 'EI') items.push({ kind: 'image', from: k, to: k, tags: open });
  }
  return items;
}
