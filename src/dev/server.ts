/**
 * `lehtinen dev`: a local HTTP server (127.0.0.1 unless --host says otherwise) for the preview page, the
 * composed documents and the workspace files they use, with the same rules as the render sandbox: no
 * scripts in documents (CSP and a sandboxed iframe), no origin but this server's, and only files inside
 * the workspace. Changes reach the page as Server-Sent Events naming the variants to reload.
 *
 * Edits from the page's panel (dev/edit.ts) are the only writes. They are accepted only when the server
 * listens on loopback, and only from its own page: a loopback Host, an Origin equal to that host, a
 * JSON body (so no plain cross-site form can send one) and a random token that only the page served
 * here carries (another site cannot read it: the same-origin policy keeps it out of reach).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { MIME } from '../browser/sandbox.js';
import { formatError, isLehtinenError, LehtinenError } from '../errors.js';
import { saveString, stringInfo } from './edit.js';
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

import { DEFAULT_PORT } from './port.js';
export { DEFAULT_PORT };

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
  const token = randomBytes(24).toString('base64url');
  const loopbackOnly = !o.host || LOOPBACK_ADDRESS.test(o.host);
  await preview.init();
  const clients = new Set<ServerResponse>();

  const send = (res: ServerResponse, event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  // Overflow marks: measured one variant after another, half a second after the page got the new
  // documents (ids of quick successive changes are gathered), so the page's own reload comes first.
  const marker = o.marks === false ? undefined : frameMarker({ browserPath: o.browserPath });
  let measuring = Promise.resolve();
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const remeasure = (ids: string[], delayMs = 500) => {
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
    }, delayMs);
  };
  // One refresh at a time, whether the watcher or a save asks for it.
  let refreshing = Promise.resolve();
  const refresh = (rels: string[], saved = false) => (refreshing = refreshing.then(() => applyChanges(rels, saved)).catch(() => {}));
  const watcher = watchWorkspace(root, preview.watchPaths(), (rels) => refresh(rels));
  /** `saved`: a save from the panel, whose editor waits for the overflow marks: measure at once. */
  async function applyChanges(rels: string[], saved: boolean): Promise<void> {
    const t = performance.now();
    const ids = await preview.refresh(rels);
    watcher.add(preview.watchPaths());
    const ms = Math.round(performance.now() - t);
    log(preview.error ? `error after change to ${rels.join(', ')}:\n${preview.error}` : `${rels.join(', ')} → ${ids.length ? ids.join(', ') : 'no document changed'} (${ms} ms)`);
    const state = preview.state();
    for (const c of clients) send(c, 'update', { ids, state });
    remeasure(ids, saved ? 0 : 500);
  }

  const server = createServer((req, res) => {
    void handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(String((e as Error).message));
    });
  });

  let saving: Promise<unknown> = Promise.resolve();
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method === 'POST' && req.url?.split('?')[0] === '/__lehtinen/edit') {
      const refused = refuseWrite(req, token, loopbackOnly);
      if (refused) return void res.writeHead(403, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify({ error: refused }));
      const body = readBody(req);
      body.catch(() => {}); // awaited in its turn below; until then a bad body must not count as unhandled
      // Saves one after another: each checks the files against what its panel saw, then writes.
      const result = (saving = saving.catch(() => {}).then(async () => {
        const ws = preview.workspace;
        if (!ws) throw new LehtinenError('USAGE', 'the workspace is not loaded');
        const r = await saveString(ws, preview, await body);
        // Show it now rather than when the watcher notices (the watcher's own refresh then finds nothing new).
        if (r.written.length) await refresh(r.written, true);
        return r;
      }));
      return json(res, result);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405, { allow: 'GET, HEAD' }).end();
    // On loopback, refuse other Host names: a web page elsewhere cannot read the workspace through DNS rebinding.
    if (!o.host && !/^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/.test(req.headers.host ?? '')) return void res.writeHead(403).end('forbidden host');
    const url = new URL(req.url ?? '/', 'http://dev.invalid');
    const p = url.pathname;
    const common = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
    if (p === '/' || p === '/index.html') {
      const page = PAGE_HTML.replace('</head>', `<meta name="lehtinen-edit" content="${loopbackOnly ? token : ''}">\n</head>`);
      return void res.writeHead(200, { ...common, 'content-type': 'text/html; charset=utf-8', 'content-security-policy': PAGE_CSP }).end(page);
    }
    if (p === '/__lehtinen/string') {
      const ws = preview.workspace;
      const info = ws ? stringInfo(ws, preview, url.searchParams.get('lang') ?? '', url.searchParams.get('key') ?? '') : Promise.reject(new Error('the workspace is not loaded'));
      return json(res, info);
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

  async function json(res: ServerResponse, p: Promise<unknown>): Promise<void> {
    const head = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
    try {
      const v = await p;
      res.writeHead(200, head).end(JSON.stringify(v));
    } catch (e) {
      if (!isLehtinenError(e)) {
        res.writeHead(500, head).end(JSON.stringify({ error: String((e as Error).message), message: `internal error (a bug in lehtinen, please report it): ${(e as Error).message}` }));
        return;
      }
      const status = e.code === 'CONFLICT' ? 409 : e.code === 'OUTPUT_WRITE' ? 500 : 422;
      res.writeHead(status, head).end(JSON.stringify({ error: formatError(e), code: e.code, message: e.message, details: e.details, hint: e.hint }));
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
      await saving.catch(() => {});
      await refreshing;
      clearTimeout(timer);
      await measuring;
      await marker?.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

const LOOPBACK_ADDRESS = /^(127\.\d+\.\d+\.\d+|localhost|::1|\[::1\])$/;
const LOOPBACK_HOST = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/;

/** Why a write request is refused, or undefined when it comes from this server's own page. */
export function refuseWrite(req: IncomingMessage, token: string, loopbackOnly: boolean): string | undefined {
  if (!loopbackOnly) return 'editing is off: lehtinen dev listens on a network address (--host); edit on loopback only';
  const host = req.headers.host ?? '';
  if (!LOOPBACK_HOST.test(host)) return 'forbidden host';
  if (req.headers.origin !== `http://${host}`) return 'writes are accepted only from the lehtinen dev page itself (Origin)';
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') return 'writes are accepted only from the lehtinen dev page itself (Sec-Fetch-Site)';
  if (!/^application\/json\b/.test(req.headers['content-type'] ?? '')) return 'writes are JSON';
  const sent = Buffer.from(String(req.headers['x-lehtinen-token'] ?? ''));
  const want = Buffer.from(token);
  if (sent.length !== want.length || !timingSafeEqual(sent, want)) return 'missing or wrong token: reload the lehtinen dev page';
  return undefined;
}

const MAX_BODY = 1 << 20;

function readBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new LehtinenError('USAGE', 'request too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(new LehtinenError('USAGE', 'the request is not JSON'));
      }
    });
    req.on('error', reject);
  });
}
