/**
 * `npm run bench`: lehtinen's speed and memory against the engine's own limit and against peers, all
 * measured in one run on this machine. Prints a table; nothing here is a test (targets are reported,
 * not asserted). Options:
 *   --quick          the example only (no 5× / 10× workspaces)
 *   --concurrency N  pages (and peer processes) at once; default: lehtinen's default (CPU cores)
 *   --repeat N       rounds of the engine comparison, best of N reported (default 3, 1 with --quick)
 *   --json FILE      also write the figures as JSON
 *
 * What is compared, on the same composed HTML (lehtinen's own documents):
 *   lehtinen PDF build   `build --kind print-pdf,web-pdf --no-site --no-bundles --no-cache`
 *   warm Chromium loop   one browser, N pages, goto + fonts.ready + page.pdf, nothing else
 *   naive                a new browser per document (launch, goto, pdf, close)
 *   WeasyPrint           if installed (Debian: apt-get install weasyprint); N warm Python processes
 */
import { execFile, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import os, { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import pLimit from 'p-limit';
import puppeteer from 'puppeteer';
import YAML from 'yaml';
import { findBrowser } from '../src/browser/find.js';
import { MIME } from '../src/browser/sandbox.js';
import { SANDBOX_ORIGIN } from '../src/browser/sandbox-origin.js';
import { CHROME_ARGS } from '../src/browser/session.js';
import { composeVariant } from '../src/compose/document.js';
import { planVariants } from '../src/compose/variants.js';
import type { BuildOptions } from '../src/pipeline/build.js';
import { loadWorkspace } from '../src/workspace/workspace.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// The build runs from the compiled dist/ (npm run bench compiles first), as `lehtinen build` does: tsx's
// transform adds helpers to the functions the renderer sends into the page, where they do not exist.
const { build } = (await import(new URL('../dist/pipeline/build.js', import.meta.url).href)) as typeof import('../src/pipeline/build.js');
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const value = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const QUICK = flag('--quick');
const CONCURRENCY = Number(value('--concurrency') ?? availableParallelism());
const JSON_OUT = value('--json');
const REPEAT = Number(value('--repeat') ?? (QUICK ? 1 : 3));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'lehtinen-bench-'));
const results: Record<string, unknown> = { machine: machine(), date: new Date().toISOString(), concurrency: CONCURRENCY };

// ---------------------------------------------------------------- memory sampling (RSS, from /proc)

/**
 * Memory of this process and all its descendants (Chromium's processes): the sum of their PSS
 * (proportional set size: pages shared between processes counted once, split among them). Summed RSS
 * would count Chromium's shared pages once per process and overstate it about twofold.
 */
function treeMemory(root = process.pid): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  const pssOf = new Map<number, () => number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces): state ppid … ; rss is field 24 (pages).
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ppid = Number(rest[1]);
      const pid = Number(name);
      rss.set(pid, Number(rest[21]) * 4096);
      pssOf.set(pid, () => {
        const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${name}/smaps_rollup`, 'utf8'));
        return m ? Number(m[1]) * 1024 : Number(rest[21]) * 4096;
      });
      children.set(ppid, [...(children.get(ppid) ?? []), pid]);
    } catch {
      /* the process ended meanwhile */
    }
  }
  let total = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    try {
      total += pssOf.get(pid)?.() ?? 0;
    } catch {
      total += rss.get(pid) ?? 0;
    }
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

async function measure<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number; peakMb: number }> {
  let peak = treeMemory();
  const timer = setInterval(() => (peak = Math.max(peak, treeMemory())), 100);
  const t0 = performance.now();
  try {
    const v = await fn();
    return { value: v, ms: performance.now() - t0, peakMb: Math.round((Math.max(peak, treeMemory()) / 1e6) * 10) / 10 };
  } finally {
    clearInterval(timer);
  }
}

// ---------------------------------------------------------------- whole processes

/**
 * A command as its own process: wall time from spawn to exit and, when `sample` is set, the peak PSS of its
 * process tree. Sampling is not free: reading smaps_rollup of every Chromium process took ~75 ms of this
 * process's time per sample here (4.5 s during a 7 s build on 2 cores), which slowed the measured command
 * by ~10 %. Timed rounds therefore run unsampled, and memory is measured in a round of its own.
 */
async function proc(cmd: string, argv: string[], env: NodeJS.ProcessEnv = {}, sample = false): Promise<{ ms: number; peakMb: number; out: string }> {
  const t0 = performance.now();
  const child = spawn(cmd, argv, { cwd: REPO, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d));
  child.stderr!.on('data', (d: Buffer) => (out += d));
  let peak = 0;
  const timer = sample ? setInterval(() => (peak = Math.max(peak, treeMemory(child.pid!))), 100) : undefined;
  const code = await new Promise<number | null>((r) => child.on('close', r));
  clearInterval(timer);
  if (code !== 0) throw new Error(`${cmd} ${argv.join(' ')} exited ${code}: ${out.slice(-500)}`);
  return { ms: performance.now() - t0, peakMb: Math.round(peak / 1e5) / 10, out };
}

const LEHTINEN = path.join(REPO, 'bin/lehtinen.js');
const cli = (...argv: string[]) => proc(process.execPath, [LEHTINEN, ...argv]);

/** `chromium --headless --print-to-pdf` once per document, N at a time: what a script without lehtinen does. */
async function naiveCli(htmlRoot: string, out: string) {
  const docs = (readdirSync(htmlRoot, { recursive: true }) as string[]).filter((f) => f.endsWith('-html/index.html'));
  const exe = (await findBrowser()).path;
  const limit = pLimit(CONCURRENCY);
  const t0 = performance.now();
  await Promise.all(
    docs.map((d) =>
      limit(() =>
        proc(exe, ['--headless', ...CHROME_ARGS, '--no-pdf-header-footer', `--print-to-pdf=${path.join(out, path.basename(path.dirname(d)))}.pdf`, pathToFileURL(path.join(htmlRoot, d)).href]),
      ),
    ),
  );
  return { ms: performance.now() - t0 };
}

/**
 * lehtinen against its peers, every figure a whole process (start-up, module loading and browser launch
 * included), in interleaved rounds on the same composed HTML (the `--kind html` folders).
 */
async function wholeProcesses(): Promise<void> {
  console.log('whole processes, interleaved (example workspace, 15 variants)');
  const ws = copyExample(path.join(tmp, 'ws-proc'));
  const html = path.join(tmp, 'proc-html');
  await cli('build', '--root', ws, '--out', html, '--kind', 'html', '--no-site', '--no-bundles');
  const weasy = await hasWeasyPrint();
  const r = { pdf: [] as number[], warm: [] as number[], naive: [] as number[], weasy: [] as number[], full: [] as number[], one: [] as number[], noop: [] as number[], mem: { pdf: 0, full: 0, warm: 0 } };
  const cardEn = path.join(ws, 'locales/en/card.json');
  const card = JSON.parse(readFileSync(cardEn, 'utf8')) as Record<string, unknown>;
  const pdfBuild = (round: string) => [LEHTINEN, 'build', '--root', ws, '--out', path.join(round, 'pdf'), '--kind', 'print-pdf,web-pdf', '--no-site', '--no-bundles', '--no-cache', '--concurrency', String(CONCURRENCY)];
  const warmLoop = (round: string) => [path.join(REPO, 'scripts/warm-loop.mjs'), html, path.join(round, 'warm'), String(CONCURRENCY)];
  const fullBuild = (round: string) => [LEHTINEN, 'build', '--root', ws, '--out', path.join(round, 'full'), '--no-cache', '--concurrency', String(CONCURRENCY)];
  for (let i = 0; i < REPEAT; i++) {
    const round = path.join(tmp, `proc-${i}`);
    r.pdf.push((await proc(process.execPath, pdfBuild(round))).ms);
    r.warm.push((await proc(process.execPath, warmLoop(round))).ms);
    mkdirSync(path.join(round, 'naive'), { recursive: true });
    r.naive.push((await naiveCli(html, path.join(round, 'naive'))).ms);
    if (weasy) {
      const t0 = performance.now();
      const docs = (readdirSync(html, { recursive: true }) as string[]).filter((f) => f.endsWith('-html/index.html'));
      const limit = pLimit(CONCURRENCY);
      await Promise.all(docs.map((d) => limit(() => proc('weasyprint', [path.join(html, d), path.join(round, `${path.basename(path.dirname(d))}.weasy.pdf`)]))));
      r.weasy.push(performance.now() - t0);
    }
    const fullOut = path.join(round, 'full');
    r.full.push((await proc(process.execPath, fullBuild(round))).ms);
    writeFileSync(cardEn, JSON.stringify({ ...card, title: `${String(card.title)} (round ${i + 1})` }, null, 2));
    r.one.push((await cli('build', '--root', ws, '--out', fullOut, '--concurrency', String(CONCURRENCY))).ms);
    r.noop.push((await cli('build', '--root', ws, '--out', fullOut, '--concurrency', String(CONCURRENCY))).ms);
  }
  writeFileSync(cardEn, JSON.stringify(card, null, 2));
  // Peak memory in a round of its own: sampling slows what it samples (see proc).
  const memRound = path.join(tmp, 'proc-mem');
  r.mem.pdf = (await proc(process.execPath, pdfBuild(memRound), {}, true)).peakMb;
  r.mem.warm = (await proc(process.execPath, warmLoop(memRound), {}, true)).peakMb;
  r.mem.full = (await proc(process.execPath, fullBuild(memRound), {}, true)).peakMb;
  const min = (a: number[]) => Math.min(...a);
  const of = REPEAT > 1 ? ` (best of ${REPEAT})` : '';
  row(`PDF build, process${of}`, s(min(r.pdf)), `peak ${r.mem.pdf} MB`);
  row(`bare warm loop, process${of}`, s(min(r.warm)), `lehtinen = ${(min(r.warm) / min(r.pdf)).toFixed(2)} × its throughput (target ≥ 0.8); peak ${r.mem.warm} MB`);
  row(`naive chromium --print-to-pdf per document${of}`, s(min(r.naive)), `lehtinen ${(min(r.naive) / min(r.pdf)).toFixed(2)} × faster`);
  row(`WeasyPrint per document${of}`, weasy ? s(min(r.weasy)) : 'skipped', weasy ? `lehtinen ${(min(r.weasy) / min(r.pdf)).toFixed(2)} × faster` : 'not installed (apt-get install weasyprint)');
  row(`full build, process${of}`, s(min(r.full)), `${(min(r.full) / min(r.pdf)).toFixed(2)} × the PDF build (images' cost; target ≤ 1.3); peak ${r.mem.full} MB`);
  row(`one-string rebuild, process${of}`, s(min(r.one)), `${(min(r.one) / min(r.full)).toFixed(2)} × the cold full build (target ≤ 0.1)`);
  row(`no-change rebuild, process${of}`, s(min(r.noop)), 'target < 0.5 s');
  results.processes = { ...r, load: readFileSync('/proc/loadavg', 'utf8').trim() };
  console.log(`load average after: ${readFileSync('/proc/loadavg', 'utf8').trim()}\n`);
}

// ---------------------------------------------------------------- workspaces

function copyExample(dir: string): string {
  mkdirSync(dir, { recursive: true });
  for (const part of ['lehtinen.config.yaml', 'locales', 'templates', 'assets']) cpSync(path.join(REPO, part), path.join(dir, part), { recursive: true });
  return dir;
}

/**
 * The example with each of its materials cloned `copies` times under new ids (brochure-02…): same
 * templates, their own title strings and translation status, so the workspace is `copies` × the example.
 */
function scaledExample(copies: number): string {
  const dir = copyExample(path.join(tmp, `ws-${copies}x`));
  const cfgPath = path.join(dir, 'lehtinen.config.yaml');
  const cfg = YAML.parse(readFileSync(cfgPath, 'utf8')) as { materials: Record<string, Record<string, unknown>> };
  const materials: Record<string, Record<string, unknown>> = {};
  for (const [id, m] of Object.entries(cfg.materials)) {
    for (let i = 1; i <= copies; i++) {
      const nid = i === 1 ? id : `${id}-${String(i).padStart(2, '0')}`;
      materials[nid] = { ...m, template: (m.template as string | undefined) ?? id };
      if (i === 1) continue;
      for (const lang of readdirSync(path.join(dir, 'locales'))) {
        const ldir = path.join(dir, 'locales', lang);
        const json = JSON.parse(readFileSync(path.join(ldir, `${id}.json`), 'utf8')) as { title: string };
        json.title = `${json.title} ${i}`;
        writeFileSync(path.join(ldir, `${nid}.json`), JSON.stringify(json, null, 2));
        const status = path.join(ldir, 'status.yaml');
        if (existsSync(status)) {
          // Each clone's strings keep the status of the original's ("title" changes, so it is a draft here).
          const lines = readFileSync(status, 'utf8').split('\n').filter((l) => l.startsWith(`${id}:title:`));
          writeFileSync(status, readFileSync(status, 'utf8') + lines.map((l) => l.replace(`${id}:title:`, `${nid}:title:`).replace(/status: \w+/, 'status: draft')).join('\n') + '\n');
        }
      }
    }
  }
  cfg.materials = materials;
  writeFileSync(cfgPath, YAML.stringify(cfg));
  return dir;
}

// ---------------------------------------------------------------- lehtinen

async function lehtinen(root: string, out: string, extra: Partial<BuildOptions> = {}) {
  const r = await measure(() => build({ root, outDir: out, concurrency: CONCURRENCY, ...extra }));
  return { ms: r.ms, peakMb: r.peakMb, variants: r.value.rendered + r.value.reused, rendered: r.value.rendered, reused: r.value.reused, files: r.value.files };
}

// ---------------------------------------------------------------- the same HTML through other engines

async function composedDocs(root: string): Promise<{ id: string; html: string }[]> {
  const ws = await loadWorkspace(root);
  const day = new Date().toISOString().slice(0, 10);
  return planVariants(ws).map((v) => ({ id: v.id, html: composeVariant(ws, v, day).html }));
}

/** A plain HTTP server for the documents and the workspace files (in memory after the first read). */
async function serveDocs(root: string, docs: { id: string; html: string }[]) {
  const files = new Map<string, Promise<Buffer>>();
  const byId = new Map<string, string>();
  const server = createServer((req, res) => {
    const p = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const doc = /^\/__doc\/(.+)\.html$/.exec(p);
    if (doc) return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(byId.get(doc[1]!));
    const abs = path.join(root, path.normalize(p));
    if (!files.has(abs)) files.set(abs, readFile(abs));
    files.get(abs)!.then(
      (b) => res.writeHead(200, { 'content-type': MIME[path.extname(abs)] ?? 'application/octet-stream' }).end(b),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The documents name files under the sandbox origin (and allow it in their CSP): point both here.
  for (const d of docs) byId.set(d.id, d.html.replaceAll(SANDBOX_ORIGIN, origin));
  return { origin, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const loopArgs = () => CHROME_ARGS.map((a) => (a.startsWith('--host-resolver-rules=') ? `${a}, EXCLUDE 127.0.0.1` : a));

async function pdfOf(page: import('puppeteer').Page, url: string): Promise<number> {
  await page.goto(url, { waitUntil: 'load' });
  await page.evaluate(() => document.fonts.ready);
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true });
  return pdf.byteLength;
}

/** The engine's own limit: one warm browser, N pages, nothing but load and print. */
async function warmLoop(root: string, docs: { id: string; html: string }[]) {
  const srv = await serveDocs(root, docs);
  const executablePath = (await findBrowser()).path;
  try {
    return await measure(async () => {
      const browser = await puppeteer.launch({ executablePath, headless: true, args: loopArgs() });
      try {
        const pages = await Promise.all(Array.from({ length: Math.min(CONCURRENCY, docs.length) }, () => browser.newPage()));
        const queue = [...docs];
        await Promise.all(
          pages.map(async (page) => {
            for (let d = queue.shift(); d; d = queue.shift()) await pdfOf(page, `${srv.origin}/__doc/${d.id}.html`);
          }),
        );
      } finally {
        await browser.close();
      }
    });
  } finally {
    await srv.close();
  }
}

/** A new browser for every document, N at a time. */
async function naive(root: string, docs: { id: string; html: string }[]) {
  const srv = await serveDocs(root, docs);
  const executablePath = (await findBrowser()).path;
  const limit = pLimit(CONCURRENCY);
  const split = { launchMs: 0, renderMs: 0, closeMs: 0 };
  try {
    const r = await measure(() =>
      Promise.all(
        docs.map((d) =>
          limit(async () => {
            // Where a naive render's time goes (the profile behind the ratio): launch, render, close.
            let t = performance.now();
            const browser = await puppeteer.launch({ executablePath, headless: true, args: loopArgs() });
            split.launchMs += performance.now() - t;
            try {
              t = performance.now();
              await pdfOf(await browser.newPage(), `${srv.origin}/__doc/${d.id}.html`);
              split.renderMs += performance.now() - t;
            } finally {
              t = performance.now();
              await browser.close();
              split.closeMs += performance.now() - t;
            }
          }),
        ),
      ),
    );
    return { ...r, ...split };
  } finally {
    await srv.close();
  }
}

const WEASY_PY = `
import sys, weasyprint
for line in sys.stdin:
    src, dst = line.rstrip('\\n').split('\\t')
    weasyprint.HTML(filename=src).write_pdf(dst)
    print('ok', flush=True)
`;

/** The Python that runs the installed `weasyprint` command (its #! line), else python3 on PATH. */
function weasyPython(): string {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const exe = path.join(dir, 'weasyprint');
    if (!existsSync(exe)) continue;
    const first = readFileSync(exe, 'utf8').split('\n', 1)[0]!;
    if (first.startsWith('#!')) return first.slice(2).trim().split(/\s+/)[0]!;
  }
  return 'python3';
}

function hasWeasyPrint(): Promise<string | undefined> {
  return promisify(execFile)(weasyPython(), ['-c', 'import weasyprint; print(weasyprint.__version__)'])
    .then((r) => r.stdout.trim())
    .catch(() => undefined);
}

/** WeasyPrint on the same HTML (workspace files as file: URLs), N warm Python processes. */
async function weasyprint(root: string, docs: { id: string; html: string }[]) {
  const dir = path.join(tmp, `weasy-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  const jobs = docs.map((d) => {
    const src = path.join(dir, `${d.id}.html`);
    writeFileSync(src, d.html.replaceAll(SANDBOX_ORIGIN, `file://${root}`));
    return `${src}\t${path.join(dir, `${d.id}.pdf`)}\n`;
  });
  return measure(() =>
    Promise.all(
      Array.from({ length: Math.min(CONCURRENCY, jobs.length) }, (_, w) => {
        const mine = jobs.filter((_, i) => i % CONCURRENCY === w);
        return new Promise<void>((resolve, reject) => {
          const py = spawn(weasyPython(), ['-c', WEASY_PY], { stdio: ['pipe', 'pipe', 'pipe'] });
          let err = '';
          py.stderr.on('data', (c: Buffer) => (err += c.toString()));
          py.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`weasyprint exited ${code}: ${err.slice(-500)}`))));
          py.stdin.end(mine.join(''));
        });
      }),
    ),
  );
}

/** `lehtinen dev`: from saving a locale file to the server's update event naming the changed variant. */
async function devLatency(root: string): Promise<number> {
  const { startDev } = (await import(new URL('../dist/dev/server.js', import.meta.url).href)) as typeof import('../src/dev/server.js');
  const dev = await startDev({ root, port: 0 });
  const file = path.join(root, 'locales/en/card.json');
  const original = readFileSync(file, 'utf8');
  const times: number[] = [];
  try {
    const events = await new Promise<import('node:http').IncomingMessage>((resolve, reject) => {
      const req = request(new URL('__lehtinen/events', dev.url), resolve);
      req.on('error', reject);
      req.end();
    });
    let waiting: ((ids: string[]) => void) | undefined;
    let buf = '';
    events.on('data', (c: Buffer) => {
      buf += c.toString();
      for (let i = buf.indexOf('\n\n'); i >= 0; i = buf.indexOf('\n\n')) {
        const block = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (block.startsWith('event: update') && data) waiting?.((JSON.parse(data) as { ids: string[] }).ids);
      }
    });
    for (let i = 0; i < 5; i++) {
      const json = JSON.parse(original) as Record<string, unknown>;
      const done = new Promise<string[]>((resolve) => (waiting = resolve));
      const t0 = performance.now();
      writeFileSync(file, JSON.stringify({ ...json, title: `${String(json.title)} (dev ${i})` }, null, 2));
      const ids = await done;
      times.push(performance.now() - t0);
      if (!ids.includes('card-en')) throw new Error(`dev reported ${ids.join(', ')} instead of card-en`);
      await new Promise((r) => setTimeout(r, 200));
    }
    events.destroy();
  } finally {
    writeFileSync(file, original);
    await dev.close();
  }
  return times.sort((a, b) => a - b)[2]!;
}

// ---------------------------------------------------------------- report

function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 1e9)} GB RAM, ${os.platform()} ${os.release()}, Node ${process.version}`;
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const rows: [string, string, string][] = [];
const row = (what: string, figure: string, note = '') => {
  rows.push([what, figure, note]);
  console.log(`  ${what.padEnd(46)} ${figure.padEnd(22)} ${note}`);
};

async function main(): Promise<void> {
  console.log(`lehtinen bench — ${machine()}; concurrency ${CONCURRENCY}; ${new Date().toISOString()}`);
  const browser = await findBrowser();
  const b = await puppeteer.launch({ executablePath: browser.path, headless: true, args: CHROME_ARGS });
  const engine = await b.version();
  await b.close();
  results.engine = engine;
  console.log(`browser: ${engine} (${browser.path})\n`);

  await wholeProcesses();
  if (flag('--processes')) {
    if (JSON_OUT) writeFileSync(JSON_OUT, JSON.stringify({ ...results, rows }, null, 2));
    return;
  }

  // ---- the example (1×)
  console.log('example workspace (1×: 3 materials × 5 languages)');
  const ex = copyExample(path.join(tmp, 'ws-1x'));
  const exOut = path.join(tmp, 'out-1x');
  const full = await lehtinen(ex, exOut, { cache: false });
  row('lehtinen full build (all outputs, site, zips)', s(full.ms), `${full.variants} variants, ${Math.round(full.ms / full.variants)} ms/variant, peak ${full.peakMb} MB`);
  results.exampleFull = full;

  // One string changed in one material: the rebuild renders that variant and reuses the rest.
  const cardEn = path.join(ex, 'locales/en/card.json');
  const card = JSON.parse(readFileSync(cardEn, 'utf8')) as Record<string, unknown>;
  const incs = [];
  for (let i = 0; i < REPEAT; i++) {
    writeFileSync(cardEn, JSON.stringify({ ...card, title: `${String(card.title)} (edit ${i + 1})` }, null, 2));
    incs.push(await lehtinen(ex, exOut));
  }
  const inc = best(incs);
  const of = REPEAT > 1 ? ` (best of ${REPEAT})` : '';
  row(`one-string rebuild (card, en)${of}`, s(inc.ms), `rendered ${inc.rendered}, reused ${inc.reused}; target < 1 s`);
  results.exampleIncremental = { ...inc, runs: incs.map((r) => r.ms) };
  const noop = best(await Promise.resolve([await lehtinen(ex, exOut)]));
  row('rebuild with nothing changed', s(noop.ms), `rendered ${noop.rendered}, reused ${noop.reused}`);
  results.exampleNoop = noop;

  const devMs = await devLatency(ex);
  row('lehtinen dev: string saved → page told (median of 5)', `${Math.round(devMs)} ms`, 'the iframe reloads after this; target: the page updated within 1 s');
  results.devUpdateMs = devMs;

  await compareEngines('example', ex, true);

  if (!QUICK) {
    for (const copies of [5, 10]) {
      console.log(`\ngenerated workspace (${copies}×: ${3 * copies} materials × 5 languages)`);
      const ws = scaledExample(copies);
      const r = await lehtinen(ws, path.join(tmp, `out-${copies}x`), { cache: false });
      row(`lehtinen full build ${copies}×`, s(r.ms), `${r.variants} variants, ${Math.round(r.ms / r.variants)} ms/variant, peak ${r.peakMb} MB`);
      results[`full${copies}x`] = r;
      if (copies === 10) await compareEngines(`${copies}x`, ws, false, 1);
    }
  }

  const mem = ['exampleFull', 'full5x', 'full10x'].filter((k) => results[k]).map((k) => `${(results[k] as { variants: number }).variants} variants: ${(results[k] as { peakMb: number }).peakMb} MB`);
  console.log(`\npeak memory (PSS of node + Chromium processes): ${mem.join(' · ')}`);
  if (JSON_OUT) writeFileSync(JSON_OUT, JSON.stringify({ ...results, rows }, null, 2));
}

/** The fastest of `runs` (other load on the machine only ever adds time). */
function best<T extends { ms: number }>(runs: T[]): T {
  return runs.reduce((a, b) => (b.ms < a.ms ? b : a));
}

async function compareEngines(label: string, root: string, withNaive: boolean, repeat = REPEAT): Promise<void> {
  const docs = await composedDocs(root);
  const weasy = await hasWeasyPrint();
  const runs = { pdf: [] as Awaited<ReturnType<typeof lehtinen>>[], warm: [] as Awaited<ReturnType<typeof warmLoop>>[], naive: [] as Awaited<ReturnType<typeof naive>>[], weasy: [] as Awaited<ReturnType<typeof weasyprint>>[] };
  let weasyError: string | undefined;
  // Interleaved rounds: a burst of load from elsewhere hits one round of each, not all runs of one.
  for (let i = 0; i < repeat; i++) {
    runs.pdf.push(await lehtinen(root, path.join(tmp, `out-pdf-${label}`), { cache: false, kinds: ['print-pdf', 'web-pdf'], site: false, bundles: false }));
    runs.warm.push(await warmLoop(root, docs));
    if (withNaive) runs.naive.push(await naive(root, docs));
    if (weasy && !weasyError) {
      try {
        runs.weasy.push(await weasyprint(root, docs));
      } catch (e) {
        weasyError = (e as Error).message.split('\n')[0];
      }
    }
  }
  const pdfOnly = best(runs.pdf);
  const warm = best(runs.warm);
  const of = repeat > 1 ? ` (best of ${repeat})` : '';
  row(`lehtinen PDF build (print + web PDF)${of}`, s(pdfOnly.ms), `${Math.round(pdfOnly.ms / docs.length)} ms/variant, peak ${pdfOnly.peakMb} MB`);
  const ratio = warm.ms / pdfOnly.ms;
  row(`warm Chromium loop (goto + page.pdf)${of}`, s(warm.ms), `lehtinen throughput = ${ratio.toFixed(2)} × the loop's; target ≥ 0.8`);
  results[`${label}Pdf`] = { lehtinenMs: pdfOnly.ms, warmMs: warm.ms, ratio, warmPeakMb: warm.peakMb, lehtinenRuns: runs.pdf.map((r) => r.ms), warmRuns: runs.warm.map((r) => r.ms) };
  if (withNaive) {
    const n = best(runs.naive);
    row(`naive (a new browser per document)${of}`, s(n.ms), `lehtinen PDF build is ${(n.ms / pdfOnly.ms).toFixed(1)} × faster; target ≥ 5`);
    const per = (x: number) => `${Math.round(x / docs.length)} ms`;
    row('  naive, per document', `launch ${per(n.launchMs)}`, `render ${per(n.renderMs)}, close ${per(n.closeMs)} (warm loop: ${per(warm.ms * CONCURRENCY)} per document and page)`);
    results[`${label}Naive`] = { ms: n.ms, speedup: n.ms / pdfOnly.ms, peakMb: n.peakMb, launchMs: n.launchMs, renderMs: n.renderMs, closeMs: n.closeMs };
  }
  if (!weasy) {
    row('WeasyPrint', 'skipped', 'not installed (Debian: apt-get install weasyprint)');
  } else if (weasyError) {
    row('WeasyPrint', 'failed', weasyError);
  } else {
    const w = best(runs.weasy);
    row(`WeasyPrint ${weasy} (same HTML)${of}`, s(w.ms), `lehtinen PDF build: ${(w.ms / pdfOnly.ms).toFixed(1)} × its throughput; peak ${w.peakMb} MB`);
    results[`${label}WeasyPrint`] = { version: weasy, ms: w.ms, ratio: w.ms / pdfOnly.ms, peakMb: w.peakMb };
  }
}

try {
  await main();
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
