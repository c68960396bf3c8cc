/**
 * manifest + workspace → output/site/: the downloads site, self-contained so the folder can be uploaded
 * as it is to the address in baseUrl. The built files are put under site/files/ at their manifest
 * paths (hard links: no second copy on disk), the workspace's fonts and logo under site/assets/.
 * The site is staged whole and replaces the previous one only when the build succeeds.
 */
import { fallbackNotices } from '../content/fallback-notice.js';
import path from 'node:path';
import type { Manifest, ManifestBundle } from '../output/manifest.js';
import type { Staging } from '../output/staging.js';
import type { Problem } from '../problems.js';
import { resolveInside } from '../workspace/files.js';
import type { Workspace } from '../workspace/workspace.js';
import { urlLabel } from '../compose/document.js';
import { guardSitePage } from '../compose/guards.js';
import { ASSETS_DIR, FILES_DIR, indexPage, languagePage, materialPage, pagePath, type SiteContext } from './pages.js';
import { SiteText } from './strings.js';
import { siteCss } from './style.js';

export const SITE_DIR = 'site';

export interface SiteResult {
  /** site-relative paths of the HTML pages */
  pages: string[];
  problems: Problem[];
}

export async function writeSite(ws: Workspace, manifest: Manifest, bundles: ManifestBundle[], staging: Staging): Promise<SiteResult> {
  staging.replaceWhole(SITE_DIR);
  const put = (rel: string, data: string | Uint8Array) => staging.write(`${SITE_DIR}/${rel}`, data);

  // Downloads: every file the manifest lists, and the bundles, at their manifest paths under files/.
  for (const f of [...manifest.variants.flatMap((v) => v.files), ...bundles]) {
    await staging.linkFrom(staging.pathOf(f.path), `${SITE_DIR}/${FILES_DIR}/${f.path}`);
  }

  // Assets: fonts and logo from the workspace, and the stylesheet.
  const assetName = (rel: string) => `fonts/${path.posix.basename(rel)}`;
  for (const family of ws.config.brand.fonts) {
    for (const file of family.files) {
      const abs = resolveInside(ws.root, file.path, 'brand.fonts', 'lehtinen.config.yaml');
      await staging.linkFrom(abs, `${SITE_DIR}/${ASSETS_DIR}/${assetName(file.path)}`);
    }
  }
  const logoRel = ws.config.organisation.logo;
  const logo = `logo${path.extname(logoRel).toLowerCase()}`;
  await staging.linkFrom(resolveInside(ws.root, logoRel, 'organisation.logo', 'lehtinen.config.yaml'), `${SITE_DIR}/${ASSETS_DIR}/${logo}`);
  await put(`${ASSETS_DIR}/site.css`, siteCss(ws, assetName));

  const fallbackOf = new Map(ws.languages.map((l) => [l.code, l.fallback[0] ?? ws.sourceLang]));
  const ctx: SiteContext = {
    baseUrl: manifest.workspace.baseUrl,
    languages: manifest.languages,
    sourceLang: ws.sourceLang,
    variants: manifest.variants,
    bundles,
    logo,
    website: ws.config.organisation.website,
    websiteLabel: urlLabel(ws.config.organisation.website),
    // The funders' statements the source language has (docs/content-model.md).
    funderKeys: ws.config.funders.map((f) => `common:funders.${f.id}`).filter((k) => ws.translations.i18n.exists(k, { lng: ws.sourceLang })),
    fallbackNotice: (lang, fallbacks) => fallbackNotices(ws, lang, fallbacks),
    fallbackOf: (lang) => fallbackOf.get(lang) ?? ws.sourceLang,
    text: (lang) => new SiteText(ws, lang, fallbackOf.get(lang) ?? ws.sourceLang),
  };

  const pages = new Map<string, string>();
  pages.set(pagePath.index(), indexPage(ctx));
  for (const lang of manifest.languages) {
    if (!manifest.variants.some((v) => v.lang === lang.code)) continue;
    pages.set(pagePath.language(lang.code), languagePage(ctx, lang.code));
  }
  for (const v of manifest.variants) pages.set(pagePath.material(v.lang, v.material), materialPage(ctx, v));
  for (const [rel, html] of pages) {
    guardSitePage(ws, rel, html);
    await put(rel, html);
  }

  return { pages: [...pages.keys()], problems: qrProblems(manifest, new Set(pages.keys())) };
}

/** Each printed QR code must open a page of this site; one that points elsewhere is reported. */
function qrProblems(manifest: Manifest, pages: Set<string>): Problem[] {
  const base = manifest.workspace.baseUrl.replace(/\/+$/, '') + '/';
  const out: Problem[] = [];
  for (const v of manifest.variants) {
    const page = sitePageFor(v.qr, base);
    if (page && pages.has(page)) continue;
    out.push({
      severity: 'warning',
      code: 'SITE_QR',
      lang: v.lang,
      material: v.material,
      message: `the QR code of ${v.material}-${v.lang} opens ${v.qr}, which is not a page of the downloads site (it has ${base}${v.lang}/${v.material}/)`,
      file: 'lehtinen.config.yaml',
      key: `materials.${v.material}.qr.url`,
    });
  }
  return out;
}

/** The site page a public URL opens (directory URLs serve their index.html), if it lies under baseUrl. */
export function sitePageFor(url: string, base: string): string | undefined {
  if (!url.startsWith(base)) return undefined;
  const rest = decodeURIComponent(url.slice(base.length).split(/[?#]/)[0]!);
  return rest === '' || rest.endsWith('/') ? `${rest}index.html` : rest;
}
