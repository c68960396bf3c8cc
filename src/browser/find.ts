/**
 * Finding a Chrome or Chromium to drive. Order: --browser flag → PUPPETEER_EXECUTABLE_PATH → CHROME_PATH
 * → the usual install locations of this platform → `chromium`/`google-chrome` on PATH → a Chrome that
 * Puppeteer downloaded itself (`npx puppeteer browsers install chrome`). The first that exists wins; if
 * none does, one error lists everything tried and how to install a browser.
 */
import { accessSync, constants, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LehtinenError } from '../errors.js';

export interface FoundBrowser {
  path: string;
  /** where it came from, for --verbose and error messages */
  source: string;
}

const PATH_NAMES = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome', 'chrome', 'msedge'];

function platformPaths(): string[] {
  switch (process.platform) {
    case 'darwin':
      return [
        '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
        '/Applications/Chromium.app/Contents/MacOS/Chromium',
        '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
        path.join(os.homedir(), 'Applications/Google Chrome.app/Contents/MacOS/Google Chrome'),
      ];
    case 'win32': {
      const roots = [process.env.PROGRAMFILES, process.env['PROGRAMFILES(X86)'], process.env.LOCALAPPDATA].filter(
        (r): r is string => !!r,
      );
      return roots.flatMap((r) => [
        path.join(r, 'Google', 'Chrome', 'Application', 'chrome.exe'),
        path.join(r, 'Chromium', 'Application', 'chrome.exe'),
        path.join(r, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
      ]);
    }
    default:
      return [
        '/usr/bin/chromium',
        '/usr/bin/chromium-browser',
        '/usr/bin/google-chrome-stable',
        '/usr/bin/google-chrome',
        '/opt/google/chrome/chrome',
        '/snap/bin/chromium',
      ];
  }
}

function isExecutable(p: string): boolean {
  try {
    accessSync(p, process.platform === 'win32' ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string): string | undefined {
  const exts = process.platform === 'win32' ? ['.exe', '.cmd', ''] : [''];
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    for (const ext of exts) {
      const p = path.join(dir, name + ext);
      if (existsSync(p) && isExecutable(p)) return p;
    }
  }
  return undefined;
}

async function puppeteerManaged(): Promise<string | undefined> {
  try {
    const { default: puppeteer } = await import('puppeteer');
    const p = puppeteer.executablePath();
    return p && existsSync(p) ? p : undefined;
  } catch {
    return undefined;
  }
}

export async function findBrowser(explicit?: string): Promise<FoundBrowser> {
  const tried: string[] = [];
  const candidates: [string | undefined, string][] = [
    [explicit, '--browser'],
    [process.env.PUPPETEER_EXECUTABLE_PATH, 'PUPPETEER_EXECUTABLE_PATH'],
    [process.env.CHROME_PATH, 'CHROME_PATH'],
  ];
  for (const [p, source] of candidates) {
    if (!p) continue;
    if (existsSync(p) && isExecutable(p)) return { path: p, source };
    // An explicit choice that does not exist is an error, not a reason to silently use another browser.
    throw new LehtinenError('BROWSER_NOT_FOUND', `${source} names "${p}", which is not an executable file`, {
      hint: `Fix or unset ${source}.`,
    });
  }
  for (const p of platformPaths()) {
    tried.push(p);
    if (existsSync(p) && isExecutable(p)) return { path: p, source: 'platform default' };
  }
  for (const name of PATH_NAMES) {
    tried.push(`${name} on PATH`);
    const p = onPath(name);
    if (p) return { path: p, source: 'PATH' };
  }
  tried.push("Puppeteer's downloaded Chrome");
  const managed = await puppeteerManaged();
  if (managed) return { path: managed, source: 'puppeteer cache' };

  const install =
    process.platform === 'linux'
      ? 'sudo apt-get install chromium   (Debian/Ubuntu; or your distribution\'s chromium package)'
      : process.platform === 'darwin'
        ? 'install Google Chrome from google.com/chrome, or: brew install --cask chromium'
        : 'install Google Chrome or Microsoft Edge';
  throw new LehtinenError('BROWSER_NOT_FOUND', 'no Chrome or Chromium found', {
    details: ['Tried:', ...tried.map((t) => `  ${t}`)],
    hint: `Install one: ${install}; or set PUPPETEER_EXECUTABLE_PATH (or CHROME_PATH) to its executable; or run npx puppeteer browsers install chrome.`,
  });
}
