/** The kinds of output a build writes; apart from the config schema so the CLI can name them without loading zod. */
export const OUTPUT_KINDS = ['print-pdf', 'web-pdf', 'png', 'preview', 'sheet', 'html'] as const;
export type OutputKind = (typeof OUTPUT_KINDS)[number];
