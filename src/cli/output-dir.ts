/** The config's output folder for commands that write into it outside a build (check --report, xliff export). */
import path from 'node:path';
import { assertOwnedOutput, markOwnedOutput } from '../output/ownership.js';

export async function ownedOutputDir(root: string, dir: string): Promise<string> {
  const abs = path.join(root, dir);
  await assertOwnedOutput(abs, root, 'output.dir');
  await markOwnedOutput(abs);
  return abs;
}
