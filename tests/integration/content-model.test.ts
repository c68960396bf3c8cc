/**
 * The content model's reference (docs/content-model.md) against the code: every key that the default
 * templates print for the two examples and a fresh `lehtinen init` workspace, and every key lehtinen's own
 * code prints (PDF title, site, bundles), is listed there. And `lehtinen check` knows the model: a literal
 * template key the source lacks is an error at the template's line; a source key nothing prints is a warning.
 * No browser: variants are composed to HTML only.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { check } from '../../src/check/check.js';
import { composeVariant } from '../../src/compose/document.js';
import { planVariants } from '../../src/compose/variants.js';
import { CODE_KEYS, KEPT_KEYS } from '../../src/content/model.js';
import { initWorkspace } from '../../src/init/scaffold.js';
import { loadWorkspace } from '../../src/workspace/workspace.js';
import { copyExample, edit, remove, REPO, tempDir } from '../support/workspace.js';

const DOC = readFileSync(path.join(REPO, 'docs/content-model.md'), 'utf8');
const temps: string[] = [];
afterAll(() => temps.forEach(remove));

/** A printed key as the reference writes it: names and indexes become <id>, <n>, <material>. */
function pattern(key: string, materials: string[]): string {
  const [ns, rest] = key.split(':') as [string, string];
  const mat = materials.includes(ns);
  if (mat && rest === 'title') return '<material>:title';
  let p = rest
    .replace(/^sections\.[^.]+/, 'sections.<id>')
    .replace(/\.(list|items|aside)\.\d+(\.(title|text))?$/, '.$1.<n>')
    .replace(/^help\.lines\.[^.]+/, 'help.lines.<id>')
    .replace(/^people\.(?!title$)[^.]+/, 'people.<id>')
    .replace(/^funders\.[^.]+$/, 'funders.<id>')
    .replace(/_(zero|one|two|few|many|other)$/, '');
  // Anything but sections may live in common or, overriding it, in the material's file.
  const space = mat ? (p.startsWith('sections.') ? '<material>' : 'common') : ns;
  p = `${space}:${p}`;
  return p;
}

async function printedKeys(root: string): Promise<Set<string>> {
  const ws = await loadWorkspace(root);
  const out = new Set<string>();
  const materials = ws.materials.map((m) => m.id);
  for (const v of planVariants(ws)) for (const u of composeVariant(ws, v, '2026-01-01').uses) out.add(pattern(u.key, materials));
  return out;
}

describe('docs/content-model.md, checked against the code', () => {
  it('lists every key the default templates print for both examples and an init workspace', async () => {
    const fresh = tempDir('lehtinen-cm-');
    temps.push(fresh);
    await initWorkspace({ dir: path.join(fresh, 'ws'), languages: ['fi', 'en', 'sms'], materials: ['brochure', 'card', 'bookmark'] });
    const keys = new Set<string>();
    for (const root of [REPO, path.join(REPO, 'examples/perheyhdessa'), path.join(fresh, 'ws')]) for (const k of await printedKeys(root)) keys.add(k);
    expect(keys.size).toBeGreaterThan(20);
    for (const k of keys) expect(DOC, k).toContain(`\`${k}`);
  });

  it("lists every key lehtinen's own code prints, and the code names no key it does not declare", () => {
    for (const k of CODE_KEYS) expect(DOC, k).toContain(k);
    // Literal keys anywhere in src/ (site pages, bundles, PDF metadata) are declared in CODE_KEYS.
    const files: string[] = [];
    const walk = (d: string) => {
      for (const f of readdirSync(d)) {
        const p = path.join(d, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (f.endsWith('.ts')) files.push(p);
      }
    };
    walk(path.join(REPO, 'src'));
    const literal = new Set<string>();
    for (const f of files) for (const m of readFileSync(f, 'utf8').matchAll(/'((?:site|common):[A-Za-z0-9_.]+)'/g)) literal.add(m[1]!);
    expect(literal.size).toBeGreaterThan(10);
    for (const k of literal) expect([...CODE_KEYS, ...KEPT_KEYS], k).toContain(k);
    for (const k of KEPT_KEYS) expect(DOC, k).toContain(k);
  });
});

describe('lehtinen check knows the content model', () => {
  it('a template key the source lacks is an error at the template line; a source key nothing prints is a warning', async () => {
    const dir = copyExample();
    temps.push(dir);
    edit(dir, 'templates/card/index.hbs', (s) => s.replace('<p class="lang-name"', '<p class="extra">{{t "common:campaign.slogan"}}</p>\n    <p class="lang-name"'));
    edit(dir, 'locales/fi/common.json', (s) => s.replace('"campaign": {', '"campaign": {\n    "subtitle": "Ei käytössä missään",'));
    const res = await check({ root: dir, layout: false });
    const missing = res.output.problems.filter((p) => p.code === 'TEMPLATE_KEY_MISSING');
    const line = readFileSync(path.join(dir, 'templates/card/index.hbs'), 'utf8').split('\n').findIndex((l) => l.includes('common:campaign.slogan')) + 1;
    expect(missing).toEqual([expect.objectContaining({ severity: 'error', file: 'templates/card/index.hbs', line, key: 'common:campaign.slogan' })]);
    const unused = res.output.problems.filter((p) => p.code === 'UNUSED');
    expect(unused).toEqual([expect.objectContaining({ severity: 'warning', file: 'locales/fi/common.json', line: 3, key: 'common:campaign.subtitle' })]);
    expect(res.output.ok).toBe(false);
  });

  it('the examples have neither', async () => {
    for (const root of [REPO, path.join(REPO, 'examples/perheyhdessa')]) {
      const res = await check({ root, layout: false });
      expect(res.output.problems.filter((p) => p.code === 'TEMPLATE_KEY_MISSING' || p.code === 'UNUSED'), root).toEqual([]);
    }
  });
});
