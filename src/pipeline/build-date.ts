/**
 * The date a build writes into its files (PDF metadata and slug lines, XMP, manifest, site, zip entry
 * times): SOURCE_DATE_EPOCH when set (reproducible-builds.org), so two builds of the same sources on
 * different machines or days give the same bytes; otherwise now.
 */
import { LehtinenError } from '../errors.js';

export function buildDate(env: NodeJS.ProcessEnv = process.env): Date {
  const raw = env.SOURCE_DATE_EPOCH?.trim();
  if (raw === undefined || raw === '') return new Date();
  if (!/^\d{1,12}$/.test(raw)) {
    throw new LehtinenError('USAGE', `SOURCE_DATE_EPOCH must be whole seconds since 1970-01-01 UTC, not "${raw}"`, {
      hint: 'Set it to e.g. the last commit time: SOURCE_DATE_EPOCH=$(git log -1 --format=%ct), or unset it.',
    });
  }
  return new Date(Number(raw) * 1000);
}
