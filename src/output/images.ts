/**
 * Rasters from the browser → files: the trim area of each page as PNG at the print resolution (with
 * its dpi recorded in the file), and a WebP preview for web pages. The browser rasterises each at its
 * own size; sharp encodes the preview and steps in for the PNG only where a size is off by a rounding.
 */
import { crc32 } from 'node:zlib';
import { mmToDots, PX_PER_MM, type Geometry } from '../compose/geometry.js';

export interface ImageWants {
  /** PNG resolution, or undefined for no PNG */
  pngDpi?: number;
  /** preview long side in px, or undefined for no preview */
  previewLongSide?: number;
}

/**
 * What to ask the browser for: the PNG at its own resolution, and the preview rasterised at the size it
 * is published at (a 85 mm card: 359 dpi for 1200 px). Chromium encodes screenshots one at a time in
 * one process, so it does only the cheapest encoding (its fast PNG setting): the 300 dpi PNG is written
 * as it comes (files ~1/3 larger than at zlib's default level, a full build of the example 16.4 → 12.9 s),
 * and the preview becomes WebP in libvips' threads beside the browser.
 */
export function rasterScales(g: Geometry, want: ImageWants): { png?: number; preview?: number } {
  return {
    ...(want.pngDpi ? { png: want.pngDpi / 96 } : {}),
    ...(want.previewLongSide ? { preview: want.previewLongSide / (Math.max(...g.trim) * PX_PER_MM) } : {}),
  };
}

const PREVIEW_QUALITY = 82;

export interface Image {
  data: Buffer;
  px: [number, number];
}

export interface PageImages {
  png?: Image;
  preview?: Image;
}

/**
 * The files of one page from the browser's rasters of its trim area: the PNG gets its resolution
 * recorded (pHYs) without re-encoding; either file is resized with sharp only where the browser's pixel
 * size is off the exact one (a rounding at the page edge).
 */
export async function pageImages(raster: { png?: Buffer; preview?: Buffer }, g: Geometry, want: ImageWants): Promise<PageImages> {
  const [png, preview] = await Promise.all([
    raster.png && want.pngDpi ? pngAt(raster.png, g, want.pngDpi) : undefined,
    raster.preview && want.previewLongSide ? previewAt(raster.preview, want.previewLongSide) : undefined,
  ]);
  return { png, preview };
}

async function pngAt(file: Buffer, g: Geometry, dpi: number): Promise<Image> {
  // Exact pixel size of the trim at dpi (50 × 180 mm at 300 dpi = 591 × 2126 px).
  const tw = mmToDots(g.trim[0], dpi);
  const th = mmToDots(g.trim[1], dpi);
  const head = pngHeader(file);
  if (head && head.width === tw && head.height === th && head.colourType === 2) return { data: withDensity(file, dpi), px: [tw, th] };
  const { default: sharp } = await import('sharp');
  // No adaptive row filtering: on these flat-colour pages it made files larger and cost 10–14× the time.
  const data = await sharp(file)
    .removeAlpha()
    .toColourspace('srgb')
    .resize(tw, th, { fit: 'fill', kernel: 'lanczos3' })
    .withMetadata({ density: dpi })
    .png({ compressionLevel: 6, adaptiveFiltering: false })
    .toBuffer();
  return { data, px: [tw, th] };
}

async function previewAt(file: Buffer, longSide: number): Promise<Image> {
  const { default: sharp } = await import('sharp');
  const meta = await sharp(file).metadata();
  const w = meta.width ?? 0;
  const h = meta.height ?? 0;
  const img = Math.max(w, h) === longSide ? sharp(file) : sharp(file).resize(w >= h ? { width: longSide } : { height: longSide });
  const { data, info } = await img.removeAlpha().webp({ quality: PREVIEW_QUALITY, effort: 4 }).toBuffer({ resolveWithObject: true });
  return { data, px: [info.width, info.height] };
}

/** Width, height and colour type (2 = RGB) from a PNG's IHDR chunk, or undefined for anything else. */
function pngHeader(b: Buffer): { width: number; height: number; colourType: number } | undefined {
  if (b.length < 33 || b.readUInt32BE(0) !== 0x89504e47 || b.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20), colourType: b[25]! };
}

/** The PNG with a pHYs chunk (pixels per metre) right after IHDR, as sharp's withMetadata({ density }) writes. */
function withDensity(png: Buffer, dpi: number): Buffer {
  const ppm = Math.round(dpi / 0.0254);
  const chunk = Buffer.alloc(21);
  chunk.writeUInt32BE(9, 0);
  chunk.write('pHYs', 4, 'latin1');
  chunk.writeUInt32BE(ppm, 8);
  chunk.writeUInt32BE(ppm, 12);
  chunk[16] = 1; // unit: metre
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 17)), 17);
  const ihdrEnd = 8 + 25;
  return Buffer.concat([png.subarray(0, ihdrEnd), chunk, png.subarray(ihdrEnd)]);
}
