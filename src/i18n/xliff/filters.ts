/** What `xliff export --only` can select; apart from export.ts so the CLI names them without loading the exporter. */
export const EXPORT_FILTERS = ['missing', 'outdated', 'draft', 'translated', 'reviewed'] as const;
export type ExportFilter = (typeof EXPORT_FILTERS)[number];
