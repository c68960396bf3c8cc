/** A loaded workspace: config, locales and templates, validated, ready to be composed into variants. */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { LehtinenError } from '../errors.js';
import { Translations } from '../i18n/translator.js';
import { loadTemplates, type TemplateSet } from '../compose/templates.js';
import { loadConfig, type LoadedConfig } from './load-config.js';
import { refuseSpecialFiles, resolveInside } from './files.js';
import { loadLocales, type LocaleBundle } from './load-locales.js';
import { imageDefect, imageError, isImagePath } from './image-check.js';

export interface Workspace extends LoadedConfig {
  root: string;
  locales: Map<string, LocaleBundle>;
  translations: Translations;
  templates: TemplateSet;
}

export async function loadWorkspace(rootArg: string): Promise<Workspace> {
  const root = path.resolve(rootArg);
  if (!existsSync(root)) {
    throw new LehtinenError('CONFIG_NOT_FOUND', `workspace folder ${root} does not exist`, {
      hint: 'Pass --root with the folder that holds lehtinen.config.yaml.',
    });
  }
  refuseSpecialFiles(root);
  const loaded = await loadConfig(root);
  checkConfigFiles(root, loaded);
  await checkConfigImages(root, loaded);
  const [locales, templates] = await Promise.all([
    loadLocales(root, loaded.languages.map((l) => l.code)),
    loadTemplates(root, loaded.materials.map((m) => m.template)),
  ]);
  const translations = new Translations(locales, loaded.languages, loaded.sourceLang);
  return { root, ...loaded, locales, translations, templates };
}

/** Files named in the config must exist inside the workspace: fail early, with the key that names them. */
function checkConfigFiles(root: string, { config }: LoadedConfig): void {
  const refs: [string, string][] = [['organisation.logo', config.organisation.logo]];
  config.funders.forEach((f, i) => {
    if (f.logo) refs.push([`funders.${i}.logo`, f.logo]);
  });
  config.brand.fonts.forEach((f, i) =>
    f.files.forEach((file, j) => refs.push([`brand.fonts.${i}.files.${j}.path`, file.path])),
  );
  for (const [key, rel] of refs) {
    const abs = resolveInside(root, rel, key, 'lehtinen.config.yaml');
    if (!existsSync(abs)) {
      throw new LehtinenError('ASSET_MISSING', `${key}: file "${rel}" does not exist`, {
        where: { file: 'lehtinen.config.yaml', key },
        hint: 'Check the spelling and that the file is inside the workspace (paths are relative to the config file).',
      });
    }
  }
}

/** The logo is an image: read its header now, so a broken or enormous file is named with its key. */
async function checkConfigImages(root: string, { config }: LoadedConfig): Promise<void> {
  const images: [string, string][] = [['organisation.logo', config.organisation.logo]];
  config.funders.forEach((f, i) => {
    if (f.logo) images.push([`funders.${i}.logo`, f.logo]);
  });
  for (const [key, rel] of images) {
    if (!isImagePath(rel)) continue;
    const defect = await imageDefect(await readFile(resolveInside(root, rel, key, 'lehtinen.config.yaml')));
    if (defect) throw imageError(rel, defect, { file: 'lehtinen.config.yaml', key });
  }
}
