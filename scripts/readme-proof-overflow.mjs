// The README's picture of an overflow on a proof: copies the example workspace to a temporary folder,
// makes one Inari Sámi string far too long for the bookmark's front, builds a proof of it and writes
// the lower part of page 1 (where the red outline and its label are) to docs/images/proof-overflow.webp.
// Run `npm run compile` first. Usage: node scripts/readme-proof-overflow.mjs
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { run } from '../dist/cli/main.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'lehtinen-overflow-'));
try {
  for (const part of ['lehtinen.config.yaml', 'locales', 'templates', 'assets']) cpSync(part, path.join(dir, part), { recursive: true });
  const file = path.join(dir, 'locales/smn/common.json');
  const data = JSON.parse(readFileSync(file, 'utf8'));
  data.forms.digital.short = Array.from({ length: 36 }, () => 'sáttuumij luuhâm, sajattâh čuávum').join(', ');
  writeFileSync(file, JSON.stringify(data, null, 2));
  const quiet = { write: () => {}, isTTY: false };
  const code = await run(['build', '--root', dir, '--proof', '--lang', 'smn', '--material', 'bookmark', '--kind', 'preview', '--no-site', '--no-bundles'], { stdout: quiet, stderr: quiet });
  if (code !== 0) throw new Error(`build --proof exited with ${code}`);
  const folder = path.join(dir, 'output/proof/smn/bookmark');
  const p1 = path.join(folder, readdirSync(folder).find((n) => n.endsWith('-p1.webp')));
  const { width, height } = await sharp(p1).metadata();
  const top = Math.round(height * 0.5);
  await sharp(p1).extract({ left: 0, top, width, height: height - top }).resize({ width: 420 }).webp({ quality: 78 }).toFile('docs/images/proof-overflow.webp');
  console.log('wrote docs/images/proof-overflow.webp');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
