/**
 * XLIFF on copies of the example: export → import round trips change no byte, imports are validated and
 * applied all or nothing, and the parser expands no external or recursive entity.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run as cli } from '../../src/cli/main.js';
import { capture, copyExample, edit, remove, tempDir } from '../support/workspace.js';

const dirs: string[] = [];
const fresh = () => {
  const d = copyExample();
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach(remove));

function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = path.join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(path.relative(dir, p), readFileSync(p).toString('base64'));
    }
  };
  walk(path.join(dir, 'locales'));
  return out;
}

async function lehtinen(...args: string[]) {
  const c = capture();
  const code = await cli(args, { stdout: c.stdout, stderr: c.stderr });
  return { code, out: c.out, err: c.err };
}

describe('XLIFF round trip', () => {
  for (const version of ['2.0', '1.2']) {
    it(`XLIFF ${version}: export → import without edits changes no file, and exports the same again`, async () => {
      const dir = fresh();
      const files = tempDir('lehtinen-xlf-');
      dirs.push(files);
      const before = snapshot(dir);
      for (const lang of ['en', 'se', 'smn', 'sms']) {
        const f = path.join(files, `${lang}.xlf`);
        const ex = await lehtinen('xliff', 'export', '--root', dir, '--lang', lang, '--version', version, '--out', f);
        expect(ex.code, ex.err).toBe(0);
        const xml = readFileSync(f, 'utf8');
        expect(xml).toContain(version === '2.0' ? 'urn:oasis:names:tc:xliff:document:2.0' : 'urn:oasis:names:tc:xliff:document:1.2');
        expect((xml.match(version === '2.0' ? /<unit / : /<trans-unit /g) ?? []).length).toBeGreaterThan(version === '2.0' ? 0 : 50);
        const im = await lehtinen('xliff', 'import', '--root', dir, f);
        expect(im.code, im.err).toBe(0);
        expect(im.out).toMatch(/nothing changed/);
        const again = path.join(files, `${lang}-again.xlf`);
        await lehtinen('xliff', 'export', '--root', dir, '--lang', lang, '--version', version, '--out', again);
        expect(readFileSync(again, 'utf8')).toBe(xml);
      }
      expect(snapshot(dir)).toEqual(before);
    });
  }

  it('carries state and location: drafts are initial/lehtinen:draft in 2.0, needs-review-translation in 1.2', async () => {
    const dir = fresh();
    const x20 = (await lehtinen('xliff', 'export', '--root', dir, '--lang', 'sms', '--out', '-')).out;
    expect(x20).toMatch(/<unit id="help.title" name="common:help.title" xml:space="preserve">[\s\S]*?<segment state="translated">/);
    expect(x20).toMatch(/<unit id="campaign.name" name="common:campaign.name"[\s\S]*?<note category="location">printed on: brochure page 1, card page 1, bookmark page 1<\/note>[\s\S]*?<segment state="initial" subState="lehtinen:draft">/);
    const x12 = (await lehtinen('xliff', 'export', '--root', dir, '--lang', 'sms', '--version', '1.2', '--out', '-')).out;
    expect(x12).toMatch(/<trans-unit id="common:campaign.name"[^>]*>\s*<source>Tunnista väkivalta lähisuhteessa<\/source>\s*<target state="needs-review-translation">Tobdd pâʹlviõǩǩ/);
    const only = (await lehtinen('xliff', 'export', '--root', dir, '--lang', 'sms', '--only', 'translated', '--out', '-')).out;
    expect((only.match(/<unit /g) ?? []).length).toBe(6);
  });
});

describe('XLIFF import', () => {
  /** A workspace with an interpolated string in every language, exported to XLIFF 2.0 for se. */
  async function withPlaceholder(version = '2.0') {
    const dir = fresh();
    edit(dir, 'locales/fi/card.json', (s) => s.replace('\n}', ',\n  "call": "Soita numeroon {{phone}}"\n}'));
    edit(dir, 'locales/se/card.json', (s) => s.replace('\n}', ',\n  "call": "Riŋge nummirii {{phone}}"\n}'));
    await lehtinen('mark', '--root', dir, '--lang', 'se', '--status', 'draft', 'card:call');
    const file = path.join(tempDir('lehtinen-xlf-'), 'se.xlf');
    dirs.push(path.dirname(file));
    const ex = await lehtinen('xliff', 'export', '--root', dir, '--lang', 'se', '--version', version, '--out', file);
    expect(ex.code, ex.err).toBe(0);
    return { dir, file, xml: readFileSync(file, 'utf8') };
  }

  it('exports placeholders as <ph> and merges a new translation, state and hash', async () => {
    const { dir, file, xml } = await withPlaceholder();
    expect(xml).toContain('<target>Riŋge nummirii <ph id="1" dataRef="d1" equiv="{{phone}}" disp="{{phone}}"/></target>');
    const edited = xml
      .replace('<segment state="initial" subState="lehtinen:draft">\n        <source>Soita numeroon', '<segment state="reviewed">\n        <source>Soita numeroon')
      .replace('Riŋge nummirii <ph', 'Riŋge dán nummirii <ph');
    writeFileSync(file, edited);
    const before = snapshot(dir);
    const im = await lehtinen('xliff', 'import', '--root', dir, file);
    expect(im.code, im.err).toBe(0);
    expect(im.out).toMatch(/1 translation\(s\) and 0 state\(s\) changed/);
    const after = snapshot(dir);
    const changed = [...after.keys()].filter((k) => after.get(k) !== before.get(k));
    expect(changed.sort()).toEqual(['locales/se/card.json', 'locales/se/status.yaml']);
    expect(JSON.parse(readFileSync(path.join(dir, 'locales/se/card.json'), 'utf8')).call).toBe('Riŋge dán nummirii {{phone}}');
    expect(readFileSync(path.join(dir, 'locales/se/status.yaml'), 'utf8')).toMatch(/^card:call: \{ status: reviewed, source: [0-9a-f]{12} \}$/m);
  });

  for (const version of ['2.0', '1.2']) {
    it(`rejects a file with a broken placeholder whole (XLIFF ${version}): the valid edits beside it are not applied`, async () => {
      const { dir, file, xml } = await withPlaceholder(version);
      let edited = xml.replace('Dovdda veahkaválddi lagas oktavuođain</target>', 'Dovdda veahkaválddi!</target>');
      expect(edited).not.toBe(xml);
      edited = version === '2.0'
        ? edited.replace('<target>Riŋge nummirii <ph id="1" dataRef="d1"', '<target>Riŋge nummirii <ph id="7" dataRef="d1"')
        : edited.replace('<target state="needs-review-translation">Riŋge nummirii <ph id="1">{{phone}}</ph>', '<target state="needs-review-translation">Riŋge nummirii <ph id="1">{{telefon}}</ph>');
      writeFileSync(file, edited);
      const before = snapshot(dir);
      const im = await lehtinen('xliff', 'import', '--root', dir, file);
      expect(im.code).toBe(1);
      expect(im.err).toMatch(/XLIFF_REJECTED .*1 problem\(s\); nothing was imported/);
      expect(im.err).toMatch(/card:call: broken placeholder/);
      expect(snapshot(dir)).toEqual(before);
    });
  }

  it('rejects a placeholder left out, an unknown key and a source that changed meanwhile, all listed', async () => {
    const { dir, file, xml } = await withPlaceholder();
    edit(dir, 'locales/fi/common.json', (s) => s.replace('"label": "Hätänumero"', '"label": "Hätänumero 112"'));
    const edited = xml
      .replace('Riŋge nummirii <ph id="1" dataRef="d1" equiv="{{phone}}" disp="{{phone}}"/></target>', 'Riŋge nummirii</target>')
      .replace('name="common:help.title"', 'name="common:help.titel"');
    writeFileSync(file, edited);
    const before = snapshot(dir);
    const im = await lehtinen('xliff', 'import', '--root', dir, file);
    expect(im.code).toBe(1);
    expect(im.err).toMatch(/3 problem\(s\); nothing was imported/);
    expect(im.err).toMatch(/card:call: placeholders differ from the source: \{\{phone\}\} missing/);
    expect(im.err).toMatch(/unknown key "common:help.titel"/);
    expect(im.err).toMatch(/common:help.lines.emergency.label: the fi text changed after this file was exported/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('reports malformed XML with its line', async () => {
    const { dir, file, xml } = await withPlaceholder();
    writeFileSync(file, xml.replace('</source>', '</sourc>'));
    const im = await lehtinen('xliff', 'import', '--root', dir, file);
    expect(im.code).toBe(1);
    expect(im.err).toMatch(/error XLIFF_SYNTAX .*se\.xlf:\d+:\d+: malformed XML/);
  });

  it('never expands entities: a billion-laughs file and an external entity are refused at once', async () => {
    const dir = fresh();
    const d = tempDir('lehtinen-xlf-');
    dirs.push(d);
    const lol = path.join(d, 'lol.xlf');
    const defs = ['<!ENTITY lol0 "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`)].join('');
    writeFileSync(lol, `<?xml version="1.0"?><!DOCTYPE xliff [${defs}]><xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="fi" trgLang="se"><file id="f"><unit id="u" name="common:help.title"><segment><source>Apua on saatavilla</source><target>&lol9;</target></segment></unit></file></xliff>`);
    const secret = path.join(d, 'secret.txt');
    writeFileSync(secret, 'TOP SECRET');
    const xxe = path.join(d, 'xxe.xlf');
    writeFileSync(xxe, `<?xml version="1.0"?><!DOCTYPE xliff [<!ENTITY xxe SYSTEM "file://${secret}">]><xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="fi" trgLang="se"><file id="f"><unit id="u" name="common:help.title"><segment><source>Apua on saatavilla</source><target>&xxe;</target></segment></unit></file></xliff>`);
    const before = snapshot(dir);
    for (const f of [lol, xxe]) {
      const im = await lehtinen('xliff', 'import', '--root', dir, f);
      expect(im.code).toBe(1);
      expect(im.err).toMatch(/XLIFF_SYNTAX .*DOCTYPE/);
      expect(im.err + im.out).not.toContain('TOP SECRET');
    }
    // Without the DOCTYPE the references are undefined entities: an error, never an expansion.
    writeFileSync(xxe, readFileSync(xxe, 'utf8').replace(/<!DOCTYPE[^\]]*\]>/, ''));
    const im = await lehtinen('xliff', 'import', '--root', dir, xxe);
    expect(im.code).toBe(1);
    expect(im.err).toMatch(/malformed XML: undefined entity/);
    expect(snapshot(dir)).toEqual(before);
  });
});
