/**
 * Fonts are proven, not hoped for: every family a template's CSS asks for must be one of brand.fonts.
 * A family the config does not provide (base.css asks for "Noto Sans", the config has "Brand Sans") or a
 * declaration of generic families alone (`serif`) makes Chromium print with whatever the system has.
 * This is the static half, read from the style sheets with their lines; pipeline/pdf-fonts.ts reads the
 * fonts back from the PDF, for fallbacks no style sheet shows (a character the brand font lacks).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LehtinenError } from '../errors.js';
import type { Workspace } from '../workspace/workspace.js';

const GENERIC = new Set([
  'serif', 'sans-serif', 'monospace', 'cursive', 'fantasy', 'system-ui', 'math', 'emoji', 'fangsong',
  'ui-serif', 'ui-sans-serif', 'ui-monospace', 'ui-rounded',
]);
const WIDE = new Set(['inherit', 'initial', 'unset', 'revert', 'revert-layer']);
/** `font:` shorthand values that mean a system font by themselves */
const SYSTEM_FONTS = new Set(['caption', 'icon', 'menu', 'message-box', 'small-caption', 'status-bar']);
const SHORTHAND_WORDS = new Set([
  'normal', 'italic', 'oblique', 'bold', 'bolder', 'lighter', 'small-caps', 'ultra-condensed', 'extra-condensed',
  'condensed', 'semi-condensed', 'semi-expanded', 'expanded', 'extra-expanded', 'ultra-expanded',
  'xx-small', 'x-small', 'small', 'medium', 'large', 'x-large', 'xx-large', 'xxx-large', 'larger', 'smaller',
]);

export interface CssFamily {
  family: string;
  generic: boolean;
  /** the declaration names no family but generic ones (or a system font keyword) */
  alone: boolean;
  line: number;
}

/** The families named by font-family and font declarations (not inside @font-face, which defines one). */
export function cssFamilies(css: string): CssFamily[] {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '));
  const faces: [number, number][] = [];
  for (const m of text.matchAll(/@font-face\s*\{[^}]*\}/gi)) faces.push([m.index, m.index + m[0].length]);
  const out: CssFamily[] = [];
  for (const m of text.matchAll(/(?<![\w-])(font-family|font)\s*:\s*([^;{}]+)/gi)) {
    if (faces.some(([a, b]) => m.index >= a && m.index < b)) continue;
    const value = m[2]!.replace(/!important/i, '').trim();
    if (/var\(|env\(/i.test(value)) continue;
    const line = text.slice(0, m.index).split('\n').length;
    let parts = splitList(value);
    if (m[1]!.toLowerCase() === 'font') {
      if (parts.length === 1 && SYSTEM_FONTS.has(parts[0]!.toLowerCase())) {
        out.push({ family: parts[0]!, generic: true, alone: true, line });
        continue;
      }
      // "600 12pt/1.2 "Noto Sans"": the family starts after the size.
      const first = parts[0]!.match(/"[^"]*"|'[^']*'|\S+/g) ?? [];
      const rest = first.filter((t) => !/\d/.test(t) && !SHORTHAND_WORDS.has(t.toLowerCase()) && !WIDE.has(t.toLowerCase()));
      if (!first.some((t) => /\d/.test(t))) continue; // no size: not a font shorthand lehtinen understands (or a keyword)
      parts = [rest.join(' '), ...parts.slice(1)].filter(Boolean);
    }
    const fams = parts.map(unquote).filter((f) => f && !WIDE.has(f.toLowerCase()));
    const named = fams.filter((f) => !GENERIC.has(f.toLowerCase()));
    for (const f of fams) out.push({ family: f, generic: GENERIC.has(f.toLowerCase()), alone: !named.length, line });
  }
  return out;
}

function splitList(v: string): string[] {
  return (v.match(/("[^"]*"|'[^']*'|[^,])+/g) ?? []).map((s) => s.trim()).filter(Boolean);
}

function unquote(s: string): string {
  const t = s.trim();
  if (/^(["']).*\1$/.test(t)) return t.slice(1, -1).trim();
  return t.replace(/\s+/g, ' ');
}

/** The CSS a material's pages use: base.css, its style.css, and <style> blocks and style="" attributes of its templates. */
function styleSources(ws: Workspace, template: string): { file: string; css: string }[] {
  const out: { file: string; css: string }[] = [];
  for (const f of ws.templates.files) {
    const mine = f === 'templates/base.css' || f.startsWith('templates/partials/') || f.startsWith(`templates/${template}/`);
    if (!mine) continue;
    let src: string;
    try {
      src = readFileSync(path.join(ws.root, f), 'utf8');
    } catch {
      continue;
    }
    if (f.endsWith('.css')) {
      out.push({ file: f, css: src });
      continue;
    }
    // Keep the line numbers: blank out everything but the CSS.
    let css = src.replace(/[^\n]/g, ' ');
    const put = (start: number, text: string) => (css = css.slice(0, start) + text + css.slice(start + text.length));
    for (const m of src.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/gi)) put(m.index + m[0].indexOf(m[1]!), m[1]!);
    for (const m of src.matchAll(/\sstyle\s*=\s*"([^"]*)"/gi)) put(m.index + m[0].indexOf(m[1]!), m[1]! + ';');
    out.push({ file: f, css });
  }
  return out;
}

const checked = new WeakMap<Workspace, Map<string, LehtinenError | null>>();

/** Throws FONT_NOT_PROVIDED for the first family a material's CSS asks for that brand.fonts does not provide. */
export function assertCssFonts(ws: Workspace, template: string): void {
  let byTemplate = checked.get(ws);
  if (!byTemplate) checked.set(ws, (byTemplate = new Map()));
  let found = byTemplate.get(template);
  if (found === undefined) {
    found = cssFontError(ws, template) ?? null;
    byTemplate.set(template, found);
  }
  if (found) throw found;
}

export function cssFontError(ws: Workspace, template: string): LehtinenError | undefined {
  const provided = ws.config.brand.fonts.map((f) => f.family);
  const known = new Set(provided.map((f) => f.toLowerCase()));
  const offer = `brand.fonts provides ${provided.map((f) => `"${f}"`).join(', ')}`;
  for (const { file, css } of styleSources(ws, template)) {
    for (const f of cssFamilies(css)) {
      if (!f.generic && !known.has(f.family.toLowerCase())) {
        return new LehtinenError('FONT_NOT_PROVIDED', `${file} asks for the font family "${f.family}", which the config does not provide (${offer}); the PDF would use a system font`, {
          where: { file, line: f.line },
          hint: `Use a family of brand.fonts in the CSS, or add "${f.family}" to brand.fonts in lehtinen.config.yaml with its .ttf files in the workspace.`,
        });
      }
      if (f.alone) {
        return new LehtinenError('FONT_NOT_PROVIDED', `${file} sets the text in "${f.family}" alone, a system font the config does not provide (${offer})`, {
          where: { file, line: f.line },
          hint: `Name a family of brand.fonts first, e.g. font-family: "${provided[0]}", ${f.family};`,
        });
      }
    }
  }
  return undefined;
}
