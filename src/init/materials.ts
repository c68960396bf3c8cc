/** The materials the default templates know, with their formats and margins (`lehtinen init --materials`). */
export const INIT_MATERIALS: Record<string, { format: string; bleed: number; safe: number; note: string }> = {
  brochure: { format: 'a4-roll-fold', bleed: 3, safe: 5, note: '297 × 210 mm, three panels a side' },
  card: { format: 'wallet-card', bleed: 3, safe: 3.5, note: '85 × 55 mm' },
  bookmark: { format: 'bookmark-50x180', bleed: 3, safe: 4, note: '50 × 180 mm' },
};
