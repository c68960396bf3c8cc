/** Maps parser offsets and key paths back to line/column, so every message can name file:line. */
import { findNodeAtLocation, parseTree, type Node as JsonNode } from 'jsonc-parser';
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import { LehtinenError, type ErrorCode } from '../errors.js';

export interface LineCol {
  line: number;
  column: number;
}

export function offsetToLineCol(text: string, offset: number): LineCol {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Line of the deepest existing node along `path` in a YAML document (the key itself when possible). */
export function yamlPathLine(text: string, path: (string | number)[]): LineCol | undefined {
  const lc = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter: lc });
  for (let depth = path.length; depth >= 0; depth--) {
    const sub = path.slice(0, depth);
    const node = sub.length === 0 ? doc.contents : doc.getIn(sub, true);
    if (isNode(node) && node.range) {
      const pos = lc.linePos(node.range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return undefined;
}

/** Line of the property at `path` in a JSON text (for locale keys and schema errors). */
/** Key paths name list items by their index ("items.0"); jsonc-parser wants the index as a number. */
export function jsonSegments(path: (string | number)[]): (string | number)[] {
  return path.map((p) => (typeof p === 'string' && /^\d+$/.test(p) ? Number(p) : p));
}

export function jsonPathLine(text: string, path: (string | number)[]): LineCol | undefined {
  const root = parseTree(text);
  if (!root) return undefined;
  const at = jsonSegments(path);
  for (let depth = at.length; depth >= 0; depth--) {
    const node: JsonNode | undefined = findNodeAtLocation(root, at.slice(0, depth));
    if (node) {
      // Point at the key ("foo": …) rather than the value, which is what editors look for.
      const at = node.parent?.type === 'property' ? node.parent.offset : node.offset;
      return offsetToLineCol(text, at);
    }
  }
  return undefined;
}

/** A few lines of `text` around `line` with a caret, like a compiler's code frame. */
export function codeFrame(text: string, line: number, column = 1, context = 2): string[] {
  const lines = text.split(/\r?\n/);
  const from = Math.max(1, line - context);
  const to = Math.min(lines.length, line + context);
  const width = String(to).length;
  const out: string[] = [];
  for (let n = from; n <= to; n++) {
    out.push(`${n === line ? '>' : ' '} ${String(n).padStart(width)} | ${lines[n - 1] ?? ''}`);
    if (n === line) out.push(`  ${' '.repeat(width)} | ${' '.repeat(Math.max(0, column - 1))}^`);
  }
  return out;
}

/**
 * Read a YAML file of the workspace into plain data ({} when empty). Its first syntax error (duplicate
 * keys included) becomes `code` with the file, line and column, a code frame and `hint`; so does an alias
 * without its anchor, which the parser only finds while converting.
 */
export function readYamlFile(text: string, file: string, code: ErrorCode, hint?: string): unknown {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const err = doc.errors[0];
  if (err) {
    const pos = lineCounter.linePos(err.pos[0]);
    throw new LehtinenError(code, `YAML syntax: ${err.message.split('\n')[0]}`, {
      where: { file, line: pos.line, column: pos.col },
      details: codeFrame(text, pos.line, pos.col),
      ...(hint ? { hint } : {}),
    });
  }
  try {
    return doc.toJS() ?? {};
  } catch (e) {
    throw new LehtinenError(code, `YAML syntax: ${(e as Error).message.split('\n')[0]}`, { where: { file }, ...(hint ? { hint } : {}) });
  }
}
