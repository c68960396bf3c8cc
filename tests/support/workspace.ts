/** Temporary workspaces for tests: a copy of the example (or parts of it) that a test may break. */
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function tempDir(prefix = 'lehtinen-test-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A copy of the example workspace (config, locales, templates, assets) in a fresh folder. */
export function copyExample(): string {
  const dir = tempDir('lehtinen-ws-');
  for (const part of ['lehtinen.config.yaml', 'locales', 'templates', 'assets']) {
    cpSync(path.join(REPO, part), path.join(dir, part), { recursive: true });
  }
  return dir;
}

export function edit(dir: string, rel: string, fn: (text: string) => string): void {
  const p = path.join(dir, rel);
  writeFileSync(p, fn(readFileSync(p, 'utf8')));
}

/** Set one string of a locale file (nested key "forms.digital.short"). */
export function setString(dir: string, lang: string, ns: string, key: string, value: string): void {
  const file = path.join(dir, 'locales', lang, `${ns}.json`);
  const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const parts = key.split('.');
  let o = data as Record<string, unknown>;
  for (const p of parts.slice(0, -1)) o = o[p] as Record<string, unknown>;
  o[parts.at(-1)!] = value;
  writeFileSync(file, JSON.stringify(data, null, 2) + '\n');
}

export function remove(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Captures what the CLI prints, for in-process runs. */
export function capture() {
  let out = '';
  let err = '';
  return {
    stdout: { write: (s: string) => void (out += s), isTTY: false },
    stderr: { write: (s: string) => void (err += s), isTTY: false },
    get out() {
      return out;
    },
    get err() {
      return err;
    },
  };
}

/** A maker of fresh copies of the example for one test file; they are removed after its tests. */
export function exampleCopies(): () => string {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach(remove));
  return () => {
    const d = copyExample();
    dirs.push(d);
    return d;
  };
}

/** SHA-256 of every file under `dir`, by path relative to it: compares two output folders byte for byte. */
export function hashTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const abs = path.join(d, e.name);
      if (e.isDirectory()) walk(abs);
      else out[path.relative(dir, abs)] = createHash('sha256').update(readFileSync(abs)).digest('hex');
    }
  };
  walk(dir);
  return out;
}
