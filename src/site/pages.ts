/**
 * The HTML of the downloads site: a language chooser (index.html), one page per language
 * (<lang>/index.html) and one per material and language (<lang>/<material>/index.html, the page the
 * printed QR codes open). Plain HTML and one stylesheet: no scripts, no requests outside the site,
 * every link relative so the folder works wherever it is uploaded (and from a disk).
 * Everything printed comes from the manifest or the locales and is escaped here.
 */
import path from 'node:path';
import Handlebars from 'handlebars';
import type { ManifestBundle, ManifestFile, ManifestVariant } from '../output/manifest.js';
import type { SiteText } from './strings.js';

const { escapeExpression: esc } = Handlebars;

export const FILES_DIR = 'files';
export const ASSETS_DIR = 'assets';

export interface SiteLanguage {
  code: string;
  name: string;
}

export interface SiteContext {
  baseUrl: string;
  languages: SiteLanguage[];
  sourceLang: string;
  /** variants in the workspace's order */
  variants: ManifestVariant[];
  bundles: ManifestBundle[];
  /** file name of the logo inside assets/ */
  logo?: string;
  website: string;
  websiteLabel: string;
  /** translation keys of the funders' statements (common:funders.<id>), in the config's order */
  funderKeys: string[];
  /** the notice lines of a page in `lang` that shows texts of `fallbacks` (content/fallback-notice.ts) */
  fallbackNotice: (lang: string, fallbacks: string[]) => { lang: string; text: string }[];
  /** the first language of `lang`'s fallback chain */
  fallbackOf: (lang: string) => string;
  /** a fresh set of texts in `lang` (one per page, so each page knows its own drafts) */
  text: (lang: string) => SiteText;
}

/** Site-relative path of a page. */
export const pagePath = {
  index: () => 'index.html',
  language: (lang: string) => `${lang}/index.html`,
  material: (lang: string, material: string) => `${lang}/${material}/index.html`,
};

/** A relative link from the page at `from` to the site path `to`. */
function href(from: string, to: string): string {
  const rel = path.posix.relative(path.posix.dirname(from), to);
  return rel.split('/').map(encodeURIComponent).join('/');
}

/** Absolute address of a page on the published site, for rel=alternate and canonical links. */
function publicUrl(ctx: SiteContext, page: string): string {
  return `${ctx.baseUrl.replace(/\/+$/, '')}/${page.replace(/(^|\/)index\.html$/, '$1')}`;
}

interface Shell {
  ctx: SiteContext;
  page: string;
  lang: string;
  /** the page's texts: the same instance the body was written with, so its drafts count */
  t: SiteText;
  title: string;
  body: string;
  /** pages of the same content in other languages, for hreflang links */
  alternates: { lang: string; page: string }[];
  /** the language navigation: each language's version of this page */
  nav: { lang: string; page: string }[];
  /** the materials listed on the page contain drafts or fallback text */
  materialDrafts: boolean;
  /** the page's material printed texts of its fallback language */
  materialFallback?: boolean;
}

function shell(s: Shell): string {
  const { ctx, page, t } = s;
  const csp = "default-src 'none'; img-src 'self'; style-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'";
  const alternates = s.alternates
    .map((a) => `<link rel="alternate" hreflang="${esc(a.lang)}" href="${esc(publicUrl(ctx, a.page))}">`)
    .join('\n');
  const nav = s.nav
    .map((n) => {
      const l = ctx.languages.find((x) => x.code === n.lang)!;
      const current = n.page === page ? ' aria-current="page"' : '';
      return `<li><a href="${href(page, n.page)}" hreflang="${esc(l.code)}" lang="${esc(l.code)}"${current}>${esc(l.name)}</a></li>`;
    })
    .join('');
  const logo = ctx.logo
    ? `<img src="${href(page, `${ASSETS_DIR}/${ctx.logo}`)}" alt="${esc(t.plain('common:logo.alt'))}" width="44" height="44">`
    : '';
  const home = s.lang === '' ? pagePath.index() : pagePath.language(s.lang);
  const navLabel = t.plain('site:languages');
  const footer = `${ctx.funderKeys.map((k) => `<p>${t.html(k)}</p>`).join('')}<p><a href="${esc(ctx.website)}">${esc(ctx.websiteLabel)}</a></p>`;
  // After every string of the page was looked up: any draft among them shows the notice.
  const draftNotice = s.materialDrafts || t.drafts.size > 0 ? draftNote(ctx, s.lang) : '';
  // Fallback text is named separately, once, in the page's language and the fallback's.
  const fellBack = [...t.fallbacks, ...(s.materialFallback && s.lang ? [ctx.fallbackOf(s.lang)] : [])];
  const fallbackNotice = fellBack.length && s.lang ? fallbackNote(ctx.fallbackNotice(s.lang, fellBack)) : '';
  return `<!doctype html>
<html lang="${esc(s.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">
<title>${esc(s.title)}</title>
<link rel="stylesheet" href="${href(page, `${ASSETS_DIR}/site.css`)}">
<link rel="canonical" href="${esc(publicUrl(ctx, page))}">
${alternates}
</head>
<body>
<a class="skip" href="#main">${t.html('site:skip')}</a>
<header class="site-header">
<div class="wrap">
<a class="brand" href="${href(page, home)}">${logo}<span>${t.html('common:campaign.name')}</span></a>
<nav aria-label="${esc(navLabel)}"${t.usedLang('site:languages') !== s.lang ? ` lang="${esc(t.usedLang('site:languages'))}"` : ''}><ul class="langs">${nav}</ul></nav>
</div>
</header>
<main id="main" class="wrap">
${draftNotice}${fallbackNotice}${s.body}
</main>
<footer class="site-footer"><div class="wrap">${footer}</div></footer>
</body>
</html>
`;
}

/** Said whenever a page shows drafts: a draft never passes as reviewed. */
function fallbackNote(lines: { lang: string; text: string }[]): string {
  if (!lines.length) return '';
  return `<div class="fallback-note" role="note">${lines.map((l) => `<p lang="${esc(l.lang)}">${esc(l.text)}</p>`).join('')}</div>\n`;
}

function draftNote(ctx: SiteContext, lang: string): string {
  // In the page's language (a draft itself, where that is a Sámi language), then in the source language and English.
  const langs = [...new Set([lang, ctx.sourceLang, 'en'])].filter((l) => ctx.languages.some((x) => x.code === l));
  // A language without its own site:draft would repeat another's line: it is left out.
  const lines = langs
    .map((l) => ({ l, t: ctx.text(l) }))
    .map(({ l, t }) => ({ l, text: t.plain('site:draft'), own: t.usedLang('site:draft') === l }))
    .filter((x) => x.own)
    .map((x) => `<p lang="${esc(x.l)}">${esc(x.text)}</p>`)
    .join('');
  return `<div class="draft" role="note">${lines}</div>\n`;
}

const fileOf = (v: ManifestVariant, kind: string, page?: number) =>
  v.files.find((f) => f.kind === kind && (page === undefined || f.page === page));
const filePath = (f: ManifestFile | ManifestBundle) => `${FILES_DIR}/${f.path}`;

function downloads(ctx: SiteContext, page: string, v: ManifestVariant, t: SiteText, describedBy: string): string {
  const items: string[] = [];
  const web = fileOf(v, 'web-pdf');
  const print = fileOf(v, 'print-pdf');
  const pngs = v.files.filter((f) => f.kind === 'png');
  const size = (f: ManifestFile) => esc(t.plain('site:fileType', { size: t.megabytes(f.bytes) }));
  if (web) {
    items.push(
      `<li><a class="primary" href="${href(page, filePath(web))}" type="application/pdf" aria-describedby="${describedBy}">${t.html('site:download')}</a>` +
        `<span class="meta">${size(web)}</span></li>`,
    );
  }
  if (print) {
    items.push(
      `<li><a href="${href(page, filePath(print))}" type="application/pdf" aria-describedby="${describedBy}">${t.html('site:print')}</a>` +
        `<span class="meta">${t.html('site:printNote')} · ${size(print)}</span></li>`,
    );
  }
  if (pngs.length) {
    const links = pngs
      .map((f) => `<a href="${href(page, filePath(f))}" type="image/png">${t.html('site:page', { page: f.page })}</a>`)
      .join(' ');
    items.push(`<li class="images">${t.html('site:images')}: ${links}</li>`);
  }
  return `<ul class="downloads">${items.join('')}</ul>`;
}

function facts(v: ManifestVariant, t: SiteText): string {
  return `<p class="facts">${t.html('site:pages', { count: v.pages })} · ${t.html('site:size.trim', { w: t.number(v.trimMm[0], 0), h: t.number(v.trimMm[1], 0) })}</p>`;
}

function preview(page: string, v: ManifestVariant, t: SiteText, n: number, lazy: boolean): string {
  const f = fileOf(v, 'preview', n);
  if (!f) return '';
  const [w, h] = f.px ?? [];
  const alt = t.plain('site:preview', { title: v.title, page: n });
  const dims = w && h ? ` width="${w}" height="${h}"` : '';
  return `<div class="preview"><img src="${href(page, filePath(f))}" alt="${esc(alt)}"${dims}${lazy ? ' loading="lazy"' : ''}></div>`;
}

export function languagePage(ctx: SiteContext, lang: string): string {
  const page = pagePath.language(lang);
  const t = ctx.text(lang);
  const variants = ctx.variants.filter((v) => v.lang === lang);
  const cards = variants
    .map((v, i) => {
      const id = `m-${v.material}`;
      return `<li class="material">
<h2 id="${id}"><a href="${href(page, pagePath.material(lang, v.material))}">${esc(v.title)}</a></h2>
${preview(page, v, t, 1, i > 1)}
${facts(v, t)}
${downloads(ctx, page, v, t, id)}
</li>`;
    })
    .join('\n');
  const bundles = bundleList(ctx, page, t, lang);
  const body = `<h1>${t.html('site:materials')}</h1>
<p class="intro">${t.html('site:intro')}</p>
<ul class="materials">
${cards}
</ul>
${bundles}`;
  const all = ctx.languages.map((l) => ({ lang: l.code, page: pagePath.language(l.code) }));
  const drafty = variants.some((v) => (v.strings.draft ?? 0) > 0);
  const fellBack = variants.some((v) => (v.strings.fallback ?? 0) > 0);
  const html = shell({
    ctx,
    page,
    lang,
    t,
    title: `${t.plain('site:materials')} – ${t.plain('common:campaign.name')}`,
    body,
    alternates: all,
    nav: all,
    materialDrafts: drafty,
    materialFallback: fellBack,
  });
  return html;
}

export function materialPage(ctx: SiteContext, v: ManifestVariant): string {
  const page = pagePath.material(v.lang, v.material);
  const t = ctx.text(v.lang);
  const previews = Array.from({ length: v.pages }, (_, i) => preview(page, v, t, i + 1, i > 0)).join('\n');
  const others = ctx.variants.filter((x) => x.material === v.material);
  const otherLinks = others
    .filter((x) => x.lang !== v.lang)
    .map((x) => {
      const l = ctx.languages.find((y) => y.code === x.lang)!;
      return `<li><a href="${href(page, pagePath.material(x.lang, x.material))}" hreflang="${esc(l.code)}" lang="${esc(l.code)}">${esc(l.name)}</a>: <span lang="${esc(l.code)}">${esc(x.title)}</span></li>`;
    })
    .join('');
  const body = `<p><a href="${href(page, pagePath.language(v.lang))}">${t.html('site:back')}</a></p>
<h1 id="title">${esc(v.title)}</h1>
${facts(v, t)}
${downloads(ctx, page, v, t, 'title')}
<div class="previews">
${previews}
</div>
${otherLinks ? `<h2>${t.html('site:otherLanguages')}</h2>\n<ul class="downloads">${otherLinks}</ul>` : ''}`;
  const alts = others.map((x) => ({ lang: x.lang, page: pagePath.material(x.lang, x.material) }));
  const drafty = (v.strings.draft ?? 0) > 0;
  return shell({
    ctx,
    page,
    lang: v.lang,
    t,
    title: `${v.title} – ${t.plain('common:campaign.name')}`,
    body,
    alternates: alts,
    nav: alts,
    materialDrafts: drafty,
    materialFallback: (v.strings.fallback ?? 0) > 0,
  });
}

export function indexPage(ctx: SiteContext): string {
  const page = pagePath.index();
  const src = ctx.sourceLang;
  const t = ctx.text(src);
  const items = ctx.languages
    .filter((l) => ctx.variants.some((v) => v.lang === l.code))
    .map((l) => {
      const lt = ctx.text(l.code);
      return `<li><a href="${href(page, pagePath.language(l.code))}" hreflang="${esc(l.code)}" lang="${esc(l.code)}"><span class="endonym">${esc(l.name)}</span> <span class="campaign">${lt.html('common:campaign.name')}</span></a></li>`;
    })
    .join('\n');
  const body = `<h1>${t.html('common:campaign.name')}</h1>
<p class="intro">${t.html('site:intro')}</p>
<h2>${t.html('site:chooseLanguage')}</h2>
<ul class="choose">
${items}
</ul>
${bundleList(ctx, page, t)}`;
  const langs = ctx.languages.map((l) => ({ lang: l.code, page: pagePath.language(l.code) }));
  return shell({
    ctx,
    page,
    lang: src,
    t,
    title: t.plain('common:campaign.name'),
    body,
    alternates: [],
    nav: langs,
    materialDrafts: false,
  });
}

function bundleList(ctx: SiteContext, page: string, t: SiteText, lang?: string): string {
  const mine = ctx.bundles.filter((b) => (lang ? b.kind === 'language' && b.lang === lang : b.kind === 'print') || (lang && b.kind === 'print'));
  if (!mine.length) return '';
  const items = mine
    .map((b) => {
      const label = b.kind === 'print' ? t.html('site:printBundle') : t.html('site:bundle');
      return `<li><a href="${href(page, filePath(b))}" type="application/zip">${label}</a> <span class="meta">${esc(t.megabytes(b.bytes))}</span></li>`;
    })
    .join('');
  return `<section class="bundles" aria-labelledby="bundles"><h2 id="bundles">ZIP</h2><ul>${items}</ul></section>`;
}
