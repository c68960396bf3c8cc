import { describe, expect, it } from 'vitest';
import { colourMap, rewriteContent } from '../../src/output/colour-rewrite.js';

const map = colourMap([['#3d1f47', [75, 90, 30, 45]]]);
const enc = (s: string) => Buffer.from(s, 'latin1');
const rewrite = (s: string, spaces = new Set(['/DeviceRGB', '/CS0'])) => {
  const stats = { replaced: {} as Record<string, number> };
  const out = rewriteContent(enc(s), map, spaces, stats);
  return { text: out ? Buffer.from(out).toString('latin1') : undefined, stats };
};

describe('brand colour rewriting', () => {
  it('turns the brand RGB of rg/RG (as Skia writes it) into DeviceCMYK k/K and leaves other colours', () => {
    const r = rewrite('.2392 .1216 .2784 RG .2392 .1216 .2784 rg 0 0 10 10 re f .5 .5 .5 rg');
    expect(r.text).toBe('0.75 0.9 0.3 0.45 K 0.75 0.9 0.3 0.45 k 0 0 10 10 re f .5 .5 .5 rg');
    expect(r.stats.replaced).toEqual({ '#3d1f47': 2 });
    expect(rewrite('.5 .5 .5 rg 0 0 1 1 re f').text).toBeUndefined();
  });

  it('handles scn in an RGB colour space and sets the space again before a colour it does not replace', () => {
    const r = rewrite('/CS0 cs .2392 .1216 .2784 scn 0 0 1 1 re f .5 .5 .5 scn 0 0 1 1 re f');
    expect(r.text).toBe('/CS0 cs 0.75 0.9 0.3 0.45 k 0 0 1 1 re f /CS0 cs .5 .5 .5 scn 0 0 1 1 re f');
    // q/Q restores the colour space: after Q the saved state needs no extra cs.
    const q = rewrite('/CS0 cs q .2392 .1216 .2784 scn Q .5 .5 .5 scn');
    expect(q.text).toBe('/CS0 cs q 0.75 0.9 0.3 0.45 k Q .5 .5 .5 scn');
    // A non-RGB space (e.g. a pattern or Lab) is left alone.
    expect(rewrite('/P0 cs .2392 .1216 .2784 scn', new Set(['/DeviceRGB'])).text).toBeUndefined();
  });
});
