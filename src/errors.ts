/**
 * Errors are values with a code and a hint, printed once by the CLI (see cli/main.ts).
 * Deep code throws LehtinenError; anything else that escapes is a bug and is printed with its stack.
 */
export type ErrorCode =
  | 'CONFIG_NOT_FOUND'
  | 'CONFIG_SYNTAX'
  | 'CONFIG_SCHEMA'
  | 'LOCALE_MISSING'
  | 'LOCALE_SYNTAX'
  | 'LOCALE_SCHEMA'
  | 'STATUS_SYNTAX'
  | 'TEMPLATE_MISSING'
  | 'TEMPLATE_SYNTAX'
  | 'TEMPLATE_RENDER'
  | 'ASSET_MISSING'
  | 'ASSET_OUTSIDE_WORKSPACE'
  | 'ASSET_INVALID'
  /** a font the config (brand.fonts) does not provide: named by the CSS or found in the PDF */
  | 'FONT_NOT_PROVIDED'
  | 'KEY_MISSING'
  | 'QR_TOO_LONG'
  | 'QR_MODULE_TOO_SMALL'
  | 'BROWSER_NOT_FOUND'
  | 'BROWSER_FAILED'
  | 'RENDER_FAILED'
  | 'PAGE_COUNT'
  | 'OUTPUT_WRITE'
  | 'OUTPUT_LOCKED'
  /** the output folder holds files lehtinen did not write, or lies in the workspace's sources (output/ownership.ts) */
  | 'OUTPUT_FOREIGN'
  | 'XLIFF_SYNTAX'
  | 'XLIFF_REJECTED'
  | 'REVIEW_SYNTAX'
  | 'REVIEW_REJECTED'
  | 'TEXT_REJECTED'
  | 'CONFLICT'
  | 'HYPHENATION_FILE'
  | 'FRAME_OVERFLOW'
  | 'GS_MISSING'
  | 'CMYK_FAILED'
  | 'PREFLIGHT_FAILED'
  | 'USAGE'
  /** Ctrl-C, SIGTERM or SIGHUP during a build: exit 130, like a shell */
  | 'INTERRUPTED';

export interface SourceRef {
  /** Path of the offending file, relative to the workspace where possible. */
  file?: string;
  line?: number;
  column?: number;
  /** Dotted key path inside the file (schema errors, locale keys). */
  key?: string;
}

export class LehtinenError extends Error {
  readonly code: ErrorCode;
  readonly hint?: string;
  readonly where: SourceRef;
  /** Extra lines shown under the message, e.g. a code frame or a list of paths tried. */
  readonly details: string[];

  constructor(
    code: ErrorCode,
    message: string,
    opts: { hint?: string; where?: SourceRef; details?: string[]; cause?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'LehtinenError';
    this.code = code;
    this.hint = opts.hint;
    this.where = opts.where ?? {};
    this.details = opts.details ?? [];
  }
}

export function isLehtinenError(e: unknown): e is LehtinenError {
  return e instanceof LehtinenError;
}

/** "file:line:col (key)" — the prefix editors can click in a terminal. */
export function formatWhere(w: SourceRef): string {
  let s = w.file ?? '';
  if (w.file && w.line) s += `:${w.line}${w.column ? `:${w.column}` : ''}`;
  if (w.key) s += s ? ` (${w.key})` : w.key;
  return s;
}

export function formatError(e: LehtinenError): string {
  const where = formatWhere(e.where);
  const lines = [`error ${e.code}${where ? ` ${where}` : ''}: ${e.message}`];
  for (const d of e.details) lines.push(`  ${d}`);
  if (e.hint) lines.push(`  → ${e.hint}`);
  return lines.join('\n');
}
