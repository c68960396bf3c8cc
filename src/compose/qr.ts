/**
 * QR codes as vector SVG: one filled path of module squares (filled, not stroked, so no line caps or
 * joins can bleed into neighbouring modules at press).
 */
import QRCode from 'qrcode';
import { LehtinenError } from '../errors.js';

export interface QrSymbol {
  payload: string;
  version: number;
  /** modules per side, without the quiet zone */
  modules: number;
  /** SVG with a 4-module quiet zone (ISO/IEC 18004 §7.3.7), viewBox in modules */
  svg: string;
}

export const QUIET_ZONE = 4;

/**
 * The smallest printed module (X-dimension) lehtinen check accepts by default, in mm. ISO/IEC 18004 sets
 * no minimum; GS1 General Specifications §5.12.3.1 (Symbol Specification Table 1) allows QR codes scanned
 * by retail scanners and phones from 0.396 mm to 0.990 mm, rounded up here. At 0.4 mm a version 4 code
 * (33 modules + 2 × 4 quiet zone) needs 16.4 mm. Set materials.<id>.qr.minModule for another rule.
 */
export const MIN_MODULE_MM = 0.4;

export function makeQr(payload: string, opts: { dark?: string; light?: string; label?: string } = {}): QrSymbol {
  let q: ReturnType<typeof QRCode.create>;
  try {
    // Level M (15 %) survives small damage and keeps leaflet URLs at version 3–5.
    q = QRCode.create(payload, { errorCorrectionLevel: 'M' });
  } catch (e) {
    throw new LehtinenError('QR_TOO_LONG', `QR payload cannot be encoded (${(e as Error).message}): ${payload.slice(0, 80)}…`, {
      hint: 'Use a shorter URL (a short path under baseUrl).',
      cause: e,
    });
  }
  const n = q.modules.size;
  const data = q.modules.data;
  let d = '';
  for (let y = 0; y < n; y++) {
    let x = 0;
    while (x < n) {
      if (!data[y * n + x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < n && data[y * n + x]) x++;
      d += `M${start + QUIET_ZONE} ${y + QUIET_ZONE}h${x - start}v1h${start - x}z`;
    }
  }
  const size = n + 2 * QUIET_ZONE;
  const dark = opts.dark ?? '#000000';
  const light = opts.light ?? '#ffffff';
  const label = opts.label ?? payload;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" role="img" aria-label="${escapeAttr(label)}" data-qr-payload="${escapeAttr(payload)}" shape-rendering="crispEdges">` +
    `<rect width="${size}" height="${size}" fill="${light}"/><path fill="${dark}" d="${d}"/></svg>`;
  return { payload, version: q.version, modules: n, svg };
}

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
