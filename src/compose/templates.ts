/**
 * Templates: templates/<name>/index.hbs and style.css per material, templates/partials/*.hbs shared by
 * all, and templates/base.css (the design system: grid, type scale, colours). lehtinen's own templates/
 * (the repository's, DEFAULT_TEMPLATES) are the default design: a workspace file of the same path
 * overrides that one file, and everything else comes from the defaults, so a workspace needs no
 * templates/ folder at all. Compiled once per workspace with an isolated Handlebars environment.
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { LehtinenError } from '../errors.js';
import { readText } from '../workspace/files.js';
import { unclosedBlock } from './open-blocks.js';

export type HbsEnv = typeof Handlebars;

/** lehtinen's built-in template set (from src/compose or dist/compose: two levels up). */
export const DEFAULT_TEMPLATES = fileURLToPath(new URL('../../templates/', import.meta.url));

export interface MaterialTemplate {
  name: string;
  file: string;
  render: Handlebars.TemplateDelegate;
  css: string;
}

export interface TemplateSet {
  env: HbsEnv;
  baseCss: string;
  materials: Map<string, MaterialTemplate>;
  /** paths of every file read, for cache keys and watchers: workspace-relative (templates/…) for the
   * workspace's own files, "lehtinen:templates/…" for the built-in ones */
  files: string[];
  /** every template source read, with the name messages use, for the content-model check */
  sources: { file: string; text: string }[];
}

/** Where a template file comes from: the workspace when it has the file, else the built-in set. */
interface Located {
  abs: string;
  /** name in messages: templates/… for the workspace's, lehtinen:templates/… for a default */
  file: string;
  own: boolean;
}

function locate(root: string, rel: string): Located | undefined {
  const own = path.join(root, 'templates', rel);
  if (existsSync(own)) return { abs: own, file: `templates/${rel}`, own: true };
  const def = path.join(DEFAULT_TEMPLATES, rel);
  if (existsSync(def)) return { abs: def, file: `lehtinen:templates/${rel}`, own: false };
  return undefined;
}

async function read(root: string, loc: Located): Promise<string> {
  // A default file is lehtinen's own: read it as such, not as a workspace file.
  return loc.own ? readText(loc.abs, root, 'TEMPLATE_SYNTAX') : readText(loc.abs, path.dirname(DEFAULT_TEMPLATES), 'TEMPLATE_SYNTAX');
}

export async function loadTemplates(root: string, names: string[]): Promise<TemplateSet> {
  const env = Handlebars.create();
  const files: string[] = [];
  const sources: { file: string; text: string }[] = [];
  const take = async (loc: Located) => {
    const text = await read(root, loc);
    files.push(loc.file);
    sources.push({ file: loc.file, text });
    return text;
  };
  const baseLoc = locate(root, 'base.css');
  const baseCss = baseLoc ? await take(baseLoc) : '';

  // Partials: the union of the built-in and the workspace's; the workspace's file wins.
  const partialNames = new Set<string>();
  for (const dir of [path.join(DEFAULT_TEMPLATES, 'partials'), path.join(root, 'templates', 'partials')]) {
    if (existsSync(dir)) for (const f of await readdir(dir)) if (f.endsWith('.hbs')) partialNames.add(f);
  }
  for (const f of [...partialNames].sort()) {
    const loc = locate(root, `partials/${f}`)!;
    env.registerPartial(f.slice(0, -4), compile(env, await take(loc), loc.file));
  }

  const materials = new Map<string, MaterialTemplate>();
  for (const name of [...new Set(names)]) {
    const loc = locate(root, `${name}/index.hbs`);
    if (!loc) {
      const rel = `templates/${name}/index.hbs`;
      throw new LehtinenError('TEMPLATE_MISSING', `template "${name}" not found: ${rel} does not exist, and lehtinen has no built-in template of that name`, {
        where: { file: 'lehtinen.config.yaml', key: 'materials' },
        hint: `Create ${rel}, or use a built-in template (brochure, card, bookmark) with the material's template: key.`,
      });
    }
    const src = await take(loc);
    // The style sheet comes with its template: the workspace's own index.hbs with the built-in style.css
    // is allowed (and the other way round), as any single file may be overridden.
    const cssLoc = locate(root, `${name}/style.css`);
    const css = cssLoc ? await take(cssLoc) : '';
    materials.set(name, { name, file: loc.file, render: compile(env, src, loc.file), css });
  }
  return { env, baseCss, materials, files, sources };
}

/** Compile eagerly so syntax errors surface at load time with file and line. */
function compile(env: HbsEnv, src: string, file: string): Handlebars.TemplateDelegate {
  try {
    env.precompile(src, { strict: true });
  } catch (e) {
    const msg = (e as Error).message;
    const line = /line (\d+)/.exec(msg)?.[1];
    // An unclosed block is reported by Handlebars where the file ends: point at the line that opened it.
    const open = /got 'EOF'|doesn't match/.test(msg) ? unclosedBlock(src) : undefined;
    if (open) {
      throw new LehtinenError(
        'TEMPLATE_SYNTAX',
        open.closedBy
          ? `{{#${open.name}}} opened at line ${open.line} is not closed: {{/${open.closedBy.name}}} at line ${open.closedBy.line} comes first`
          : `{{#${open.name}}} opened at line ${open.line} is never closed`,
        {
          where: { file, line: open.line, column: open.column },
          details: msg.split('\n').slice(0, 3),
          hint: `Add {{/${open.name}}} where the block should end, or remove the {{#${open.name}}}.`,
        },
      );
    }
    throw new LehtinenError('TEMPLATE_SYNTAX', `Handlebars syntax: ${msg.split('\n')[0]}`, {
      where: { file, line: line ? Number(line) : (e as { lineNumber?: number }).lineNumber },
      details: msg.split('\n').slice(1, 4),
      hint: 'Check that every {{#block}} has its {{/block}} and every {{ has its }}.',
    });
  }
  return env.compile(src, { strict: true, noEscape: false });
}

/** Turn a runtime Handlebars error (missing partial, unknown field in strict mode) into a clear message. */
export function renderError(e: unknown, file: string, variant: string): LehtinenError {
  if (e instanceof LehtinenError) return e;
  const msg = (e as Error).message ?? String(e);
  const loc = / - (\d+):(\d+)$/.exec(msg);
  const partial = /The partial (\S+) could not be found/.exec(msg);
  return new LehtinenError('TEMPLATE_RENDER', partial ? `partial "${partial[1]}" not found (rendering ${variant})` : `${msg.replace(/ - \d+:\d+$/, '')} (rendering ${variant})`, {
    where: { file, line: loc ? Number(loc[1]) : undefined, column: loc ? Number(loc[2]) + 1 : undefined },
    hint: partial
      ? `Create templates/partials/${partial[1]}.hbs or fix the name in {{> ${partial[1]}}}.`
      : 'Templates run in strict mode: every field they use must exist in the template data (see docs/workspace.md, "Templates").',
    cause: e,
  });
}
