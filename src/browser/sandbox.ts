/**
 * The render sandbox: every request a page makes is answered here. The document and files inside the
 * workspace are served from memory/disk under SANDBOX_ORIGIN; everything else (http, https, file:,
 * other hosts, CSS url() to the outside) is aborted and recorded so the build can report it.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { HTTPRequest, Page } from 'puppeteer';
import { resolveInside } from '../workspace/files.js';
import { imageDefect, isImagePath } from '../workspace/image-check.js';
import { DOCUMENT_PATH, SANDBOX_ORIGIN } from './sandbox-origin.js';

export const MIME: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

export interface SandboxJob {
  html: string;
  root: string;
  /** requests that were refused, for the build report */
  blocked: string[];
  /** workspace files that were asked for but do not exist */
  missing: string[];
  /** workspace images refused before the browser saw them: "path: why" (workspace/image-check.ts) */
  rejected?: string[];
  /** paths that lead out of the workspace (a symbolic link pointing out): errors, not mere warnings */
  outside?: string[];
  /** workspace-relative files that were served (the build cache keys a variant by their contents) */
  served?: string[];
}

/** Shared by all pages of a session: workspace files are read once per build. */
export class FileCache {
  private readonly files = new Map<string, Promise<Buffer>>();
  private readonly defects = new Map<string, Promise<string | undefined>>();
  /** Why the image at `abs` must not be served (not an image, too large), read from its header once. */
  imageDefect(abs: string): Promise<string | undefined> {
    let p = this.defects.get(abs);
    if (!p) {
      p = this.get(abs).then(imageDefect);
      this.defects.set(abs, p);
    }
    return p;
  }
  get(abs: string): Promise<Buffer> {
    let p = this.files.get(abs);
    if (!p) {
      p = readFile(abs);
      this.files.set(abs, p);
      p.catch(() => this.files.delete(abs));
    }
    return p;
  }
  private readonly encoded = new Map<string, Promise<string>>();
  /** The file as base64, made once per file (see fulfillEncoded). */
  base64(abs: string): Promise<string> {
    let p = this.encoded.get(abs);
    if (!p) {
      p = this.get(abs).then((b) => b.toString('base64'));
      this.encoded.set(abs, p);
    }
    return p;
  }
  clear(): void {
    this.files.clear();
    this.defects.clear();
    this.encoded.clear();
  }
}

export async function installSandbox(page: Page, current: () => SandboxJob | undefined, cache: FileCache): Promise<void> {
  await page.setJavaScriptEnabled(false);
  await page.setRequestInterception(true);
  // The Content-Security-Policy (compose/document.ts) stops most outside URLs before any request is
  // made, so interception never sees them; the browser's console names them, and they are reported too.
  page.on('console', (msg) => {
    const job = current();
    const url = job && refusedUrl(msg.text());
    if (url) job.blocked.push(url.length > 200 ? url.slice(0, 200) + '…' : url);
  });
  page.on('request', (req) => {
    void answer(req, current(), cache).catch(() => {
      // The page may have navigated away or closed meanwhile; nothing left to answer.
    });
  });
}

/**
 * Puppeteer's respond() base64-encodes the body in JavaScript for every request: for the fonts that was
 * ~130 ms of CPU per document on Node's one thread, the largest cost beside pdf-lib. Here the encoding is
 * made once per file and the request is answered with CDP's Fetch.fulfillRequest, as respond() does.
 * Where Puppeteer's request lacks the (internal) interception id, respond() is used instead.
 */
async function fulfillEncoded(req: HTTPRequest, contentType: string, length: number, base64: () => Promise<string>): Promise<boolean> {
  const internal = req as unknown as { _interceptionId?: unknown; interception?: { handled: boolean } };
  const id = internal._interceptionId;
  if (typeof id !== 'string' || !internal.interception) return false;
  const body = await base64();
  if (req.isInterceptResolutionHandled()) return true;
  internal.interception.handled = true;
  await req.client.send('Fetch.fulfillRequest', {
    requestId: id,
    responseCode: 200,
    responseHeaders: [
      { name: 'content-type', value: contentType },
      { name: 'content-length', value: String(length) },
      // Workspace files do not change during a build (they are read once, FileCache): the page's renderer
      // keeps them in its memory cache, so the next document on the same page reuses the parsed fonts
      // instead of receiving ~2.6 MB of base64 again (about a third of the load time of a document).
      { name: 'cache-control', value: 'max-age=31536000, immutable' },
    ],
    body,
  });
  return true;
}

/** Puppeteer's (internal) canBeIntercepted() is false for a request the renderer answered from its memory cache. */
function fromMemoryCache(req: HTTPRequest): boolean {
  return (req as unknown as { canBeIntercepted?: () => boolean }).canBeIntercepted?.() === false;
}

async function answer(req: HTTPRequest, job: SandboxJob | undefined, cache: FileCache): Promise<void> {
  if (req.isInterceptResolutionHandled()) return;
  const url = req.url();
  if (!job) return req.abort('blockedbyclient');
  if (url.startsWith('data:')) return req.continue();
  if (!url.startsWith(SANDBOX_ORIGIN + '/')) {
    job.blocked.push(url.length > 200 ? url.slice(0, 200) + '…' : url);
    return req.abort('blockedbyclient');
  }
  const pathname = new URL(url).pathname;
  if (pathname === DOCUMENT_PATH) {
    return req.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: job.html });
  }
  if (pathname === '/favicon.ico') return req.respond({ status: 204, body: '' });
  let rel: string;
  try {
    rel = decodeURIComponent(pathname.slice(1));
  } catch {
    job.blocked.push(url);
    return req.abort('blockedbyclient');
  }
  let abs: string;
  try {
    abs = resolveInside(job.root, rel, 'requested file');
  } catch {
    (job.outside ??= []).push(rel);
    return req.abort('blockedbyclient');
  }
  try {
    const body = await cache.get(abs);
    const defect = isImagePath(abs) ? await cache.imageDefect(abs) : undefined;
    if (defect) {
      (job.rejected ??= []).push(`${rel}: ${defect}`);
      return req.respond({ status: 415, contentType: 'text/plain', body: 'refused' });
    }
    job.served?.push(rel);
    // Served from the renderer's memory cache (see fulfillEncoded): only the sandbox put it there, and
    // the request still passes the checks above, so the build cache learns that this document used it.
    if (fromMemoryCache(req)) return;
    const contentType = MIME[path.extname(abs).toLowerCase()] ?? 'application/octet-stream';
    if (await fulfillEncoded(req, contentType, body.byteLength, () => cache.base64(abs))) return;
    return req.respond({ status: 200, contentType, body });
  } catch {
    job.missing.push(rel);
    return req.respond({ status: 404, contentType: 'text/plain', body: 'not found' });
  }
}

/**
 * The URL in Chromium's "Loading the image 'URL' violates the following Content Security Policy
 * directive …" (older versions: "Refused to load the image 'URL' because it violates …") and in
 * "Not allowed to load local resource: URL".
 */
export function refusedUrl(text: string): string | undefined {
  if (/Content Security Policy/.test(text)) return /'([a-z][a-z0-9+.-]*:[^']+)'/i.exec(text)?.[1];
  return /^Not allowed to load local resource: (\S+)/.exec(text)?.[1];
}
