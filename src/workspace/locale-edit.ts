/**
 * Writing strings back into locale JSON files without reformatting them: a changed string replaces its
 * value in place, a new key is inserted beside its siblings in source order with the file's 2-space
 * layout (jsonc-parser's modify), and every other byte of the file stays as it was. An untouched file is
 * never rewritten, so export → import round trips change nothing.
 */
import { applyEdits, findNodeAtLocation, modify, parseTree, type Edit } from 'jsonc-parser';
import { jsonSegments } from './source-location.js';

export interface StringEdit {
  /** key path inside the namespace file */
  path: string[];
  value: string;
}

const FORMAT = { insertSpaces: true, tabSize: 2, eol: '\n' } as const;

/**
 * Apply edits to a locale file's text. `order` gives, for a new key, the keys that should come before it
 * (its siblings in the source file), so it lands where a translator expects it.
 */
export function editLocaleText(text: string, edits: StringEdit[], order?: (parent: string[]) => string[]): string {
  let out = text.trim() ? text : '{}\n';
  for (const e of edits) {
    const root = parseTree(out);
    const node = root && findNodeAtLocation(root, jsonSegments(e.path));
    if (node && node.type === 'string') {
      if (node.value === e.value) continue;
      const replace: Edit = { offset: node.offset, length: node.length, content: JSON.stringify(e.value) };
      out = applyEdits(out, [replace]);
      continue;
    }
    const parent = e.path.slice(0, -1);
    const leaf = e.path[e.path.length - 1]!;
    const sourceOrder = order?.(parent) ?? [];
    const edits2 = modify(out, jsonSegments(e.path), e.value, {
      formattingOptions: FORMAT,
      getInsertionIndex: (existing) => {
        const rank = sourceOrder.indexOf(leaf);
        if (rank < 0) return existing.length;
        // after the last existing sibling that the source lists before this key
        let at = 0;
        existing.forEach((k: string, i: number) => {
          const r = sourceOrder.indexOf(k);
          if (r >= 0 && r < rank) at = i + 1;
        });
        return at;
      },
    });
    out = applyEdits(out, edits2);
  }
  if (!out.endsWith('\n')) out += '\n';
  return out;
}
