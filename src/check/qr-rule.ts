/**
 * The print rule for QR codes, shared by `check` (check/layout-checks.ts) and `build`
 * (pipeline/print-rules.ts): a printed module (X-dimension) below the material's qr.minModule is unscannable.
 */
import { qrAddressKey } from '../compose/qr-address.js';
import { QUIET_ZONE, type QrSymbol } from '../compose/qr.js';
import type { Workspace } from '../workspace/workspace.js';
import type { CheckProblem } from './output-schema.js';

const PX_TO_MM = 25.4 / 96;

export interface PrintedQr {
  page: number;
  /** CSS px, as laid out */
  width: number;
  height: number;
}

export function qrModuleProblem(
  ws: Workspace,
  v: { id: string; material: Workspace['materials'][number]; lang: string },
  qr: QrSymbol,
  q: PrintedQr,
): CheckProblem | undefined {
  const { material } = v;
  const sizeMm = Math.min(q.width, q.height) * PX_TO_MM;
  const modules = qr.modules + 2 * QUIET_ZONE;
  const moduleMm = sizeMm / modules;
  if (moduleMm + 1e-9 >= material.qrMinModule) return undefined;
  const need = material.qrMinModule * modules;
  const key = qrAddressKey(material, ws.config.baseUrl);
  return {
    severity: 'error',
    code: 'QR_MODULE_TOO_SMALL',
    lang: v.lang,
    material: material.id,
    file: 'lehtinen.config.yaml',
    key,
    pages: [{ material: material.id, page: q.page }],
    message:
      `${v.id} page ${q.page}: the QR code is printed ${sizeMm.toFixed(1)} mm wide; its ${qr.payload.length}-character address needs ` +
      `version ${qr.version} (${qr.modules} modules + ${2 * QUIET_ZONE} quiet zone), so a module is ${moduleMm.toFixed(3)} mm, below the ${material.qrMinModule} mm minimum (materials.${material.id}.qr.minModule)`,
    hint: `Shorten the address (${key} in lehtinen.config.yaml), or print the code at least ${need.toFixed(1)} mm wide, quiet zone included (templates/${material.template}/style.css).`,
  };
}
