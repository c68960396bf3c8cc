/**
 * Variant → HTML. The workspace template renders the pages; this module wraps them in lehtinen's own
 * document shell: fonts from the workspace, geometry and brand colours as CSS custom properties, the
 * page box, and a Content-Security-Policy that forbids scripts and any origin but the render sandbox.
 */
import { existsSync } from 'node:fs';
import Handlebars from 'handlebars';
import { LehtinenError } from '../errors.js';
import { VERSION } from '../version.js';
import type { KeyUse } from '../i18n/translator.js';
import { sandboxUrl, SANDBOX_ORIGIN } from '../browser/sandbox-origin.js';
import { resolveInside } from '../workspace/files.js';
import type { Workspace } from '../workspace/workspace.js';
import { bleedBoxMm, browserPageMm, foldPositions, type Geometry } from './geometry.js';
import { makeHelpers } from './helpers.js';
import { textSetter } from './text-setting.js';
import { proofCss } from './proof.js';
import { fontFaceCss } from './font-faces.js';
import { makeQr, type QrSymbol } from './qr.js';
import { qrAddress, qrAddressKey } from './qr-address.js';
import { renderError } from './templates.js';
import { guardComposed } from './guards.js';
import type { Variant } from './variants.js';
import { contentData } from '../content/model.js';
import { contentHelpers } from '../content/template-helpers.js';
import { fallbackNotices, type FallbackNotice } from '../content/fallback-notice.js';

const { escapeExpression: esc } = Handlebars;

export interface ComposedVariant {
  variant: Variant;
  title: string;
  qr: QrSymbol;
  geometry: Geometry;
  html: string;
  /** every translation key the variant printed, with how it was answered */
  uses: KeyUse[];
}

export interface ComposeOptions {
  /** proof: mark draft, outdated and fallback strings on the page and label every page (compose/proof.ts) */
  proof?: boolean;
  /** mark every string with its key, so checks can tell on which page it is printed */
  trace?: boolean;
}

export function composeVariant(ws: Workspace, variant: Variant, buildDate: string, opts: ComposeOptions = {}): ComposedVariant {
  const { material, lang } = variant;
  const tmpl = ws.templates.materials.get(material.template)!;
  const translator = ws.translations.forLanguage(lang.code);
  const cfg = ws.config;
  const qrUrl = qrAddress(material.qrUrl, cfg.baseUrl, lang.code, material.id);
  // The QR code's alt text names its address in the variant's language (common:qr.alt), where the
  // workspace has that key; otherwise the address itself.
  const qrAlt = ws.translations.i18n.exists('common:qr.alt', { lng: ws.sourceLang })
    ? translator.t('common:qr.alt', { url: urlLabel(qrUrl) })
    : qrUrl;
  let qr: QrSymbol;
  try {
    qr = makeQr(qrUrl, { dark: '#000000', light: '#ffffff', label: qrAlt });
  } catch (e) {
    // Name the key the address comes from: the payload alone does not say where to shorten it.
    if (e instanceof LehtinenError) {
      throw new LehtinenError(e.code, `${variant.id}: the QR address is ${qrUrl.length} characters, too long for a QR code`, {
        where: { file: 'lehtinen.config.yaml', key: qrAddressKey(material, cfg.baseUrl) },
        hint: 'Use a short address (a QR code on a leaflet should stay under about 100 characters), e.g. a short path under baseUrl.',
        cause: e,
      });
    }
    throw e;
  }
  const geometry: Geometry = {
    trim: material.trim,
    bleed: material.bleed,
    safe: material.safe,
    pages: material.pages,
    panels: material.panels,
  };
  const assetUrl = (rel: string) => {
    if (!existsSync(resolveInside(ws.root, rel, 'asset', tmpl.file))) {
      throw new LehtinenError('ASSET_MISSING', `asset "${rel}" does not exist (used by ${variant.id})`, {
        where: { file: tmpl.file },
        hint: 'Check the path: it is relative to the workspace folder, e.g. assets/logo.svg.',
      });
    }
    return sandboxUrl(rel);
  };
  const title = translator.t(`${material.id}:title`);

  const data = {
    lang: { code: lang.code, name: lang.name },
    sourceLang: ws.sourceLang,
    languages: ws.languages.map((l) => ({ code: l.code, name: l.name, current: l.code === lang.code })),
    material: {
      id: material.id,
      trim: { w: material.trim[0], h: material.trim[1] },
      bleed: material.bleed,
      safe: material.safe,
      pages: material.pages,
      panels: material.panels ?? [],
    },
    organisation: {
      ...cfg.organisation,
      logo: assetUrl(cfg.organisation.logo),
      websiteLabel: urlLabel(cfg.organisation.website),
    },
    campaign: cfg.campaign,
    baseUrl: cfg.baseUrl,
    contacts: Object.fromEntries(
      Object.entries(cfg.contacts).map(([id, c]) => [
        id,
        { phone: c.phone ?? '', email: c.email ?? '', url: c.url ?? '', urlLabel: c.url ? urlLabel(c.url) : '' },
      ]),
    ),
    qr: { url: qrUrl, label: urlLabel(qrUrl) },
    // The content model (docs/content-model.md): translation keys of what the default templates print.
    content: contentData(ws, material.id, assetUrl, urlLabel),
    // Set on the second pass when the first printed fallback text (content/fallback-notice.ts).
    fallback: null as { notices: FallbackNotice[] } | null,
    build: { date: buildDate, version: VERSION },
  };

  const setter = textSetter(ws.root, lang.code);
  const render = () => {
    try {
      return tmpl.render(data, {
        helpers: { ...contentHelpers, ...makeHelpers({ translator, qr, assetUrl, callingCode: cfg.organisation.callingCode, markAll: opts.trace, typeset: setter }) },
        allowProtoPropertiesByDefault: false,
        allowProtoMethodsByDefault: false,
      });
    } catch (e) {
      throw renderError(e, tmpl.file, variant.id);
    }
  };
  let body = render();
  // Which texts fall back is known once the page is rendered: then render it again with the notice.
  const fellBack = [...translator.uses.values()].filter((u) => u.status === 'fallback' && u.usedLng).map((u) => u.usedLng!);
  if (fellBack.length) {
    const notices = fallbackNotices(ws, lang.code, lang.fallback.filter((l) => fellBack.includes(l)).concat(fellBack));
    if (notices.length) {
      data.fallback = { notices };
      body = render();
    }
  }
  body += seamsElement(setter.seams);

  const html = shell({
    ws,
    variant,
    title,
    geometry,
    css: [ws.templates.baseCss, tmpl.css, ...(opts.proof ? [proofCss(variant, translator.uses.values(), cfg.brand.fonts[0]!.family)] : [])],
    body,
    bodyClass: opts.proof ? 'lehtinen-proof' : undefined,
  });
  const composed = { variant, title, qr, geometry, html, uses: [...translator.uses.values()] };
  guardComposed(ws, composed, tmpl.file);
  return composed;
}

/**
 * Where the compounds of the text meet (Voikko, compose/voikko.ts), for the page: a heading that must
 * hyphenate a word breaks it there first (browser/frames.ts). Data in an attribute of an inert <template>.
 */
function seamsElement(seams: Map<string, number[]>): string {
  if (!seams.size) return '';
  return `<template id="lehtinen-seams" data-seams="${esc(JSON.stringify(Object.fromEntries(seams)))}"></template>`;
}

/** "https://www.example.fi/path/" → "example.fi/path", the way URLs are printed. */
export function urlLabel(url: string): string {
  return url.replace(/^https?:\/\//, '').replace(/^www\./, '').replace(/\/+$/, '');
}

function shell(o: {
  ws: Workspace;
  variant: Variant;
  title: string;
  geometry: Geometry;
  css: string[];
  body: string;
  bodyClass?: string;
}): string {
  const { ws, variant, geometry: g } = o;
  const [bw, bh] = bleedBoxMm(g);
  const [pw, ph] = browserPageMm(g);
  // block: the browser must print with the shipped fonts, never with a fallback drawn meanwhile.
  const fontFaces = fontFaceCss(ws, sandboxUrl, 'block');
  const colors = Object.entries(ws.config.brand.colors)
    .map(([k, v]) => `--color-${k}:${v};`)
    .join('');
  const panelVars = (g.panels ?? [])
    .map((widths, p) => `--panels-${p + 1}:${widths.map((w) => `${w}mm`).join(' ')};`)
    .join('');
  const folds = (g.panels ?? []).map((_, p) => foldPositions(g, p));
  const csp = [
    "default-src 'none'",
    `img-src ${SANDBOX_ORIGIN} data:`,
    `font-src ${SANDBOX_ORIGIN}`,
    `style-src ${SANDBOX_ORIGIN} 'unsafe-inline'`,
    "script-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return `<!doctype html>
<html lang="${esc(variant.lang.code)}" data-material="${esc(variant.material.id)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">
<meta name="generator" content="lehtinen ${esc(VERSION)}">
<link rel="icon" href="data:,">
<title>${esc(o.title)}</title>
<style>
${fontFaces}
:root{--trim-w:${g.trim[0]}mm;--trim-h:${g.trim[1]}mm;--bleed:${g.bleed}mm;--safe:${g.safe}mm;--page-w:${bw}mm;--page-h:${bh}mm;${panelVars}${colors}}
/* The browser page is the bleed box plus an overscan that is cut off afterwards (compose/geometry.ts). */
@page{size:${pw}mm ${ph}mm;margin:0}
html,body{margin:0;padding:0}
body{-webkit-print-color-adjust:exact;print-color-adjust:exact}
.page{position:relative;width:var(--page-w);height:var(--page-h);overflow:hidden;break-after:page;break-inside:avoid}
.page:last-of-type{break-after:auto}
.trim{position:absolute;left:var(--bleed);top:var(--bleed);width:var(--trim-w);height:var(--trim-h)}
.safe{position:absolute;inset:var(--safe)}
</style>
<style>
${o.css.join('\n')}
</style>
</head>
<body class="material-${esc(variant.material.id)} lang-${esc(variant.lang.code)}${o.bodyClass ? ` ${esc(o.bodyClass)}` : ''}" data-folds="${esc(JSON.stringify(folds))}">
${o.body}
</body>
</html>
`;
}
