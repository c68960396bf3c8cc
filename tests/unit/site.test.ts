import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/output/manifest.js';
import { Staging } from '../../src/output/staging.js';
import { writeBundles } from '../../src/site/bundles.js';
import { sitePageFor } from '../../src/site/build-site.js';
import { loadWorkspace } from '../../src/workspace/workspace.js';
import { remove, REPO, tempDir } from '../support/workspace.js';

describe('site addresses', () => {
  it('maps a public URL under baseUrl to the page a static host serves', () => {
    const base = 'https://example.fi/tunnista/';
    expect(sitePageFor('https://example.fi/tunnista/sms/card/', base)).toBe('sms/card/index.html');
    expect(sitePageFor('https://example.fi/tunnista/', base)).toBe('index.html');
    expect(sitePageFor('https://example.fi/tunnista/en/index.html?x=1', base)).toBe('en/index.html');
    expect(sitePageFor('https://elsewhere.fi/sms/card/', base)).toBeUndefined();
  });
});

describe('bundles', () => {
  it('the same files and build date give the same zip bytes, whatever the time zone', async () => {
    const ws = await loadWorkspace(REPO);
    const out = tempDir('lehtinen-zip-');
    try {
      mkdirSync(path.join(out, 'fi/card'), { recursive: true });
      const pdf = await (await PDFDocument.create()).save();
      writeFileSync(path.join(out, 'fi/card/a-web.pdf'), pdf);
      writeFileSync(path.join(out, 'fi/card/a-print.pdf'), pdf);
      const file = (kind: 'web-pdf' | 'print-pdf', p: string) => ({ kind, path: p, bytes: 1, sha256: '0'.repeat(64) });
      const manifest: Manifest = {
        tool: 'lehtinen', version: '0', generated: '', languages: [{ code: 'fi', name: 'suomi' }],
        workspace: { organisation: 'o', campaign: 'c', version: '1', baseUrl: 'https://example.fi/' },
        variants: [{ material: 'card', lang: 'fi', title: 'T', trimMm: [85, 55], bleedMm: 3, pages: 2, qr: '', strings: {},
          files: [file('print-pdf', 'fi/card/a-print.pdf'), file('web-pdf', 'fi/card/a-web.pdf')] }],
      };
      const date = new Date('2026-11-23T10:00:00Z');
      const zipOnce = async () => {
        const staging = await Staging.create(out);
        const bundles = await writeBundles(ws, manifest, staging, date);
        await staging.abort();
        return bundles;
      };
      const tz = process.env.TZ;
      const a = await zipOnce();
      process.env.TZ = 'Pacific/Chatham';
      const b = await zipOnce();
      process.env.TZ = tz;
      if (tz === undefined) delete process.env.TZ;
      expect(a.map((x) => x.id)).toEqual(['tunnista-vakivalta-fi', 'tunnista-vakivalta-print']);
      expect(b.map((x) => x.sha256)).toEqual(a.map((x) => x.sha256));
      expect(a[1]!.files).toEqual(['README.txt', 'fi/card/a-print.pdf']);
    } finally {
      remove(out);
    }
  });
});
