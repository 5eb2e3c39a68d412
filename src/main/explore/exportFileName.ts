import { exportExtension, type ExportFormat } from '../../shared/explore/exportFormat';

const MAX_STEM = 80;

/** A session named after its file ("flights-3m.parquet") would give "flights-3m.parquet - … .csv": a file's extension inside another's. */
const DATA_EXTENSION = /\.(csv|tsv|txt|parquet|json|ndjson|jsonl|arrow|feather|duckdb|db|gz|zst)$/i;

/**
 * A file name for an export, made from the session's title and its query: "Session 1 - SELECT
 * origin FROM flights.parquet". Only letters, digits, spaces and `._-()` survive, so the name is
 * safe in a Content-Disposition header and on every OS (no separators, no reserved characters,
 * no leading dot).
 */
export function exportFileName(title: string, sql: string, format: ExportFormat): string {
  const part = (s: string): string =>
    s
      .replace(/[^\p{L}\p{N} ._()-]+/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim();
  // Cut by code points: a UTF-16 cut can split a pair (𠀀) and leave a lone half, which
  // encodeURIComponent refuses in the download's header.
  const whole = [part(title.trim().replace(DATA_EXTENSION, '').replace(DATA_EXTENSION, '')), part(sql)].filter(Boolean).join(' - ');
  const stem = Array.from(whole).slice(0, MAX_STEM).join('').replace(/^[ .]+|[ .]+$/g, '');
  return `${stem || 'export'}.${exportExtension[format]}`;
}

/** The header that makes a browser save the response under `fileName` (RFC 6266, with an ASCII fallback). */
export function attachmentHeader(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replaceAll('"', '_').replaceAll('\\', '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
