/**
 * Writing one file outside the staged build output (an XLIFF export, the check report) without ever
 * leaving half of it: a temporary file beside it, renamed into place once whole, so a full disk or a
 * killed process leaves the previous file as it was. Errors name the file and the cause.
 *
 * Not write-file-atomic: it issues one write(2) and ignores a short count, so on a nearly full disk it
 * renamed a truncated file over the good one without an error (our full-disk test caught it; upstream
 * still does it, see coder/xum#4282). fs.writeFile loops until every byte is written or fails with ENOSPC.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { LehtinenError } from '../errors.js';

/** Why a write failed, in words (shared by the output staging and lock). */
export function whyNotWritten(e: unknown, folder = 'folder'): string {
  const err = e as NodeJS.ErrnoException;
  return err.code === 'ENOSPC' ? 'the disk is full'
    : err.code === 'EACCES' || err.code === 'EPERM' || err.code === 'EROFS' ? `the ${folder} is not writable`
    : err.code === 'ENOTDIR' || err.code === 'EEXIST' ? 'a file is in the way (the path, or a folder on it, is a file)'
    : err.code === 'EISDIR' ? 'a folder of that name is in the way'
    : err.message;
}

export async function writeFileWhole(file: string, data: string | Buffer): Promise<void> {
  const tmp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(tmp, data);
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw new LehtinenError('OUTPUT_WRITE', `cannot write ${file}: ${whyNotWritten(e)}`, {
      hint: 'Free some space, fix the permissions or choose another path. A file that was there before was left as it was.',
      cause: e,
    });
  }
}
