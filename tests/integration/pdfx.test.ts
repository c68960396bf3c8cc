/**
 * The CMYK step on its own, with real Ghostscript: a small PDF with an RGB fill, a brand colour, a CMYK
 * fill and an RGB image goes in; CMYK only comes out, the brand colour exact, the other CMYK untouched.
 * And the profile setting: built-in names, a print shop's file in the workspace, and wrong files.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cmyk, PDFDocument, rgb } from 'pdf-lib';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { rgbLeft } from '../../src/output/colour-audit.js';
import { colourMap } from '../../src/output/colour-rewrite.js';
import { resolveProfile } from '../../src/output/icc-profile.js';
import { convertToPdfX } from '../../src/output/pdfx.js';
import { LehtinenError } from '../../src/errors.js';
import { run } from '../support/tools.js';
import { REPO, remove, tempDir } from '../support/workspace.js';

const dir = tempDir('lehtinen-pdfx-');
afterAll(() => remove(dir));

async function sample(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([300, 200]);
  page.drawRectangle({ x: 10, y: 10, width: 50, height: 50, color: rgb(0x3d / 255, 0x1f / 255, 0x47 / 255) }); // brand plum
  page.drawRectangle({ x: 70, y: 10, width: 50, height: 50, color: rgb(0.2, 0.6, 0.3) }); // any RGB
  page.drawRectangle({ x: 130, y: 10, width: 50, height: 50, color: cmyk(0.1, 0.85, 0.2, 0.05) }); // already CMYK
  const png = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#20a0e0' } }).png().toBuffer();
  page.drawImage(await doc.embedPng(png), { x: 190, y: 10, width: 50, height: 50 });
  page.setTrimBox(10, 10, 280, 180);
  page.setBleedBox(5, 5, 290, 190);
  return doc.save({ useObjectStreams: false });
}

describe('convertToPdfX', () => {
  it('leaves no RGB, keeps given CMYK, writes the brand colour exactly and keeps the boxes', async () => {
    const input = await sample();
    expect(rgbLeft(await PDFDocument.load(input)).length).toBeGreaterThan(0);
    const profile = await resolveProfile('fogra39', REPO);
    const r = await convertToPdfX(input, { profile, level: 'x4', brand: colourMap([['#3d1f47', [75, 90, 30, 45]]]) });
    expect(r.brandReplaced).toEqual({ '#3d1f47': 1 });
    expect(r.rgbLeft).toEqual([]);
    const file = path.join(dir, 'out.pdf');
    writeFileSync(file, r.pdf);
    const qdf = path.join(dir, 'out.qdf.pdf');
    run('qpdf', ['--qdf', '--object-streams=disable', file, qdf]);
    const text = run('sh', ['-c', `tr -c '[:print:]\\n' ' ' < ${qdf}`]);
    expect(text).toMatch(/(^|\s)0\.75 0\.9 0\.3 0\.45 k(\s|$)/m);
    // pdf-lib's CMYK fill comes back within Ghostscript's colour precision, unconverted.
    const given = [...text.matchAll(/(?:^|\s)([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) k(?=\s)/gm)].map((m) => m.slice(1, 5).map(Number));
    expect(given.some((v) => [0.1, 0.85, 0.2, 0.05].every((x, i) => Math.abs(x - v[i]!) < 0.001))).toBe(true);
    // The image is CMYK now.
    const images = run('pdfimages', ['-list', file]).split('\n').slice(2).filter(Boolean);
    expect(images).toHaveLength(1);
    expect(images[0]!.trim().split(/\s+/)[5]).toBe('cmyk');
    const boxes = run('pdfinfo', ['-box', file]);
    expect(boxes).toMatch(/TrimBox:\s+10\.00\s+10\.00\s+290\.00\s+190\.00/);
    expect(boxes).toMatch(/BleedBox:\s+5\.00\s+5\.00\s+295\.00\s+195\.00/);
  });
});

describe('output.cmyk.profile', () => {
  const ws = tempDir('lehtinen-icc-ws-');
  afterAll(() => remove(ws));
  mkdirSync(path.join(ws, 'icc'));

  it('takes a CMYK output profile from the workspace (e.g. the print shop\'s)', async () => {
    copyFileSync(path.join(REPO, 'assets/icc/FOGRA39L-argyll.icc'), path.join(ws, 'icc/PrintShop.icc'));
    const p = await resolveProfile('icc/PrintShop.icc', ws);
    expect(p.path).toBe(path.join(ws, 'icc/PrintShop.icc'));
    expect(p.name).toBe('PrintShop.icc');
  });

  it('refuses an RGB profile, a missing file and a path outside the workspace, naming the key', async () => {
    const gsDir = run('sh', ['-c', 'ls -d /usr/share/ghostscript/*/iccprofiles | head -1']).trim();
    copyFileSync(path.join(gsDir, 'srgb.icc'), path.join(ws, 'icc/srgb.icc'));
    const fails = async (setting: string) => {
      try {
        await resolveProfile(setting, ws);
      } catch (e) {
        return e as LehtinenError;
      }
      throw new Error(`${setting} was accepted`);
    };
    const rgbProfile = await fails('icc/srgb.icc');
    expect(rgbProfile.code).toBe('CONFIG_SCHEMA');
    expect(rgbProfile.message).toMatch(/output\.cmyk\.profile: icc\/srgb\.icc is not a CMYK output/);
    expect(rgbProfile.where).toEqual({ file: 'lehtinen.config.yaml', key: 'output.cmyk.profile' });
    expect((await fails('icc/none.icc')).message).toMatch(/could not be read/);
    expect((await fails('../outside.icc')).code).toBe('ASSET_OUTSIDE_WORKSPACE');
  });
});
