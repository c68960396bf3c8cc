import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LehtinenError } from '../../src/errors.js';
import { loadWorkspace } from '../../src/workspace/workspace.js';
import { copyExample, edit, remove } from '../support/workspace.js';

let dir = '';
afterEach(() => dir && remove(dir));

async function loadError(setup: (dir: string) => void): Promise<LehtinenError> {
  dir = copyExample();
  setup(dir);
  try {
    await loadWorkspace(dir);
  } catch (e) {
    expect(e).toBeInstanceOf(LehtinenError);
    return e as LehtinenError;
  }
  throw new Error('expected loadWorkspace to fail');
}

describe('workspace loading', () => {
  it('loads the example: five languages, three materials, fallback to fi', async () => {
    dir = copyExample();
    const ws = await loadWorkspace(dir);
    expect(ws.languages.map((l) => l.code)).toEqual(['fi', 'en', 'se', 'smn', 'sms']);
    expect(ws.languages.find((l) => l.code === 'sms')!.name).toBe('sää\u02b9m\u01e9i\u00f5ll');
    expect(ws.languages.find((l) => l.code === 'se')!.fallback).toEqual(['fi']);
    expect(ws.languages.find((l) => l.code === 'fi')!.fallback).toEqual([]);
    const brochure = ws.materials.find((m) => m.id === 'brochure')!;
    expect(brochure.trim).toEqual([297, 210]);
    expect(brochure.panels).toEqual([[97, 100, 100], [100, 100, 97]]);
    expect(ws.materials.find((m) => m.id === 'bookmark')!.trim).toEqual([50, 180]);
  });

  it('names file and line of a YAML syntax error', async () => {
    const e = await loadError((d) => edit(d, 'lehtinen.config.yaml', (t) => t.replace('campaign:\n  id: tunnista-vakivalta', 'campaign:\n  id: [tunnista')));
    expect(e.code).toBe('CONFIG_SYNTAX');
    expect(e.where.file).toBe('lehtinen.config.yaml');
    expect(e.where.line).toBeGreaterThan(10);
  });

  it('names the key and its line for a schema error, with what to do', async () => {
    const e = await loadError((d) => edit(d, 'lehtinen.config.yaml', (t) => t.replace('bleed: 3\n    safe: 3.5', 'bleed: "three"\n    safe: 3.5')));
    expect(e.code).toBe('CONFIG_SCHEMA');
    expect(e.where.key).toBe('materials.card.bleed');
    const lines = (await import('node:fs')).readFileSync(path.join(dir, 'lehtinen.config.yaml'), 'utf8').split('\n');
    expect(lines[e.where.line! - 1]).toContain('bleed: "three"');
    expect(e.hint).toBeTruthy();
  });

  it('rejects an unknown language code and a language without a locale folder', async () => {
    const unknown = await loadError((d) => edit(d, 'lehtinen.config.yaml', (t) => t.replace('order: [fi, en, se, smn, sms]', 'order: [fi, en, se, smn, sms, xq]')));
    expect(unknown.message).toMatch(/unknown language code "xq"/);
    remove(dir);
    const noFolder = await loadError((d) =>
      edit(d, 'lehtinen.config.yaml', (t) => t.replace('order: [fi, en, se, smn, sms]', 'order: [fi, en, se, smn, sms, sv]')),
    );
    expect(noFolder.code).toBe('LOCALE_MISSING');
    expect(noFolder.hint).toMatch(/locales\/sv/);
  });

  it('checks that panels add up to the trim width', async () => {
    const e = await loadError((d) =>
      edit(d, 'lehtinen.config.yaml', (t) => t.replace('format: a4-roll-fold', 'format: a4-roll-fold\n    panels: [[97, 100, 99], [100, 100, 97]]')),
    );
    expect(e.message).toMatch(/add up to 296 mm, the trim width is 297 mm/);
  });

  it('names file and line of a JSON syntax error in a locale', async () => {
    const e = await loadError((d) => edit(d, 'locales/se/card.json', (t) => t.replace('"title":', '"title"')));
    expect(e.code).toBe('LOCALE_SYNTAX');
    expect(e.where.file).toBe('locales/se/card.json');
    expect(e.where.line).toBe(2);
  });

  it('rejects a BOM and non-UTF-8 bytes with a fix', async () => {
    const bom = await loadError((d) => writeFileSync(path.join(d, 'locales/en/card.json'), '\ufeff{"title": "x"}'));
    expect(bom.message).toMatch(/byte-order mark/);
    remove(dir);
    const latin1 = await loadError((d) => writeFileSync(path.join(d, 'locales/fi/card.json'), Buffer.from('{\n"title": "k\xe4\xe4nn\xf6s"\n}', 'latin1')));
    expect(latin1.message).toMatch(/not valid UTF-8/);
    expect(latin1.where.line).toBe(2);
  });

  it('refuses asset paths that leave the workspace', async () => {
    const e = await loadError((d) => edit(d, 'lehtinen.config.yaml', (t) => t.replace('logo: assets/logo/mark.svg', 'logo: ../../etc/passwd')));
    expect(e.code).toBe('ASSET_OUTSIDE_WORKSPACE');
  });

  it('reports a missing template with its path', async () => {
    const e = await loadError((d) => edit(d, 'lehtinen.config.yaml', (t) => t.replace('format: wallet-card', 'format: wallet-card\n    template: wallet')));
    expect(e.code).toBe('TEMPLATE_MISSING');
    expect(e.message).toContain('templates/wallet/index.hbs');
  });

  it('reports a Handlebars syntax error with template file and line', async () => {
    const e = await loadError((d) => {
      mkdirSync(path.join(d, 'templates/card'), { recursive: true });
      edit(d, 'templates/card/index.hbs', (t) => t.replace('{{> languages}}', '{{#if x}}{{> languages}}'));
    });
    expect(e.code).toBe('TEMPLATE_SYNTAX');
    expect(e.where.file).toBe('templates/card/index.hbs');
    expect(e.where.line).toBeGreaterThan(1);
  });
});
