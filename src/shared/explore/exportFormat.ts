/** What "Export result" can write, in the order its "Format" combobox lists them. */
export const exportFormats = ['csv', 'parquet', 'json', 'ndjson'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export const exportFormatLabel: Readonly<Record<ExportFormat, string>> = { csv: 'CSV', parquet: 'Parquet', json: 'JSON', ndjson: 'NDJSON' };
export const exportExtension: Readonly<Record<ExportFormat, string>> = { csv: 'csv', parquet: 'parquet', json: 'json', ndjson: 'ndjson' };
