import { describe, expect, it } from 'vitest';
import {
  bleedBoxMm,
  browserPageMm,
  cropMarks,
  foldPositions,
  mmToDots,
  mmToPt,
  printMarginMm,
  type Geometry,
} from '../../src/compose/geometry.js';

const bookmark: Geometry = { trim: [50, 180], bleed: 3, safe: 4, pages: 2 };
const brochure: Geometry = { trim: [297, 210], bleed: 3, safe: 5, pages: 2, panels: [[97, 100, 100], [100, 100, 97]] };
const marks = { offset: 2, length: 5, weight: 0.25 };

describe('geometry', () => {
  it('converts mm to pt and to print pixels as a RIP would', () => {
    expect(mmToPt(25.4)).toBeCloseTo(72, 10);
    expect(mmToPt(210)).toBeCloseTo(595.2756, 3);
    // The bookmark PNG at 300 dpi is 591 × 2126 px (issue #2).
    expect(mmToDots(50, 300)).toBe(591);
    expect(mmToDots(180, 300)).toBe(2126);
    expect([mmToDots(297, 300), mmToDots(210, 300)]).toEqual([3508, 2480]);
  });

  it('adds the bleed on every side and an overscan for the browser page only', () => {
    expect(bleedBoxMm(bookmark)).toEqual([56, 186]);
    const [w, h] = browserPageMm(bookmark);
    expect(w).toBeGreaterThan(56);
    expect(h).toBeGreaterThan(186);
  });

  it('puts every crop mark on a trim line and entirely outside the bleed', () => {
    const lines = cropMarks(bookmark, marks);
    expect(lines).toHaveLength(8);
    const [w, h] = bookmark.trim;
    for (const l of lines) {
      const horizontal = l.y1 === l.y2;
      if (horizontal) {
        expect([0, h]).toContain(l.y1);
        for (const x of [l.x1, l.x2]) expect(x < -bookmark.bleed || x > w + bookmark.bleed).toBe(true);
        expect(Math.abs(l.x2 - l.x1)).toBeCloseTo(marks.length);
      } else {
        expect([0, w]).toContain(l.x1);
        for (const y of [l.y1, l.y2]) expect(y < -bookmark.bleed || y > h + bookmark.bleed).toBe(true);
        expect(Math.abs(l.y2 - l.y1)).toBeCloseTo(marks.length);
      }
    }
    // Marks end inside the media.
    const margin = printMarginMm(bookmark, marks);
    for (const l of lines) for (const v of [l.x1, l.x2]) expect(v).toBeGreaterThan(-margin);
  });

  it('places folds between the panels of each page', () => {
    expect(foldPositions(brochure, 0)).toEqual([97, 197]);
    expect(foldPositions(brochure, 1)).toEqual([100, 200]);
    expect(foldPositions(bookmark, 0)).toEqual([]);
  });
});
