/**
 * Which CMYK output profile a print file is made for. `output.cmyk.profile` names a built-in one or a
 * profile file inside the workspace (e.g. the one the print shop sends); the choice is recorded in the
 * manifest next to each CMYK file.
 */
import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LehtinenError } from '../errors.js';
import { resolveInside } from '../workspace/files.js';

export interface IccProfile {
  /** absolute path of the .icc file */
  path: string;
  /** description written into the OutputIntent /Info and the manifest */
  name: string;
  /** OutputConditionIdentifier: a registered characterisation name where there is one */
  identifier: string;
  condition: string;
}

const ICC_DIR = fileURLToPath(new URL('../../assets/icc/', import.meta.url));

/** Ghostscript's own generic CMYK profile (Artifex; not tied to a printing condition). */
function gsDefaultCmyk(): string | undefined {
  for (const dir of ['/usr/share/ghostscript', '/usr/local/share/ghostscript', '/opt/homebrew/share/ghostscript']) {
    if (!existsSync(dir)) continue;
    for (const v of readdirSync(dir).sort().reverse()) {
      const p = path.join(dir, v, 'iccprofiles', 'default_cmyk.icc');
      if (existsSync(p)) return p;
    }
  }
  return undefined;
}

export const BUILTIN_PROFILES = ['fogra39', 'ghostscript-default'] as const;

export async function resolveProfile(setting: string, root: string): Promise<IccProfile> {
  if (setting === 'fogra39') {
    return {
      path: path.join(ICC_DIR, 'FOGRA39L-argyll.icc'),
      name: 'FOGRA39 (ISO 12647-2:2004 coated paper), profile made by ArgyllCMS from FOGRA39L data',
      identifier: 'FOGRA39',
      condition: 'Offset printing, ISO 12647-2:2004/Amd 1, coated paper type 1/2, 115 g/m2',
    };
  }
  if (setting === 'ghostscript-default') {
    const p = gsDefaultCmyk();
    if (!p) {
      throw new LehtinenError('CONFIG_SCHEMA', 'output.cmyk.profile: Ghostscript\'s default_cmyk.icc was not found', {
      where: { file: 'lehtinen.config.yaml', key: 'output.cmyk.profile' },
        hint: 'Use profile: fogra39 or the path of a CMYK .icc file in the workspace.',
      });
    }
    return { path: p, name: 'Ghostscript default_cmyk.icc (generic CMYK)', identifier: 'Custom', condition: 'Generic CMYK (Ghostscript default_cmyk.icc)' };
  }
  const p = resolveInside(root, setting, 'output.cmyk.profile', 'lehtinen.config.yaml');
  const bytes = await readFile(p).catch(() => {
    throw new LehtinenError('CONFIG_SCHEMA', `output.cmyk.profile: ${setting} could not be read`, {
      where: { file: 'lehtinen.config.yaml', key: 'output.cmyk.profile' },
      hint: `Put the print shop's profile in the workspace and give its path, or use ${BUILTIN_PROFILES.join(' or ')}.`,
    });
  });
  // ICC header: bytes 16–19 are the data colour space, 12–15 the device class (ICC.1:2022 §7.2).
  const space = bytes.subarray(16, 20).toString('latin1');
  const cls = bytes.subarray(12, 16).toString('latin1');
  if (bytes.length < 128 || bytes.subarray(36, 40).toString('latin1') !== 'acsp' || space !== 'CMYK' || cls !== 'prtr') {
    throw new LehtinenError('CONFIG_SCHEMA', `output.cmyk.profile: ${setting} is not a CMYK output (printer) ICC profile (found ${space.trim() || '?'} / ${cls.trim() || '?'})`, {
      where: { file: 'lehtinen.config.yaml', key: 'output.cmyk.profile' },
      hint: 'Ask the print shop for its CMYK output profile (.icc), e.g. for FOGRA39 or FOGRA51.',
    });
  }
  const name = path.basename(p);
  return { path: p, name, identifier: 'Custom', condition: name };
}
