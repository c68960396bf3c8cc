/**
 * Where small items (cards, bookmarks) go on a press sheet: the best grid for a sheet size, the front
 * and back position of every item for a duplex long-edge turn, and the crop marks of each item.
 *
 * Units: mm, origin at the sheet's bottom-left corner, y up (as PDF). Sheets are portrait, so their long
 * edge is vertical and a long-edge turn is a left–right turn: the back of the item at x sits at W − x − w.
 * Items may be turned 90° when more fit that way; the front is turned counter-clockwise and the back
 * clockwise, so that after the sheet is turned over each cut item's back is upright when the item
 * itself is turned left–right, as with an unturned item.
 */
import type { Line, MarkSettings } from '../compose/geometry.js';

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface SheetSpec {
  name: string;
  /** portrait: width < height */
  size: [number, number];
}

export interface ItemSpec {
  trim: [number, number];
  bleed: number;
}

export interface ImposeSettings {
  /** between the bleed edges of neighbours */
  gutter: number;
  /** from the sheet edge to the outermost bleed edge */
  margin: number;
  marks: MarkSettings;
}

export interface Slot {
  index: number;
  col: number;
  /** 0 = bottom row */
  row: number;
  /** trim rectangle on the front side of the sheet */
  front: Rect;
  /** trim rectangle on the back side, as the back page of the sheet PDF shows it */
  back: Rect;
}

export interface SheetLayout {
  sheet: SheetSpec;
  item: ItemSpec;
  /** items turned 90° on the sheet */
  rotated: boolean;
  cols: number;
  rows: number;
  slots: Slot[];
}

/** Height of the band at the sheet's bottom edge kept for the sheet's slug line, mm. */
export const SHEET_SLUG_BAND = 3.5;

function grid(sheet: SheetSpec, item: ItemSpec, s: ImposeSettings, rotated: boolean): SheetLayout {
  const [W, H] = sheet.size;
  const [tw, th] = rotated ? [item.trim[1], item.trim[0]] : item.trim;
  const bw = tw + 2 * item.bleed;
  const bh = th + 2 * item.bleed;
  const fit = (space: number, size: number) => Math.max(0, Math.floor((space - 2 * s.margin + s.gutter + 1e-9) / (size + s.gutter)));
  const cols = fit(W, bw);
  const rows = fit(H, bh);
  // The grid is centred, so mirroring the front about the sheet's vertical centre line gives the back grid.
  const x0 = (W - (cols * bw + (cols - 1) * s.gutter)) / 2;
  const y0 = (H - (rows * bh + (rows - 1) * s.gutter)) / 2;
  const slots: Slot[] = [];
  // Reading order: top row first, left to right (the order a person checks a sheet).
  for (let r = rows - 1; r >= 0; r--) {
    for (let c = 0; c < cols; c++) {
      const front = { x: x0 + c * (bw + s.gutter) + item.bleed, y: y0 + r * (bh + s.gutter) + item.bleed, w: tw, h: th };
      slots.push({ index: slots.length, col: c, row: r, front, back: { ...front, x: W - front.x - tw } });
    }
  }
  return { sheet, item, rotated, cols, rows, slots };
}

/** The grid with the most items; on a tie the unturned one. */
export function bestLayout(sheet: SheetSpec, item: ItemSpec, s: ImposeSettings): SheetLayout {
  const upright = grid(sheet, item, s, false);
  const turned = grid(sheet, item, s, true);
  return turned.slots.length > upright.slots.length ? turned : upright;
}

/**
 * Crop marks of one item at its trim rectangle `t` (sheet mm). Every mark lies on a trim line and starts
 * outside the item's bleed; towards a neighbour it ends 0.5 mm before the middle of the gutter, so marks
 * never reach a neighbour's bleed or its marks; towards the sheet edge it ends before the margin runs
 * out (and above the slug band at the bottom).
 */
export function itemMarks(layout: SheetLayout, slot: Slot, t: Rect, s: ImposeSettings): Line[] {
  const b = layout.item.bleed;
  const mirrored = t === slot.back;
  // Neighbours on the side the mark points to (on the back, left and right are swapped).
  const col = mirrored ? layout.cols - 1 - slot.col : slot.col;
  const hasLeft = col > 0;
  const hasRight = col < layout.cols - 1;
  const hasBelow = slot.row > 0;
  const hasAbove = slot.row < layout.rows - 1;
  const [W, H] = layout.sheet.size;
  const span = (neighbour: boolean, edgeRoom: number): [number, number] | undefined => {
    const room = neighbour ? s.gutter / 2 - 0.5 : edgeRoom - 0.5;
    const start = Math.min(s.marks.offset, room / 4);
    const end = Math.min(s.marks.offset + s.marks.length, room);
    return end - start >= 0.5 ? [b + start, b + end] : undefined;
  };
  const lines: Line[] = [];
  const left = span(hasLeft, t.x - b);
  const right = span(hasRight, W - (t.x + t.w + b));
  const down = span(hasBelow, t.y - b - SHEET_SLUG_BAND);
  const up = span(hasAbove, H - (t.y + t.h + b));
  for (const y of [t.y, t.y + t.h]) {
    if (left) lines.push({ x1: t.x - left[0], y1: y, x2: t.x - left[1], y2: y });
    if (right) lines.push({ x1: t.x + t.w + right[0], y1: y, x2: t.x + t.w + right[1], y2: y });
  }
  for (const x of [t.x, t.x + t.w]) {
    if (down) lines.push({ x1: x, y1: t.y - down[0], x2: x, y2: t.y - down[1] });
    if (up) lines.push({ x1: x, y1: t.y + t.h + up[0], x2: x, y2: t.y + t.h + up[1] });
  }
  return lines;
}
