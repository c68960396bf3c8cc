/**
 * Checks of a composed document before it reaches the browser, for every caller of composeVariant
 * (build, check, dev): no text printed as "[object Object]", "undefined" or "NaN" (compose/text-guard.ts),
 * fonts only from brand.fonts (compose/css-fonts.ts), and no template that makes the page navigate away (a <meta http-equiv="refresh"> replaced the document
 * mid-render, and the build died with "Execution context was destroyed" and no file named).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LehtinenError, type SourceRef } from '../errors.js';
import type { KeyUse } from '../i18n/translator.js';
import type { Workspace } from '../workspace/workspace.js';
import { assertCssFonts } from './css-fonts.js';
import { guardText, stringsOf, suspectWords, visibleText } from './text-guard.js';

/** Words the workspace writes itself (in a locale string, a template or the config): content, not a defect. */
const writtenWords = new WeakMap<Workspace, Set<string>>();

function wordsOf(ws: Workspace): Set<string> {
  let words = writtenWords.get(ws);
  if (!words) {
    words = new Set<string>();
    for (const b of ws.translations.bundles.values()) for (const s of stringsOf(b.namespaces)) suspectWords(s).forEach((w) => words!.add(w));
    for (const f of ws.templates.files) suspectWords(readSource(ws, f)).forEach((w) => words!.add(w));
    for (const s of stringsOf(ws.config)) suspectWords(s).forEach((w) => words!.add(w));
    writtenWords.set(ws, words);
  }
  return words;
}

function readSource(ws: Workspace, rel: string): string {
  try {
    return readFileSync(path.join(ws.root, rel), 'utf8');
  } catch {
    return '';
  }
}

/** The locale string whose text carries `word`, else the template. */
function sourceOf(ws: Workspace, lang: string, uses: KeyUse[], template: string, word: string): SourceRef {
  for (const u of uses) {
    const used = u.usedLng ?? lang;
    let text: unknown;
    try {
      text = ws.translations.i18n.t(u.key, { lng: used });
    } catch {
      continue;
    }
    if (typeof text === 'string' && text.includes(word)) {
      const [ns, ...key] = u.key.split(':');
      return { file: ws.translations.bundles.get(used)?.files[ns!] ?? `locales/${used}/${ns}.json`, key: key.join(':') };
    }
  }
  return { file: template };
}

export function guardComposed(
  ws: Workspace,
  c: { variant: { id: string; lang: { code: string }; material: { template: string } }; html: string; uses: KeyUse[] },
  templateFile: string,
): void {
  refuseNavigation(ws, c.variant.id, c.variant.material.template, templateFile, c.html);
  assertCssFonts(ws, c.variant.material.template);
  guardText(visibleText(c.html), {
    what: c.variant.id,
    written: (w) => wordsOf(ws).has(w),
    source: (w) => sourceOf(ws, c.variant.lang.code, c.uses, templateFile, w),
  });
}

/** A page of the downloads site (site/build-site.ts): the same guard as the print documents. */
export function guardSitePage(ws: Workspace, rel: string, html: string): void {
  guardText(visibleText(html), { what: `site/${rel}`, written: (w) => wordsOf(ws).has(w), source: () => ({ file: `site/${rel}` }) });
}

/** PDF title, author, subject and keywords: what a viewer's title bar and a library catalogue show. */
export function guardMeta(ws: Workspace, id: string, meta: { title: string; author: string; subject?: string; keywords?: string[] }): void {
  const fields: [string, string | undefined][] = [
    ['title', meta.title],
    ['author', meta.author],
    ['subject', meta.subject],
    ['keywords', meta.keywords?.join(' ')],
  ];
  for (const [name, value] of fields) {
    if (value === undefined) continue;
    guardText(value, { what: `${id} PDF ${name}`, written: (w) => wordsOf(ws).has(w), source: () => ({ file: 'lehtinen.config.yaml' }) });
  }
}

const REFRESH = /<meta\b[^>]*\bhttp-equiv\s*=\s*["']?\s*refresh\b/i;

function refuseNavigation(ws: Workspace, id: string, template: string, templateFile: string, html: string): void {
  const m = REFRESH.exec(html);
  if (!m) return;
  // Name the file that holds it: the material's template, a partial or the base style sheet.
  const files = ws.templates.files.filter((f) => f.startsWith(`templates/${template}/`) || f.startsWith('templates/partials/'));
  let where: SourceRef = { file: templateFile };
  for (const f of files) {
    const src = readSource(ws, f);
    const hit = REFRESH.exec(src);
    if (hit) {
      where = { file: f, line: src.slice(0, hit.index).split('\n').length };
      break;
    }
  }
  throw new LehtinenError('TEMPLATE_RENDER', `${id}: the template has a <meta http-equiv="refresh">, which makes the page navigate away while it is printed`, {
    where,
    hint: 'Remove the <meta http-equiv="refresh"> from the template: a printed page cannot redirect.',
  });
}
