/**
 * Images from the workspace are checked from their header before anything uses them: a file that is
 * not an image, or one so large that decoding it would take gigabytes (20000 × 20000 px is 1.6 GB as
 * RGBA), is an error that names the file, instead of a blank box or a browser that runs out of memory.
 */
import path from 'node:path';
import type { Metadata } from 'sharp';
import { LehtinenError, type SourceRef } from '../errors.js';

/** 50 megapixels: an A2 poster at 300 dpi with bleed is about 36; nothing lehtinen prints needs more. */
export const MAX_IMAGE_PIXELS = 50_000_000;

const RASTER = new Set(['.png', '.jpg', '.jpeg', '.webp', '.gif', '.avif', '.tif', '.tiff']);

export function isImagePath(p: string): boolean {
  const ext = path.extname(p).toLowerCase();
  return RASTER.has(ext) || ext === '.svg';
}

/** Why `data` cannot be placed as an image, or undefined when it can. Only the header is read. */
export async function imageDefect(data: Uint8Array): Promise<string | undefined> {
  let meta: Metadata;
  // sharp (libvips) loads with the first image checked, not with every module that imports this one.
  const { default: sharp } = await import('sharp');
  try {
    // limitInputPixels off here: the size is judged below, with a message of our own.
    meta = await sharp(data, { limitInputPixels: false }).metadata();
  } catch (e) {
    return `it is not an image (${(e as Error).message.split('\n')[0]})`;
  }
  if (!meta.width || !meta.height) return 'it has no width or height';
  const px = meta.width * meta.height;
  if (meta.format !== 'svg' && px > MAX_IMAGE_PIXELS) {
    return `it is ${meta.width} × ${meta.height} px (${Math.round(px / 1e6)} megapixels), more than the ${MAX_IMAGE_PIXELS / 1e6} megapixels lehtinen accepts`;
  }
  return undefined;
}

export function imageError(rel: string, defect: string, where: SourceRef = {}): LehtinenError {
  return new LehtinenError('ASSET_INVALID', `image "${rel}": ${defect}`, {
    where: { file: where.file ?? rel, key: where.key, line: where.line },
    hint: defect.startsWith('it is not')
      ? 'Export the file again as PNG, JPEG, WebP or SVG (a renamed file is not converted).'
      : 'Scale it down (300 dpi at its printed size is enough), e.g. `vips resize in.png out.png 0.25`.',
  });
}
