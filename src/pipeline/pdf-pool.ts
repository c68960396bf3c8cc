/**
 * Runs the PDF steps (output/pdf-tasks.ts) in worker threads, so Node's main thread stays free to answer
 * the browser (the sandbox serves every file a page loads) while pdf-lib and fontkit work on a core of
 * their own. One thread less than the machine has cores, at least one: Chromium needs the rest.
 *
 * Where the compiled worker file is missing (lehtinen's sources run directly, as in its own unit tests)
 * the same tasks run on the main thread: slower, but the same bytes.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Piscina } from 'piscina';
import type { PdfTask, PdfTaskResults } from '../output/pdf-tasks.js';

const WORKER = new URL('../output/pdf-tasks.js', import.meta.url);

export class PdfPool {
  private pool?: Promise<Piscina | undefined>;
  private closed = false;

  constructor(private readonly threads = Math.max(1, availableParallelism() - 1)) {}

  /** Starts the threads (they load pdf-lib and fontkit) while the caller does other work. */
  warm(): void {
    void this.open().catch(() => {});
  }

  private open(): Promise<Piscina | undefined> {
    this.pool ??= (async () => {
      if (!existsSync(fileURLToPath(WORKER))) return undefined;
      const { Piscina } = await import('piscina');
      return new Piscina({
        filename: WORKER.href,
        minThreads: this.threads,
        maxThreads: this.threads,
        // A build keeps its threads busy; they end with close().
        idleTimeout: 60_000,
      });
    })();
    return this.pool;
  }

  async run<K extends PdfTask['kind']>(task: Extract<PdfTask, { kind: K }>): Promise<PdfTaskResults[K]> {
    const pool = this.closed ? undefined : await this.open();
    if (!pool) {
      const { runPdfTask } = await import('../output/pdf-tasks.js');
      return (await runPdfTask(task)) as PdfTaskResults[K];
    }
    return (await pool.run(task)) as PdfTaskResults[K];
  }

  async close(): Promise<void> {
    this.closed = true;
    const pool = await this.pool?.catch(() => undefined);
    await pool?.destroy();
  }
}
