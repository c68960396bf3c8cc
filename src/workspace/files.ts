/** Reading workspace files: strict UTF-8, paths that cannot leave the workspace. */
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { type ErrorCode, LehtinenError } from '../errors.js';

/** Workspace-relative path for messages (forward slashes on every platform). */
export function relTo(root: string, abs: string): string {
  const r = path.relative(root, abs);
  return r.split(path.sep).join('/') || '.';
}

/**
 * Resolve `rel` (as written in config, a template or content) to an absolute path inside `root`.
 * Absolute paths, `..` that climbs out and symlinks that point out are refused: content is data
 * and may only reach files of its own workspace.
 */
export function resolveInside(root: string, rel: string, what: string, from?: string): string {
  if (path.isAbsolute(rel) || /^[a-zA-Z]:[\\/]/.test(rel) || rel.startsWith('\\\\')) {
    throw new LehtinenError('ASSET_OUTSIDE_WORKSPACE', `${what} "${rel}" is an absolute path`, {
      where: { file: from },
      hint: 'Give paths relative to the workspace folder, e.g. assets/logo.svg.',
    });
  }
  const abs = path.resolve(root, rel);
  const rootReal = realpathSync(root);
  const inside = (p: string, base: string) => p === base || p.startsWith(base + path.sep);
  if (!inside(abs, path.resolve(root))) {
    throw new LehtinenError('ASSET_OUTSIDE_WORKSPACE', `${what} "${rel}" points outside the workspace`, {
      where: { file: from },
      hint: 'Copy the file into the workspace (e.g. assets/) and refer to it there.',
    });
  }
  if (existsSync(abs)) {
    const real = realpathSync(abs);
    if (!inside(real, rootReal)) {
      throw new LehtinenError('ASSET_OUTSIDE_WORKSPACE', `${what} "${rel}" is a link to a file outside the workspace`, {
        where: { file: from },
        hint: 'Replace the symbolic link with a copy of the file.',
      });
    }
    refuseSpecialFile(root, abs, what, from);
  }
  return abs;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Read a text file as strict UTF-8; a BOM or invalid bytes are errors that say how to fix them. */
export async function readText(abs: string, root: string, code: ErrorCode): Promise<string> {
  let buf: Buffer;
  try {
    buf = await readFile(abs);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new LehtinenError(code, `cannot read ${relTo(root, abs)}: ${err.code ?? err.message}`, {
      where: { file: relTo(root, abs) },
      cause: e,
    });
  }
  return decodeUtf8(buf, relTo(root, abs), code);
}

export function decodeUtf8(buf: Uint8Array, file: string, code: ErrorCode): string {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    throw new LehtinenError(code, 'the file starts with a byte-order mark (BOM)', {
      where: { file, line: 1 },
      hint: 'Save the file as "UTF-8" without BOM (in most editors: Save with encoding → UTF-8).',
    });
  }
  if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) {
    throw new LehtinenError(code, 'the file is UTF-16, not UTF-8', {
      where: { file, line: 1 },
      hint: 'Save the file as UTF-8 without BOM.',
    });
  }
  try {
    return utf8.decode(buf);
  } catch {
    // Name the first line that does not decode, so the editor can go straight to it.
    let line = 1;
    let from = 0;
    for (let i = 0; i <= buf.length; i++) {
      if (i === buf.length || buf[i] === 10) {
        try {
          utf8.decode(buf.subarray(from, i));
        } catch {
          break;
        }
        line++;
        from = i + 1;
      }
    }
    throw new LehtinenError(code, 'the file is not valid UTF-8 (is it Latin-1 or Windows-1252?)', {
      where: { file, line },
      hint: 'Convert it to UTF-8, e.g. `iconv -f WINDOWS-1252 -t UTF-8 FILE > FILE.utf8`, and check the Sámi letters after.',
    });
  }
}

/**
 * Named pipes, sockets and devices are never content, and reading one can wait forever (a FIFO blocks
 * until something writes to it): refuse them by name before anything reads them.
 */
export function refuseSpecialFile(root: string, abs: string, what: string, from?: string): void {
  let st;
  try {
    st = statSync(abs);
  } catch {
    return; // missing: the reader says so in its own words
  }
  if (st.isFile() || st.isDirectory()) return;
  const kind = st.isFIFO() ? 'a named pipe' : st.isSocket() ? 'a socket' : 'a device';
  throw new LehtinenError('ASSET_INVALID', `${what} "${relTo(root, abs)}" is ${kind}, not a file`, {
    where: { file: from ?? relTo(root, abs) },
    hint: 'Replace it with an ordinary file: lehtinen reads only regular files as content.',
  });
}

/** The first named pipe, socket or device under `dir` (links are not followed), or undefined; also when `dir` is missing or no folder. */
export function findSpecialFile(dir: string): string | undefined {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return undefined; // unreadable: whatever reads it next says why
  }
  for (const e of entries) {
    const abs = path.join(dir, e.name);
    if (e.isFIFO() || e.isSocket() || e.isCharacterDevice() || e.isBlockDevice()) return abs;
    if (e.isDirectory()) {
      const found = findSpecialFile(abs);
      if (found) return found;
    }
  }
  return undefined;
}

/** The config and every file under locales/, templates/ and assets/ (what a build reads without naming it first). */
export function refuseSpecialFiles(root: string): void {
  refuseSpecialFile(root, path.join(root, 'lehtinen.config.yaml'), 'the config');
  for (const top of ['locales', 'templates', 'assets']) {
    const found = findSpecialFile(path.join(root, top));
    // Links to special files are caught where they are used (resolveInside) or by this same check.
    if (found) refuseSpecialFile(root, found, 'workspace file');
  }
}
