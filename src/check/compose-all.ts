/**
 * Compose every material × language the way a build does (no browser), with every string marked by its
 * key: tells which keys each material prints, on which page, how each was answered, and surfaces
 * template and asset errors as findings instead of stopping at the first.
 */
import { composeVariant, type ComposedVariant } from '../compose/document.js';
import { planVariants } from '../compose/variants.js';
import { isLehtinenError } from '../errors.js';
import type { Workspace } from '../workspace/workspace.js';
import type { CheckProblem } from './output-schema.js';

export interface ComposedForCheck {
  composed: ComposedVariant[];
  /** `${material}|${lang}` → key → pages (1-based) */
  pages: Map<string, Map<string, number[]>>;
  problems: CheckProblem[];
}

export function composeAll(ws: Workspace, langs?: string[]): ComposedForCheck {
  const out: ComposedForCheck = { composed: [], pages: new Map(), problems: [] };
  const day = new Date().toISOString().slice(0, 10);
  for (const v of planVariants(ws, { langs })) {
    try {
      const c = composeVariant(ws, v, day, { trace: true });
      out.composed.push(c);
      out.pages.set(`${v.material.id}|${v.lang.code}`, keyPages(c.html));
      checkQrUrl(c, out.problems);
      for (const m of c.html.matchAll(/\b(?:href|src)="(http:\/\/[^"]*)"/g)) {
        out.problems.push({
          severity: 'warning', code: 'URL_NOT_HTTPS', lang: v.lang.code, material: v.material.id, file: ws.templates.materials.get(v.material.template)?.file ?? `templates/${v.material.template}/index.hbs`,
          message: `${v.id}: link ${m[1]} is not https`, hint: 'Use https:// addresses.',
        });
      }
    } catch (e) {
      if (!isLehtinenError(e)) throw e;
      out.problems.push({
        severity: 'error', code: e.code, lang: v.lang.code, material: v.material.id, ...e.where,
        message: e.message.startsWith(`${v.id}: `) ? e.message : `${v.id}: ${e.message}`, ...(e.hint ? { hint: e.hint } : {}),
      });
    }
  }
  return out;
}

function checkQrUrl(c: ComposedVariant, problems: CheckProblem[]): void {
  const { material, lang } = c.variant;
  let ok = false;
  try {
    const u = new URL(c.qr.payload);
    ok = u.protocol === 'https:' && !!u.hostname;
  } catch {
    ok = false;
  }
  if (!ok) {
    problems.push({
      severity: 'error', code: 'QR_URL', lang: lang.code, material: material.id, file: 'lehtinen.config.yaml', key: `materials.${material.id}.qr.url`,
      message: `${c.variant.id}: the QR code points to "${c.qr.payload}", which is not an absolute https:// address`,
      hint: 'Phones open only what the code says: give a full https:// address (or use {baseUrl}).',
    });
  }
}

/**
 * Which page each key is printed on, read from the composed HTML: templates write one element with class
 * "page" per page (docs/workspace.md, "Templates"), and pages are fixed boxes that clip their content, so a string
 * belongs to the page element it is written in.
 */
export function keyPages(html: string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  let page = 0;
  const re = /<[a-z][a-z0-9-]*\b[^>]*?\bclass="([^"]*)"[^>]*>/gi;
  for (const m of html.matchAll(re)) {
    const tag = m[0];
    if (/(^|\s)page(\s|$)/.test(m[1]!)) page++;
    const k = /\bdata-l10n-key="([^"]*)"/.exec(tag);
    if (k && page > 0) {
      const key = unescapeAttr(k[1]!);
      const list = out.get(key) ?? [];
      if (!list.includes(page)) list.push(page);
      out.set(key, list);
    }
  }
  return out;
}

function unescapeAttr(s: string): string {
  return s.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&#x60;/g, '`').replace(/&#x3D;/g, '=').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
