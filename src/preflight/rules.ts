/**
 * The preflight's rules, their limits and where the limits come from (docs/print-production.md
 * "Preflight" lists them with their sources). One place, so the JSON report, the check report and the
 * docs name the same things.
 */

export type RuleId =
  | 'dark-text-one-ink'
  | 'dark-line-one-ink'
  | 'small-text-inks'
  | 'total-area-coverage'
  | 'black-text-overprint'
  | 'hairline'
  | 'min-text-size'
  | 'image-resolution';

export type RuleStatus = 'pass' | 'warn' | 'fail';

export interface Limits {
  /** text below this size (pt) must be in few inks */
  smallText: number;
  /** dark means K at least this (0–1) */
  darkK: number;
  /** lines thinner than this (pt) count as fine lines for the one-ink rule */
  fineLine: number;
  /** small text may use at most this many inks */
  smallTextInks: number;
  /** total area coverage limit, per cent */
  tac: number;
  /** an area above the TAC limit smaller than this (mm²) only warns: edges of overprinted text */
  tacMinArea: number;
  /** lines thinner than this (pt) may not print */
  hairline: number;
  /** smallest text size, pt */
  minText: number;
  /** images: warn below, fail below (dpi at printed size) */
  imageWarnDpi: number;
  imageFailDpi: number;
  /** a plate counts as used when its tint is above this (0–1) */
  inkThreshold: number;
}

export const DEFAULT_LIMITS: Omit<Limits, 'tac'> = {
  smallText: 12,
  darkK: 0.5,
  fineLine: 0.5,
  smallTextInks: 3,
  tacMinArea: 1,
  hairline: 0.25,
  minText: 5,
  imageWarnDpi: 300,
  imageFailDpi: 150,
  inkThreshold: 0.005,
};

export interface RuleInfo {
  id: RuleId;
  title: string;
  /** the limit in words, with the numbers of this run */
  limit: (l: Limits) => string;
  /** what a finding does: fail, or only warn */
  onFinding: Exclude<RuleStatus, 'pass'>;
}

export const RULES: RuleInfo[] = [
  {
    id: 'dark-text-one-ink',
    title: 'Dark small text in one ink',
    limit: (l) => `text below ${l.smallText} pt with K ≥ ${l.darkK * 100} % uses 1 process ink (black)`,
    onFinding: 'fail',
  },
  {
    id: 'dark-line-one-ink',
    title: 'Dark fine lines in one ink',
    limit: (l) => `lines thinner than ${l.fineLine} pt with K ≥ ${l.darkK * 100} % use 1 process ink`,
    onFinding: 'fail',
  },
  {
    id: 'small-text-inks',
    title: 'Small text in at most three inks',
    limit: (l) => `text below ${l.smallText} pt uses at most ${l.smallTextInks} inks`,
    onFinding: 'fail',
  },
  {
    id: 'total-area-coverage',
    title: 'Total area coverage',
    limit: (l) => `at most ${l.tac} % (areas above it smaller than ${l.tacMinArea} mm² only warn)`,
    onFinding: 'fail',
  },
  {
    id: 'black-text-overprint',
    title: 'Black text overprints',
    limit: () => 'text in 90–100 % K overprints (no white gap in a coloured background)',
    onFinding: 'warn',
  },
  {
    id: 'hairline',
    title: 'No hairlines',
    limit: (l) => `lines at least ${l.hairline} pt wide`,
    onFinding: 'fail',
  },
  {
    id: 'min-text-size',
    title: 'Smallest text',
    limit: (l) => `text at least ${l.minText} pt`,
    onFinding: 'warn',
  },
  {
    id: 'image-resolution',
    title: 'Image resolution at printed size',
    limit: (l) => `at least ${l.imageWarnDpi} dpi (below ${l.imageFailDpi} dpi fails)`,
    onFinding: 'fail',
  },
];

/** The TAC limit for a CMYK output profile setting (output.cmyk.profile), unless output.cmyk.inkLimit says. */
export function tacLimitFor(profile: string): number {
  // FOGRA39 is characterised to 330 %; 300 % is the limit most offset shops ask for on coated stock
  // (ECI's ISOcoated_v2_300 variant). The Ghostscript default profile and unknown files get the same.
  void profile;
  return 300;
}
