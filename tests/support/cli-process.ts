/**
 * lehtinen as a separate process, for exit codes, signals, crashes and two builds at once: bin/lehtinen.js,
 * the executable users run, on dist/ (compiled first when a source file is newer). Not tsx: its esbuild
 * transform wraps functions in __name(), which does not exist in the page where render.ts evaluates them.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { REPO } from './workspace.js';

const ENTRY = path.join(REPO, 'bin/lehtinen.js');
let compiled = false;

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

export function ensureCompiled(): void {
  if (compiled) return;
  const main = path.join(REPO, 'dist/cli/main.js');
  if (!existsSync(main) || statSync(main).mtimeMs < newest(path.join(REPO, 'src'))) {
    execFileSync(process.execPath, [path.join(REPO, 'node_modules/typescript/bin/tsc'), '-p', path.join(REPO, 'tsconfig.json')], { stdio: 'inherit' });
  }
  compiled = true;
}

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
}

export interface Running {
  child: ChildProcess;
  readonly out: string;
  readonly err: string;
  done: Promise<Finished>;
  /** resolves when stdout or stderr has matched `re` */
  waitFor(re: RegExp, timeoutMs?: number): Promise<void>;
}

export function startCli(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Running {
  ensureCompiled();
  const child = spawn(process.execPath, [ENTRY, ...args], {
    cwd: opts.cwd ?? REPO,
    env: { ...process.env, NO_COLOR: '1', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const watchers: { re: RegExp; resolve: () => void }[] = [];
  const check = () => {
    for (const w of [...watchers]) {
      if (w.re.test(out) || w.re.test(err)) {
        watchers.splice(watchers.indexOf(w), 1);
        w.resolve();
      }
    }
  };
  child.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
    check();
  });
  child.stderr!.on('data', (d: Buffer) => {
    err += d.toString();
    check();
  });
  const done = new Promise<Finished>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, out, err })));
  return {
    child,
    get out() {
      return out;
    },
    get err() {
      return err;
    },
    done,
    waitFor(re, timeoutMs = 120_000) {
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${re}; stdout:\n${out}\nstderr:\n${err}`)), timeoutMs);
        watchers.push({ re, resolve: () => (clearTimeout(timer), resolve()) });
        void done.then(() => {
          if (watchers.some((w) => w.re === re)) {
            clearTimeout(timer);
            reject(new Error(`the process ended before ${re}; stdout:\n${out}\nstderr:\n${err}`));
          }
        });
        check();
      });
    },
  };
}

export function runCli(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Finished> {
  return startCli(args, opts).done;
}
