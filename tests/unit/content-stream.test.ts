import { describe, expect, it } from 'vitest';
import { contentItems, parseContent } from '../../src/output/content-stream.js';

const enc = (s: string) => new TextEncoder().encode(s);

describe('content stream reader', () => {
  it('reads operators with their operands and byte ranges, strings and dicts whole', () => {
    const src = '/P <</MCID 3 /ActualText (a >> b \\) c)>> BDC\nBT /F1 9 Tf [(Hello) -250 (\\(world\\))] TJ ET\nEMC % comment ( not a string\n0 0 10 10 re f';
    const ops = parseContent(enc(src));
    expect(ops.map((o) => o.op)).toEqual(['BDC', 'BT', 'Tf', 'TJ', 'ET', 'EMC', 're', 'f']);
    expect(ops[0]!.operands).toEqual(['/P', '<</MCID 3 /ActualText (a >> b \\) c)>>']);
    expect(ops[3]!.operands).toEqual(['[', '(Hello)', '-250', '(\\(world\\))', ']']);
    expect(src.slice(ops[6]!.start, ops[7]!.end)).toBe('0 0 10 10 re f');
  });

  it('skips inline image data, even when it contains operator-like bytes', () => {
    const ops = parseContent(enc('q BI /W 2 /H 1 /BPC 8 /CS /G ID \x00Q f\xff EI Q'));
    expect(ops.map((o) => o.op)).toEqual(['q', 'BI', 'EI', 'Q']);
  });

  it("with { operands: 'marks' } reads only the tags' operands, and the same graphics objects", () => {
    const src = '/P <</MCID 0>> BDC 1 0 0 RG BT /F1 9 Tf (x) Tj ET EMC /Artifact BMC 0 0 1 1 re f EMC 2 w 0 0 m 1 1 l S';
    const marks = parseContent(enc(src), { operands: 'marks' });
    const full = parseContent(enc(src));
    expect(marks.map((o) => [o.op, o.start, o.end])).toEqual(full.map((o) => [o.op, o.start, o.end]));
    expect(marks.filter((o) => o.operands.length).map((o) => [o.op, ...o.operands])).toEqual([
      ['BDC', '/P', '<</MCID 0>>'],
      ['BMC', '/Artifact'],
    ]);
    expect(full.find((o) => o.op === 'RG')!.operands).toEqual(['1', '0', '0']);
    expect(contentItems(marks)).toEqual(contentItems(full));
    expect(contentItems(marks).map((i) => [i.kind, i.tags.join(' ')])).toEqual([
      ['text', '/P'],
      ['path', '/Artifact'],
      ['path', ''],
    ]);
  });

  it('lists the graphics objects that mark the page with the marked content around them', () => {
    const ops = parseContent(enc('0 0 5 5 re W n /Artifact BMC 0 0 1 1 re f EMC /P <</MCID 0>> BDC BT (x) Tj ET EMC /X1 Do 1 1 m 2 2 l S'));
    const items = contentItems(ops).map((i) => [i.kind, i.tags.join(' ')]);
    // The clipping path ("W n") paints nothing and is not listed.
    expect(items).toEqual([
      ['path', '/Artifact'],
      ['text', '/P'],
      ['xobject', ''],
      ['path', ''],
    ]);
  });
});
