/**
 * Locales: locales/<lang>/<namespace>.json (i18next resources, nested objects of strings) and
 * locales/<lang>/status.yaml (translation status per key, see i18n/status.ts).
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { LehtinenError } from '../errors.js';
import { parseStatusFile, STATUS_FILE, type StatusEntry } from '../i18n/status.js';
import { readText, relTo } from './files.js';
import { codeFrame, jsonPathLine, offsetToLineCol } from './source-location.js';

export type ResourceTree = { [key: string]: string | ResourceTree };

export interface LocaleBundle {
  lang: string;
  /** namespace → nested resources */
  namespaces: Record<string, ResourceTree>;
  /** namespace → workspace-relative file, for messages */
  files: Record<string, string>;
  /** "ns:dotted.key" → status entry */
  status: Map<string, StatusEntry>;
  statusFile: string;
}

export async function loadLocales(root: string, langs: string[]): Promise<Map<string, LocaleBundle>> {
  const out = new Map<string, LocaleBundle>();
  await Promise.all(
    langs.map(async (lang) => {
      out.set(lang, await loadLocale(root, lang));
    }),
  );
  return out;
}

async function loadLocale(root: string, lang: string): Promise<LocaleBundle> {
  const dir = path.join(root, 'locales', lang);
  if (!existsSync(dir)) {
    throw new LehtinenError('LOCALE_MISSING', `language "${lang}" has no folder locales/${lang}/`, {
      where: { file: 'lehtinen.config.yaml', key: 'languages.order' },
      hint: `Create locales/${lang}/ (copy the source language's JSON files and translate them), or remove "${lang}" from languages.order.`,
    });
  }
  const names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  const bundle: LocaleBundle = {
    lang,
    namespaces: {},
    files: {},
    status: new Map(),
    statusFile: `locales/${lang}/${STATUS_FILE}`,
  };
  for (const name of names) {
    const abs = path.join(dir, name);
    const rel = relTo(root, abs);
    const ns = name.slice(0, -'.json'.length);
    bundle.namespaces[ns] = parseLocaleJson(await readText(abs, root, 'LOCALE_SYNTAX'), rel);
    bundle.files[ns] = rel;
  }
  const statusAbs = path.join(dir, STATUS_FILE);
  if (existsSync(statusAbs)) {
    bundle.status = parseStatusFile(await readText(statusAbs, root, 'STATUS_SYNTAX'), bundle.statusFile);
  }
  return bundle;
}

/** Parse a locale file strictly (no comments, no trailing commas) with errors at file:line. */
export function parseLocaleJson(text: string, file: string): ResourceTree {
  const errors: ParseError[] = [];
  const value: unknown = parseJsonc(text, errors, { allowTrailingComma: false, disallowComments: true });
  const first = errors[0];
  if (first) {
    const lc = offsetToLineCol(text, first.offset);
    throw new LehtinenError('LOCALE_SYNTAX', `JSON syntax: ${describeJsonError(printParseErrorCode(first.error))}`, {
      where: { file, line: lc.line, column: lc.column },
      details: codeFrame(text, lc.line, lc.column),
      hint: 'Strings need double quotes, keys and values are separated by ":" and entries by ",", with no comma after the last one.',
    });
  }
  checkTree(value, [], text, file);
  return value as ResourceTree;
}

function describeJsonError(code: string): string {
  const map: Record<string, string> = {
    InvalidSymbol: 'unexpected character',
    CommaExpected: 'a comma is missing',
    ColonExpected: 'a colon is missing',
    PropertyNameExpected: 'a key in double quotes was expected (a trailing comma?)',
    ValueExpected: 'a value was expected (a trailing comma?)',
    CloseBraceExpected: 'a closing } is missing',
    CloseBracketExpected: 'a closing ] is missing',
    EndOfFileExpected: 'text after the end of the JSON object',
    UnexpectedEndOfString: 'a string is not closed with "',
    InvalidEscapeCharacter: 'invalid escape with \\',
    InvalidCommentToken: 'comments are not allowed in JSON',
  };
  return map[code] ?? code;
}

function checkTree(value: unknown, at: string[], text: string, file: string): void {
  const isObj = typeof value === 'object' && value !== null;
  // Lists (the content model's list and items, docs/content-model.md) are arrays of strings or of
  // objects of strings; the file itself is an object.
  if (!isObj || (Array.isArray(value) && !at.length)) {
    const lc = jsonPathLine(text, at);
    const what = Array.isArray(value) ? 'a list' : value === null ? 'null' : typeof value;
    throw new LehtinenError('LOCALE_SCHEMA', `${at.join('.') || 'the file'} is ${what}; locale files hold objects of strings`, {
      where: { file, line: lc?.line, key: at.join('.') || undefined },
      hint: 'Write every text as a "string"; group keys with { }; a list is [ "one", "two" ] (docs/content-model.md).',
    });
  }
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (typeof v === 'string') continue;
    if (k.includes(':')) {
      const lc = jsonPathLine(text, [...at, k]);
      throw new LehtinenError('LOCALE_SCHEMA', `key "${k}" contains ":", which separates namespace and key`, {
        where: { file, line: lc?.line, key: [...at, k].join('.') },
        hint: 'Rename the key without ":".',
      });
    }
    checkTree(v, [...at, k], text, file);
  }
}

/** Flatten a resource tree to dotted keys: { a: { b: "x" } } → { "a.b": "x" }. */
export function flattenTree(tree: ResourceTree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flattenTree(v, key)) out.set(kk, vv);
  }
  return out;
}
