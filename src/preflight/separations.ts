/**
 * Ink coverage measured the way a print shop does: Ghostscript renders the page's bleed box as one
 * greyscale separation per ink (`-sDEVICE=tiffsep`, overprint simulated as the press would print it),
 * and the sum of the plates at each pixel is the total area coverage (TAC). `-sDEVICE=ink_cov` gives
 * each ink's average coverage per page, for the report.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface CoverageOptions {
  /** render resolution; 100 dpi is a 0.25 mm grid */
  dpi: number;
  /** TAC limit in per cent: pixels above it are counted */
  limit: number;
  gs?: string;
}

export interface PageCoverage {
  page: number;
  /** highest sum of all plates at one pixel, per cent */
  maxTac: number;
  /** where it is: pixel centre in default user space (pt) */
  maxAt: [number, number];
  /** area above the limit (mm²) and its bounding box in user space [x0, y0, x1, y1] (pt) */
  overArea: number;
  overBox?: [number, number, number, number];
  /** average coverage per ink (per cent of the bleed box), from ink_cov */
  average: Record<string, number>;
  inks: string[];
}

/**
 * `bleed` per page: the BleedBox [x0, y0, x1, y1] in pt, which is what -dUseBleedBox renders; pixel
 * positions are turned back into user space with it.
 */
export async function measureCoverage(pdf: Uint8Array, bleed: [number, number, number, number][], o: CoverageOptions): Promise<PageCoverage[]> {
  const gs = o.gs ?? 'gs';
  const dir = await mkdtemp(path.join(os.tmpdir(), 'lehtinen-sep-'));
  try {
    const input = path.join(dir, 'in.pdf');
    await writeFile(input, pdf);
    const common = ['-q', '-dNOPAUSE', '-dBATCH', '-dSAFER', '-dUseBleedBox'];
    await run(gs, [...common, '-sDEVICE=tiffsep', `-r${o.dpi}`, '-dTextAlphaBits=1', '-dGraphicsAlphaBits=1', `-sOutputFile=${path.join(dir, 'p%d.tif')}`, input], { maxBuffer: 16 << 20 });
    const inkcov = (await run(gs, [...common, '-sDEVICE=ink_cov', '-r72', '-sOutputFile=-', input], { maxBuffer: 16 << 20 })).stdout;
    const averages = inkcov
      .split('\n')
      .map((l) => l.trim().split(/\s+/))
      .filter((f) => f.length >= 5 && f[4] === 'CMYK')
      .map((f) => ({ Cyan: Number(f[0]), Magenta: Number(f[1]), Yellow: Number(f[2]), Black: Number(f[3]) }));
    const files = await readdir(dir);
    const pages: PageCoverage[] = [];
    for (let page = 1; page <= bleed.length; page++) {
      // p1(Cyan).tif, p1(Magenta).tif, … one per ink; p1.tif is the CMYK composite (not used: spots miss there)
      const seps = files.filter((f) => f.startsWith(`p${page}(`) && f.endsWith(').tif'));
      const inks = seps.map((f) => f.slice(`p${page}(`.length, -').tif'.length));
      let width = 0;
      let height = 0;
      let sum: Uint16Array | undefined;
      for (const f of seps) {
        const { default: sharp } = await import('sharp');
        const { data, info } = await sharp(path.join(dir, f)).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
        width = info.width;
        height = info.height;
        sum ??= new Uint16Array(width * height);
        // tiffsep's separations are like film: 255 is no ink, 0 is 100 %.
        for (let i = 0; i < sum.length; i++) sum[i]! += 255 - data[i]!;
      }
      const [bx0, by0, bx1, by1] = bleed[page - 1]!;
      const toPt = (px: number, py: number): [number, number] => [bx0 + ((px + 0.5) / width) * (bx1 - bx0), by1 - ((py + 0.5) / height) * (by1 - by0)];
      let max = 0;
      let maxI = 0;
      let over = 0;
      let box: [number, number, number, number] | undefined;
      const limit = (o.limit / 100) * 255;
      if (sum) {
        for (let i = 0; i < sum.length; i++) {
          const v = sum[i]!;
          if (v > max) [max, maxI] = [v, i];
          if (v > limit + 0.5) {
            over++;
            const [x, y] = toPt(i % width, Math.floor(i / width));
            box = box ? [Math.min(box[0], x), Math.min(box[1], y), Math.max(box[2], x), Math.max(box[3], y)] : [x, y, x, y];
          }
        }
      }
      const pxMm = 25.4 / o.dpi;
      pages.push({
        page,
        maxTac: Math.round((max / 255) * 1000) / 10,
        maxAt: sum ? toPt(maxI % width, Math.floor(maxI / width)) : [bx0, by1],
        overArea: Math.round(over * pxMm * pxMm * 100) / 100,
        ...(box ? { overBox: box } : {}),
        average: averages[page - 1] ?? {},
        inks,
      });
    }
    return pages;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
