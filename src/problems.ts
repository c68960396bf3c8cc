/**
 * Non-fatal findings (fallback strings, drafts, blocked requests…) collected during a run.
 * Stages return them; only the CLI reporter prints them.
 */
import type { SourceRef } from './errors.js';

export type Severity = 'error' | 'warning' | 'info';

export interface Problem extends SourceRef {
  severity: Severity;
  code: string;
  message: string;
  lang?: string;
  material?: string;
}
