/**
 * One browser per build, owned here: launched lazily, a pool of warm pages (each with the sandbox
 * installed once), relaunched if it crashes. Everyone else asks for a page with withPage().
 */
import type { Browser, Page } from 'puppeteer';
import { LehtinenError } from '../errors.js';
import { findBrowser, type FoundBrowser } from './find.js';
import { FileCache, installSandbox, type SandboxJob } from './sandbox.js';
import { bounded, isTimeout, type Watchdog } from '../waits.js';

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
  // Rasters the same in every build (reproducible PNGs): the compositor finishes every stage, raster
  // included, before it draws a frame, and never draws an image as a placeholder first.
  '--run-all-compositor-stages-before-draw',
  '--disable-checker-imaging',
  // Belt and braces with request interception: no host name resolves, so nothing can leave.
  '--host-resolver-rules=MAP * ~NOTFOUND',
];

export interface SessionOptions {
  browserPath?: string;
  concurrency: number;
  /** limit of each wait on the browser (launch, a new page, a render step); default 60 s */
  stepTimeoutMs?: number;
  /** told about waits that last (waits.ts) */
  watchdog?: Watchdog;
}

/** How long a browser that stopped answering gets to answer a ping before it is killed and replaced. */
const PING_MS = 5000;

interface PooledPage {
  page: Page;
  job?: SandboxJob;
}

export class BrowserSession {
  private browser?: Promise<Browser>;
  private current?: Browser;
  private found?: FoundBrowser;
  private idle: PooledPage[] = [];
  private waiting: { resolve: (p: PooledPage) => void; reject: (e: unknown) => void }[] = [];
  private created = 0;
  private generation = 0;
  readonly files = new FileCache();
  launches = 0;
  private closed = false;

  constructor(private readonly opts: SessionOptions) {}

  get stepTimeoutMs(): number {
    return this.opts.stepTimeoutMs ?? 60_000;
  }

  /** Starting the browser and opening a page: never shorter than 30 s (a loaded machine is slow to fork). */
  private get startMs(): number {
    return Math.max(this.stepTimeoutMs, 30_000);
  }

  get watchdog(): Watchdog | undefined {
    return this.opts.watchdog;
  }

  get executable(): FoundBrowser | undefined {
    return this.found;
  }

  private async launch(): Promise<Browser> {
    this.found ??= await findBrowser(this.opts.browserPath);
    this.launches++;
    // Puppeteer is loaded on the first launch: a build that reuses every variant never starts a browser.
    const { default: puppeteer } = await import('puppeteer');
    try {
      const b = await puppeteer.launch({
        executablePath: this.found.path,
        headless: true,
        args: CHROME_ARGS,
        timeout: this.startMs,
        // A backstop only: every call that can wait long is bounded (waits.ts) below this, with its name.
        protocolTimeout: this.startMs + 30_000,
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
      this.current = b;
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
    this.current = undefined;
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
        this.browser ??= bounded(this.launch(), this.startMs, 'the browser to start', { watchdog: this.watchdog });
        const browser = await this.browser;
        return await bounded(
          async () => {
            // Each page in its own window: tabs of one window are hidden but the front one, and a hidden
            // page rasterised some edges differently (PNGs not reproducible with two pages at once).
            const page = await browser.newPage({ type: 'window' });
            const pooled: PooledPage = { page };
            await installSandbox(page, () => pooled.job, this.files);
            return pooled;
          },
          this.startMs,
          'a new browser page',
          { watchdog: this.watchdog, onTimeout: () => this.kill(browser) },
        );
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
      // A step over its limit: a page that hangs, or a browser that hangs (frozen, swapping, stuck in
      // the compositor). Ask the browser; one that does not answer is killed, so the retry gets a new one
      // instead of waiting out the limit again on the same stuck process.
      if (isTimeout(e)) await this.ping();
      throw e;
    } finally {
      this.release(p, healthy);
    }
  }

  /**
   * Starts the browser and opens the pool's pages now, while the caller does other work (loading and
   * composing the workspace), so the first render does not wait for them. Errors surface on first use.
   */
  async warm(): Promise<void> {
    const want = this.opts.concurrency - this.created;
    const pages = await Promise.allSettled(Array.from({ length: Math.max(0, want) }, () => this.acquire()));
    for (const p of pages) if (p.status === 'fulfilled') this.release(p.value, true);
  }

  async version(): Promise<string> {
    if (this.closed) throw new LehtinenError('BROWSER_FAILED', 'the browser session is closed (the build is stopping)');
    this.browser ??= bounded(this.launch(), this.startMs, 'the browser to start', { watchdog: this.watchdog });
    const b = await this.browser;
    return bounded(b.version(), this.startMs, 'the browser\'s version', { watchdog: this.watchdog, onTimeout: () => this.kill(b) });
  }

  /** Kills a browser that does not answer within PING_MS; the next page relaunches. */
  private async ping(): Promise<void> {
    const b = await this.browser?.catch(() => undefined);
    if (!b) return;
    try {
      await bounded(b.version(), PING_MS, 'the browser to answer a ping', { watchdog: this.watchdog });
    } catch {
      this.watchdog?.say(`the browser did not answer within ${PING_MS / 1000} s: stopped it; the next render starts a new one`);
      this.kill(b);
    }
  }

  private kill(b: Browser): void {
    if (this.current === b) this.reset();
    const proc = b.process();
    if (!proc?.pid) return;
    try {
      // The whole process group (Puppeteer starts Chromium detached, as a group leader): its renderers
      // hold the DevTools pipe open too, and frozen ones would keep lehtinen from exiting.
      process.kill(process.platform === 'win32' ? proc.pid : -proc.pid, 'SIGKILL');
    } catch {
      try {
        proc.kill('SIGKILL');
      } catch {
        /* already gone */
      }
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const b = this.browser;
    this.reset();
    this.waiting = [];
    const browser = await b?.catch(() => undefined);
    if (!browser) return;
    // A frozen browser never answers close(): it is killed instead (its pipe closing does not end it).
    await bounded(browser.close(), PING_MS, 'the browser to close', { onTimeout: () => this.kill(browser) }).catch(() => this.kill(browser));
  }
}
