/**
 * Which browser would render, without starting it: `<executable> --version` (tens of milliseconds)
 * where it answers, otherwise the version a launched browser reports. The build cache keys variants by
 * this, so a cached rebuild need not launch a browser at all, and a browser upgrade renders everything.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { findBrowser } from './find.js';

export async function browserIdentity(browserPath: string | undefined, launchedVersion: () => Promise<string>): Promise<string> {
  const found = await findBrowser(browserPath);
  // Chrome on Windows does not answer --version: it would open a window. Ask the launched browser there.
  if (process.platform === 'win32') return `${found.path}: ${await launchedVersion()}`;
  try {
    const { stdout } = await promisify(execFile)(found.path, ['--version'], { timeout: 5000 });
    const v = stdout.trim();
    if (/\d+\.\d+/.test(v)) return `${found.path}: ${v}`;
  } catch {
    /* a browser that does not answer --version: ask the browser itself */
  }
  return `${found.path}: ${await launchedVersion()}`;
}
