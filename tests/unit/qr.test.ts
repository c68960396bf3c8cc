import { writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { makeQr, QUIET_ZONE } from '../../src/compose/qr.js';
import { zbar } from '../support/tools.js';
import { remove, tempDir } from '../support/workspace.js';

const dir = tempDir();
afterAll(() => remove(dir));

describe('QR codes', () => {
  it('draws filled vector modules that a real decoder reads back exactly', async () => {
    const url = 'https://www.lapinensijaturvakoti.fi/tunnista/sms/bookmark/';
    const qr = makeQr(url);
    expect(qr.svg).toMatch(/^<svg [^>]*viewBox="0 0 (\d+) \1"/);
    expect(qr.svg).not.toContain('stroke');
    expect(qr.modules).toBe(17 + 4 * qr.version);
    // Rasterise the SVG (librsvg inside sharp) and decode it with zbarimg.
    const png = path.join(dir, 'qr.png');
    writeFileSync(png, await sharp(Buffer.from(qr.svg), { density: 300 }).resize(400).png().toBuffer());
    expect(zbar(png)).toEqual([url]);
  });

  it('keeps a four-module quiet zone', () => {
    const qr = makeQr('https://example.org/');
    const size = qr.modules + 2 * QUIET_ZONE;
    expect(qr.svg).toContain(`viewBox="0 0 ${size} ${size}"`);
    expect(qr.svg).toContain(`M${QUIET_ZONE} ${QUIET_ZONE}h`); // finder pattern starts after the zone
  });

  it('refuses a payload too long for any QR version with a clear error', () => {
    expect(() => makeQr('https://example.org/' + 'x'.repeat(5000))).toThrow(/QR payload cannot be encoded/);
  });
});
