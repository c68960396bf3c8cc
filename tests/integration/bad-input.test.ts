/**
 * Bad input, one row each: the real CLI in its own process must exit with a non-zero code, print the
 * error code, the file with its line or key, and a hint (the "→" line) — and write nothing to output/.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pdfFontNames } from '../../src/output/pdf-fonts.js';
import { runCli } from '../support/cli-process.js';
import { pngHeaderOnly } from '../support/images.js';
import { pdfFonts } from '../support/tools.js';
import { copyExample, edit, remove, REPO, tempDir } from '../support/workspace.js';

interface Case {
  name: string;
  /** breaks a fresh copy of the example workspace */
  setup: (ws: string) => void;
  code: string;
  /** what the message must say: file with line or key */
  where: RegExp;
  /** more of the message, when the code alone does not prove the right thing was found */
  says?: RegExp;
  /** also run `lehtinen check --no-layout` on the same workspace */
  check?: boolean;
  /** more build flags */
  args?: string[];
}

/** The line of the card template that holds `text` (1-based), so the cases follow template edits. */
const cardLine = (text: string) => {
  const i = readFileSync(path.join(REPO, 'templates/card/index.hbs'), 'utf8').split('\n').findIndex((l) => l.includes(text));
  if (i < 0) throw new Error(`test setup: ${text} not in templates/card/index.hbs`);
  return i + 1;
};
const setLocale = (ws: string, rel: string, fn: (j: Record<string, unknown>) => void) =>
  edit(ws, rel, (t) => {
    const j = JSON.parse(t) as Record<string, unknown>;
    fn(j);
    return JSON.stringify(j, null, 2);
  });

const replaceIn = (ws: string, rel: string, from: string | RegExp, to: string) =>
  edit(ws, rel, (t) => {
    const next = t.replace(from, to);
    if (next === t) throw new Error(`test setup: ${String(from)} not found in ${rel}`);
    return next;
  });

const CASES: Case[] = [
  {
    name: 'malformed YAML',
    setup: (ws) => replaceIn(ws, 'lehtinen.config.yaml', '  id: tunnista-vakivalta\n', '  id: tunnista-vakivalta\n   version: [oops\n'),
    code: 'CONFIG_SYNTAX',
    where: /lehtinen\.config\.yaml:\d+:\d+/,
    check: true,
  },
  {
    name: 'malformed locale JSON (trailing comma)',
    setup: (ws) => writeFileSync(path.join(ws, 'locales/en/card.json'), '{\n  "title": "Card",\n}\n'),
    code: 'LOCALE_SYNTAX',
    where: /locales\/en\/card\.json:3:1/,
    says: /trailing comma/,
    check: true,
  },
  {
    name: 'wrong type in the config',
    setup: (ws) => replaceIn(ws, 'lehtinen.config.yaml', /(card:\n\s+format: wallet-card\s+# 85 × 55 mm\n\s+)bleed: 3/, '$1bleed: three'),
    code: 'CONFIG_SCHEMA',
    where: /lehtinen\.config\.yaml:\d+:\d+ \(materials\.card\.bleed\)/,
    check: true,
  },
  {
    name: 'wrong type in a locale file',
    setup: (ws) => writeFileSync(path.join(ws, 'locales/en/card.json'), '{\n  "title": 42\n}\n'),
    code: 'LOCALE_SCHEMA',
    where: /locales\/en\/card\.json:2 \(title\)/,
  },
  {
    name: 'unknown language code',
    setup: (ws) => replaceIn(ws, 'lehtinen.config.yaml', 'order: [fi, en, se, smn, sms]', 'order: [fi, en, se, smn, sms, xq]'),
    code: 'CONFIG_SCHEMA',
    where: /lehtinen\.config\.yaml:\d+:\d+ \(languages\.order\.5\)/,
    says: /unknown language code "xq"/,
  },
  {
    name: 'a language with no locale folder',
    setup: (ws) => rmSync(path.join(ws, 'locales/sms'), { recursive: true }),
    code: 'LOCALE_MISSING',
    where: /lehtinen\.config\.yaml \(languages\.order\)/,
    says: /locales\/sms\//,
  },
  {
    // (A workspace file that is missing is taken from the default templates: only a template that
    // neither has is an error.)
    name: 'a missing template',
    setup: (ws) => replaceIn(ws, 'lehtinen.config.yaml', 'format: wallet-card', 'format: wallet-card\n    template: wallet'),
    code: 'TEMPLATE_MISSING',
    where: /lehtinen\.config\.yaml \(materials\)/,
    says: /templates\/wallet\/index\.hbs does not exist/,
  },
  {
    name: 'a missing partial',
    setup: (ws) => replaceIn(ws, 'templates/card/index.hbs', '{{> funder}}', '{{> sponsor}}'),
    code: 'TEMPLATE_RENDER',
    where: /templates\/card\/index\.hbs/,
    says: /partial "sponsor" not found/,
  },
  {
    name: 'a Handlebars syntax error',
    setup: (ws) => replaceIn(ws, 'templates/card/index.hbs', '<h2>{{t content.help.title}}</h2>', '<h2>{{#if lang}}{{t content.help.title}}</h2>'),
    code: 'TEMPLATE_SYNTAX',
    where: /templates\/card\/index\.hbs:\d+/,
  },
  {
    name: 'a missing font file',
    setup: (ws) => rmSync(path.join(ws, 'assets/fonts/NotoSans-Bold.ttf')),
    code: 'ASSET_MISSING',
    where: /lehtinen\.config\.yaml \(brand\.fonts\.0\.files\.3\.path\)/,
  },
  {
    name: 'a logo that is not an image',
    setup: (ws) => writeFileSync(path.join(ws, 'assets/logo/mark.svg'), 'this is a note, not a picture\n'),
    code: 'ASSET_INVALID',
    where: /lehtinen\.config\.yaml \(organisation\.logo\)/,
    says: /not an image/,
  },
  {
    name: 'an enormous logo (20000 × 20000 px)',
    setup: (ws) => {
      writeFileSync(path.join(ws, 'assets/logo/huge.png'), pngHeaderOnly(20000, 20000));
      replaceIn(ws, 'lehtinen.config.yaml', 'logo: assets/logo/mark.svg', 'logo: assets/logo/huge.png');
    },
    code: 'ASSET_INVALID',
    where: /lehtinen\.config\.yaml \(organisation\.logo\)/,
    says: /20000 × 20000 px/,
  },
  {
    name: 'an image in a template that is not an image (refused by the render sandbox)',
    setup: (ws) => {
      writeFileSync(path.join(ws, 'assets/photo.jpg'), 'plain text saved with a .jpg name\n');
      replaceIn(ws, 'templates/card/index.hbs', '<h2>', '<img src="{{asset "assets/photo.jpg"}}" alt=""><h2>');
    },
    code: 'ASSET_INVALID',
    where: /assets\/photo\.jpg/,
    says: /not an image \(.*\) \(used by card-fi\)/,
  },
  {
    name: 'an enormous image in the template CSS (refused before the browser decodes it)',
    setup: (ws) => {
      writeFileSync(path.join(ws, 'assets/huge.png'), pngHeaderOnly(20000, 20000));
      edit(ws, 'templates/card/style.css', (t) => t + '\n.back { background: url("/assets/huge.png"); }\n');
    },
    code: 'ASSET_INVALID',
    where: /assets\/huge\.png/,
    says: /20000 × 20000 px \(400 megapixels\)/,
  },
  {
    name: 'a QR payload too long',
    setup: (ws) => replaceIn(ws, 'lehtinen.config.yaml', '    safe: 3.5\n', `    safe: 3.5\n    qr: { url: "{baseUrl}/${'x'.repeat(3000)}" }\n`),
    code: 'QR_TOO_LONG',
    where: /lehtinen\.config\.yaml \(materials\.card\.qr\.url\)/,
  },
  {
    name: 'an empty workspace folder',
    setup: (ws) => {
      for (const f of readdirSync(ws)) rmSync(path.join(ws, f), { recursive: true });
    },
    code: 'CONFIG_NOT_FOUND',
    where: /no lehtinen\.config\.yaml in /,
    check: true,
  },
  {
    name: 'a locale file in Latin-1',
    setup: (ws) => writeFileSync(path.join(ws, 'locales/fi/card.json'), Buffer.from('{\n  "title": "Tunnista v\xe4kivalta \xe2\x80\x93 kortti"\n}\n'.replace(/\xe2\x80\x93/, '-'), 'latin1')),
    code: 'LOCALE_SYNTAX',
    where: /locales\/fi\/card\.json:2/,
    says: /not valid UTF-8/,
    check: true,
  },
  {
    name: 'a locale file with a byte-order mark (refused: the message says how to save without it)',
    setup: (ws) => edit(ws, 'locales/fi/card.json', (t) => '\ufeff' + t),
    code: 'LOCALE_SYNTAX',
    where: /locales\/fi\/card\.json:1/,
    says: /byte-order mark/,
  },
  {
    name: 'a logo path that climbs out of the workspace',
    setup: (ws) => replaceIn(ws, 'lehtinen.config.yaml', 'logo: assets/logo/mark.svg', 'logo: ../mark.svg'),
    code: 'ASSET_OUTSIDE_WORKSPACE',
    where: /lehtinen\.config\.yaml/,
    says: /points outside the workspace/,
  },
  {
    name: 'an absolute font path',
    setup: (ws) => replaceIn(ws, 'lehtinen.config.yaml', 'path: assets/fonts/NotoSans-Bold.ttf', 'path: /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf'),
    code: 'ASSET_OUTSIDE_WORKSPACE',
    where: /lehtinen\.config\.yaml/,
    says: /absolute path/,
  },
  {
    name: 'a symlinked logo that leads out of the workspace',
    setup: (ws) => {
      const outside = tempDir('lehtinen-outside-');
      dirs.push(outside);
      writeFileSync(path.join(outside, 'secret.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
      rmSync(path.join(ws, 'assets/logo/mark.svg'));
      symlinkSync(path.join(outside, 'secret.svg'), path.join(ws, 'assets/logo/mark.svg'));
    },
    code: 'ASSET_OUTSIDE_WORKSPACE',
    where: /lehtinen\.config\.yaml/,
    says: /link to a file outside the workspace/,
  },
  {
    name: 'a symlinked image in the template CSS that leads out of the workspace',
    setup: (ws) => {
      const outside = tempDir('lehtinen-outside-');
      dirs.push(outside);
      writeFileSync(path.join(outside, 'bg.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
      symlinkSync(path.join(outside, 'bg.svg'), path.join(ws, 'assets/bg.svg'));
      edit(ws, 'templates/card/style.css', (t) => t + '\n.back { background: url("/assets/bg.svg"); }\n');
    },
    code: 'ASSET_OUTSIDE_WORKSPACE',
    where: /assets\/bg\.svg/,
    says: /card-fi: "assets\/bg\.svg" is a link to a file outside the workspace/,
  },
  {
    // A reader of a named pipe waits until something writes to it: without the check the build hung.
    name: 'the logo is a named pipe',
    setup: (ws) => {
      rmSync(path.join(ws, 'assets/logo/mark.svg'));
      execFileSync('mkfifo', [path.join(ws, 'assets/logo/mark.svg')]);
    },
    code: 'ASSET_INVALID',
    where: /assets\/logo\/mark\.svg/,
    says: /"assets\/logo\/mark\.svg" is a named pipe, not a file/,
    check: true,
  },
  {
    name: 'a named pipe among the templates',
    setup: (ws) => execFileSync('mkfifo', [path.join(ws, 'templates/card/notes.txt')]),
    code: 'ASSET_INVALID',
    where: /templates\/card\/notes\.txt/,
    says: /is a named pipe/,
  },
  {
    name: 'an {{asset}} in a template that climbs out of the workspace',
    setup: (ws) => replaceIn(ws, 'templates/card/index.hbs', '<h2>', '<img src="{{asset "../../etc/passwd"}}" alt=""><h2>'),
    code: 'ASSET_OUTSIDE_WORKSPACE',
    where: /templates\/card\/index\.hbs/,
  },
  // Safety round 2 (issue #12)
  {
    name: 'a QR address too long to scan at its printed size (build applies check\'s rule; --allow-overflow does not cover it)',
    setup: (ws) => replaceIn(ws, 'lehtinen.config.yaml', '    safe: 3.5\n', `    safe: 3.5\n    qr: { url: "{baseUrl}/${'x'.repeat(300)}" }\n`),
    args: ['--allow-overflow'],
    code: 'QR_MODULE_TOO_SMALL',
    where: /lehtinen\.config\.yaml \(materials\.card\.qr\.url\)/,
    says: /card-fi page 2: the QR code is printed [\d.]+ mm wide; .* so a module is 0\.\d+ mm, below the 0\.4 mm minimum/,
  },
  {
    name: 'a 3000-character QR address of its own (no {baseUrl}) names materials.card.qr.url, not baseUrl',
    setup: (ws) => replaceIn(ws, 'lehtinen.config.yaml', '    safe: 3.5\n', `    safe: 3.5\n    qr: { url: "https://example.org/${'x'.repeat(3000)}" }\n`),
    code: 'QR_TOO_LONG',
    where: /lehtinen\.config\.yaml \(materials\.card\.qr\.url\)/,
  },
  {
    name: 'a font family in the CSS that the config does not provide (config "Brand Sans", base.css "Noto Sans")',
    setup: (ws) => replaceIn(ws, 'lehtinen.config.yaml', 'family: Noto Sans', 'family: Brand Sans'),
    code: 'FONT_NOT_PROVIDED',
    where: /templates\/base\.css:\d+/,
    says: /asks for the font family "Noto Sans", which the config does not provide \(brand\.fonts provides "Brand Sans"\)/,
    check: true,
  },
  {
    name: 'a generic family alone in the CSS (a system font)',
    setup: (ws) => edit(ws, 'templates/card/style.css', (t) => t + '\n.back h2 { font-family: serif; }\n'),
    code: 'FONT_NOT_PROVIDED',
    where: /templates\/card\/style\.css:\d+/,
    says: /sets the text in "serif" alone, a system font/,
    check: true,
  },
  {
    name: 'a character the brand fonts lack: the PDF would carry a system font (read back from the rendered PDF)',
    setup: (ws) => setLocale(ws, 'locales/fi/common.json', (j) => ((j.help as Record<string, string>).title += ' 漢字')),
    code: 'FONT_NOT_PROVIDED',
    where: /templates\/card\/style\.css/,
    says: /card-fi: the PDF uses the system font "[^"]+", not a font of brand\.fonts/,
  },
  {
    name: '$t() of a group of keys (would print [object Object])',
    setup: (ws) => setLocale(ws, 'locales/fi/card.json', (j) => (j.title = 'Kortti $t(common:help)')),
    code: 'KEY_MISSING',
    where: /locales\/fi\/card\.json \(title\)/,
    says: /\$t\(common:help\): "common:help" is a group of keys, not a string/,
    check: true,
  },
  {
    name: '$t() of a key that does not exist',
    setup: (ws) => setLocale(ws, 'locales/fi/card.json', (j) => (j.title = 'Kortti $t(common:help.nothing)')),
    code: 'KEY_MISSING',
    where: /locales\/fi\/card\.json \(title\)/,
    says: /there is no key "common:help\.nothing"/,
  },
  {
    name: 'a template field that is an object (the text guard: [object Object] is never printed)',
    setup: (ws) => replaceIn(ws, 'templates/card/index.hbs', '<h2>{{t content.help.title}}</h2>', '<h2>{{t content.help.title}} {{campaign}}</h2>'),
    code: 'TEMPLATE_RENDER',
    where: /templates\/card\/index\.hbs/,
    says: /card-fi: the page would print "\[object Object\]"/,
  },
  {
    name: 'an unclosed {{#each}}: the line that opened it, not the end of the file',
    setup: (ws) => replaceIn(ws, 'templates/card/index.hbs', '<p class="lang-name"', '{{#each languages}}<p class="lang-name"'),
    code: 'TEMPLATE_SYNTAX',
    where: new RegExp(`templates/card/index\\.hbs:${cardLine('<p class="lang-name"')}:\\d+`),
    says: /\{\{#each\}\} opened at line \d+ is never closed/,
    check: true,
  },
  {
    name: 'a CSS url() to a missing file names the style sheet and line',
    setup: (ws) => edit(ws, 'templates/card/style.css', (t) => t + '\n.back { background: url("../../assets/no-such-photo.png"); }\n'),
    code: 'ASSET_MISSING',
    where: /templates\/card\/style\.css:\d+/,
    says: /assets\/no-such-photo\.png could not be loaded \(asked for by templates\/card\/style\.css, line \d+\)/,
  },
  {
    name: 'a template that navigates away (<meta http-equiv=refresh>)',
    setup: (ws) => replaceIn(ws, 'templates/card/index.hbs', '<h2>{{t content.help.title}}</h2>', '<meta http-equiv="refresh" content="0; url=/elsewhere"><h2>{{t content.help.title}}</h2>'),
    code: 'TEMPLATE_RENDER',
    where: /templates\/card\/index\.hbs:\d+/,
    says: /card-fi: the template has a <meta http-equiv="refresh">/,
  },
];

const dirs: string[] = [];
afterAll(() => dirs.forEach(remove));

describe('bad input: exit code, file and line or key, a hint, nothing in output/', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const ws = copyExample();
      const out = tempDir('lehtinen-out-');
      dirs.push(ws, out);
      c.setup(ws);
      const r = await runCli(['build', '--root', ws, '--out', out, '--lang', 'fi', '--material', 'card', '--kind', 'print-pdf', '--no-site', '--no-bundles', ...(c.args ?? [])]);
      const msg = `stdout:\n${r.out}\nstderr:\n${r.err}`;
      expect(r.code, msg).toBe(1);
      expect(r.err, msg).toMatch(new RegExp(`^error ${c.code}[ :]`, "m"));
      expect(r.err, msg).toMatch(c.where);
      if (c.says) expect(r.err, msg).toMatch(c.says);
      expect(r.err, msg).toMatch(/^ {2}→ \S/m);
      expect(r.err, msg).not.toMatch(/internal error/);
      // Nothing written, not even a lock or a staging folder left behind.
      expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
      if (c.check) {
        const k = await runCli(['check', '--root', ws, '--no-layout']);
        expect(k.code, k.err).not.toBe(0);
        expect(k.err + k.out).toMatch(c.code);
        expect(k.err + k.out).toMatch(c.where);
      }
    });
  }
});


/** Every file under `dir`: relative path → content (for "nothing touched"). */
function contents(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const abs = path.join(d, e.name);
      if (e.isDirectory()) walk(abs);
      else out[path.relative(dir, abs)] = readFileSync(abs, 'latin1');
    }
  };
  walk(dir);
  return out;
}

const QUICK = ['--lang', 'fi', '--material', 'card', '--kind', 'print-pdf', '--no-site', '--no-bundles'];

describe('lehtinen owns its output folder: others are refused before anything is written', () => {
  const refused = async (ws: string, args: string[], where: RegExp, says: RegExp, untouched: string) => {
    const before = contents(untouched);
    const r = await runCli(['build', '--root', ws, ...QUICK, ...args]);
    const msg = `stdout:\n${r.out}\nstderr:\n${r.err}`;
    expect(r.code, msg).toBe(1);
    expect(r.err, msg).toMatch(/^error OUTPUT_FOREIGN[ :]/m);
    expect(r.err, msg).toMatch(where);
    expect(r.err, msg).toMatch(says);
    expect(r.err, msg).toMatch(/^ {2}→ \S/m);
    // Not a file added, changed or removed: no marker, lock, staging folder, manifest or site.
    expect(contents(untouched)).toEqual(before);
  };

  it('--out a folder with files of its own (a website): its index.html and site/ stay', async () => {
    const ws = copyExample();
    const site = tempDir('lehtinen-website-');
    dirs.push(ws, site);
    writeFileSync(path.join(site, 'index.html'), '<h1>Our website</h1>\n');
    writeFileSync(path.join(site, 'manifest.json'), '{"name": "our web app"}\n');
    mkdirSync(path.join(site, 'site'));
    writeFileSync(path.join(site, 'site/about.html'), '<p>about us</p>\n');
    await refused(ws, ['--out', site], /will not write to /, /it holds files lehtinen did not write \(index\.html, manifest\.json, site\)/, site);
  });

  it('output.dir: ../website in the config: named by its key', async () => {
    const parent = tempDir('lehtinen-parent-');
    dirs.push(parent);
    const ws = path.join(parent, 'workspace');
    mkdirSync(ws);
    for (const part of ['lehtinen.config.yaml', 'locales', 'templates', 'assets']) execFileSync('cp', ['-r', path.join(REPO, part), ws]);
    mkdirSync(path.join(parent, 'website'));
    writeFileSync(path.join(parent, 'website/index.html'), '<h1>Our website</h1>\n');
    replaceIn(ws, 'lehtinen.config.yaml', /\n {2}dir: output\n/, '\n  dir: ../website\n');
    await refused(ws, [], /lehtinen\.config\.yaml \(output\.dir\)/, /holds files lehtinen did not write \(index\.html\)/, path.join(parent, 'website'));
  });

  it.each([
    ['locales/fi', /inside the workspace's locales\/ folder/],
    ['templates', /inside the workspace's templates\/ folder/],
    ['assets/new-folder', /inside the workspace's assets\/ folder/],
    ['.', /it is the workspace folder itself/],
  ])('--out %s inside the workspace sources is refused, even where empty', async (rel, says) => {
    const ws = copyExample();
    dirs.push(ws);
    await refused(ws, ['--out', path.join(ws, rel)], /will not write to /, says, ws);
  });

  it('a folder of an earlier build (its marker) is written again; a proof build in <output>/proof/ does not make <output>/ foreign', async () => {
    const ws = copyExample();
    dirs.push(ws);
    const proof = await runCli(['build', '--root', ws, ...QUICK, '--proof']);
    expect(proof.code, proof.err).toBe(0);
    expect(readdirSync(path.join(ws, 'output'))).toEqual(['proof']);
    expect(existsSync(path.join(ws, 'output/proof/.lehtinen-output'))).toBe(true);
    for (let i = 0; i < 2; i++) {
      const r = await runCli(['build', '--root', ws, ...QUICK]);
      expect(r.code, r.err).toBe(0);
    }
    expect(readFileSync(path.join(ws, 'output/.lehtinen-output'), 'utf8')).toMatch(/written by lehtinen/);
  });
});

describe('numeric flags: a value out of range is a usage error (exit 2) before anything starts', () => {
  it.each([
    ['--timeout', '0', /--timeout: "0" is not a time limit in seconds/],
    ['--timeout', '-5', /--timeout: "-5" is not a time limit in seconds/],
    ['--timeout', 'soon', /--timeout: "soon" is not a time limit/],
    ['--timeout', '1e9', /--timeout: "1e9" is not a time limit/],
    ['--concurrency', '0', /--concurrency: "0" is not a whole number from 1 to 64/],
    ['--concurrency', '2x', /--concurrency: "2x" is not a whole number/],
  ])('build %s %s', async (flag, value, says) => {
    const out = tempDir('lehtinen-out-');
    dirs.push(out);
    const r = await runCli(['build', '--root', REPO, '--out', out, ...QUICK, flag, value]);
    expect(r.code, r.err).toBe(2);
    expect(r.err).toMatch(/^error USAGE: /m);
    expect(r.err).toMatch(says);
    expect(readdirSync(out)).toEqual([]);
  });

  it.each([
    [['check', '--timeout', '0'], /--timeout: "0"/],
    [['dev', '--port', '70000'], /--port: "70000" is not a whole number from 0 to 65535/],
  ])('%j', async (args, says) => {
    const r = await runCli([...args, '--root', REPO]);
    expect(r.code, r.err).toBe(2);
    expect(r.err).toMatch(says);
  });
});

describe('text prints as written', () => {
  it('$t() nesting works as i18next documents it: the PDF title and page say the nested text', async () => {
    const ws = copyExample();
    const out = tempDir('lehtinen-out-');
    dirs.push(ws, out);
    setLocale(ws, 'locales/fi/card.json', (j) => (j.title = 'Kortti $t(common:help.title)'));
    const r = await runCli(['build', '--root', ws, '--out', out, ...QUICK]);
    expect(r.code, r.err).toBe(0);
    const pdf = path.join(out, 'fi/card/tunnista-vakivalta-card-fi-print.pdf');
    const title = /^Title:\s*(.*)$/m.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1];
    expect(title).toBe('Kortti Apua on saatavilla');
  });

  it('"undefined" and "NaN" that the workspace writes itself are content, not defects', async () => {
    const ws = copyExample();
    const out = tempDir('lehtinen-out-');
    dirs.push(ws, out);
    setLocale(ws, 'locales/fi/common.json', (j) => ((j.help as Record<string, string>).title = 'Apua: NaN-merkintä ja undefined-arvo'));
    const r = await runCli(['build', '--root', ws, '--out', out, ...QUICK]);
    expect(r.code, r.err).toBe(0);
    const text = execFileSync('pdftotext', [path.join(out, 'fi/card/tunnista-vakivalta-card-fi-print.pdf'), '-'], { encoding: 'utf8' });
    expect(text.replace(/\u00ad|-\n/g, '')).toMatch(/NaN-merkintä ja undefined-arvo/);
  });
});

describe('fonts are proven', () => {
  it('every font in the example\'s print and web PDFs is a file of brand.fonts (pdffonts)', async () => {
    const out = tempDir('lehtinen-out-');
    dirs.push(out);
    const r = await runCli(['build', '--root', REPO, '--out', out, '--lang', 'fi,sms', '--material', 'card,bookmark', '--kind', 'print-pdf,web-pdf', '--no-site', '--no-bundles']);
    expect(r.code, r.err).toBe(0);
    const brand = new Set(readdirSync(path.join(REPO, 'assets/fonts')).filter((f) => f.endsWith('.ttf')).map((f) => f.slice(0, -4)));
    const pdfs = execFileSync('find', [out, '-name', '*.pdf'], { encoding: 'utf8' }).split('\n').filter(Boolean);
    expect(pdfs).toHaveLength(8);
    for (const pdf of pdfs) {
      const fonts = pdfFonts(pdf);
      expect(fonts.length, pdf).toBeGreaterThan(0);
      for (const f of fonts) {
        expect(brand.has(f.name.replace(/^[A-Z]{6}\+/, '')), `${pdf}: ${f.name}`).toBe(true);
        expect(f.emb, `${pdf}: ${f.name}`).toBe(true);
      }
      // lehtinen's own read-back (output/pdf-fonts.ts, which parses only the font objects) lists what poppler lists
      const names = [...new Set(fonts.map((f) => f.name.replace(/^[A-Z]{6}\+/, '')))].sort();
      expect((await pdfFontNames(readFileSync(pdf))).sort(), pdf).toEqual(names);
    }
  });

  it('check (with layout) names a system font the page would use', async () => {
    const ws = copyExample();
    dirs.push(ws);
    setLocale(ws, 'locales/fi/common.json', (j) => ((j.help as Record<string, string>).title += ' 漢字'));
    const r = await runCli(['check', '--root', ws, '--lang', 'fi', '--format', 'json']);
    expect(r.code, r.err).toBe(1);
    const found = (JSON.parse(r.out) as { problems: { code: string; message: string; material?: string; file?: string }[] }).problems.filter((p) => p.code === 'FONT_NOT_PROVIDED');
    expect(found.map((p) => p.material).sort()).toEqual(['bookmark', 'brochure', 'card']);
    expect(found.find((p) => p.material === 'card')).toMatchObject({ file: 'templates/card/style.css' });
    expect(found[0]!.message).toMatch(/the PDF uses the system font "[^"]+", not a font of brand\.fonts/);
  });
});
