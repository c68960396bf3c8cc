/**
 * Content is data. Hostile strings in locale files print as the very characters they are; markup in a
 * template or its CSS can reach nothing outside the workspace (a local HTTP server proves that no
 * request arrives), every such attempt is reported, and scripts never run.
 */
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as cli } from '../../src/cli/main.js';
import { manifestSchema, type Manifest } from '../../src/output/manifest.js';
import { pdfText } from '../support/tools.js';
import { capture, copyExample, edit, remove, tempDir } from '../support/workspace.js';

// Each of these would be markup, a script, a Handlebars expression or a style break if it were not escaped.
const HOSTILE = `<img src=x onerror=alert(1)> {{{x}}} </style><script>document.title="x"</script> & "q" <b>bold</b>`;
const HOSTILE_MD = `Tervetuloa <script>alert(1)</script> [klikkaa](javascript:alert(1)) <a href="https://evil.example">linkki</a> **vahva**`;

let ws: string;
let out: string;
let server: Server;
const hits: string[] = [];
let base: string;
let printed: ReturnType<typeof capture>;
let code: number;
let manifest: Manifest;

beforeAll(async () => {
  // A web server on this machine: if the page could reach anything, it could reach this.
  server = createServer((req, res) => {
    hits.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'text/css' }).end('h1{color:red}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;

  ws = copyExample();
  out = tempDir('lehtinen-out-');
  edit(ws, 'locales/fi/common.json', (t) => {
    const j = JSON.parse(t) as { campaign: { tagline: string } };
    j.campaign.tagline = HOSTILE;
    return JSON.stringify(j, null, 2) + '\n';
  });
  edit(ws, 'locales/fi/brochure.json', (t) => {
    const j = JSON.parse(t) as { sections: { what: { text: string } } };
    j.sections.what.text = HOSTILE_MD;
    return JSON.stringify(j, null, 2) + '\n';
  });
  edit(ws, 'templates/card/index.hbs', (t) =>
    t.replace(
      '<h2>',
      `<script>document.querySelector('h2').textContent = 'SCRIPT RAN';</script>` +
        `<img src="${base}/img.png" alt=""><img src="https://evil.example/pixel.png" alt="">` +
        `<link rel="stylesheet" href="${base}/linked.css"><iframe src="${base}/frame.html"></iframe>` +
        `<img src="file:///etc/passwd" alt=""><h2>`,
    ),
  );
  edit(ws, 'templates/card/style.css', (t) =>
    `@import url("${base}/imported.css");\n` +
    t +
    `\n.back { background-image: url("${base}/leak?secret=1"); }\n` +
    `.front { background-image: url("file:///etc/hostname"); }\n` +
    `.back h2 { list-style-image: url("https://evil.example/list.png"); }\n`,
  );
  printed = capture();
  code = await cli(['build', '--root', ws, '--out', out, '--lang', 'fi', '--material', 'card,brochure', '--kind', 'print-pdf', '--no-site', '--no-bundles', '--allow-overflow'], {
    stdout: printed.stdout,
    stderr: printed.stderr,
  });
  if (code === 0) manifest = manifestSchema.parse(JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')));
});

afterAll(async () => {
  remove(ws);
  remove(out);
  await new Promise((r) => server.close(r));
});

const pdf = (material: string) => path.join(out, manifest.variants.find((v) => v.material === material)!.files.find((f) => f.kind === 'print-pdf')!.path);
const flat = (s: string) => s.replace(/\s+/g, ' ');

/** Typography (compose/typography.ts) sets Finnish quotation marks in text, markup-like text included. */
const straightQuotes = (t: string) => t.replace(/[”“]/g, '"');

describe('content is data', () => {
  it('builds (blocked requests are warnings) and no request reached the network', () => {
    expect(code, printed.err).toBe(0);
    expect(hits).toEqual([]);
  });

  it('hostile locale strings print as their own characters', () => {
    // pdftotext breaks lines where the card does: compare without white space.
    const text = straightQuotes(pdfText(pdf('card'), 1)).replace(/\s+/g, '');
    expect(text).toContain(HOSTILE.replace(/\s+/g, ''));
  });

  it('Markdown strings: no raw HTML, no links, only the emphasis survives as formatting', () => {
    const text = straightQuotes(flat(pdfText(pdf('brochure'))));
    expect(text).toContain('Tervetuloa <script>alert(1)</script> [klikkaa](javascript:alert(1)) <a href="https://evil.example">linkki</a> vahva');
    expect(text).not.toContain('**vahva**');
  });

  it('scripts in a template never run', () => {
    const text = flat(pdfText(pdf('card'), 2));
    expect(text).not.toContain('SCRIPT RAN');
    expect(text).toMatch(/Apua on saatavilla/);
  });

  it('every request outside the workspace is reported', () => {
    const blocked = printed.err.split('\n').filter((l) => l.includes('REQUEST_BLOCKED')).map((l) => l.replace(/^.*outside the workspace: /, ''));
    // The frame is reported by its origin only (Chromium's wording); the @import after other rules is
    // no request at all (CSS ignores it), and the server above saw nothing either way.
    expect(blocked.sort()).toEqual(
      [
        `${base}/img.png`,
        'https://evil.example/pixel.png',
        'https://evil.example/list.png',
        `${base}/linked.css`,
        `${base}/leak?secret=1`,
        `${base}/`,
        'file:///etc/passwd',
        'file:///etc/hostname',
      ].sort(),
    );
  });
});

describe('content is data: what fails the build', () => {
  const cases: [string, (ws: string) => void, RegExp][] = [
    [
      'a font from another host',
      (w) => edit(w, 'templates/card/style.css', (t) => t + `\n@font-face { font-family: "Leak"; src: url("${base}/font.ttf"); }\n.back .note { font-family: "Leak", sans-serif; }\n`),
      // The family is not one of brand.fonts: refused before the browser could ask for it.
      /error FONT_NOT_PROVIDED templates\/card\/style\.css:\d+: templates\/card\/style\.css asks for the font family "Leak"/,
    ],
    [
      'a CSS path that climbs out of the workspace (the URL stays inside: it names a missing workspace file)',
      (w) => edit(w, 'templates/card/style.css', (t) => t + '\n.back h2 { background-image: url("/../../../../etc/passwd"); }\n'),
      /error ASSET_MISSING templates\/card\/style\.css:\d+: card-fi: etc\/passwd could not be loaded \(asked for by templates\/card\/style\.css, line \d+\)/,
    ],
  ];
  for (const [name, setup, message] of cases) {
    it(name, async () => {
      const w = copyExample();
      const o = tempDir('lehtinen-out-');
      try {
        setup(w);
        const c = capture();
        const rc = await cli(['build', '--root', w, '--out', o, '--lang', 'fi', '--material', 'card', '--kind', 'print-pdf', '--no-site', '--no-bundles'], { stdout: c.stdout, stderr: c.stderr });
        expect(rc, c.err).toBe(1);
        expect(c.err).toMatch(message);
        expect(hits).toEqual([]);
      } finally {
        remove(w);
        remove(o);
      }
    });
  }
});
