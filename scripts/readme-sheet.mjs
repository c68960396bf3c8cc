// Makes docs/images/imposed-sheet.webp for the README: the card imposed on SRA3 with the five languages in
// turn, front and back side by side. Builds a temporary copy of the example (output.sheets.mixLanguages on),
// renders the sheet with pdftoppm and composes with sharp. Run from the repository after `npm ci`.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import YAML from 'yaml';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'lehtinen-sheet-figure-'));
try {
  const ws = path.join(tmp, 'ws');
  for (const part of ['lehtinen.config.yaml', 'locales', 'templates', 'assets']) cpSync(part, path.join(ws, part), { recursive: true });
  const config = YAML.parse(readFileSync(path.join(ws, 'lehtinen.config.yaml'), 'utf8'));
  config.output.sheets = { mixLanguages: true, sizes: { sra3: [320, 450] } };
  writeFileSync(path.join(ws, 'lehtinen.config.yaml'), YAML.stringify(config));
  const out = path.join(tmp, 'out');
  execFileSync('node', ['bin/lehtinen.js', 'build', '--root', ws, '--out', out, '--material', 'card', '--kind', 'sheet', '--no-site', '--no-bundles'], { stdio: 'inherit' });
  const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
  const sheet = manifest.variants.flatMap((v) => v.files).find((f) => f.kind === 'sheet');
  const prefix = path.join(tmp, 'side');
  execFileSync('pdftoppm', ['-r', '60', '-png', path.join(out, sheet.path), prefix]);
  const gap = 36;
  const label = 30;
  const sides = await Promise.all([1, 2].map(async (p) => {
    const buf = readFileSync(`${prefix}-${p}.png`);
    const { width, height } = await sharp(buf).metadata();
    return { buf, width, height };
  }));
  const W = gap * 3 + sides[0].width + sides[1].width;
  const H = gap * 2 + label + sides[0].height;
  const text = (x, s) => `<text x="${x}" y="${gap + 18}" font-family="sans-serif" font-size="18" fill="#2a1431">${s}</text>`;
  const captions = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">${text(gap, `Front: ${sheet.sheet.cols * sheet.sheet.rows} cards on SRA3, languages in turn`)}${text(gap * 2 + sides[0].width, 'Back: mirrored for a long-edge turn')}</svg>`);
  await sharp({ create: { width: W, height: H, channels: 3, background: '#e9e6ea' } })
    .composite([
      { input: captions, left: 0, top: 0 },
      { input: sides[0].buf, left: gap, top: gap + label },
      { input: sides[1].buf, left: gap * 2 + sides[0].width, top: gap + label },
    ])
    .webp({ quality: 82 })
    .toFile('docs/images/imposed-sheet.webp');
  console.log('wrote docs/images/imposed-sheet.webp');
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
