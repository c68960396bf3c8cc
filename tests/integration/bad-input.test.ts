/**
 * Bad input, one row each: the real CLI in its own process must exit with a non-zero code, print the
 * error code, the file with its line or key, and a hint (the "→" line) — and write nothing to output/.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli-process.js';
import { pngHeaderOnly } from '../support/images.js';
import { copyExample, edit, remove, tempDir } from '../support/workspace.js';

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
}

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
      const r = await runCli(['build', '--root', ws, '--out', out, '--lang', 'fi', '--material', 'card', '--kind', 'print-pdf', '--no-site', '--no-bundles']);
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

