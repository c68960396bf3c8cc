/**
 * --kind html: a variant's composed HTML as a folder that opens from disk — index.html with every
 * workspace file it uses (fonts, images, linked stylesheets and what they link) beside it at its
 * workspace path. Anyone can then reproduce a render or try another engine on the same input.
 * The steps lehtinen takes in the page through DevTools (copy-fit, frame measurement, soft hyphens,
 * language tags) are not in the file: it is the document before them, as the browser receives it.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SANDBOX_ORIGIN } from '../browser/sandbox-origin.js';
import { LehtinenError } from '../errors.js';
import { resolveInside } from '../workspace/files.js';

export interface HtmlFolderFile {
  /** path inside the folder */
  rel: string;
  data: Uint8Array;
}

const ORIGIN_URL = new RegExp(`${SANDBOX_ORIGIN.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/([^"'()\\s<>]+)`, 'g');
// url(…) and @import "…" in CSS, relative to the stylesheet.
const CSS_REF = /url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3/g;

/** index.html and the workspace files it needs, in path order. */
export async function htmlFolder(html: string, root: string, id: string): Promise<HtmlFolderFile[]> {
  const wanted = new Set<string>();
  const page = html.replace(ORIGIN_URL, (_, enc: string) => {
    const rel = decodeURIComponent(enc);
    wanted.add(rel);
    return enc;
  });
  // The sandbox's origin becomes the folder's own: the CSP still allows nothing from anywhere else.
  const local = page.replace(/(content="[^"]*)/, (csp) => csp.split(SANDBOX_ORIGIN).join("'self'"));
  const files = new Map<string, Uint8Array>();
  const queue = [...wanted];
  while (queue.length) {
    const rel = queue.shift()!;
    if (files.has(rel)) continue;
    let data: Uint8Array;
    try {
      data = await readFile(resolveInside(root, rel, 'asset'));
    } catch (e) {
      if (e instanceof LehtinenError) throw e;
      throw new LehtinenError('ASSET_MISSING', `${id}: "${rel}" could not be read for the HTML folder`, {
        hint: 'Check the paths in the templates and brand.fonts; they are relative to the workspace folder.',
        cause: e,
      });
    }
    files.set(rel, data);
    if (rel.toLowerCase().endsWith('.css')) {
      for (const m of Buffer.from(data).toString('utf8').matchAll(CSS_REF)) {
        const ref = (m[2] ?? m[4] ?? '').split(/[?#]/)[0]!;
        if (!ref || /^[a-z][a-z0-9+.-]*:/i.test(ref) || ref.startsWith('/')) continue;
        queue.push(path.posix.normalize(path.posix.join(path.posix.dirname(rel), decodeURIComponent(ref))));
      }
    }
  }
  return [
    { rel: 'index.html', data: new TextEncoder().encode(local) },
    ...[...files.keys()].sort().map((rel) => ({ rel, data: files.get(rel)! })),
  ];
}
