/**
 * Reading XLIFF 2.0 and 1.2 with saxes, a strict, non-validating XML parser that never reads a DTD: it
 * expands only the five predefined entities and character references, so external entities (XXE) and
 * recursive ones ("billion laughs") cannot be expanded. A DOCTYPE is refused outright: XLIFF needs none.
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { LehtinenError } from '../../errors.js';
import type { XliffVersion } from './states.js';

const NS20 = 'urn:oasis:names:tc:xliff:document:2.0';
const NS12 = 'urn:oasis:names:tc:xliff:document:1.2';

/** Inline content: text, or a placeholder by id (with the native text 1.2 carries inside <ph>). */
export type Inline = { text: string } | { ph: string; native?: string };

export interface ParsedUnit {
  key: string;
  line: number;
  source: Inline[];
  target?: Inline[];
  state?: string;
  subState?: string;
}

export interface ParsedXliff {
  version: XliffVersion;
  srcLang?: string;
  trgLang?: string;
  units: ParsedUnit[];
}

const TRANSPARENT = new Set(['mrk', 'g']);

export function parseXliff(text: string, file: string): ParsedXliff {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const fail = (message: string, hint?: string): never => {
    throw new LehtinenError('XLIFF_SYNTAX', message, { where: { file, line: parser.line, column: parser.column }, hint });
  };
  let version: XliffVersion | undefined;
  let srcLang: string | undefined;
  let trgLang: string | undefined;
  const units: ParsedUnit[] = [];
  let fileNs = '';
  let unit: (ParsedUnit & { segStates: (string | undefined)[]; segSub: (string | undefined)[] }) | undefined;
  /** the inline list being filled (inside <source> or <target>) */
  let into: Inline[] | undefined;
  let depthInInline = 0;
  let phNative: { ph: string; native?: string } | undefined;
  let sawRoot = false;

  parser.on('doctype', () => fail('the file has a DOCTYPE; XLIFF needs none and lehtinen does not read DTDs or entity declarations', 'Remove the <!DOCTYPE …> declaration.'));
  parser.on('error', (e) => {
    throw new LehtinenError('XLIFF_SYNTAX', `malformed XML: ${e.message.replace(/^\d+:\d+: /, '')}`, {
      where: { file, line: parser.line, column: parser.column },
      hint: 'The file is not well-formed XML (an unclosed or misspelt tag, a bare & or <). Fix it in the CAT tool or export again.',
      cause: e,
    });
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    const name = tag.local;
    const attr = (n: string) => tag.attributes[n]?.value;
    if (!sawRoot) {
      sawRoot = true;
      if (name !== 'xliff' || (tag.uri !== NS20 && tag.uri !== NS12)) fail(`the root element is <${tag.name}>, not an XLIFF 2.0 or 1.2 <xliff>`);
      version = tag.uri === NS20 ? '2.0' : '1.2';
      if (attr('version') !== version) fail(`<xliff version="${attr('version') ?? ''}"> does not match its namespace (${version})`);
      if (version === '2.0') {
        srcLang = attr('srcLang');
        trgLang = attr('trgLang');
      }
      return;
    }
    if (into) {
      if (phNative) fail(`<${name}> inside a placeholder`);
      if (name === 'ph' || name === 'x') {
        const id = attr('id');
        if (!id) fail(`<${name}> without id`);
        const p = { ph: id! };
        into.push(p);
        if (name === 'ph' && version === '1.2') phNative = p;
        depthInInline++;
        return;
      }
      if (TRANSPARENT.has(name)) {
        depthInInline++;
        return;
      }
      fail(`<${name}> inside ${unit?.key ?? 'a unit'}: lehtinen strings carry only text and placeholders (<ph>)`, 'Remove the markup in the CAT tool; keep the placeholders.');
    }
    if (name === 'file') {
      fileNs = (attr('original') ?? attr('id') ?? '').replace(/\.json$/, '');
      if (version === '1.2') {
        const s = attr('source-language');
        const t = attr('target-language');
        if (srcLang !== undefined && (s !== srcLang || t !== trgLang)) fail('the <file> elements name different languages');
        srcLang = s;
        trgLang = t;
      }
    } else if ((version === '2.0' && name === 'unit') || (version === '1.2' && name === 'trans-unit')) {
      const key = version === '2.0' ? (attr('name') ?? `${fileNs}:${attr('id') ?? ''}`) : (attr('resname') ?? attr('id') ?? '');
      unit = { key, line: parser.line, source: [], segStates: [], segSub: [] };
    } else if (unit && version === '2.0' && name === 'segment') {
      unit.segStates.push(attr('state'));
      unit.segSub.push(attr('subState'));
    } else if (unit && name === 'source') {
      into = unit.source;
    } else if (unit && name === 'target') {
      unit.target ??= [];
      into = unit.target;
      if (version === '1.2') unit.state = attr('state');
    }
  });
  parser.on('text', (t) => {
    if (phNative) phNative.native = (phNative.native ?? '') + t;
    else if (into) into.push({ text: t });
  });
  parser.on('closetag', (tag: SaxesTagNS) => {
    const name = tag.local;
    if (into && depthInInline > 0) {
      depthInInline--;
      if (phNative && name === 'ph') phNative = undefined;
      return;
    }
    if (into && (name === 'source' || name === 'target')) {
      into = undefined;
      return;
    }
    if (unit && ((version === '2.0' && name === 'unit') || (version === '1.2' && name === 'trans-unit'))) {
      if (version === '2.0') {
        const states = new Set(unit.segStates);
        unit.state = states.size === 1 ? unit.segStates[0] : 'initial';
        unit.subState = states.size === 1 ? unit.segSub[0] : undefined;
      }
      const { segStates: _a, segSub: _b, ...u } = unit;
      units.push(u);
      unit = undefined;
    }
  });
  parser.write(text).close();
  if (!version) fail('the file holds no <xliff> element');
  return { version: version!, srcLang, trgLang, units };
}

/** Inline content back to a string; placeholders through `resolve` (undefined = unknown id). */
export function inlineText(parts: Inline[], resolve: (p: { ph: string; native?: string }) => string | undefined): { text: string; unknown: string[] } {
  let text = '';
  const unknown: string[] = [];
  for (const p of parts) {
    if ('text' in p) text += p.text;
    else {
      const r = resolve(p);
      if (r === undefined) unknown.push(p.ph);
      else text += r;
    }
  }
  return { text, unknown };
}
