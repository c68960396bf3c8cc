/** The variants of a build: every selected material × every selected language. */
import { LehtinenError } from '../errors.js';
import type { ResolvedLanguage, ResolvedMaterial } from '../workspace/load-config.js';
import type { Workspace } from '../workspace/workspace.js';

export interface Variant {
  /** "<material>-<lang>", unique within a workspace */
  id: string;
  material: ResolvedMaterial;
  lang: ResolvedLanguage;
}

export interface VariantFilter {
  langs?: string[];
  materials?: string[];
}

export function planVariants(ws: Workspace, filter: VariantFilter = {}): Variant[] {
  const langs = pick(ws.languages, filter.langs, (l) => l.code, 'language', '--lang');
  const materials = pick(ws.materials, filter.materials, (m) => m.id, 'material', '--material');
  return materials.flatMap((material) =>
    langs.map((lang) => ({ id: `${material.id}-${lang.code}`, material, lang })),
  );
}

function pick<T>(all: T[], wanted: string[] | undefined, id: (t: T) => string, what: string, flag: string): T[] {
  if (!wanted?.length) return all;
  const known = all.map(id);
  for (const w of wanted) {
    if (!known.includes(w)) {
      throw new LehtinenError('USAGE', `${flag}: unknown ${what} "${w}"`, {
        hint: `The workspace has: ${known.join(', ')}.`,
      });
    }
  }
  return all.filter((t) => wanted.includes(id(t)));
}
