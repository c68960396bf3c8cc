/**
 * `lehtinen check` on copies of the example workspace, through the CLI, with real locale and font files.
 * Most runs use --no-layout (no browser); the layout checks have their own block at the end.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CheckOutput } from '../../src/check/output-schema.js';
import { run as cli } from '../../src/cli/main.js';
import { capture, edit, exampleCopies, REPO } from '../support/workspace.js';

async function checkJson(dir: string, ...args: string[]): Promise<{ code: number; out: CheckOutput; err: string }> {
  const c = capture();
  const code = await cli(['check', '--root', dir, '--format', 'json', '--no-layout', ...args], { stdout: c.stdout, stderr: c.stderr });
  return { code, out: JSON.parse(c.out) as CheckOutput, err: c.err };
}

const fresh = exampleCopies();

describe('lehtinen check on the example', () => {
  let res: Awaited<ReturnType<typeof checkJson>>;
  beforeAll(async () => {
    res = await checkJson(fresh());
  });

  it('prints JSON that validates against the committed schema', () => {
    const schema = JSON.parse(readFileSync(path.join(REPO, 'schema/check-output.schema.json'), 'utf8'));
    const ajv = new Ajv2020.default({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    expect(validate(res.out), JSON.stringify(validate.errors)).toBe(true);
    // and a broken document does not validate, so the test above can fail
    expect(validate({ ...res.out, summary: { errors: 'none' } })).toBe(false);
  });

  it('reports the real state of the five languages', () => {
    expect(res.code).toBe(0);
    const by = Object.fromEntries(res.out.languages.map((l) => [l.code, l]));
    expect(Object.keys(by)).toEqual(['fi', 'en', 'se', 'smn', 'sms']);
    expect(by.fi!.isSource).toBe(true);
    expect(by.en).toMatchObject({ coverage: 100, complete: 100, counts: { draft: 0, outdated: 0, missing: 0, translated: 87 } });
    for (const l of ['se', 'smn', 'sms']) {
      expect(by[l]!.plurals).toEqual(['one', 'two', 'other']);
      expect(by[l]!.coverage).toBe(100);
      expect(by[l]!.counts.draft).toBeGreaterThan(40);
      expect(by[l]!.counts.outdated).toBe(0);
    }
    // the few strings cited from public sources are not drafts
    const smsCited = res.out.problems.filter((p) => p.lang === 'sms' && p.code === 'DRAFT' && p.key === 'common:help.title');
    expect(smsCited).toEqual([]);
    // what the lint finds in the machine drafts: letters outside the alphabet, as warnings
    const ortho = res.out.problems.filter((p) => p.code === 'ORTHOGRAPHY').map((p) => `${p.lang} ${p.key} ${p.char}`);
    expect(ortho).toEqual(['smn common:funders.oikeusministerio ö', 'sms brochure:sections.forms.items.2.text ã']);
    expect(res.out.summary.errors).toBe(0);
    // the matrix: every material in every language
    expect(res.out.materials.map((m) => m.id)).toEqual(['brochure', 'card', 'bookmark']);
    for (const m of res.out.materials) expect(m.cells.map((c) => c.lang)).toEqual(['fi', 'en', 'se', 'smn', 'sms']);
  });

  it('fails with --strict, because drafts are warnings', async () => {
    const strict = await checkJson(fresh(), '--strict');
    expect(strict.code).toBe(1);
    expect(strict.out.ok).toBe(false);
  });

  it('prints a compact table per language in human form', async () => {
    const c = capture();
    const code = await cli(['check', '--root', fresh(), '--no-layout'], { stdout: c.stdout, stderr: c.stderr });
    expect(code).toBe(0);
    expect(c.out).toMatch(/^lang\s+name\s+coverage\s+complete\s+missing/m);
    expect(c.out).toMatch(/^sms\s+sääʹmǩiõll\s+100\.0 %/m);
    expect(c.err).toMatch(/warning DRAFT \[sms\] \d+ × draft/);
  });
});

describe('translation status that survives edits', () => {
  it('changing one Finnish string makes exactly its four translations outdated, until marked', async () => {
    const dir = fresh();
    edit(dir, 'locales/fi/common.json', (s) => s.replace('"title": "Apua on saatavilla"', '"title": "Apua on saatavilla aina"'));
    const res = await checkJson(dir);
    const outdated = res.out.problems.filter((p) => p.code === 'OUTDATED').map((p) => `${p.lang} ${p.key}`);
    expect(outdated).toEqual(['en common:help.title', 'se common:help.title', 'smn common:help.title', 'sms common:help.title']);
    expect(res.out.languages.find((l) => l.code === 'sms')!.counts.outdated).toBe(1);

    // An editor confirms the Skolt translation; the other three stay outdated.
    const c = capture();
    expect(await cli(['mark', '--root', dir, '--lang', 'sms', 'common:help.title'], { stdout: c.stdout, stderr: c.stderr }), c.err).toBe(0);
    const status = readFileSync(path.join(dir, 'locales/sms/status.yaml'), 'utf8');
    expect(status).toMatch(/^common:help\.title: \{ status: translated, source: [0-9a-f]{12}, cite: "nuor\.fi/m);
    const after = await checkJson(dir);
    expect(after.out.problems.filter((p) => p.code === 'OUTDATED').map((p) => p.lang)).toEqual(['en', 'se', 'smn']);
    // and a build would print them marked: the translator records outdated
    const { loadWorkspace } = await import('../../src/workspace/workspace.js');
    const ws = await loadWorkspace(dir);
    const t = ws.translations.forLanguage('se');
    t.t('common:help.title');
    expect(t.uses.get('common:help.title')!.status).toBe('outdated');
  });
});

describe('Skolt Sámi orthography', () => {
  it('catches an apostrophe typed into a Skolt string and --fix puts U+02B9 back, nothing else changed', async () => {
    const dir = fresh();
    const file = path.join(dir, 'locales/sms/common.json');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace('"tagline": "Pâʹlviõkk', '"tagline": "Pâ\u2019lviõkk'));
    const res = await checkJson(dir);
    expect(res.code).toBe(1);
    const p = res.out.problems.find((x) => x.code === 'ORTHOGRAPHY' && x.severity === 'error')!;
    expect(p).toMatchObject({ lang: 'sms', key: 'common:campaign.tagline', file: 'locales/sms/common.json', line: 4, char: '\u2019', codePoint: 'U+2019', fix: { from: '\u2019', to: '\u02b9' } });
    expect(p.message).toContain('Pâ’lviõkk');

    const fixed = await checkJson(dir, '--fix');
    expect(fixed.code).toBe(0);
    expect(fixed.out.summary.fixed).toBe(1);
    expect(fixed.out.problems.find((x) => x.fixed)).toMatchObject({ key: 'common:campaign.tagline', fix: { to: 'ʹ' } });
    expect(readFileSync(file, 'utf8')).toBe(original);
  });
});

describe('glyph coverage', () => {
  it('names the language, key and character that the font lacks', async () => {
    const dir = fresh();
    edit(dir, 'locales/en/common.json', (s) => s.replace('"title": "Help is available"', '"title": "Help is available 🙂"'));
    const res = await checkJson(dir);
    expect(res.code).toBe(1);
    const g = res.out.problems.filter((p) => p.code === 'GLYPH_MISSING');
    expect(g).toHaveLength(1);
    expect(g[0]).toMatchObject({ severity: 'error', lang: 'en', key: 'common:help.title', char: '🙂', codePoint: 'U+1F642' });
    expect(g[0]!.message).toContain('assets/fonts/NotoSans-Regular.ttf');
  });
});

describe('content errors', () => {
  it('reports placeholders that differ, empty strings, extra keys and a QR address that is not https', async () => {
    const dir = fresh();
    edit(dir, 'locales/fi/card.json', () => JSON.stringify({ title: 'Kortti', call: 'Soita {{phone}}' }, null, 2) + '\n');
    edit(dir, 'locales/se/card.json', () => JSON.stringify({ title: '', call: 'Riŋge {{phnoe}}', old: 'x' }, null, 2) + '\n');
    edit(dir, 'lehtinen.config.yaml', (s) => s.replace('format: wallet-card       # 85 × 55 mm', 'format: wallet-card\n    qr: { url: "http://example.org/{lang}" }'));
    const res = await checkJson(dir, '--lang', 'se');
    const codes = res.out.problems.filter((p) => p.lang === 'se' && p.severity !== 'info').map((p) => `${p.severity} ${p.code} ${p.key ?? p.material}`);
    expect(codes).toEqual(expect.arrayContaining([
      'error EMPTY card:title',
      'error PLACEHOLDER card:call',
      'warning EXTRA card:old',
      'error QR_URL materials.card.qr.url',
    ]));
    expect(res.out.problems.find((p) => p.code === 'PLACEHOLDER')!.message).toBe('the translation lacks {{phone}} and has {{phnoe}}, which the fi text does not');
  });

  it('reports a workspace that does not load as a finding, in JSON too', async () => {
    const dir = fresh();
    edit(dir, 'locales/sms/common.json', (s) => s.replace('"campaign": {', '"campaign": {,'));
    const res = await checkJson(dir);
    expect(res.code).toBe(1);
    expect(res.out.problems[0]).toMatchObject({ severity: 'error', code: 'LOCALE_SYNTAX', file: 'locales/sms/common.json', line: 2 });
  });
});
