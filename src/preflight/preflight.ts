/**
 * Preflight of one CMYK print PDF: the content streams (scan.ts) and Ghostscript's separations
 * (separations.ts) measured against the rules (rules.ts). Only what lies in the bleed box counts: crop
 * marks, fold marks and the slug are outside it on purpose (registration colour is every ink).
 */
import { PDFDocument } from 'pdf-lib';
import { RULES, type Limits, type RuleId, type RuleStatus } from './rules.js';
import { scanPdf, type Inks, type PageScan } from './scan.js';
import { measureCoverage, type PageCoverage } from './separations.js';


export interface Finding {
  page: number;
  /** position from the trim box's top-left corner, mm (negative: in the bleed) */
  xMm: number;
  yMm: number;
  /** the colour as plates, e.g. "C73 M77 Y56 K71" */
  colour?: string;
  /** text size or line width, pt; image resolution, dpi; coverage, % */
  value?: number;
  /** the area a finding covers, mm from the top-left trim corner: [x0, y0, x1, y1] (total area coverage) */
  box?: [number, number, number, number];
  message: string;
}

export interface RuleResult {
  id: RuleId;
  title: string;
  limit: string;
  /** the measured value in words: the worst case, or what was checked */
  measured: string;
  status: RuleStatus;
  count: number;
  /** the first findings (all are counted in count) */
  findings: Finding[];
}

export interface PreflightResult {
  pages: number;
  status: RuleStatus;
  rules: RuleResult[];
  coverage: { page: number; maxTac: number; average: Record<string, number>; inks: string[] }[];
}

const MAX_FINDINGS = 25;
const MM = 25.4 / 72;
const r1 = (x: number) => Math.round(x * 10) / 10;
const r2 = (x: number) => Math.round(x * 100) / 100;

export function colourText(inks: Inks): string {
  const short: Record<string, string> = { Cyan: 'C', Magenta: 'M', Yellow: 'Y', Black: 'K' };
  const parts = Object.entries(inks)
    .filter(([n, v]) => v > 0 || n in short)
    .map(([n, v]) => `${short[n] ?? `${n} `}${Math.round(v * 100)}`);
  return parts.join(' ') || 'no ink';
}

/** Sizes come from matrices in floating point: 5 pt may read 4.9999. */
const EPS = 0.01;
const below = (v: number, limit: number) => v < limit - EPS;

const used = (inks: Inks, l: Limits) => Object.values(inks).filter((v) => v > l.inkThreshold).length;
const PROCESS = ['Cyan', 'Magenta', 'Yellow', 'Black'];
/** Process inks only: a dark text in 100 K over a spot colour is still one process ink. */
const process = (inks: Inks, l: Limits) => PROCESS.filter((p) => (inks[p] ?? 0) > l.inkThreshold).length;

export async function preflightPdf(pdf: Uint8Array, limits: Limits, o: { gs?: string; dpi?: number } = {}): Promise<PreflightResult> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const pages = scanPdf(doc);
  let coverage: PageCoverage[] = [];
  let unmeasured: string | undefined;
  try {
    coverage = await measureCoverage(pdf, pages.map((p) => p.bleed), { dpi: o.dpi ?? 100, limit: limits.tac, gs: o.gs });
  } catch (e) {
    // The content rules still stand; the coverage is reported as not measured (a warning), not as a pass.
    const err = e as { stderr?: string; message?: string };
    unmeasured = `not measured: Ghostscript failed (${String(err.stderr || err.message || e).split('\n').filter(Boolean)[0] ?? 'no message'})`;
  }
  return evaluate(pages, coverage, limits, unmeasured);
}

export function evaluate(pages: PageScan[], coverage: PageCoverage[], l: Limits, unmeasured?: string): PreflightResult {
  const found = new Map<RuleId, Finding[]>(RULES.map((r) => [r.id, []]));
  const measured = new Map<RuleId, string>();
  const add = (id: RuleId, f: Finding) => found.get(id)!.push(f);
  const where = (p: PageScan, [x, y]: [number, number]) => ({ page: p.page, xMm: r1((x - p.trim[0]) * MM), yMm: r1((p.trim[3] - y) * MM) });
  const inside = (p: PageScan, [x, y]: [number, number], slack = 0.5) =>
    x >= p.bleed[0] - slack && x <= p.bleed[2] + slack && y >= p.bleed[1] - slack && y <= p.bleed[3] + slack;

  let smallest = Infinity;
  let thinnest = Infinity;
  let lowestDpi = Infinity;
  let smallTexts = 0;
  let blackTexts = 0;
  for (const p of pages) {
    for (const t of p.texts) {
      if (!inside(p, t.at) || t.size <= 0) continue;
      const colour = colourText(t.inks);
      const size = r2(t.size);
      smallest = Math.min(smallest, t.size);
      const n = used(t.inks, l);
      const k = t.inks.Black ?? 0;
      if (below(t.size, l.smallText)) {
        smallTexts++;
        const np = process(t.inks, l);
        if (k >= l.darkK && np > 1) add('dark-text-one-ink', { ...where(p, t.at), colour, value: size, message: `${size} pt text in ${np} process inks (${colour})` });
        if (n > l.smallTextInks) add('small-text-inks', { ...where(p, t.at), colour, value: size, message: `${size} pt text in ${n} inks (${colour})` });
      }
      if (k >= 0.9) {
        blackTexts++;
        if (!t.overprint) add('black-text-overprint', { ...where(p, t.at), colour, value: size, message: `${size} pt black text (${colour}) knocks out` });
      }
      if (below(t.size, l.minText)) add('min-text-size', { ...where(p, t.at), colour, value: size, message: `${size} pt text` });
    }
    for (const line of p.lines) {
      if (!inside(p, line.at) && !inside(p, line.to)) continue;
      if (used(line.inks, l) === 0) continue;
      thinnest = Math.min(thinnest, line.width);
      const colour = colourText(line.inks);
      const w = r2(line.width);
      const what = line.kind === 'stroke' ? 'line' : 'filled rule';
      if (below(line.width, l.fineLine) && (line.inks.Black ?? 0) >= l.darkK && process(line.inks, l) > 1) {
        add('dark-line-one-ink', { ...where(p, line.at), colour, value: w, message: `${w} pt ${what} in ${process(line.inks, l)} process inks (${colour})` });
      }
      if (below(line.width, l.hairline)) add('hairline', { ...where(p, line.at), colour, value: w, message: `${w} pt ${what}${line.width === 0 ? ' (width 0: the thinnest the device can draw)' : ''} (${colour})` });
    }
    for (const im of p.images) {
      if (im.pt[0] < 1 || im.pt[1] < 1) continue;
      const dpi = Math.round(Math.min(im.px[0] / (im.pt[0] / 72), im.px[1] / (im.pt[1] / 72)));
      lowestDpi = Math.min(lowestDpi, dpi);
      if (dpi < l.imageWarnDpi) {
        add('image-resolution', {
          ...where(p, im.at),
          value: dpi,
          message: `${im.name} (${im.px[0]}×${im.px[1]} px) printed ${r1(im.pt[0] * MM)}×${r1(im.pt[1] * MM)} mm: ${dpi} dpi`,
        });
      }
    }
  }
  let tacStatus: RuleStatus = 'pass';
  let maxTac = 0;
  for (const c of coverage) {
    const p = pages[c.page - 1]!;
    maxTac = Math.max(maxTac, c.maxTac);
    if (c.maxTac > l.tac) {
      const big = c.overArea >= l.tacMinArea;
      if (big) tacStatus = 'fail';
      else if (tacStatus === 'pass') tacStatus = 'warn';
      const box = c.overBox
        ? ([r1((c.overBox[0] - p.trim[0]) * MM), r1((p.trim[3] - c.overBox[3]) * MM), r1((c.overBox[2] - p.trim[0]) * MM), r1((p.trim[3] - c.overBox[1]) * MM)] as [number, number, number, number])
        : undefined;
      const inBox = box ? ` in ${box[0]}…${box[2]} × ${box[1]}…${box[3]} mm` : '';
      add('total-area-coverage', { ...where(p, c.maxAt), value: c.maxTac, ...(box ? { box } : {}), message: `${c.maxTac} % ink; ${c.overArea} mm² above ${l.tac} %${inBox}` });
    }
  }
  const worst = (id: RuleId, unit: string, pick: (f: Finding) => number, dir: 1 | -1) => {
    const f = found.get(id)!;
    if (!f.length) return undefined;
    const w = f.reduce((a, b) => (dir * pick(b) > dir * pick(a) ? b : a));
    return `${f.length} found; worst ${pick(w)}${unit} (page ${w.page}, ${w.xMm}, ${w.yMm} mm${w.colour ? `, ${w.colour}` : ''})`;
  };
  const byValue = (f: Finding) => f.value ?? 0;
  measured.set('dark-text-one-ink', worst('dark-text-one-ink', ' pt', byValue, -1) ?? `${smallTexts} text run(s) below ${l.smallText} pt, all dark ones in 1 ink`);
  measured.set('small-text-inks', worst('small-text-inks', ' pt', byValue, -1) ?? `${smallTexts} text run(s) below ${l.smallText} pt, none in more than ${l.smallTextInks} inks`);
  measured.set('dark-line-one-ink', worst('dark-line-one-ink', ' pt', byValue, -1) ?? 'no dark fine line in more than 1 ink');
  measured.set('hairline', worst('hairline', ' pt', byValue, -1) ?? (Number.isFinite(thinnest) ? `thinnest stroked or thin filled line ${r2(thinnest)} pt` : 'no lines'));
  measured.set('min-text-size', worst('min-text-size', ' pt', byValue, -1) ?? (Number.isFinite(smallest) ? `smallest text ${r2(smallest)} pt` : 'no text'));
  measured.set('black-text-overprint', found.get('black-text-overprint')!.length ? `${found.get('black-text-overprint')!.length} of ${blackTexts} black text run(s) knock out` : `${blackTexts} black text run(s), all overprint`);
  measured.set('image-resolution', worst('image-resolution', ' dpi', byValue, -1) ?? (Number.isFinite(lowestDpi) ? `lowest ${lowestDpi} dpi` : 'no raster images'));
  const top = coverage.reduce<PageCoverage | undefined>((a, c) => (!a || c.maxTac > a.maxTac ? c : a), undefined);
  if (top) {
    const p = pages[top.page - 1]!;
    const w = where(p, top.maxAt);
    measured.set('total-area-coverage', `max ${maxTac} % (page ${w.page}, ${w.xMm}, ${w.yMm} mm)`);
  } else {
    measured.set('total-area-coverage', unmeasured ?? 'not measured');
    tacStatus = 'warn';
  }

  const rules: RuleResult[] = RULES.map((r) => {
    const f = found.get(r.id)!;
    const status: RuleStatus = r.id === 'total-area-coverage' ? tacStatus : r.id === 'image-resolution'
      ? f.some((x) => (x.value ?? 0) < l.imageFailDpi) ? 'fail' : f.length ? 'warn' : 'pass'
      : f.length ? r.onFinding : 'pass';
    return { id: r.id, title: r.title, limit: r.limit(l), measured: measured.get(r.id)!, status, count: f.length, findings: f.slice(0, MAX_FINDINGS) };
  });
  const status: RuleStatus = rules.some((r) => r.status === 'fail') ? 'fail' : rules.some((r) => r.status === 'warn') ? 'warn' : 'pass';
  return {
    pages: pages.length,
    status,
    rules,
    coverage: coverage.map((c) => ({ page: c.page, maxTac: c.maxTac, average: c.average, inks: c.inks })),
  };
}
