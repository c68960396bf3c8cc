import { describe, expect, it } from 'vitest';
import { parseContent } from '../../src/output/content-stream.js';
import { lightness, rewriteContentBlack, type BlackStats } from '../../src/output/k-black.js';
import { cmykColourRules } from '../../src/pipeline/print-production.js';

const opts = { nearBlack: (hex: string) => lightness(hex) <= 15, overprint: true };
const run = (s: string) => {
  const stats: BlackStats = { text: {}, lines: {}, overprinted: 0 };
  const out = rewriteContentBlack(Buffer.from(s, 'latin1'), opts, stats);
  return { out: out ? Buffer.from(out).toString('latin1') : undefined, stats };
};

describe('near-black text and lines to 100 K (k-black.ts)', () => {
  it('knows near-black by CIE L*', () => {
    expect(lightness('#000000')).toBe(0);
    expect(lightness('#ffffff')).toBeCloseTo(100, 5);
    expect(lightness('#231a27')).toBeLessThan(15); // the example's ink
    expect(lightness('#3d1f47')).toBeGreaterThan(15); // plum keeps its hue
  });

  it('sets text in a near-black colour in 100 K, overprinting, and gives paths their colour back after ET', () => {
    // As Chromium writes it: the colour before BT, shared with the path after the text.
    const src = '.1373 .102 .1529 RG .1373 .102 .1529 rg\nBT\n/F1 9 Tf\n1 0 0 -1 10 20 Tm\n<0001> Tj\nET\n0 0 10 10 re\nf\n';
    const { out, stats } = run(src);
    expect(stats.text).toEqual({ '#231a27': 1 });
    const ops = parseContent(Buffer.from(out!, 'latin1')).map((o) => [o.op, ...o.operands].join(' '));
    const tj = ops.indexOf('Tj <0001>');
    const et = ops.indexOf('ET');
    // 100 K and overprint just before the text, inside BT
    expect(ops.slice(ops.indexOf('BT'), tj)).toEqual(expect.arrayContaining(['k 0 0 0 1', 'gs /LhOP01']));
    // after ET: the original colour and no overprint again, before the rectangle is filled
    const after = ops.slice(et + 1, ops.indexOf('f'));
    expect(after).toEqual(expect.arrayContaining(['rg .1373 .102 .1529', 'gs /LhOP00']));
  });

  it('leaves text in other colours as it is', () => {
    expect(run('.2392 .1216 .2784 rg\nBT\n/F1 9 Tf\n<0001> Tj\nET\n').out).toBeUndefined();
  });

  it('makes 100 K overprint and turns overprint off at the next colour', () => {
    const { out } = run('0 0 0 1 k\n0 0 5 5 re\nf\n.5 .5 .5 rg\n0 0 5 5 re\nf\n');
    const ops = parseContent(Buffer.from(out!, 'latin1')).map((o) => [o.op, ...o.operands].join(' '));
    expect(ops.indexOf('gs /LhOP01')).toBeLessThan(ops.indexOf('f'));
    expect(ops.indexOf('gs /LhOP00')).toBeGreaterThan(ops.indexOf('f'));
    expect(ops.indexOf('gs /LhOP00')).toBeLessThan(ops.lastIndexOf('f'));
  });

  it('strokes a near-black line in 100 K inside q … Q', () => {
    const { out, stats } = run('0 0 0 RG\n0.2 w\n0 0 m\n10 0 l\nS\n');
    expect(stats.lines).toEqual({ '#000000': 1 });
    expect(out).toMatch(/q 0 0 0 1 K \/LhOP10 gs 0 0 m\s+10 0 l\s+S Q/);
  });
});

describe('which colours become 100 K (cmykColourRules)', () => {
  const config = (cmyk: Record<string, unknown> | undefined, black = { kOnly: true, maxLightness: 15, overprint: true }) =>
    ({
      brand: { colors: { ink: '#231a27', plum: '#3d1f47', paper: '#ffffff' }, cmyk, fonts: [] },
      output: { cmyk: { enabled: true, profile: 'fogra39', pdfx: 'x4', black } },
    }) as unknown as Parameters<typeof cmykColourRules>[0];

  it('by default: pure black to 100 K everywhere, near-black text and lines, not plum', () => {
    const r = cmykColourRules(config(undefined));
    expect(r.brand.get('#000000')).toEqual([0, 0, 0, 1]);
    expect(r.brand.get('#ffffff')).toEqual([0, 0, 0, 0]);
    expect(r.black!.nearBlack('#231a27')).toBe(true);
    expect(r.black!.nearBlack('#3d1f47')).toBe(false);
  });

  it('leaves a colour with exact CMYK or "profile" in brand.cmyk to the config', () => {
    const exact = cmykColourRules(config({ ink: [0, 20, 0, 95] }));
    expect(exact.brand.get('#231a27')).toEqual([0, 0.2, 0, 0.95]);
    expect(exact.black!.nearBlack('#231a27')).toBe(false);
    const profile = cmykColourRules(config({ ink: 'profile' }));
    expect(profile.brand.has('#231a27')).toBe(false);
    expect(profile.black!.nearBlack('#231a27')).toBe(false);
  });

  it('does nothing of it with kOnly and overprint off', () => {
    const off = cmykColourRules(config(undefined, { kOnly: false, maxLightness: 15, overprint: false }));
    expect(off.brand.has('#000000')).toBe(false);
    expect(off.black).toBeUndefined();
  });
});
