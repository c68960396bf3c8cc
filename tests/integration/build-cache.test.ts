/**
 * The build cache (pipeline/cache.ts) with real Chromium: after each kind of input change, a rebuild
 * renders exactly the variants that use the changed input and reuses the others. The expected set is
 * derived here from the workspace itself (which variants print a key, which template a material uses,
 * which fonts the previous PDFs embed, which documents reference an image), not from the cache.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxUrl } from '../../src/browser/sandbox-origin.js';
import { run as cli } from '../../src/cli/main.js';
import { composeVariant, type ComposedVariant } from '../../src/compose/document.js';
import { planVariants } from '../../src/compose/variants.js';
import { manifestSchema } from '../../src/output/manifest.js';
import { build, type BuildOptions } from '../../src/pipeline/build.js';
import { loadWorkspace } from '../../src/workspace/workspace.js';
import { pdfFonts } from '../support/tools.js';
import { capture, copyExample, edit, remove, tempDir } from '../support/workspace.js';

const ws = copyExample();
const out = tempDir('lehtinen-cache-out-');
const LANGS = ['fi', 'en', 'se'];
let all: string[] = [];

async function rebuild(extra: Partial<BuildOptions> = {}) {
  const rendered = new Set<string>();
  const reused = new Set<string>();
  const result = await build(
    { root: ws, outDir: out, langs: LANGS, site: false, bundles: false, ...extra },
    { variant: (v) => (v.reused ? reused : rendered).add(v.id) },
  );
  expect(result.rendered).toBe(rendered.size);
  expect(result.reused).toBe(reused.size);
  return { rendered: [...rendered].sort(), reused: [...reused].sort() };
}

async function composed(): Promise<ComposedVariant[]> {
  const w = await loadWorkspace(ws);
  return planVariants(w, { langs: LANGS }).map((v) => composeVariant(w, v, '2026-01-01'));
}

/** Set the text of "ns:a.b" in locales/<lang>/<ns>.json. */
function setString(lang: string, key: string, value: string): void {
  const [ns, dotted] = key.split(':') as [string, string];
  edit(ws, `locales/${lang}/${ns}.json`, (text) => {
    const json = JSON.parse(text) as Record<string, unknown>;
    const parts = dotted.split('.');
    let node = json;
    for (const p of parts.slice(0, -1)) node = node[p] as Record<string, unknown>;
    node[parts.at(-1)!] = value;
    return JSON.stringify(json, null, 2) + '\n';
  });
}

/** Keys printed in `lang` (in that language's own text), with the variants that print each. */
async function keysIn(lang: string): Promise<Map<string, string[]>> {
  const byKey = new Map<string, string[]>();
  for (const c of await composed()) {
    for (const u of c.uses) {
      if (c.variant.lang.code !== lang || (u.usedLng ?? lang) !== lang) continue;
      byKey.set(u.key, [...new Set([...(byKey.get(u.key) ?? []), c.variant.id])]);
    }
  }
  return byKey;
}

const expectExactly = (r: { rendered: string[]; reused: string[] }, expected: string[]) => {
  expect(expected.length, 'the change must affect something, or the test proves nothing').toBeGreaterThan(0);
  expect(r.rendered).toEqual([...expected].sort());
  expect(r.reused).toEqual(all.filter((id) => !expected.includes(id)));
};

beforeAll(async () => {
  // PDFs only: rasters add time without adding inputs (the dpi is config, tested below through config).
  edit(ws, 'lehtinen.config.yaml', (t) => t.replace(/kinds: \[[^\]]*\]/, 'kinds: [print-pdf, web-pdf]'));
  all = (await composed()).map((c) => c.variant.id).sort();
  const first = await rebuild();
  expect(first.rendered).toEqual(all);
}, 240_000);
afterAll(() => {
  remove(ws);
  remove(out);
});

describe('incremental builds', { timeout: 240_000 }, () => {
  it('an unchanged workspace renders nothing and keeps every file', async () => {
    const before = readFileSync(path.join(out, 'manifest.json'), 'utf8');
    const r = await rebuild();
    expect(r.rendered).toEqual([]);
    expect(r.reused).toEqual(all);
    const m = manifestSchema.parse(JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')));
    const prev = manifestSchema.parse(JSON.parse(before));
    expect(m.variants.map((v) => v.files)).toEqual(prev.variants.map((v) => v.files));
  });

  it('a string used by one material: only the variants that print it, in that language', async () => {
    const keys = await keysIn('en');
    const [key, users] = [...keys].find(([, ids]) => new Set(ids.map((id) => id.split('-')[0])).size === 1)!;
    setString('en', key, 'Changed words for one material');
    expectExactly(await rebuild(), users);
  });

  it('a common string used by several materials', async () => {
    const keys = await keysIn('en');
    const [key, users] = [...keys].find(([k, ids]) => k.startsWith('common:') && ids.length > 1)!;
    setString('en', key, 'A common string, changed');
    expectExactly(await rebuild(), users);
  });

  it('a source-language string: its translations turn outdated, so every variant printing the key is rebuilt', async () => {
    const key = 'common:help.title';
    const users = (await composed()).filter((c) => c.uses.some((u) => u.key === key)).map((c) => c.variant.id);
    setString('fi', key, 'Apua on saatavilla – muutettu');
    expectExactly(await rebuild(), users);
  });

  it('a translation status (draft notice on the print PDF, not in the HTML)', async () => {
    const keys = await keysIn('en');
    const [key, users] = [...keys].find(([k]) => k.startsWith('bookmark:'))!;
    edit(ws, 'locales/en/status.yaml', (t) => {
      const line = new RegExp(`^${key.replace(/[.]/g, '\\.')}: \\{ status: translated`, 'm');
      expect(t).toMatch(line);
      return t.replace(line, `${key}: { status: draft`);
    });
    expectExactly(await rebuild(), users);
  });

  it("one material's template and stylesheet", async () => {
    const w = await loadWorkspace(ws);
    const material = w.materials.find((m) => m.id === 'card')!;
    const users = all.filter((id) => w.materials.find((m) => id.startsWith(m.id + '-'))!.template === material.template);
    edit(ws, `templates/${material.template}/style.css`, (t) => t + '\n.page{outline:0 solid transparent}\n');
    expectExactly(await rebuild(), users);
    edit(ws, `templates/${material.template}/index.hbs`, (t) => t + '\n<!-- changed -->\n');
    expectExactly(await rebuild(), users);
  });

  it('base.css: every variant', async () => {
    edit(ws, 'templates/base.css', (t) => t + '\n.lehtinen-test{color:red}\n');
    expectExactly(await rebuild(), all);
  });

  it('a font file: the variants whose PDFs embed that face', async () => {
    const m = manifestSchema.parse(JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')));
    const users = m.variants
      .filter((v) => pdfFonts(path.join(out, v.files.find((f) => f.kind === 'web-pdf')!.path)).some((f) => /\+NotoSans-Bold$/.test(f.name)))
      .map((v) => `${v.material}-${v.lang}`);
    // Another valid face under the same name: the HTML does not change, only the served bytes.
    copyFileSync(path.join(ws, 'assets/fonts/NotoSans-ExtraBold.ttf'), path.join(ws, 'assets/fonts/NotoSans-Bold.ttf'));
    expectExactly(await rebuild(), users);
  });

  it('an image (the logo): the variants whose documents show it', async () => {
    const url = sandboxUrl('assets/logo/mark.svg');
    const users = (await composed()).filter((c) => c.html.includes(url)).map((c) => c.variant.id);
    edit(ws, 'assets/logo/mark.svg', (t) => t.replace(/<\/svg>\s*$/, '<circle cx="1" cy="1" r="0.5" fill="#000"/></svg>\n'));
    expectExactly(await rebuild(), users);
  });

  it('the config (a brand colour): every variant', async () => {
    edit(ws, 'lehtinen.config.yaml', (t) => t.replace('plum: "#3d1f47"', 'plum: "#3d1f48"'));
    expectExactly(await rebuild(), all);
  });

  it('a damaged output file: that variant is rendered again', async () => {
    const m = manifestSchema.parse(JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')));
    const v = m.variants[1]!;
    const f = path.join(out, v.files[0]!.path);
    const data = readFileSync(f);
    data.writeUInt8(data.readUInt8(data.length - 2) ^ 1, data.length - 2);
    writeFileSync(f, data);
    expectExactly(await rebuild(), [`${v.material}-${v.lang}`]);
  });

  it('the CLI says what it rendered and reused; --no-cache renders everything', async () => {
    const keys = await keysIn('se');
    const [key, users] = [...keys].find(([, ids]) => ids.length === 1)!;
    setString('se', key, 'Rievdaduvvon teaksta (test)');
    const printed = capture();
    const code = await cli(['build', '--root', ws, '--out', out, '--lang', LANGS.join(','), '--no-site', '--no-bundles'], { stdout: printed.stdout, stderr: printed.stderr });
    expect(code, printed.err).toBe(0);
    expect(users).toHaveLength(1);
    expect(printed.out).toContain(`built ${all.length} variant(s) (rendered 1, reused ${all.length - 1})`);
    expectExactly(await rebuild({ cache: false }), all);
  });

  it('a build option (--kind): every variant; the same options again: none', async () => {
    expectExactly(await rebuild({ kinds: ['print-pdf'] }), all);
    const again = await rebuild({ kinds: ['print-pdf'] });
    expect(again.rendered).toEqual([]);
  });
});
