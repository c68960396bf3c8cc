/** `lehtinen dev`: the live preview server (dev/server.ts) until Ctrl-C. */
import path from 'node:path';
import type { Command } from 'commander';
import { LehtinenError } from '../errors.js';
import { DEFAULT_PORT } from '../dev/port.js';
import type { CliContext } from './common.js';
import { wholeNumber } from './numbers.js';

export function registerDev(program: Command, ctx: CliContext): void {
  program
    .command('dev')
    .description('live preview: every material in every language at true size, updated as you edit the workspace')
    .option('--root <dir>', 'workspace folder (with lehtinen.config.yaml)', '.')
    .option('--port <n>', `port (0 = any free port)`, wholeNumber('--port', 0, 65535), DEFAULT_PORT)
    .option('--host <address>', 'address to listen on (default 127.0.0.1; e.g. 0.0.0.0 exposes the workspace files to your network)')
    .option('--browser <path>', 'Chrome/Chromium that measures frames for the overflow marks (default: found by itself)')
    .option('--no-marks', 'no overflow marks (starts no browser)')
    .action(async (o: { root: string; port: number; host?: string; browser?: string; marks: boolean }) => {
      if (!(o.port >= 0 && o.port < 65536)) throw new LehtinenError('USAGE', '--port must be a number from 0 to 65535');
      const r = ctx.reporter;
      const { startDev } = await import('../dev/server.js');
      const dev = await startDev({ root: path.resolve(ctx.cwd, o.root), port: o.port, host: o.host, log: (l) => r.line(l), browserPath: o.browser, marks: o.marks });
      r.line(`lehtinen dev: ${dev.url} (Ctrl-C to stop)`);
      await new Promise<void>((resolve) => {
        if (ctx.signal.aborted) return resolve();
        ctx.signal.addEventListener('abort', () => resolve(), { once: true });
      });
      await dev.close();
    });
}
