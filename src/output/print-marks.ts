/**
 * Fold marks for folded materials (the roll-fold brochure): short dashed lines on the fold lines, outside
 * the bleed at the top and bottom of the sheet, like the crop marks (same offset and length, so both
 * sit in the same band of the margin). Dashed, because a folder operator must tell them from crop marks
 * at a glance: a solid line means "cut here", a dashed one "fold here".
 */
import { foldPositions, type Geometry, type Line, type MarkSettings } from '../compose/geometry.js';

/** Dash pattern of fold marks in pt: 1.5 pt ink, 1 pt gap (about 0.5 mm + 0.35 mm). */
export const FOLD_DASH = [1.5, 1];

/**
 * Fold marks of page `page` (0-based) in mm, origin at the trim's bottom-left corner, y up (as cropMarks).
 * Each fold gets one mark above and one below the sheet, on the fold line x.
 */
export function foldMarks(g: Geometry, m: MarkSettings, page: number): Line[] {
  const a = g.bleed + m.offset;
  const b = a + m.length;
  const h = g.trim[1];
  return foldPositions(g, page).flatMap((x) => [
    { x1: x, y1: -a, x2: x, y2: -b },
    { x1: x, y1: h + a, x2: x, y2: h + b },
  ]);
}

/**
 * Width (mm) the slug line and the draft notice may take from the trim's left edge + 2 mm: up to the
 * first fold mark (minus 2 mm), so text never runs through a fold mark; the full width less the crop
 * mark clearance when the page has no folds.
 */
export function slugWidthMm(g: Geometry, page: number): number {
  const firstFold = foldPositions(g, page)[0];
  return (firstFold ?? g.trim[0]) - 4;
}
