/**
 * lehtinen's command line. run(argv) returns the exit code, so tests call the CLI in-process;
 * errors are LehtinenError values printed once here.
 */
import { Command, CommanderError } from 'commander';
import { formatError, isLehtinenError } from '../errors.js';
import { VERSION } from '../version.js';
import { registerBuild } from './build-command.js';
import { registerCheck } from './check-command.js';
import { registerDev } from './dev-command.js';
import { registerInit } from './init-command.js';
import type { CliContext } from './common.js';
import { registerMark } from './mark-command.js';
import { registerReview } from './review-command.js';
import { registerMerge } from './merge-command.js';
import { registerXliff } from './xliff-command.js';
import { Reporter, type Output } from './reporter.js';

export interface RunOptions {
  cwd?: string;
  stdout?: Output;
  stderr?: Output;
  signal?: AbortSignal;
}

const stream = (s: NodeJS.WriteStream): Output => ({ write: (x) => void s.write(x), isTTY: !!s.isTTY });

export async function run(argv: string[], opts: RunOptions = {}): Promise<number> {
  const stdout = opts.stdout ?? stream(process.stdout);
  const stderr = opts.stderr ?? stream(process.stderr);
  const reporter = new Reporter(stdout, stderr);
  const ctx: CliContext = {
    cwd: opts.cwd ?? process.cwd(),
    reporter,
    signal: opts.signal ?? new AbortController().signal,
    exitCode: 0,
  };
  const program = new Command('lehtinen')
    .description('One content source → print-ready brochures, cards and bookmarks in many languages.')
    .version(VERSION, '-v, --version')
    // Program options only before the command, so `xliff export --version 1.2` reaches the subcommand.
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({ writeOut: (s) => stdout.write(s), writeErr: (s) => stderr.write(s) })
    .showHelpAfterError('(run lehtinen --help for usage)');
  registerBuild(program, ctx);
  registerCheck(program, ctx);
  registerDev(program, ctx);
  registerInit(program, ctx);
  registerMark(program, ctx);
  registerReview(program, ctx);
  registerMerge(program, ctx);
  registerXliff(program, ctx);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return ctx.exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? 0 : 2;
    }
    if (isLehtinenError(e)) {
      reporter.error(formatError(e));
      return exitCodeOf(e.code);
    }
    reporter.error(`internal error (a bug in lehtinen, please report it): ${(e as Error).stack ?? String(e)}`);
    return 70;
  }
}

/** 2: the command line was wrong; 130: interrupted (as shells report SIGINT); 1: anything else found. */
function exitCodeOf(code: string): number {
  if (code === 'USAGE') return 2;
  if (code === 'INTERRUPTED') return 130;
  return 1;
}

const CLEANUP_LIMIT_MS = 10_000;

/** Entry point of bin/lehtinen.js: Ctrl-C aborts the build, which removes its partial output. */
export async function main(): Promise<void> {
  const controller = new AbortController();
  let interrupted = false;
  const stop = (signal: NodeJS.Signals) => {
    if (interrupted) process.exit(130);
    interrupted = true;
    process.stderr.write(`\ninterrupted (${signal}): cleaning up (press Ctrl-C again to quit at once)\n`);
    controller.abort();
    // A step that cannot see the abort (a read that never returns) must not keep lehtinen alive.
    setTimeout(() => {
      process.stderr.write(`cleanup did not finish within ${CLEANUP_LIMIT_MS / 1000} s: quitting (the next build removes what is left)\n`);
      process.exit(130);
    }, CLEANUP_LIMIT_MS).unref();
  };
  process.on('SIGINT', stop);
  // `kill PID` and a closed terminal end a build the same way as Ctrl-C: the previous output stays.
  process.on('SIGTERM', stop);
  process.on('SIGHUP', stop);
  const code = await run(process.argv.slice(2), { signal: controller.signal });
  process.exitCode = interrupted ? 130 : code;
}
