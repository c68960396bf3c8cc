/** The statuses a translation can have (status.yaml); apart from status.ts so the CLI names them without loading yaml and zod. */
export const STATUSES = ['draft', 'translated', 'reviewed'] as const;
export type TranslationStatus = (typeof STATUSES)[number];
