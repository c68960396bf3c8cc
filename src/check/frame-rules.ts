/**
 * Frame and image measurements (browser/frames.ts) → findings, the same for `lehtinen check` and
 * `lehtinen build`: overflow, clipping, text in the bleed or outside the safe area, frames running
 * into each other (errors); copy-fit applied (info); raster images under 300 dpi (warning) or 150 dpi
 * (error) at their printed size.
 */
import type { FrameMeasure, FrameReport } from '../browser/frames.js';
import type { CheckProblem } from './output-schema.js';

export const DPI_WARN = 300;
export const DPI_ERROR = 150;
/** below this many mm (as in browser/frames.ts), a difference is font-metric rounding, not a finding */
const TOL = 0.3;

/** Codes that stop `build` from writing a print PDF (unless --allow-overflow). */
export const OVERFLOW_CODES = new Set(['FRAME_OVERFLOW', 'FRAME_OVERLAP', 'OUTSIDE_SAFE_AREA', 'WORD_BROKEN']);

export interface FrameContext {
  /** "bookmark-smn" */
  variantId: string;
  material: string;
  lang: string;
  /** the template folder name, for file references */
  template: string;
}

const pct = (v: number) => `${Math.round(v * 1000) / 10} %`;
const mm = (v: number) => `${v.toFixed(1)} mm`;

function sidesText(f: FrameMeasure): string {
  const s = f.overflow;
  const parts = (['bottom', 'right', 'top', 'left'] as const).filter((k) => s[k] > TOL).map((k) => `${mm(s[k])} at the ${k}`);
  return parts.join(', ');
}

/** What the designer can do, as tried in the page (browser/heading-lines.ts), or the translator. */
function widowHint(c: FrameContext, w: NonNullable<FrameReport['widows']>[number]): string {
  const css = `templates/${c.template}/style.css`;
  const fixes: string[] = [];
  if (w.narrowerMm !== undefined) fixes.push(`give this ${w.tag} max-width: ${w.narrowerMm}mm in ${css} (it is ${w.widthMm.toFixed(1)} mm wide; then "${w.before} ${w.word}" share the last line)`);
  if (w.smallerPt !== undefined) fixes.push(`set this ${w.tag} in font-size: ${w.smallerPt}pt in ${css} (it is ${w.fontPt} pt here)`);
  fixes.push(`rephrase the ${c.lang} heading`);
  return `${fixes[0]![0]!.toUpperCase()}${fixes[0]!.slice(1)}${fixes.length > 1 ? `, or ${fixes.slice(1).join(', or ')}` : ''}.`;
}

export function overflowAmount(f: FrameMeasure): number {
  return Math.max(f.overflow.top, f.overflow.right, f.overflow.bottom, f.overflow.left);
}

export function frameProblems(c: FrameContext, r: FrameReport): CheckProblem[] {
  const out: CheckProblem[] = [];
  const where = { lang: c.lang, material: c.material, file: `templates/${c.template}/index.hbs` };
  for (const f of r.frames) {
    const at = `${c.variantId} page ${f.page}, frame "${f.name}"`;
    const pages = [{ material: c.material, page: f.page }];
    const on = { ...where, frame: f.name, pages };
    const amount = overflowAmount(f);
    const fitNote = f.fit?.exceeded
      ? ` even at ${pct(f.fit.font)} font size and ${pct(f.fit.tracking)} tracking, the most its data-fit allows`
      : '';
    if (amount > TOL) {
      out.push({
        severity: 'error', code: 'FRAME_OVERFLOW', ...on,
        message:
          `${at}: the content overflows the frame by ${mm(amount)} (${sidesText(f)})${fitNote}` +
          `${f.clipped ? '; the overflow is cut off' : ''}${f.intoBleed > TOL ? `; it runs ${mm(f.intoBleed)} past the trim into the bleed` : ''}`,
        hint: f.fit
          ? `Shorten the ${c.lang} text in this frame by about ${mm(amount)} of lines, or widen the frame's data-fit bounds in templates/${c.template}/index.hbs.`
          : `Shorten the ${c.lang} text in this frame, or let the template fit it: data-fit="font:90%;tracking:-1%" on the frame (docs/workspace.md, "Templates").`,
      });
    } else if (f.intoBleed > TOL) {
      out.push({ severity: 'error', code: 'OUTSIDE_SAFE_AREA', ...on, message: `${at}: text runs ${mm(f.intoBleed)} past the trim into the bleed, where it is cut off`, hint: `Keep text inside the safe area (${c.material}: safe in lehtinen.config.yaml).` });
    } else if (f.outsideSafe > TOL) {
      out.push({ severity: 'error', code: 'OUTSIDE_SAFE_AREA', ...on, message: `${at}: text runs ${mm(f.outsideSafe)} outside the safe area, too near the trim`, hint: `Keep text inside the safe area (${c.material}: safe in lehtinen.config.yaml) or move the frame in the template.` });
    }
    for (const o of f.overlaps) {
      out.push({ severity: 'error', code: 'FRAME_OVERLAP', ...on, message: `${at}: its content runs ${mm(o.mm)} into frame "${o.frame}"`, hint: `Shorten the ${c.lang} text or give the frames more room in templates/${c.template}/.` });
    }
    if (f.fit && !f.fit.exceeded && (f.fit.font < 1 || f.fit.tracking < 0)) {
      out.push({
        severity: 'info', code: 'COPY_FIT', ...on,
        message: `${at}: copy-fitted to ${pct(f.fit.font)} font size${f.fit.tracking < 0 ? `, ${pct(f.fit.tracking)} tracking` : ''} (allowed down to ${pct(f.fit.minFont)}, ${pct(f.fit.minTracking)})`,
      });
    }
  }
  for (const b of r.wordBreaks ?? []) {
    const frame = b.frame ? `, frame "${b.frame}"` : '';
    out.push({
      severity: 'error', code: 'WORD_BROKEN', ...where, ...(b.frame ? { frame: b.frame } : {}), pages: [{ material: c.material, page: b.page }],
      message:
        `${c.variantId} page ${b.page}${frame}: the word "${b.word}" is broken across lines without a hyphen ` +
        `(${b.pieces.map((p) => `"${p}"`).join(' / ')}): it is longer than its line${b.heading ? ' even at the smallest size the frame allows' : ''}`,
      hint:
        `Add a line  ${b.word.toLowerCase()}: …  to locales/${c.lang}/hyphenation.yaml with hyphens where the word may break, ` +
        `or type soft hyphens (\\u00ad) into the ${c.lang} text, or use a shorter word; the designer can widen the frame or allow a smaller size (data-fit) in templates/${c.template}/.`,
    });
  }
  for (const b of r.badFits ?? []) {
    out.push({
      severity: 'error', code: 'FRAME_FIT_SPEC', ...where,
      message: `${c.variantId}: data-fit="${b.spec}": ${b.message}; the frame is not copy-fitted`,
      hint: 'Write data-fit="font:90%;tracking:-1%" (font 70–100 %, tracking −5…0 %).',
    });
  }
  for (const w of r.widows ?? []) {
    out.push({
      severity: 'warning', code: 'HEADING_WIDOW', ...where, pages: [{ material: c.material, page: w.page }],
      message: `${c.variantId} page ${w.page}: the heading "${w.text}" ends in a line of one short word, "${w.word}"`,
      hint: widowHint(c, w),
    });
  }
  const seen = new Set<string>();
  for (const im of r.images) {
    const k = `${im.src}|${im.page}|${im.dpi}`;
    if (seen.has(k) || im.dpi >= DPI_WARN) continue;
    seen.add(k);
    const severity = im.dpi < DPI_ERROR ? 'error' : 'warning';
    out.push({
      severity, code: 'IMAGE_RESOLUTION', lang: c.lang, material: c.material, file: im.src, pages: [{ material: c.material, page: im.page }],
      message: `${c.variantId} page ${im.page}: ${im.src} (${im.px[0]}×${im.px[1]} px) is printed ${im.mm[0].toFixed(1)}×${im.mm[1].toFixed(1)} mm, ${im.dpi} dpi; print needs ${DPI_WARN} dpi${severity === 'error' ? `, below ${DPI_ERROR} dpi it looks blurred` : ''}`,
      hint: `Use an image of at least ${Math.ceil((im.mm[0] / 25.4) * DPI_WARN)}×${Math.ceil((im.mm[1] / 25.4) * DPI_WARN)} px, a vector (SVG), or print it smaller.`,
    });
  }
  return out;
}
