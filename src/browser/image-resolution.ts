/**
 * Raster images as printed: every <img> and CSS background image on a page, its pixels against the size
 * it is drawn at, as effective dpi (check/frame-rules.ts turns low values into findings). Vector images
 * (SVG) are skipped. Backgrounds of ::before and ::after count too (a decorative photo is often one), at
 * their computed size; a pseudo-element without a definite size (an inline one) cannot be measured.
 */

export interface ImageMeasure {
  /** workspace-relative path (or the URL when it is not a workspace file) */
  src: string;
  page: number;
  /** image pixels and the size it is printed at, mm */
  px: [number, number];
  mm: [number, number];
  /** effective resolution at the printed size (the lower of the two axes) */
  dpi: number;
  /** how it is placed: img or CSS background */
  kind: 'img' | 'background';
}

/**
 * Runs in the page (page scripts are disabled; DevTools evaluation works). Helpers are arrow functions
 * in consts: esbuild (tsx, vitest) wraps named inner functions in a __name() helper the page lacks.
 */
export async function measureImages(): Promise<ImageMeasure[]> {
  const MM = 25.4 / 96;
  const round = (px: number) => Math.round(px * MM * 100) / 100;
  const pages = [...document.querySelectorAll<HTMLElement>('.page')];
  const images: ImageMeasure[] = [];
  const rel = (url: string) => {
    try {
      const u = new URL(url, document.baseURI);
      return u.origin === location.origin ? decodeURIComponent(u.pathname.slice(1)) : url;
    } catch {
      return url;
    }
  };
  const isVector = (url: string) => /^data:image\/svg/i.test(url) || /\.svgz?(?:[?#]|$)/i.test(url);
  for (const [i, p] of pages.entries()) {
    for (const img of p.querySelectorAll('img')) {
      const r = img.getBoundingClientRect();
      const url = img.currentSrc || img.src;
      if (!r.width || !r.height || !img.naturalWidth || isVector(url)) continue;
      const dpi = Math.min(img.naturalWidth / (r.width / 96), img.naturalHeight / (r.height / 96));
      images.push({ src: rel(url), page: i + 1, px: [img.naturalWidth, img.naturalHeight], mm: [round(r.width), round(r.height)], dpi: Math.round(dpi), kind: 'img' });
    }
    // Each element's own box, then its ::before and ::after boxes where they are drawn with a definite size.
    const boxes: { cs: CSSStyleDeclaration; width: number; height: number }[] = [];
    for (const e of [p, ...p.querySelectorAll<HTMLElement>('*')]) {
      const own = getComputedStyle(e);
      if (own.backgroundImage && own.backgroundImage !== 'none') {
        const r = e.getBoundingClientRect();
        boxes.push({ cs: own, width: r.width, height: r.height });
      }
      for (const pseudo of ['::before', '::after']) {
        const cs = getComputedStyle(e, pseudo);
        if (cs.content === 'none' || cs.display === 'none' || !cs.backgroundImage || cs.backgroundImage === 'none') continue;
        // Resolved width/height are px for a laid-out box (the content box unless border-box); 'auto' otherwise.
        const content = cs.boxSizing !== 'border-box';
        const px = (v: string) => parseFloat(v) || 0;
        const width = parseFloat(cs.width) + (content ? px(cs.paddingLeft) + px(cs.paddingRight) : 0);
        const height = parseFloat(cs.height) + (content ? px(cs.paddingTop) + px(cs.paddingBottom) : 0);
        if (width > 0 && height > 0) boxes.push({ cs, width, height });
      }
    }
    for (const { cs, width, height } of boxes) {
      const sizes = cs.backgroundSize.split(',');
      let n = 0;
      for (const m of cs.backgroundImage.matchAll(/url\("?([^")]+)"?\)/g)) {
        const url = m[1]!;
        const size = (sizes[n++] ?? sizes[0] ?? 'auto').trim();
        if (isVector(url)) continue;
        const im = new Image();
        im.src = url;
        try {
          await im.decode();
        } catch {
          continue;
        }
        const nw = im.naturalWidth;
        const nh = im.naturalHeight;
        if (!nw || !nh) continue;
        let w: number;
        if (size === 'cover') w = nw * Math.max(width / nw, height / nh);
        else if (size === 'contain') w = nw * Math.min(width / nw, height / nh);
        else {
          const [a = 'auto', b = 'auto'] = size.split(/\s+/);
          const len = (v: string, full: number) => (v.endsWith('%') ? (parseFloat(v) / 100) * full : v === 'auto' ? NaN : parseFloat(v));
          const ww = len(a, width);
          const hh = len(b, height);
          w = !isNaN(ww) ? ww : !isNaN(hh) ? (hh * nw) / nh : nw;
        }
        const h = (w * nh) / nw;
        images.push({ src: rel(url), page: i + 1, px: [nw, nh], mm: [round(w), round(h)], dpi: Math.round(nw / (w / 96)), kind: 'background' });
      }
    }
  }
  return images;
}
