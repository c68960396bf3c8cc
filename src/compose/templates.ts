/**
 * Workspace templates: templates/<name>/index.hbs and style.css per material, templates/partials/*.hbs
 * shared by all, and templates/base.css (the design system: grid, type scale, colours).
 * Compiled once per workspace with an isolated Handlebars environment.
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import Handlebars from 'handlebars';
import { LehtinenError } from '../errors.js';
import { readText } from '../workspace/files.js';
import { unclosedBlock } from './open-blocks.js';

export type HbsEnv = typeof Handlebars;

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
  /** workspace-relative paths of every file read, for cache keys and watchers */
  files: string[];
}

export async function loadTemplates(root: string, names: string[]): Promise<TemplateSet> {
  const env = Handlebars.create();
  const files: string[] = [];
  const dir = path.join(root, 'templates');
  if (!existsSync(dir)) {
    throw new LehtinenError('TEMPLATE_MISSING', 'the workspace has no templates/ folder', {
      hint: 'Copy templates/ from the lehtinen example workspace and adapt it.',
    });
  }
  const baseCssPath = path.join(dir, 'base.css');
  const baseCss = existsSync(baseCssPath) ? await readText(baseCssPath, root, 'TEMPLATE_SYNTAX') : '';
  if (baseCss) files.push('templates/base.css');

  const partialDir = path.join(dir, 'partials');
  if (existsSync(partialDir)) {
    for (const f of (await readdir(partialDir)).filter((n) => n.endsWith('.hbs')).sort()) {
      const rel = `templates/partials/${f}`;
      const src = await readText(path.join(partialDir, f), root, 'TEMPLATE_SYNTAX');
      env.registerPartial(f.slice(0, -4), compile(env, src, rel));
      files.push(rel);
    }
  }

  const materials = new Map<string, MaterialTemplate>();
  for (const name of [...new Set(names)]) {
    const rel = `templates/${name}/index.hbs`;
    const abs = path.join(dir, name, 'index.hbs');
    if (!existsSync(abs)) {
      throw new LehtinenError('TEMPLATE_MISSING', `template "${name}" not found: ${rel} does not exist`, {
        where: { file: 'lehtinen.config.yaml', key: 'materials' },
        hint: `Create ${rel}, or set the material's template: to an existing folder under templates/.`,
      });
    }
    const src = await readText(abs, root, 'TEMPLATE_SYNTAX');
    const cssAbs = path.join(dir, name, 'style.css');
    const css = existsSync(cssAbs) ? await readText(cssAbs, root, 'TEMPLATE_SYNTAX') : '';
    files.push(rel);
    if (css) files.push(`templates/${name}/style.css`);
    materials.set(name, { name, file: rel, render: compile(env, src, rel), css });
  }
  return { env, baseCss, materials, files };
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
