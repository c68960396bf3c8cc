/**
 * A plain static host for tests: serves a folder on 127.0.0.1 the way a web server would (a folder URL
 * serves its index.html), and a headless Chromium that can reach only that address. Page scripts are
 * on here, unlike in the render sandbox, so tests can inject axe-core.
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import puppeteer, { type Browser } from 'puppeteer';
import { findBrowser } from '../../src/browser/find.js';
import { CHROME_ARGS } from '../../src/browser/session.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.webp': 'image/webp',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ttf': 'font/ttf',
  '.pdf': 'application/pdf',
  '.zip': 'application/zip',
};

export interface StaticHost {
  base: string;
  close(): Promise<void>;
}

export async function serveFolder(root: string): Promise<StaticHost> {
  const server: Server = createServer((req, res) => {
    void (async () => {
      let rel = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      if (rel.endsWith('/')) rel += 'index.html';
      const abs = path.join(root, path.normalize(rel));
      if (!abs.startsWith(root + path.sep)) return res.writeHead(403).end();
      try {
        const body = await readFile(abs);
        res.writeHead(200, { 'content-type': TYPES[path.extname(abs)] ?? 'application/octet-stream' }).end(body);
      } catch {
        res.writeHead(404).end('not found');
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return { base: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}

/** lehtinen's Chromium flags, except that 127.0.0.1 resolves; every other host stays unreachable. */
export async function testBrowser(): Promise<Browser> {
  const args = CHROME_ARGS.map((a) => (a.startsWith('--host-resolver-rules=') ? `${a}, EXCLUDE 127.0.0.1` : a));
  return puppeteer.launch({ executablePath: (await findBrowser()).path, headless: true, args });
}
