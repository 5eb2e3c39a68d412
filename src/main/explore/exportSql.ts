import type { Column } from '../../shared/contracts/events';
import { columnKind } from '../../shared/explore/columnKind';
import { columnNames } from '../../shared/explore/openAsSql';
import type { ExportFormat } from '../../shared/explore/exportFormat';
import { ident, literal } from '../query/sql';

/** DuckDB's COPY options for each format. JSON is one array; NDJSON one object a line. */
const COPY_OPTIONS: Readonly<Record<ExportFormat, string>> = {
  csv: 'FORMAT csv, HEADER true',
  parquet: 'FORMAT parquet',
  json: 'FORMAT json, ARRAY true',
  ndjson: 'FORMAT json',
};

/** Digits a JSON number survives with in readers that parse numbers as doubles (DuckDB's among them). */
const JSON_EXACT_DIGITS = 15;

/**
 * A column as written, when the format cannot hold its type exactly: Parquet has no 128-bit
 * integer (DuckDB would write a DOUBLE), and a JSON reader reads a long DECIMAL through a double.
 * Those are written as their exact text instead; everything else keeps its type.
 */
function written(expr: string, type: string, format: ExportFormat): string {
  const k = columnKind(type);
  const huge = k.kind === 'integer' && (k.max > 2n ** 64n || k.min < -(2n ** 63n));
  if (format === 'parquet' && huge) return `${expr}::VARCHAR`;
  if ((format === 'json' || format === 'ndjson') && k.kind === 'decimal' && k.precision > JSON_EXACT_DIGITS) return `${expr}::VARCHAR`;
  return expr;
}

/**
 * The rows of a kept result (or of its sorted/filtered view table) as the grid shows them: in rowid
 * order, each column under the name a person sees (result tables name them c0, c1, …).
 */
export function exportSelectSql(table: string, columns: readonly Column[], format: ExportFormat): string {
  const names = columnNames(columns).names;
  const list = columns.map((c, i) => `${written(`c${i}`, c.type, format)} AS ${ident(names[i]!)}`);
  return `SELECT ${list.join(', ')} FROM ${table} ORDER BY rowid`;
}

/**
 * DuckDB's COPY of those rows to `path`. The path is a quoted literal (COPY takes no parameters);
 * no file system path holds a NUL, so one is refused rather than cut short.
 */
export function exportSql(table: string, columns: readonly Column[], format: ExportFormat, path: string): string {
  if (path.includes('\u0000')) throw new RangeError('An export path cannot contain a NUL character');
  return `COPY (${exportSelectSql(table, columns, format)}) TO ${literal(path)} (${COPY_OPTIONS[format]})`;
}
