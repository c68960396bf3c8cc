/**
 * The render sandbox: every request a page makes is answered here. The document and files inside the
 * workspace are served from memory/disk under SANDBOX_ORIGIN; everything else (http, https, file:,
 * other hosts, CSS url() to the outside) is aborted and recorded so the build can report it.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { HTTPRequest, Page } from 'puppeteer';
import { resolveInside } from '../workspace/files.js';
import { DOCUMENT_PATH, SANDBOX_ORIGIN } from './sandbox-origin.js';

const MIME: Record<string, string> = {
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
}

/** Shared by all pages of a session: workspace files are read once per build. */
export class FileCache {
  private readonly files = new Map<string, Promise<Buffer>>();
  get(abs: string): Promise<Buffer> {
    let p = this.files.get(abs);
    if (!p) {
      p = readFile(abs);
      this.files.set(abs, p);
      p.catch(() => this.files.delete(abs));
    }
    return p;
  }
  clear(): void {
    this.files.clear();
  }
}

export async function installSandbox(page: Page, current: () => SandboxJob | undefined, cache: FileCache): Promise<void> {
  await page.setJavaScriptEnabled(false);
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    void answer(req, current(), cache).catch(() => {
      // The page may have navigated away or closed meanwhile; nothing left to answer.
    });
  });
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
    job.blocked.push(url);
    return req.abort('blockedbyclient');
  }
  try {
    const body = await cache.get(abs);
    return req.respond({
      status: 200,
      contentType: MIME[path.extname(abs).toLowerCase()] ?? 'application/octet-stream',
      body,
    });
  } catch {
    job.missing.push(rel);
    return req.respond({ status: 404, contentType: 'text/plain', body: 'not found' });
  }
}
