/**
 * Where a Handlebars block was opened but not closed. Handlebars' parser reports an unclosed
 * `{{#each}}` at the end of the file ("got 'EOF'"), where nothing is wrong; the fix belongs at the line
 * that opened the block. A small scanner of the mustaches finds it.
 */
export interface OpenBlock {
  name: string;
  line: number;
  column: number;
  /** the closing tag that met this block instead of its own, when there was one */
  closedBy?: { name: string; line: number };
}

/** The first block that is never closed (or closed by another block's end tag); undefined when none. */
export function unclosedBlock(src: string): OpenBlock | undefined {
  const stack: OpenBlock[] = [];
  const re = /\\\{\{|\{\{!--[\s\S]*?--\}\}|\{\{![\s\S]*?\}\}|\{\{\{?~?\s*([#^/])\s*([>*]?)\s*([^\s}~()]+)?[^}]*\}\}\}?/g;
  const lineAt = (i: number) => src.slice(0, i).split('\n').length;
  const colAt = (i: number) => i - src.lastIndexOf('\n', i - 1);
  for (let m; (m = re.exec(src)); ) {
    const [, sigil, , rawName] = m;
    if (!sigil) continue; // comment or escaped mustache
    if (sigil === '^' && !rawName) continue; // {{^}}: an else
    const name = rawName ?? '';
    if (sigil === '#' || sigil === '^') {
      stack.push({ name, line: lineAt(m.index), column: colAt(m.index) });
      continue;
    }
    const open = stack.pop();
    if (!open) continue; // a stray end tag: Handlebars' own message says so
    if (open.name !== name) return { ...open, closedBy: { name, line: lineAt(m.index) } };
  }
  return stack[stack.length - 1];
}
