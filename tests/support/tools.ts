/**
 * Read real output back the way a print shop would: poppler (pdfinfo, pdffonts, pdftotext, pdftoppm,
 * pdfimages), qpdf and zbarimg. Tests fail with the tool's own message if one is missing.
 */
import { execFileSync } from 'node:child_process';

export function run(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
}

export interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  w: number;
  h: number;
}

/** Page boxes (pt) of every page, from `pdfinfo -box`. */
export function pdfBoxes(file: string): { pages: number; boxes: Record<string, Box>[]; info: Record<string, string> } {
  const info = parseInfo(run('pdfinfo', [file]));
  const pages = Number(info.Pages);
  const boxes: Record<string, Box>[] = [];
  for (let p = 1; p <= pages; p++) {
    const out = run('pdfinfo', ['-box', '-f', String(p), '-l', String(p), file]);
    const page: Record<string, Box> = {};
    for (const m of out.matchAll(/^Page\s+\d+\s+(\w+Box):\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)/gm)) {
      const [x1, y1, x2, y2] = [m[2], m[3], m[4], m[5]].map(Number) as [number, number, number, number];
      page[m[1]!] = { x1, y1, x2, y2, w: x2 - x1, h: y2 - y1 };
    }
    boxes.push(page);
  }
  return { pages, boxes, info };
}

export function parseInfo(out: string): Record<string, string> {
  const info: Record<string, string> = {};
  for (const line of out.split('\n')) {
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    if (m) info[m[1]!.trim()] = m[2]!.trim();
  }
  return info;
}

export interface FontRow {
  name: string;
  type: string;
  emb: boolean;
  sub: boolean;
}

export function pdfFonts(file: string): FontRow[] {
  const lines = run('pdffonts', [file]).split('\n').slice(2).filter(Boolean);
  return lines.map((l) => {
    const cols = l.trim().split(/\s{1,}/);
    // name type [type...] encoding emb sub uni object ID → read from the end
    const n = cols.length;
    return { name: cols[0]!, type: cols.slice(1, n - 6).join(' '), emb: cols[n - 5] === 'yes', sub: cols[n - 4] === 'yes' };
  });
}

export function pdfText(file: string, page?: number): string {
  const range = page ? ['-f', String(page), '-l', String(page)] : [];
  return run('pdftotext', [...range, '-enc', 'UTF-8', file, '-']);
}

/** Raster images placed in a PDF (`pdfimages -list`): vector-only pages have none. */
export function pdfImageCount(file: string): number {
  return run('pdfimages', ['-list', file]).split('\n').slice(2).filter((l) => l.trim()).length;
}

/** The document catalog and info as qpdf reads them (JSON v2). */
export function qpdfJson(file: string): { catalog: Record<string, unknown>; trailer: Record<string, unknown>; objects: Record<string, unknown> } {
  const j = JSON.parse(run('qpdf', ['--json=2', '--json-key=qpdf', file])) as { qpdf: [unknown, Record<string, { value?: Record<string, unknown> }>] };
  const objects = j.qpdf[1];
  const trailer = (objects['trailer']?.value ?? {}) as Record<string, unknown>;
  const catalog = (objects[`obj:${String(trailer['/Root'])}`]?.value ?? {}) as Record<string, unknown>;
  return { catalog, trailer, objects };
}

/** Decoded QR payloads in an image, by zbarimg. */
export function zbar(file: string): string[] {
  let out: string;
  try {
    out = run('zbarimg', ['--quiet', '--raw', file]);
  } catch (e) {
    // zbarimg exits with 4 when it found no symbol: that is an answer, not a failure.
    if ((e as { status?: number }).status === 4) return [];
    throw e;
  }
  return out
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
}

export function hasTool(cmd: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** qpdf JSON v2 writes text strings as "u:text" and binary ones as "b:hex". */
export function qpdfString(v: unknown): string | undefined {
  return typeof v === 'string' && v.startsWith('u:') ? v.slice(2) : undefined;
}
