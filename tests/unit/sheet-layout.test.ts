import { describe, expect, it } from 'vitest';
import { bestLayout, itemMarks, type Rect } from '../../src/output/sheet-layout.js';

const settings = { gutter: 8, margin: 10, marks: { offset: 2, length: 5, weight: 0.25 } };
const bookmark = { trim: [50, 180] as [number, number], bleed: 3 };
const card = { trim: [85, 55] as [number, number], bleed: 3 };
const A4 = { name: 'a4', size: [210, 297] as [number, number] };
const SRA3 = { name: 'sra3', size: [320, 450] as [number, number] };

const inside = (x: number, y: number, r: Rect, pad = 0) => x > r.x - pad && x < r.x + r.w + pad && y > r.y - pad && y < r.y + r.h + pad;

describe('sheet layout', () => {
  it('finds the best grid: bookmarks 4 on A4 (turned), 8 on SRA3; cards 8 on A4, 18 on SRA3', () => {
    const a4 = bestLayout(A4, bookmark, settings);
    expect([a4.slots.length, a4.rotated, a4.cols, a4.rows]).toEqual([4, true, 1, 4]);
    const sra3 = bestLayout(SRA3, bookmark, settings);
    expect([sra3.slots.length, sra3.rotated]).toEqual([8, false]);
    expect(bestLayout(A4, card, settings).slots.length).toBe(8);
    expect(bestLayout(SRA3, card, settings).slots.length).toBe(18);
    // Nothing fits: an empty layout, not an overflowing one.
    expect(bestLayout({ name: 'tiny', size: [60, 80] }, bookmark, settings).slots).toHaveLength(0);
  });

  it('keeps every bleed box inside the margins and apart by the gutter', () => {
    for (const l of [bestLayout(A4, bookmark, settings), bestLayout(SRA3, card, settings)]) {
      const b = l.item.bleed;
      const boxes = l.slots.map((s) => ({ x: s.front.x - b, y: s.front.y - b, w: s.front.w + 2 * b, h: s.front.h + 2 * b }));
      for (const r of boxes) {
        expect(r.x).toBeGreaterThanOrEqual(settings.margin - 1e-9);
        expect(r.y).toBeGreaterThanOrEqual(settings.margin - 1e-9);
        expect(r.x + r.w).toBeLessThanOrEqual(l.sheet.size[0] - settings.margin + 1e-9);
        expect(r.y + r.h).toBeLessThanOrEqual(l.sheet.size[1] - settings.margin + 1e-9);
      }
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const [p, q] = [boxes[i]!, boxes[j]!];
          const gapX = Math.max(q.x - (p.x + p.w), p.x - (q.x + q.w));
          const gapY = Math.max(q.y - (p.y + p.h), p.y - (q.y + q.h));
          expect(Math.max(gapX, gapY)).toBeGreaterThanOrEqual(settings.gutter - 1e-9);
        }
      }
    }
  });

  it('mirrors the back for a long-edge (left–right) turn', () => {
    const l = bestLayout(SRA3, card, settings);
    for (const s of l.slots) {
      expect(s.back.x + s.back.w / 2).toBeCloseTo(l.sheet.size[0] - (s.front.x + s.front.w / 2), 9);
      expect(s.back.y).toBe(s.front.y);
    }
  });

  it('draws 8 marks per item on the trim lines, none in any bleed or past the gutter middle', () => {
    for (const l of [bestLayout(A4, bookmark, settings), bestLayout(SRA3, card, settings)]) {
      const b = l.item.bleed;
      for (const s of l.slots) {
        for (const t of [s.front, s.back]) {
          const marks = itemMarks(l, s, t, settings);
          expect(marks).toHaveLength(8);
          const bleeds = l.slots.map((o) => (t === s.front ? o.front : o.back)).map((r) => ({ x: r.x - b, y: r.y - b, w: r.w + 2 * b, h: r.h + 2 * b }));
          for (const m of marks) {
            // on a trim line of this item
            expect([t.x, t.x + t.w].includes(m.x1) || [t.y, t.y + t.h].includes(m.y1)).toBe(true);
            for (const p of [0, 0.25, 0.5, 0.75, 1]) {
              const x = m.x1 + (m.x2 - m.x1) * p;
              const y = m.y1 + (m.y2 - m.y1) * p;
              for (const r of bleeds) expect(inside(x, y, r), `mark point ${x},${y}`).toBe(false);
              // half a gutter minus 0.5 mm at most from this item's bleed: never reaches a neighbour's marks
              const own = { x: t.x - b, y: t.y - b, w: t.w + 2 * b, h: t.h + 2 * b };
              expect(inside(x, y, own, settings.marks.offset + settings.marks.length + 1e-9)).toBe(true);
            }
          }
        }
      }
    }
  });
});
