/**
 * Writing workspace files (locale JSON, status.yaml) all or nothing: every new content is written to a
 * temporary file beside its target first; only when all of them are written are they renamed into place
 * (rename is atomic on one file system). A failure before that leaves every file as it was.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { LehtinenError } from '../errors.js';
import { resolveInside } from './files.js';

export async function writeWorkspaceFiles(root: string, files: Map<string, string>): Promise<void> {
  const tag = randomBytes(4).toString('hex');
  const staged: [string, string][] = [];
  try {
    for (const [rel, text] of files) {
      const abs = resolveInside(root, rel, 'file');
      await mkdir(path.dirname(abs), { recursive: true });
      const tmp = `${abs}.${tag}.tmp`;
      await writeFile(tmp, text, 'utf8');
      staged.push([tmp, abs]);
    }
  } catch (e) {
    await Promise.all(staged.map(([tmp]) => rm(tmp, { force: true })));
    throw new LehtinenError('OUTPUT_WRITE', `could not write ${[...files.keys()].join(', ')}: ${(e as Error).message}`, {
      hint: 'Nothing was changed. Check that the workspace folder is writable.',
      cause: e,
    });
  }
  for (const [tmp, abs] of staged) await rename(tmp, abs);
}
