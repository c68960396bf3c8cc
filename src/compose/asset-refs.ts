/**
 * Which template file asks for a workspace file: the base.css, the material's style.css or index.hbs, or
 * a partial. The style sheets are inlined into the document (compose/document.ts), so the browser can only
 * say that "the document" asked; a missing `url()` is found again here in the sources, with its line.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DOCUMENT_PATH, SANDBOX_ORIGIN } from '../browser/sandbox-origin.js';

export interface AssetRef {
  file: string;
  line: number;
}

/** `files`: workspace-relative template files (TemplateSet.files); `template`: the material's folder name. */
export function whoAsksFor(root: string, files: string[], template: string, rel: string): AssetRef | undefined {
  const mine = files.filter((f) => f === 'templates/base.css' || f.startsWith('templates/partials/') || f.startsWith(`templates/${template}/`));
  // The material's own files first: they are the likelier cause.
  mine.sort((a, b) => Number(!a.startsWith(`templates/${template}/`)) - Number(!b.startsWith(`templates/${template}/`)));
  const base = SANDBOX_ORIGIN + DOCUMENT_PATH;
  for (const file of mine) {
    let text: string;
    try {
      text = readFileSync(path.join(root, file), 'utf8');
    } catch {
      continue;
    }
    const refs = /url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)|\b(?:src|href)\s*=\s*(?:"([^"{]*)"|'([^'{]*)')/g;
    for (let m; (m = refs.exec(text)); ) {
      const url = m.slice(1).find((x) => x !== undefined)?.trim();
      if (!url || url.startsWith('data:')) continue;
      let target: URL;
      try {
        target = new URL(url, base);
      } catch {
        continue;
      }
      if (target.origin !== SANDBOX_ORIGIN) continue;
      let pathname: string;
      try {
        pathname = decodeURIComponent(target.pathname.slice(1));
      } catch {
        continue;
      }
      if (pathname === rel) return { file, line: text.slice(0, m.index).split('\n').length };
    }
  }
  return undefined;
}
