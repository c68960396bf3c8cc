/** Find, parse and validate lehtinen.config.yaml; resolve formats, languages and fallbacks. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { LehtinenError } from '../errors.js';
import { MIN_MODULE_MM } from '../compose/qr.js';
import { DEFAULT_QR_URL } from '../compose/qr-address.js';
import { KNOWN_LANGUAGES } from '../i18n/languages.js';
import { configSchema, type Config } from './config-schema.js';
import { readText } from './files.js';
import { FORMATS } from './formats.js';
import { codeFrame, readYamlFile, yamlPathLine } from './source-location.js';

export const CONFIG_FILE = 'lehtinen.config.yaml';

export interface ResolvedMaterial {
  id: string;
  template: string;
  trim: [number, number];
  pages: number;
  panels?: number[][];
  bleed: number;
  safe: number;
  qrUrl: string;
  /** smallest printed QR module, mm (lehtinen check) */
  qrMinModule: number;
}

export interface ResolvedLanguage {
  code: string;
  name: string;
  /** Languages tried, in order, when a key is missing in this one (never includes itself). */
  fallback: string[];
}

export interface LoadedConfig {
  config: Config;
  materials: ResolvedMaterial[];
  languages: ResolvedLanguage[];
  sourceLang: string;
}

export async function loadConfig(root: string): Promise<LoadedConfig> {
  const file = path.join(root, CONFIG_FILE);
  if (!existsSync(file)) {
    throw new LehtinenError('CONFIG_NOT_FOUND', `no ${CONFIG_FILE} in ${root}`, {
      hint: 'Run lehtinen in a workspace folder, or pass --root DIR. docs/workspace.md shows a minimal config.',
    });
  }
  const text = await readText(file, root, 'CONFIG_SYNTAX');
  const raw = readYamlFile(text, CONFIG_FILE, 'CONFIG_SYNTAX', 'Check indentation (spaces, not tabs) and quote values that contain ": " or start with #.');
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) throw schemaError(parsed.error, text, CONFIG_FILE);
  return resolve(parsed.data, text);
}

function schemaError(error: z.ZodError, text: string, file: string): LehtinenError {
  const issue = error.issues[0]!;
  const key = issue.path.map(String).join('.');
  const lc = yamlPathLine(text, issue.path as (string | number)[]);
  const more = error.issues.length > 1 ? [`(${error.issues.length - 1} more problem(s) after this one)`] : [];
  return new LehtinenError('CONFIG_SCHEMA', issue.message, {
    where: { file, line: lc?.line, column: lc?.column, key },
    details: [...(lc ? codeFrame(text, lc.line, lc.column) : []), ...more],
    hint: 'See docs/workspace.md, "lehtinen.config.yaml", for every key and its type.',
  });
}

function fail(text: string, keyPath: (string | number)[], message: string, hint: string): LehtinenError {
  const lc = yamlPathLine(text, keyPath);
  return new LehtinenError('CONFIG_SCHEMA', message, {
    where: { file: CONFIG_FILE, line: lc?.line, column: lc?.column, key: keyPath.join('.') },
    details: lc ? codeFrame(text, lc.line, lc.column) : [],
    hint,
  });
}

function resolve(config: Config, text: string): LoadedConfig {
  const { source, order } = config.languages;
  if (!order.includes(source)) {
    throw fail(text, ['languages', 'source'], `the source language "${source}" is not in languages.order`,
      'Add it to languages.order (usually first).');
  }
  const dup = order.find((l, i) => order.indexOf(l) !== i);
  if (dup) throw fail(text, ['languages', 'order'], `language "${dup}" is listed twice`, 'List each language once.');

  const languages = order.map((code, i): ResolvedLanguage => {
    const name = config.languages.names?.[code] ?? KNOWN_LANGUAGES[code]?.endonym;
    if (!name) {
      throw fail(text, ['languages', 'order', i], `unknown language code "${code}"`,
        `Known codes: ${Object.keys(KNOWN_LANGUAGES).join(', ')}. For another language add its name in its own spelling under languages.names.${code}.`);
    }
    const chain = config.languages.fallback?.[code] ?? (code === source ? [] : [source]);
    for (const [j, f] of chain.entries()) {
      if (!order.includes(f)) {
        throw fail(text, ['languages', 'fallback', code, j], `fallback language "${f}" of "${code}" is not in languages.order`,
          'A language can only fall back to another language of the workspace.');
      }
    }
    // The source is always the last resort, so that no key ever renders as its bare name.
    const fallback = [...new Set([...chain, source])].filter((l) => l !== code);
    return { code, name, fallback };
  });
  for (const code of Object.keys(config.languages.fallback ?? {})) {
    if (!order.includes(code)) {
      throw fail(text, ['languages', 'fallback', code], `fallback given for "${code}", which is not in languages.order`,
        'Remove it or add the language to languages.order.');
    }
  }

  const materials = Object.entries(config.materials).map(([id, m]): ResolvedMaterial => {
    const preset = m.format ? FORMATS[m.format] : undefined;
    if (m.format && !preset) {
      throw fail(text, ['materials', id, 'format'], `unknown format "${m.format}"`,
        `Use one of ${Object.keys(FORMATS).join(', ')}, or give trim and pages yourself.`);
    }
    const trim = m.trim ?? preset?.trim;
    const pages = m.pages ?? preset?.pages;
    if (!trim || !pages) {
      throw fail(text, ['materials', id], `material "${id}" needs a format, or trim and pages`,
        'e.g. format: wallet-card, or trim: [85, 55] and pages: 2');
    }
    const panels = m.panels ?? (m.trim ? undefined : preset?.panels);
    if (panels) {
      if (panels.length !== pages) {
        throw fail(text, ['materials', id, 'panels'], `material "${id}" has ${pages} pages but panels for ${panels.length}`,
          'Give one list of panel widths per page.');
      }
      for (const [p, widths] of panels.entries()) {
        const sum = widths.reduce((a, b) => a + b, 0);
        if (Math.abs(sum - trim[0]) > 0.01) {
          throw fail(text, ['materials', id, 'panels', p], `panels of page ${p + 1} of "${id}" add up to ${sum} mm, the trim width is ${trim[0]} mm`,
            'Panel widths must add up to the trim width.');
        }
      }
    }
    if (2 * m.safe >= Math.min(...trim)) {
      throw fail(text, ['materials', id, 'safe'], `safe margin ${m.safe} mm leaves no room on a ${trim[0]} × ${trim[1]} mm page`,
        'Use a smaller safe margin (3–5 mm is usual).');
    }
    return {
      id,
      template: m.template ?? id,
      trim,
      pages,
      panels,
      bleed: m.bleed,
      safe: m.safe,
      qrUrl: m.qr.url ?? DEFAULT_QR_URL,
      qrMinModule: m.qr.minModule ?? MIN_MODULE_MM,
    };
  });
  if (materials.length === 0) {
    throw fail(text, ['materials'], 'the workspace defines no materials', 'Add at least one, e.g. card: { format: wallet-card }.');
  }
  return { config, materials, languages, sourceLang: source };
}
