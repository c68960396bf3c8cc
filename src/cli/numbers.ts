/**
 * Parsers for numeric flags. A value that is not a number in range is a usage error (exit 2) naming the
 * flag, raised while the flags are read, before any work starts: `--timeout 0` used to start a build that
 * then failed on every page, and parseInt read `--concurrency 2x` as 2.
 */
import { LehtinenError } from '../errors.js';

/** setTimeout turns anything above 2^31-1 ms (24.8 days) into 1 ms: a day is the ceiling. */
const MAX_SECONDS = 86_400;

export function seconds(flag: string): (value: string) => number {
  return (value) => {
    const n = /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : NaN;
    if (!(n > 0) || n > MAX_SECONDS) {
      throw new LehtinenError('USAGE', `${flag}: "${value}" is not a time limit in seconds (a number above 0, at most ${MAX_SECONDS})`, {
        hint: `Give seconds, e.g. ${flag} 120.`,
      });
    }
    return n;
  };
}

export function wholeNumber(flag: string, min: number, max: number): (value: string) => number {
  return (value) => {
    const n = /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new LehtinenError('USAGE', `${flag}: "${value}" is not a whole number from ${min} to ${max}`, {
        hint: `Give a whole number, e.g. ${flag} ${Math.max(min, 1)}.`,
      });
    }
    return n;
  };
}
