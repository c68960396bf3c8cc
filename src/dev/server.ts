/**
 * `lehtinen dev`: a local HTTP server (127.0.0.1 unless --host says otherwise) for the preview page, the
 * composed documents and the workspace files they use, with the same rules as the render sandbox: no
 * scripts in documents (CSP and a sandboxed iframe), no origin but this server's, and only files inside
 * the workspace. Changes reach the page as Server-Sent Events naming the variants to reload.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { MIME } from '../browser/sandbox.js';
import { LehtinenError } from '../errors.js';
import { resolveInside } from '../workspace/files.js';
import { frameMarker } from './frame-marks.js';
import { APP_CSS, APP_JS, PAGE_HTML } from './page.js';
import { Preview } from './preview.js';
import { watchWorkspace, type WorkspaceWatcher } from './watcher.js';

export interface DevOptions {
  root: string;
  /** 0 = any free port */
  port?: number;
  host?: string;
  /** one line per refresh, for the terminal */
  log?: (line: string) => void;
  /** Chrome/Chromium for the overflow marks (default: found as for build) */
  browserPath?: string;
  /** false: no overflow marks (no browser is started) */
  marks?: boolean;
}

export interface DevServer {
  url: string;
  preview: Preview;
  watcher: WorkspaceWatcher;
  close(): Promise<void>;
}

export const DEFAULT_PORT = 4173;

const PAGE_CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
/** The composed documents' own policy (compose/document.ts), for this origin, sent as a header too. */
const DOC_CSP = "default-src 'none'; img-src 'self' data:; font-src 'self'; style-src 'self' 'unsafe-inline'; script-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";
/** Workspace files opened directly (an SVG, say) get no scripts either. */
const FILE_CSP = "default-src 'none'; img-src 'self' data:; font-src 'self'; style-src 'self' 'unsafe-inline'; sandbox";

export async function startDev(o: DevOptions): Promise<DevServer> {
  const root = path.resolve(o.root);
  const host = o.host ?? '127.0.0.1';
  const log = o.log ?? (() => {});
  const preview = new Preview(root);
  await preview.init();
  const clients = new Set<ServerResponse>();

  const send = (res: ServerResponse, event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  // Overflow marks: measured one variant after another, half a second after the page got the new
  // documents (ids of quick successive changes are gathered), so the page's own reload comes first.
  const marker = o.marks === false ? undefined : frameMarker({ browserPath: o.browserPath });
  let measuring = Promise.resolve();
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const remeasure = (ids: string[]) => {
    if (!marker || !ids.length) return;
    ids.forEach((id) => pending.add(id));
    clearTimeout(timer);
    timer = setTimeout(() => {
      const batch = [...pending];
      pending.clear();
      measuring = measuring
        .then(async () => {
          const changed = await preview.measure(batch, marker.check);
          if (!changed.length) return;
          const state = preview.state();
          for (const c of clients) send(c, 'marks', { ids: changed, state });
        })
        .catch((e: unknown) => log(`overflow marks not measured: ${(e as Error).message.split('\n')[0]}`));
    }, 500);
  };
  const watcher = watchWorkspace(root, preview.watchPaths(), async (rels) => {
    const t = performance.now();
    const ids = await preview.refresh(rels);
    watcher.add(preview.watchPaths());
    const ms = Math.round(performance.now() - t);
    log(preview.error ? `error after change to ${rels.join(', ')}:\n${preview.error}` : `${rels.join(', ')} → ${ids.length ? ids.join(', ') : 'no document changed'} (${ms} ms)`);
    const state = preview.state();
    for (const c of clients) send(c, 'update', { ids, state });
    remeasure(ids);
  });

  const server = createServer((req, res) => {
    void handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(String((e as Error).message));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405, { allow: 'GET, HEAD' }).end();
    // On loopback, refuse other Host names: a web page elsewhere cannot read the workspace through DNS rebinding.
    if (!o.host && !/^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/.test(req.headers.host ?? '')) return void res.writeHead(403).end('forbidden host');
    const url = new URL(req.url ?? '/', 'http://dev.invalid');
    const p = url.pathname;
    const common = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
    if (p === '/' || p === '/index.html') {
      return void res.writeHead(200, { ...common, 'content-type': 'text/html; charset=utf-8', 'content-security-policy': PAGE_CSP }).end(PAGE_HTML);
    }
    if (p === '/__lehtinen/app.js') return void res.writeHead(200, { ...common, 'content-type': 'text/javascript; charset=utf-8' }).end(APP_JS);
    if (p === '/__lehtinen/app.css') return void res.writeHead(200, { ...common, 'content-type': 'text/css; charset=utf-8' }).end(APP_CSS);
    if (p === '/__lehtinen/state.json') {
      return void res.writeHead(200, { ...common, 'content-type': 'application/json' }).end(JSON.stringify(preview.state()));
    }
    if (p === '/__lehtinen/events') {
      res.writeHead(200, { ...common, 'content-type': 'text/event-stream', connection: 'keep-alive' });
      res.write('retry: 1000\n\n');
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    const doc = /^\/__lehtinen\/doc\/([^/]+)\.html$/.exec(p);
    if (doc) {
      const v = preview.get(decodeURIComponent(doc[1]!));
      if (!v) return void res.writeHead(404, common).end('no such variant');
      return void res.writeHead(200, { ...common, 'content-type': 'text/html; charset=utf-8', 'content-security-policy': DOC_CSP }).end(v.html);
    }
    if (p.startsWith('/__lehtinen/')) return void res.writeHead(404, common).end('not found');
    // A workspace file, resolved exactly as the render sandbox resolves it (browser/sandbox.ts). Hidden
    // files and folders (.git, .env…) are never a document's input and are not served.
    let abs: string;
    try {
      abs = resolveInside(root, decodeURIComponent(p.slice(1)), 'requested file');
    } catch {
      return void res.writeHead(403, common).end('outside the workspace');
    }
    if (path.relative(root, abs).split(path.sep).some((seg) => seg.startsWith('.'))) return void res.writeHead(404, common).end('not found');
    try {
      const body = await readFile(abs);
      res.writeHead(200, { ...common, 'content-type': MIME[path.extname(abs).toLowerCase()] ?? 'application/octet-stream', 'content-security-policy': FILE_CSP });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, common).end('not found');
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        new LehtinenError('USAGE', `cannot listen on ${host}:${o.port ?? DEFAULT_PORT}: ${e.code === 'EADDRINUSE' ? 'the port is in use' : e.message}`, {
          hint: 'Choose another port with --port.',
          cause: e,
        }),
      ),
    );
    server.listen(o.port ?? DEFAULT_PORT, host, () => resolve());
  });
  await watcher.ready;
  remeasure(preview.state().variants.map((v) => v.id));
  const addr = server.address() as AddressInfo;
  const shownHost = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return {
    url: `http://${shownHost === '0.0.0.0' ? '127.0.0.1' : shownHost}:${addr.port}/`,
    preview,
    watcher,
    async close() {
      for (const c of clients) c.end();
      clients.clear();
      await watcher.close();
      clearTimeout(timer);
      await measuring;
      await marker?.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
