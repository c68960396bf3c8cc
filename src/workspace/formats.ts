/**
 * Built-in material formats. A material in the config names one (`format: wallet-card`) and may
 * override any field; everything here is data a user can also write out in full.
 */
export interface FormatPreset {
  /** Trim size [width, height] in mm. */
  trim: [number, number];
  pages: number;
  /**
   * Panel widths in mm per page, left to right, for folded materials. A roll fold's fold-in panel is
   * 2–3 mm narrower so that it folds inside without buckling; on the outside page it is the leftmost,
   * on the inside page (the back of the same sheet) it is the rightmost.
   */
  panels?: number[][];
}

export const FORMATS: Record<string, FormatPreset> = {
  // A4 landscape roll fold: outside = fold-in | back | front cover; inside = 3 panels.
  'a4-roll-fold': { trim: [297, 210], pages: 2, panels: [[97, 100, 100], [100, 100, 97]] },
  // ISO/IEC 7810 ID-1 is 85.60 × 53.98 mm; printers sell business/wallet cards trimmed at 85 × 55 mm.
  'wallet-card': { trim: [85, 55], pages: 2 },
  'bookmark-50x180': { trim: [50, 180], pages: 2 },
  'a5-leaflet': { trim: [148, 210], pages: 2 },
  'a6-postcard': { trim: [148, 105], pages: 2 },
};
