/**
 * Rasters from the browser → files: the trim area of each page as PNG at the print resolution (with
 * its dpi recorded in the file), and a WebP preview for web pages. sharp/libvips does the work on its
 * own threads, so this runs beside the next browser job.
 */
import type { Sharp } from 'sharp';
import { mmToDots, PX_PER_MM, type Geometry } from '../compose/geometry.js';

export interface ImageWants {
  /** PNG resolution, or undefined for no PNG */
  pngDpi?: number;
  /** preview long side in px, or undefined for no preview */
  previewLongSide?: number;
}

/**
 * Device pixels per CSS px to rasterise at: enough for the PNG's dpi and for a preview whose long side
 * is the asked size without upscaling (a 85 mm card needs 359 dpi for a 1200 px preview).
 */
export function rasterScale(g: Geometry, want: ImageWants): number | undefined {
  const scales: number[] = [];
  if (want.pngDpi) scales.push(want.pngDpi / 96);
  if (want.previewLongSide) scales.push(want.previewLongSide / (Math.max(...g.trim) * PX_PER_MM));
  return scales.length ? Math.max(...scales) : undefined;
}

export interface Image {
  data: Buffer;
  px: [number, number];
}

export interface PageImages {
  png?: Image;
  preview?: Image;
}

/** `trimRaster` is the page's trim area rasterised at `scale` device pixels per CSS px. */
export async function pageImages(trimRaster: Buffer, g: Geometry, want: ImageWants): Promise<PageImages> {
  // Loaded on first use: a rebuild that reuses every variant never needs libvips.
  const { default: sharp } = await import('sharp');
  const decoded = await sharp(trimRaster).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  const { width: w, height: h, channels } = decoded.info;
  const raw = { raw: { width: w, height: h, channels } };
  const [png, preview] = await Promise.all([
    want.pngDpi ? toPng(sharp(decoded.data, raw), g, want.pngDpi, w, h) : undefined,
    want.previewLongSide
      ? sharp(decoded.data, raw)
          .resize(w >= h ? { width: want.previewLongSide } : { height: want.previewLongSide })
          .webp({ quality: 82, effort: 4 })
          .toBuffer({ resolveWithObject: true })
          .then(({ data, info }): Image => ({ data, px: [info.width, info.height] }))
      : undefined,
  ]);
  return { png, preview };
}

async function toPng(img: Sharp, g: Geometry, dpi: number, w: number, h: number): Promise<Image> {
  // Exact pixel size of the trim at dpi (50 × 180 mm at 300 dpi = 591 × 2126 px). The raster is
  // already that size when it was taken at the PNG's own resolution; a larger one (taken for a sharp
  // preview of a small card) is reduced.
  const tw = mmToDots(g.trim[0], dpi);
  const th = mmToDots(g.trim[1], dpi);
  const sized = tw === w && th === h ? img : img.resize(tw, th, { fit: 'fill', kernel: 'lanczos3' });
  // No adaptive row filtering: on these flat-colour pages it made files larger, not smaller, and cost
  // 10–14× the encoding time (an A4 page at 300 dpi: 5.4 s against 0.4 s, 0.57 against 0.54 MB, on a
  // loaded machine); it was the largest part of what images add to a build.
  const data = await sized.withMetadata({ density: dpi }).png({ compressionLevel: 6, adaptiveFiltering: false }).toBuffer();
  return { data, px: [tw, th] };
}
