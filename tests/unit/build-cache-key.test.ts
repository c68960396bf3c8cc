/** The build cache's key helpers (pipeline/cache.ts): what counts as an output option, canonical hashing. */
import { describe, expect, it } from 'vitest';
import { hashOf, outputOptions } from '../../src/pipeline/cache.js';

describe('build cache keys', () => {
  it('keep every option that may change output, including ones added later', () => {
    const opts = { root: '/ws', outDir: '/out', langs: ['fi'], materials: ['card'], concurrency: 4, timeoutMs: 1, site: false, bundles: false, cache: false, kinds: ['png'], proof: true, futureOption: 3 };
    expect(outputOptions(opts)).toEqual({ kinds: ['png'], proof: true, futureOption: 3 });
    // false is a value (an option whose default is on), not the same as leaving the option out.
    expect(outputOptions({ futureFlag: false, other: undefined })).toEqual({ futureFlag: false });
  });

  it('hash values, not key order; any changed value changes the hash', () => {
    const a = { html: '<p>x</p>', config: { b: 1, a: [1, 2] }, bytes: new Uint8Array([1, 2, 3]) };
    const b = { bytes: new Uint8Array([1, 2, 3]), config: { a: [1, 2], b: 1 }, html: '<p>x</p>' };
    expect(hashOf(a)).toBe(hashOf(b));
    expect(hashOf({ ...a, html: '<p>y</p>' })).not.toBe(hashOf(a));
    expect(hashOf({ ...a, config: { b: 1, a: [2, 1] } })).not.toBe(hashOf(a));
    expect(hashOf({ ...a, bytes: new Uint8Array([1, 2, 4]) })).not.toBe(hashOf(a));
    // A string and a number that print alike are still different values.
    expect(hashOf({ v: '1' })).not.toBe(hashOf({ v: 1 }));
  });
});
