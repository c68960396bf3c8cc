/** The small readers behind issue #12's messages: open blocks, CSS font families, the QR address key, the text guard. */
import { describe, expect, it } from 'vitest';
import { cssFamilies } from '../../src/compose/css-fonts.js';
import { unclosedBlock } from '../../src/compose/open-blocks.js';
import { DEFAULT_QR_URL, qrAddressKey } from '../../src/compose/qr-address.js';
import { suspectWords, visibleText } from '../../src/compose/text-guard.js';

describe('unclosedBlock', () => {
  it('names the block that is never closed, at the line that opened it', () => {
    expect(unclosedBlock('<p>\n{{#if a}}x{{/if}}\n{{#each list}}\n<li>{{this}}</li>\n')).toMatchObject({ name: 'each', line: 3, column: 1 });
  });
  it('names the inner block when an outer end tag comes first', () => {
    expect(unclosedBlock('{{#if a}}\n  {{#each b}}\n{{/if}}')).toMatchObject({ name: 'each', line: 2, closedBy: { name: 'if', line: 3 } });
  });
  it('knows else, inverse sections, partial blocks, inline partials, whitespace control and comments', () => {
    expect(unclosedBlock('{{#*inline "x"}}a{{/inline}}{{~#> layout}}b{{/layout~}}{{^items}}none{{^}}some{{/items}}{{#if a}}{{else}}{{/if}}{{!-- {{#if}} --}}\\{{#each}}')).toBeUndefined();
  });
});

describe('cssFamilies', () => {
  it('reads font-family and the font shorthand, not @font-face or comments', () => {
    const css = 'a { font-family: "Noto Sans", Arial, sans-serif }\n/* font-family: Hidden */\nb { font: 600 12pt/1.2 \'Brand Sans\', serif; }\n@font-face { font-family: "Own"; src: url(x.ttf) }\nc { font-family: var(--f) }\nd { font: inherit }';
    expect(cssFamilies(css).map((f) => [f.family, f.generic, f.alone, f.line])).toEqual([
      ['Noto Sans', false, false, 1],
      ['Arial', false, false, 1],
      ['sans-serif', true, false, 1],
      ['Brand Sans', false, false, 3],
      ['serif', true, false, 3],
    ]);
  });
  it('marks generic families and system font keywords that stand alone', () => {
    expect(cssFamilies('x { font-family: serif }\ny { font: caption }').map((f) => [f.family, f.alone])).toEqual([
      ['serif', true],
      ['caption', true],
    ]);
  });
});

describe('qrAddressKey', () => {
  const base = 'https://example.org/campaign';
  it('the default address: baseUrl made it long', () => {
    expect(qrAddressKey({ id: 'card', qrUrl: DEFAULT_QR_URL }, base)).toBe('baseUrl');
  });
  it('an address of its own: the material key, with or without {baseUrl}', () => {
    expect(qrAddressKey({ id: 'card', qrUrl: `https://x.org/${'a'.repeat(3000)}` }, base)).toBe('materials.card.qr.url');
    expect(qrAddressKey({ id: 'card', qrUrl: `{baseUrl}/${'a'.repeat(300)}` }, base)).toBe('materials.card.qr.url');
    expect(qrAddressKey({ id: 'card', qrUrl: '{baseUrl}/c' }, base + 'x'.repeat(3000))).toBe('baseUrl');
  });
});

describe('text guard', () => {
  it('finds the marks of values that are not text, as words only', () => {
    expect(suspectWords('Kortti [object Object], undefined and NaN')).toEqual(['[object Object]', 'undefined', 'NaN']);
    expect(suspectWords('Nanna, undefinedness, NaNa')).toEqual([]);
  });
  it('reads element text and attribute values, entities decoded, not style sheets', () => {
    const t = visibleText('<style>.x{width:NaN}</style><img alt="[object Object]"><p>a &amp; b&#x3D;c</p>');
    expect(t).toContain('[object Object]');
    expect(t).toContain('a & b=c');
    expect(t).not.toContain('NaN');
  });
});
