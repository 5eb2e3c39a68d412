import type { Column } from '../../shared/contracts/events';
import { columnKind } from '../../shared/explore/columnKind';
import { columnNames } from '../../shared/explore/openAsSql';
import type { ExportFormat } from '../../shared/explore/exportFormat';
import { quoteIdent } from '../../shared/sql/sqlIdentifier';
import { literal } from '../query/sql';
import { parseType, TypeTextError, typeWithLeavesAsText, type TypeNode } from './exactTypes';
import { finiteOrText, floatsAsJson } from './jsonFloats';

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
 * Whether the format cannot hold a value of this (leaf) type exactly, so it is written as its exact
 * text. Parquet has no 128-bit integer (DuckDB would write a DOUBLE). A JSON reader reads a long
 * DECIMAL through a double, and DuckDB's reads an integer beyond BIGINT/UBIGINT's range (so any of
 * a HUGEINT/UHUGEINT column or field) as a double unless told the type; BIGINT and UBIGINT read back
 * exactly, at any depth, and stay JSON numbers.
 */
function exactAsText(type: string, format: ExportFormat): boolean {
  const k = columnKind(type);
  const huge = k.kind === 'integer' && (k.max > 2n ** 64n - 1n || k.min < -(2n ** 63n));
  if (format === 'parquet') return huge;
  // BIGNUM (VARINT before DuckDB 1.4) has no bound at all: read back from JSON, it is a DOUBLE.
  const unbounded = /^(BIGNUM|VARINT)$/i.test(type.trim());
  if (format === 'json' || format === 'ndjson') return huge || unbounded || (k.kind === 'decimal' && k.precision > JSON_EXACT_DIGITS);
  return false;
}

/**
 * A column as written: cast so that each value the format cannot hold exactly, at any depth (a
 * HUGEINT in a STRUCT, a LIST, a MAP, a UNION, an ARRAY), becomes its exact text; for JSON, each
 * FLOAT/DOUBLE at any depth rebuilt so NaN and infinities are text (`floatsAsJson`); else as it is.
 * Type text that cannot be read is judged as a whole, as a top-level type.
 */
function written(expr: string, type: string, format: ExportFormat): string {
  const json = format === 'json' || format === 'ndjson';
  const asText = (leaf: string) => exactAsText(leaf, format);
  let node: TypeNode;
  let target: string | undefined;
  try {
    node = parseType(type);
    target = typeWithLeavesAsText(type, asText);
  } catch (e) {
    if (!(e instanceof TypeTextError)) throw e;
    if (json && columnKind(type).kind === 'float') return finiteOrText(expr);
    return asText(type) ? `${expr}::VARCHAR` : expr;
  }
  const cast = target === undefined ? expr : `(${expr}::${target})`;
  // the cast leaves floats floats, so the column's own type tells where they are
  return (json ? floatsAsJson(cast, node) : undefined) ?? cast;
}

/**
 * The rows of a kept result (or of its sorted/filtered view table) as the grid shows them: in rowid
 * order, each column under the name a person sees (result tables name them c0, c1, …).
 */
export function exportSelectSql(table: string, columns: readonly Column[], format: ExportFormat): string {
  const names = columnNames(columns).names;
  const list = columns.map((c, i) => `${written(`c${i}`, c.type, format)} AS ${quoteIdent(names[i]!)}`);
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
