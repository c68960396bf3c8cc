/**
 * lehtinen owns its output folder: a build replaces manifest.json and the whole site/ folder there, so it
 * must never write into a folder that holds someone else's files (`output.dir: ../website` deleted a
 * website). It writes only into a folder that is missing, empty, or marked by an earlier build with the
 * marker file below; anything else is refused before a byte is written. A folder inside the workspace's
 * own sources (locales/, templates/, assets/) or the workspace itself is refused even when empty: the
 * next build would read the output as content.
 */
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { LehtinenError } from '../errors.js';
import { readManifest } from './manifest.js';
import { LOCK_FILE } from './lock.js';
import { writeFileWhole } from './write-file.js';

export const OWNER_MARKER = '.lehtinen-output';

export const MARKER_TEXT =
  'This folder is written by lehtinen (lehtinen build, check --report, xliff export).\n' +
  'lehtinen replaces and deletes files here. Keep your own files elsewhere.\n';

/** Folders of the workspace that hold its sources: never an output folder, nor inside one. */
const SOURCE_FOLDERS = ['locales', 'templates', 'assets'];

/** What an interrupted first build can leave in a folder that is otherwise still empty. */
const OWN_LEFTOVERS = (name: string) => name === LOCK_FILE || name.startsWith('.staging-');

/** The real path of `p`, following links on the part of it that exists (the rest may not yet). */
function realish(p: string): string {
  const abs = path.resolve(p);
  const rest: string[] = [];
  let cur = abs;
  for (;;) {
    try {
      return path.join(realpathSync(cur), ...rest.reverse());
    } catch {
      const parent = path.dirname(cur);
      if (parent === cur) return abs;
      rest.push(path.basename(cur));
      cur = parent;
    }
  }
}

const inside = (p: string, base: string) => p === base || p.startsWith(base + path.sep);

/**
 * Refuses `outDir` unless lehtinen may write there (see the top of this file). Writes nothing.
 * A path that is a file, or a folder that cannot be read, is left to the writer, which names the cause.
 */
export async function assertOwnedOutput(outDir: string, root: string, flag = '--out'): Promise<void> {
  const out = realish(outDir);
  const ws = realish(root);
  const refuse = (why: string, hint: string) => {
    throw new LehtinenError('OUTPUT_FOREIGN', `will not write to ${outDir}: ${why}`, {
      where: flag === '--out' ? {} : { file: 'lehtinen.config.yaml', key: flag },
      hint,
      details: [`the rule: docs/safety.md, "lehtinen owns its output folder"`],
    });
  };
  const elsewhere = `Choose an output folder outside the workspace's sources (${flag}), e.g. "output".`;
  if (out === ws) refuse('it is the workspace folder itself', elsewhere);
  if (inside(ws, out)) refuse('the workspace is inside it', elsewhere);
  const source = SOURCE_FOLDERS.find((s) => inside(out, path.join(ws, s)));
  if (source) refuse(`it is inside the workspace's ${source}/ folder, which lehtinen reads as content`, elsewhere);

  let st;
  try {
    st = statSync(out);
  } catch {
    return; // missing: lehtinen creates it
  }
  if (!st.isDirectory()) return;
  let names: string[];
  try {
    names = readdirSync(out);
  } catch {
    return;
  }
  if (names.includes(OWNER_MARKER)) return;
  // A proof build into <output>/proof/ marks that folder only; it is lehtinen's all the same.
  const others = names.filter((n) => !OWN_LEFTOVERS(n) && !existsSync(path.join(out, n, OWNER_MARKER)));
  if (!others.length) return;
  // Output of a lehtinen from before the marker: its manifest says so.
  if ((await readManifest(out))?.tool === 'lehtinen') return;
  const shown = others.slice(0, 5).join(', ') + (others.length > 5 ? `, … (${others.length} in all)` : '');
  refuse(
    `it holds files lehtinen did not write (${shown}) and no ${OWNER_MARKER} marker of an earlier build`,
    `Give an empty or new folder with ${flag}. lehtinen replaces and deletes files in its output folder, so it never shares one with other files.`,
  );
}

/**
 * Marks `outDir` as lehtinen's (after assertOwnedOutput), for writers that put files there outside a build
 * (check --report, xliff export into <output>/): a later build then recognises the folder.
 */
export async function markOwnedOutput(outDir: string): Promise<void> {
  if (existsSync(path.join(outDir, OWNER_MARKER))) return;
  await writeFileWhole(path.join(outDir, OWNER_MARKER), MARKER_TEXT);
}
