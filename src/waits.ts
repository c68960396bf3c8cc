/**
 * Every wait on something outside Node's own thread (the browser, Ghostscript, a lock) goes through
 * bounded(): it ends at its limit with a TimeoutError that names what was waited for, and while it lasts
 * a Watchdog can tell the user what the build is waiting on. A build of ~75 once sat idle for 113 s on a
 * browser call bounded only by Puppeteer's 120 s protocol timeout; no wait may be silent like that again.
 */

export class TimeoutError extends Error {
  override name = 'TimeoutError';
  constructor(
    readonly what: string,
    readonly limitMs: number,
  ) {
    super(`${what} took longer than ${fmt(limitMs)}`);
  }
}

interface OpenWait {
  what: string;
  since: number;
  limitMs: number;
  told: boolean;
}

/**
 * Watches the open waits of one build. When a wait has lasted half its limit (or `quietMs`, whichever is
 * shorter) it reports it once, naming it and how long it has lasted, so a slow step is visible while it is
 * slow, not only when its limit ends it.
 */
export class Watchdog {
  private readonly open = new Set<OpenWait>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly report: (message: string) => void,
    private readonly quietMs = 10_000,
  ) {}

  /** Registers a wait; call the returned function when it ends (however it ends). */
  enter(what: string, limitMs: number): () => void {
    const w: OpenWait = { what, since: Date.now(), limitMs, told: false };
    this.open.add(w);
    this.arm();
    return () => {
      this.open.delete(w);
      if (!this.open.size) this.disarm();
    };
  }

  /** Tells the user something about a wait directly (a stuck process was stopped). */
  say(message: string): void {
    this.report(message);
  }

  /** What is being waited for now, longest first (for a stall report or an error). */
  waiting(): string[] {
    const now = Date.now();
    return [...this.open].sort((a, b) => a.since - b.since).map((w) => `${w.what} (${fmt(now - w.since)})`);
  }

  close(): void {
    this.open.clear();
    this.disarm();
  }

  private arm(): void {
    if (this.timer) return;
    // Checked once a second: cheap, and a stall is reported within a second of crossing its mark.
    this.timer = setInterval(() => this.check(), Math.min(1000, this.quietMs));
    this.timer.unref();
  }

  private disarm(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private check(): void {
    const now = Date.now();
    for (const w of this.open) {
      const mark = Math.min(this.quietMs, w.limitMs / 2);
      if (!w.told && now - w.since >= mark) {
        w.told = true;
        this.report(`still waiting for ${w.what} after ${fmt(now - w.since)} (time limit ${fmt(w.limitMs)})`);
      }
    }
  }
}

export interface BoundedOptions {
  watchdog?: Watchdog;
  /** called when the limit is reached: stop what is hanging (kill a process…) */
  onTimeout?: () => void;
}

/**
 * `work` or a TimeoutError after `limitMs`. The work itself is not cancelled (a promise cannot be):
 * pass onTimeout to stop what it waits on, or make sure the caller discards what it holds.
 */
export async function bounded<T>(work: Promise<T> | (() => Promise<T>), limitMs: number, what: string, o: BoundedOptions = {}): Promise<T> {
  const done = o.watchdog?.enter(what, limitMs);
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      // Rejected first: the work failing because onTimeout killed what it waited on is not the news.
      reject(new TimeoutError(what, limitMs));
      o.onTimeout?.();
    }, limitMs);
  });
  try {
    const p = typeof work === 'function' ? work() : work;
    // The work may fail after the limit ended the wait (its browser killed): nobody awaits it then.
    p.catch(() => {});
    return await Promise.race([p, limit]);
  } finally {
    clearTimeout(timer);
    done?.();
  }
}

export function isTimeout(e: unknown): boolean {
  return e instanceof TimeoutError || (e as Error)?.name === 'TimeoutError' || /timed? ?out|timeout/i.test((e as Error)?.message ?? '');
}

function fmt(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1).replace(/\.0$/, '')} s` : `${Math.round(ms / 1000)} s`;
}
