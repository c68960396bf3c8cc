/** What every command gets: where it runs, how it prints, and a signal for Ctrl-C. */
import type { Reporter } from './reporter.js';

export interface CliContext {
  cwd: string;
  reporter: Reporter;
  signal: AbortSignal;
  exitCode: number;
}

/** commander option parser for comma-separated lists: "se, smn" → ["se", "smn"] */
export function list(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').map((s) => s.trim()).filter(Boolean)];
}
