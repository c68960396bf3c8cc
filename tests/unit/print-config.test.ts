import path from 'node:path';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { LehtinenError } from '../../src/errors.js';
import { loadWorkspace } from '../../src/workspace/workspace.js';
import { copyExample, edit, remove } from '../support/workspace.js';

let dir = '';
afterEach(() => remove(dir));

async function loadError(change: (t: string) => string): Promise<LehtinenError> {
  dir = copyExample();
  edit(dir, 'lehtinen.config.yaml', change);
  try {
    await loadWorkspace(dir);
  } catch (e) {
    return e as LehtinenError;
  }
  throw new Error('the workspace loaded');
}

describe('print production settings', () => {
  it('reads brand.cmyk, output.cmyk and output.sheets with their defaults', async () => {
    dir = copyExample();
    edit(dir, 'lehtinen.config.yaml', (t) =>
      t.replace('    plum: [75, 90, 0, 45]', '    plum: [75, 90, 30, 45]\n    ink: profile').replace('  # sheets: {', '  sheets: {'),
    );
    const ws = await loadWorkspace(dir);
    expect(ws.config.brand.cmyk).toEqual({ plum: [75, 90, 30, 45], ink: 'profile', muted: [40, 50, 0, 45], rose: [0, 85, 20, 40] });
    expect(ws.config.output.cmyk).toEqual({ enabled: false, profile: 'fogra39', pdfx: 'x4', black: { kOnly: true, maxLightness: 15, overprint: true } });
    expect(ws.config.output.sheets).toEqual({ sizes: { a4: [210, 297], sra3: [320, 450] }, materials: ['card', 'bookmark'], gutter: 8, margin: 10, mixLanguages: false });
    // Sheets are written only on request: not among the default kinds.
    expect(ws.config.output.kinds).not.toContain('sheet');
  });

  it('names the key and line of a CMYK value for a colour that brand.colors does not have', async () => {
    const e = await loadError((t) => t.replace('    plum: [75, 90, 0, 45]', '    purple: [75, 90, 30, 45]'));
    expect(e.code).toBe('CONFIG_SCHEMA');
    expect(e.where.key).toBe('brand.cmyk.purple');
    expect(e.message).toMatch(/"purple" is not one of brand.colors/);
    const lines = readFileSync(path.join(dir, 'lehtinen.config.yaml'), 'utf8').split('\n');
    expect(lines[e.where.line! - 1]).toContain('purple');
  });

  it('rejects CMYK values outside 0–100 per cent and an unknown PDF/X level', async () => {
    const pct = await loadError((t) => t.replace('    plum: [75, 90, 0, 45]', '    plum: [75, 190, 30, 45]'));
    expect(pct.where.key).toMatch(/^brand\.cmyk\.plum/);
    const word = await loadError((t) => t.replace('    plum: [75, 90, 0, 45]', '    plum: black'));
    expect(word.where.key).toMatch(/^brand\.cmyk\.plum/);
    const level = await loadError((t) => t.replace('  # cmyk: { enabled: true, profile: fogra39, pdfx: x4 }', '  cmyk: { enabled: true, pdfx: x3 }'));
    expect(level.where.key).toBe('output.cmyk.pdfx');
  });
});
