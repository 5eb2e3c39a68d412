import { exportExtension, type ExportFormat } from '../../shared/explore/exportFormat';
import { safeFileStem } from '../../shared/text/fileStem';

/** A session named after its file ("flights-3m.parquet") would give "flights-3m.parquet - … .csv": a file's extension inside another's. */
const DATA_EXTENSION = /\.(csv|tsv|txt|parquet|json|ndjson|jsonl|arrow|feather|duckdb|db|gz|zst)$/i;

/**
 * SQL's `*` for all columns (`select *`, `t.*`, `count(*)`, `columns(*)`): no name on Windows may
 * hold a `*` (macOS and Linux would), and dropped it read "select from t". Written "all" instead, in
 * plain letters (not a look-alike such as `＊`, which a shell or a search would not match). A `*`
 * between two operands (`a * b`) is still left out.
 */
const ALL_COLUMNS = /(\bselect|\bdistinct|[,(.])(\s*)\*/gi;

/**
 * A file name for an export, made from the session's title and its query: "Session 1 - SELECT
 * origin FROM flights.parquet", by the one rule for a file name's stem (shared/text/fileStem.ts).
 */
export function exportFileName(title: string, sql: string, format: ExportFormat): string {
  const named = title.trim().replace(DATA_EXTENSION, '').replace(DATA_EXTENSION, '');
  const stem = safeFileStem([safeFileStem(named), safeFileStem(sql.replace(ALL_COLUMNS, '$1$2all'))].filter(Boolean).join(' - '));
  return `${stem || 'export'}.${exportExtension[format]}`;
}

/** The header that makes a browser save the response under `fileName` (RFC 6266, with an ASCII fallback). */
export function attachmentHeader(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replaceAll('"', '_').replaceAll('\\', '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
