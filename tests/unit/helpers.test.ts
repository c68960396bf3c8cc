import { describe, expect, it } from 'vitest';
import { telHref } from '../../src/compose/helpers.js';
import { urlLabel } from '../../src/compose/document.js';

describe('template helpers', () => {
  it('writes tel: links in international form', () => {
    expect(telHref('080 005 005', '358')).toBe('tel:+35880005005');
    expect(telHref('040 668 7278', '358')).toBe('tel:+358406687278');
    expect(telHref('112', '358')).toBe('tel:112');
    expect(telHref('116 111', '358')).toBe('tel:116111');
    expect(telHref('+358 40 123', '358')).toBe('tel:+35840123');
    expect(telHref('00358 40 123', '358')).toBe('tel:+35840123');
  });

  it('prints URLs without scheme, www and trailing slash', () => {
    expect(urlLabel('https://www.example.fi/a/b/')).toBe('example.fi/a/b');
  });
});
