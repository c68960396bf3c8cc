/**
 * One browser per build, owned here: launched lazily, a pool of warm pages (each with the sandbox
 * installed once), relaunched if it crashes. Everyone else asks for a page with withPage().
 */
import puppeteer, { type Browser, type Page } from 'puppeteer';
import { LehtinenError } from '../errors.js';
import { findBrowser, type FoundBrowser } from './find.js';
import { FileCache, installSandbox, type SandboxJob } from './sandbox.js';

/** Flags for a headless browser in a closed network, often as root in a container. */
export const CHROME_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--disable-quic',
  '--font-render-hinting=none',
  // Belt and braces with request interception: no host name resolves, so nothing can leave.
  '--host-resolver-rules=MAP * ~NOTFOUND',
];

export interface SessionOptions {
  browserPath?: string;
  concurrency: number;
}

interface PooledPage {
  page: Page;
  job?: SandboxJob;
}

export class BrowserSession {
  private browser?: Promise<Browser>;
  private found?: FoundBrowser;
  private idle: PooledPage[] = [];
  private waiting: { resolve: (p: PooledPage) => void; reject: (e: unknown) => void }[] = [];
  private created = 0;
  private generation = 0;
  readonly files = new FileCache();
  launches = 0;
  private closed = false;

  constructor(private readonly opts: SessionOptions) {}

  get executable(): FoundBrowser | undefined {
    return this.found;
  }

  private async launch(): Promise<Browser> {
    this.found ??= await findBrowser(this.opts.browserPath);
    this.launches++;
    try {
      const b = await puppeteer.launch({
        executablePath: this.found.path,
        headless: true,
        args: CHROME_ARGS,
        protocolTimeout: 120_000,
        // DevTools over a pipe, not a port: when lehtinen dies however it dies (even SIGKILL), the pipe
        // closes and Chromium exits with it instead of living on as an orphan.
        pipe: true,
        // Ctrl-C and kill are handled by the CLI (cli/main.ts), which removes the staging folder and
        // then closes the browser; Puppeteer's own handlers would exit at once and leave both behind.
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
      });
      const gen = ++this.generation;
      b.on('disconnected', () => {
        // A crashed or killed browser: forget it and its pages; the next withPage() relaunches.
        if (this.generation === gen) this.reset();
      });
      return b;
    } catch (e) {
      throw new LehtinenError('BROWSER_FAILED', `could not start ${this.found.path}: ${(e as Error).message.split('\n')[0]}`, {
        hint: 'Check that the browser runs (e.g. `chromium --headless --version`); set PUPPETEER_EXECUTABLE_PATH to use another.',
        cause: e,
      });
    }
  }

  private reset(): void {
    this.browser = undefined;
    this.idle = [];
    this.created = 0;
    this.generation++;
  }

  private async acquire(): Promise<PooledPage> {
    // After close() (a failed or interrupted build), nothing may launch a browser that no one closes.
    if (this.closed) throw new LehtinenError('BROWSER_FAILED', 'the browser session is closed (the build is stopping)');
    const free = this.idle.pop();
    if (free && !free.page.isClosed()) return free;
    if (this.created < this.opts.concurrency) {
      this.created++;
      try {
        this.browser ??= this.launch();
        const browser = await this.browser;
        const page = await browser.newPage();
        const pooled: PooledPage = { page };
        await installSandbox(page, () => pooled.job, this.files);
        return pooled;
      } catch (e) {
        this.created--;
        if (this.browser) this.browser = undefined;
        throw e;
      }
    }
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  private release(p: PooledPage, healthy: boolean): void {
    p.job = undefined;
    if (!healthy || p.page.isClosed()) {
      this.created = Math.max(0, this.created - 1);
      void p.page.close().catch(() => {});
      // Someone waiting gets a fresh page instead (or the error if the browser cannot come back).
      const next = this.waiting.shift();
      if (next) this.acquire().then(next.resolve, next.reject);
      return;
    }
    const next = this.waiting.shift();
    if (next) next.resolve(p);
    else this.idle.push(p);
  }

  /** Run `fn` with a pooled page whose sandbox serves `job`. */
  async withPage<T>(job: SandboxJob, fn: (page: Page) => Promise<T>): Promise<T> {
    const p = await this.acquire();
    p.job = job;
    let healthy = true;
    try {
      return await fn(p.page);
    } catch (e) {
      healthy = false;
      throw e;
    } finally {
      this.release(p, healthy);
    }
  }

  async version(): Promise<string> {
    if (this.closed) throw new LehtinenError('BROWSER_FAILED', 'the browser session is closed (the build is stopping)');
    this.browser ??= this.launch();
    return (await this.browser).version();
  }

  async close(): Promise<void> {
    this.closed = true;
    const b = this.browser;
    this.reset();
    this.waiting = [];
    if (b) await (await b.catch(() => undefined))?.close().catch(() => {});
  }
}
