import { describe, expect, it } from 'vitest';
import { parseFitBounds } from '../../src/browser/frames.js';

describe('copy-fit bounds (data-fit)', () => {
  it('reads font size and tracking as fractions', () => {
    expect(parseFitBounds('font:90%;tracking:-1%')).toEqual({ font: 0.9, tracking: -0.01 });
    expect(parseFitBounds(' font: 94.5% ')).toEqual({ font: 0.945, tracking: 0 });
    expect(parseFitBounds('')).toEqual({ font: 1, tracking: 0 });
  });

  it('refuses bounds that would make text unreadable, and anything it cannot read', () => {
    expect(parseFitBounds('font:50%')).toBe('font:50% is outside 70…100 % (smaller would be unreadable)');
    expect(parseFitBounds('tracking:-8%')).toBe('tracking:-8% is outside −5…0 %');
    expect(parseFitBounds('size:90%')).toBe('"size:90%" is not font:NN% or tracking:-N%');
  });
});
