/**
 * `lehtinen init DIR`: a new workspace that builds at once with the default templates: the config, the
 * locales of the chosen languages (placeholder texts recorded as drafts, see placeholders.ts), a
 * placeholder logo and lehtinen's fonts. Generic strings (the downloads site's, "available in:", the QR
 * caption) come from lehtinen's own example with their recorded status, never its campaign's texts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { LehtinenError } from '../errors.js';
import { DEFAULT_TEMPLATES } from '../compose/templates.js';
import { KNOWN_LANGUAGES } from '../i18n/languages.js';
import { sourceOf } from '../i18n/source-hash.js';
import { formatStatusEntry, parseStatusFile, type StatusEntry } from '../i18n/status.js';
import { flatStrings } from '../i18n/state.js';
import type { LocaleBundle, ResourceTree } from '../workspace/load-locales.js';
import { hasPlaceholders, placeholders } from './placeholders.js';

/** lehtinen's own folder: the default templates, the example's locales and fonts. */
const HOME = path.dirname(path.resolve(DEFAULT_TEMPLATES));

import { INIT_MATERIALS } from './materials.js';
export { INIT_MATERIALS };

export interface InitOptions {
  dir: string;
  languages: string[];
  materials: string[];
}

export interface InitResult {
  root: string;
  files: string[];
}

const PERSON = 'contact';
const FUNDER = 'funder';
/** Generic strings taken from lehtinen's example (not campaign text). */
const GENERIC_COMMON = ['languages.label', 'qr.caption', 'qr.alt'];

export async function initWorkspace(o: InitOptions): Promise<InitResult> {
  const root = path.resolve(o.dir);
  if (existsSync(root) && readdirSync(root).length) {
    throw new LehtinenError('USAGE', `${o.dir} exists and is not empty`, {
      hint: 'Give a new folder (lehtinen init creates it) or an empty one; init never overwrites files.',
    });
  }
  const langs = [...new Set(o.languages)];
  if (!langs.length) throw new LehtinenError('USAGE', '--languages: give at least one language, the source first (e.g. fi,en,sms)');
  for (const l of langs) {
    if (!/^[a-z]{2,3}$/.test(l)) throw new LehtinenError('USAGE', `--languages: "${l}" is not a language code`, { hint: 'Use ISO 639 codes such as fi, en, sv, se, smn, sms.' });
  }
  const materials = [...new Set(o.materials)];
  if (!materials.length) throw new LehtinenError('USAGE', '--materials: give at least one material');
  for (const m of materials) {
    if (!INIT_MATERIALS[m]) {
      throw new LehtinenError('USAGE', `--materials: lehtinen has no default template "${m}"`, { hint: `Choose from ${Object.keys(INIT_MATERIALS).join(', ')}.` });
    }
  }
  const source = langs[0]!;
  const slug = path.basename(root).toLowerCase().normalize('NFD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'campaign';
  const files = new Map<string, string | { copy: string }>();

  files.set('lehtinen.config.yaml', configText(slug, langs, materials));
  files.set('assets/logo/logo.svg', LOGO);
  const fonts = path.join(HOME, 'assets', 'fonts');
  for (const f of readdirSync(fonts).filter((n) => /\.(ttf|txt)$/.test(n))) files.set(`assets/fonts/${f}`, { copy: path.join(fonts, f) });

  const example = (lang: string) => exampleBundle(lang);
  const sourceTexts = new Map<string, string>();
  for (const lang of [source, ...langs.filter((l) => l !== source)]) {
    const isSource = lang === source;
    const trees: Record<string, ResourceTree> = {};
    const status = new Map<string, StatusEntry>();
    // Campaign placeholders: for the source always; for a translation only when lehtinen has a set.
    if (isSource || hasPlaceholders(lang)) {
      const p = placeholders(lang, materials, PERSON, FUNDER);
      trees.common = p.common as ResourceTree;
      for (const m of materials) trees[m] = p.materials[m] as ResourceTree;
    } else {
      trees.common = {};
      for (const m of materials) trees[m] = {};
    }
    const placeholderKeys = new Set(listKeys(trees));
    // Generic strings from lehtinen's example, with their recorded status.
    const ex = example(lang);
    if (ex) {
      const exStrings = flatStrings(ex);
      for (const k of GENERIC_COMMON) {
        const s = exStrings.get(`common:${k}`);
        if (s) setPath((trees.common ??= {}), k.split('.'), s.text);
      }
      trees.site = ex.namespaces.site ?? {};
    }
    const all = new Map<string, string>();
    for (const [ns, tree] of Object.entries(trees)) for (const [k, v] of flat(tree)) all.set(`${ns}:${k}`, v);
    if (isSource) for (const [k, v] of all) sourceTexts.set(k, v);
    for (const key of all.keys()) {
      // The hash status.yaml records (for a plural form: of all the source's forms of the message).
      const src = sourceOf(key, sourceTexts);
      if (!src) continue;
      if (placeholderKeys.has(key)) status.set(key, { status: 'draft', source: src.hash });
      else if (!isSource) {
        const e = ex?.status.get(key);
        status.set(key, { ...(e ?? { status: 'draft' }), source: src.hash });
      }
    }
    for (const [ns, tree] of Object.entries(trees)) files.set(`locales/${lang}/${ns}.json`, JSON.stringify(tree, null, 2) + '\n');
    const name = KNOWN_LANGUAGES[lang]?.endonym ?? lang;
    const head = isSource
      ? `# Status of the source texts of locales/${lang}/ (${name}): docs/workspace.md, "Translation status".\n` +
        '# Every placeholder written by lehtinen init is a draft until you replace its text; then this line no\n' +
        '# longer applies (its hash is of the placeholder) and can be removed.\n\n'
      : `# Translation status of locales/${lang}/: ${name}. Format and meaning: docs/workspace.md, "Translation status".\n\n`;
    files.set(`locales/${lang}/status.yaml`, head + [...status].map(([k, e]) => formatStatusEntry(k, e)).join('\n') + '\n');
  }

  await mkdir(root, { recursive: true });
  for (const [rel, content] of files) {
    const abs = path.join(root, rel);
    await mkdir(path.dirname(abs), { recursive: true });
    if (typeof content === 'string') await writeFile(abs, content, { encoding: 'utf8', flag: 'wx' });
    else await copyFile(content.copy, abs);
  }
  return { root, files: [...files.keys()] };
}

function exampleBundle(lang: string): LocaleBundle | undefined {
  const dir = path.join(HOME, 'locales', lang);
  if (!existsSync(dir)) return undefined;
  const namespaces: Record<string, ResourceTree> = {};
  const files: Record<string, string> = {};
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
    namespaces[f.slice(0, -5)] = JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as ResourceTree;
    files[f.slice(0, -5)] = f;
  }
  const statusFile = path.join(dir, 'status.yaml');
  const status = existsSync(statusFile) ? parseStatusFile(readFileSync(statusFile, 'utf8'), statusFile) : new Map<string, StatusEntry>();
  return { lang, namespaces, files, status, statusFile };
}

function flat(tree: unknown, at: string[] = []): [string, string][] {
  if (typeof tree === 'string') return [[at.join('.'), tree]];
  if (!tree || typeof tree !== 'object') return [];
  return Object.entries(tree).flatMap(([k, v]) => flat(v, [...at, k]));
}

function listKeys(trees: Record<string, ResourceTree>): string[] {
  return Object.entries(trees).flatMap(([ns, t]) => flat(t).map(([k]) => `${ns}:${k}`));
}

function setPath(tree: Record<string, unknown>, p: string[], value: string): void {
  let o = tree;
  for (const k of p.slice(0, -1)) o = (o[k] ??= {}) as Record<string, unknown>;
  o[p[p.length - 1]!] = value;
}

function configText(slug: string, langs: string[], materials: string[]): string {
  const mats = materials
    .map((m) => {
      const d = INIT_MATERIALS[m]!;
      return `  ${m}:\n    format: ${d.format}${' '.repeat(Math.max(1, 18 - d.format.length))}# ${d.note}\n    bleed: ${d.bleed}\n    safe: ${d.safe}`;
    })
    .join('\n');
  const person = { fi: 'Etunimi Sukunimi', sv: 'Förnamn Efternamn' }[langs[0]!] ?? 'Firstname Lastname';
  return `# A lehtinen workspace written by \`lehtinen init\`. Every key: docs/workspace.md; every text and where it is
# printed: docs/content-model.md. Replace the example.org addresses, the logo and the placeholder texts
# (locales/*/): \`lehtinen check\` lists the placeholders that are left.

organisation:
  id: ${slug}
  logo: assets/logo/logo.svg        # your logo (SVG or PNG)
  website: https://example.org
  callingCode: "358"

campaign:
  id: ${slug}
  version: "1"

# Where the downloads site will live; QR codes point to <baseUrl>/<lang>/<material>/.
baseUrl: https://example.org/${slug}

languages:
  source: ${langs[0]}
  order: [${langs.join(', ')}]

# Help lines, in print order (their texts: common:help.lines.<id>.label / .note / .detail). Without
# help lines the materials show the contact people in their place.
# helplines:
#   - id: helpline
#     phone: "0800 000 000"
#     highlight: true

# Contact people (the role per language: common:people.<id>.role).
people:
  - id: ${PERSON}
    name: ${person}
    email: name@example.org
    phone: "040 000 0000"

# Funders: a logo (optional, e.g. the EU emblem) and a statement per language (common:funders.<id>).
funders:
  - id: ${FUNDER}

brand:
  # The ten colours the default design uses (docs/content-model.md), as #rrggbb.
  colors:
    plum: "#1d4e5c"
    plum-dark: "#10313a"
    lilac: "#e6f0f1"
    lilac-mid: "#c3d9dc"
    coral: "#f0a048"
    amber: "#f6cf7e"
    rose: "#2b6a78"
    ink: "#1a2427"
    muted: "#4c5b5f"
    paper: "#ffffff"
  # Static TrueType files only (variable or CFF fonts turn into Type 3 fonts in PDFs).
  fonts:
    - family: Noto Sans
      files:
        - { path: assets/fonts/NotoSans-Regular.ttf, weight: 400 }
        - { path: assets/fonts/NotoSans-Italic.ttf, weight: 400, style: italic }
        - { path: assets/fonts/NotoSans-SemiBold.ttf, weight: 600 }
        - { path: assets/fonts/NotoSans-Bold.ttf, weight: 700 }
        - { path: assets/fonts/NotoSans-ExtraBold.ttf, weight: 800 }

materials:
${mats}
`;
}

/** A neutral placeholder mark: replace it with the organisation's logo. */
const LOGO = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48">
  <!-- Placeholder logo written by lehtinen init. Replace this file (or organisation.logo in the config). -->
  <rect width="48" height="48" rx="12" fill="#f0a048"/>
  <circle cx="24" cy="24" r="11" fill="none" stroke="#1d4e5c" stroke-width="4.5"/>
</svg>
`;
