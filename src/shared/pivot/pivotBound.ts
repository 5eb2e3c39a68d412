import type { Column } from '../contracts/events';
import { PIVOT_GROUPS, pivotSelectSql } from './pivotSql';
import { valueColumnNames, type PivotKeys, type PivotSpec } from './pivotSpec';

/*
 * The pivot as the app runs it (main makes its table, the worker its first page): the column keys'
 * values bound as parameters ($1, $2, …), never SQL text, and columns named positionally.
 */

/** Rows [offset, offset + limit) of the ordered pivot only, with the count of all its rows. */
export interface PivotHeadRange {
  readonly offset: number;
  readonly limit: number;
}

/**
 * Where the pivot's rows come from: the result's rows the grid shows, its fields under their SQL
 * names (pivotRelation), the values its filters bind ($1, $2, …), and the temp table of its partial
 * groups (none for Median).
 */
export interface PivotSource {
  readonly relation: string;
  readonly params: readonly string[];
  readonly partialTable: string | undefined;
  /** The Values column's DuckDB type, which decides how an Average sums (partsOf). */
  readonly valueType: string;
}

/**
 * Whether a statement built over the source reads its rows (and so binds the filters' values first):
 * the partial groups always do; the keys and the pivot only when there are no partial groups to read.
 */
export const readsRows = (source: PivotSource): boolean => source.partialTable === undefined;

/** The pivot's SELECT and the values bound to it: the filters' (when it reads the rows), then the column keys'. */
export function boundPivotSql(spec: PivotSpec, source: PivotSource, keys: PivotKeys, head?: PivotHeadRange): { sql: string; params: string[] } {
  const params: string[] = readsRows(source) ? [...source.params] : [];
  const value = (v: string) => {
    params.push(v);
    return `$${params.length}`;
  };
  const partial = source.partialTable === undefined ? {} : { partialTable: source.partialTable };
  return { sql: pivotSelectSql(spec, source.relation, keys, { names: 'positional', value, valueType: source.valueType, ...partial, ...(head ? { head } : {}) }), params };
}

/**
 * Whether the pivot's statement has, after its value columns, the column keys with rows in each
 * row (PIVOT_PRESENT, a bitmask): with column fields only, since without them the one value
 * column is the Total, never empty.
 */
export const hasEmptyCells = (spec: PivotSpec): boolean => spec.columns.length > 0;

/**
 * A row's value columns with no rows (PivotPage.empty), read from its PIVOT_PRESENT bitmask
 * (DuckDB's text of a UBIGINT; NULL: no key has rows, as in the grand total of no rows): key i
 * (0-based) is bit i + 1, "Other" bit 0; the Total is never empty.
 */
export function emptyCells(present: string | null, keys: PivotKeys): number[] {
  const bits = present === null ? 0n : BigInt(present);
  const has = (bit: number) => ((bits >> BigInt(bit)) & 1n) === 1n;
  const empty = keys.keys.flatMap((_, i) => (has(i + 1) ? [] : [i]));
  return keys.distinct > keys.keys.length && !has(0) ? [...empty, keys.keys.length] : empty;
}

/** The pivot's columns as a page names them: the level, the row fields, the value columns. */
export const pivotColumnNames = (spec: PivotSpec, keys: PivotKeys): string[] => ['level', ...spec.rows, ...valueColumnNames(spec, keys)];

/**
 * A head of the pivot, read: its rows as DuckDB's text (column-major), their types, the pivot's row
 * count and its groups, and with column fields each row's value columns with no rows (PivotPage).
 */
export interface PivotHead {
  readonly totalRows: number;
  readonly groups: number;
  readonly columns: readonly Column[];
  readonly values: (string | null)[][];
  readonly empty?: number[][];
}

/**
 * Each cell of a head's rows as DuckDB's text (t0…) and each column's type (y0…), with
 * pivot_total_rows and PIVOT_GROUPS; with `present`, the keys with rows (the column after the cells) as `present`.
 */
export function pivotHeadSql(names: readonly string[], headSql: string, present = false): string {
  const cs = names.map((_, i) => `c${i}`);
  const keysPresent = present ? `, c${names.length}::VARCHAR AS present` : '';
  return `SELECT ${cs.map((c, i) => `${c}::VARCHAR AS t${i}, typeof(${c}) AS y${i}`).join(', ')}${keysPresent}, pivot_total_rows, ${PIVOT_GROUPS} FROM (${headSql})`;
}

/**
 * Reads the rows of pivotHeadSql (its empty cells when `keys` are given: it was asked for `present`);
 * undefined when the range is past the pivot's end (no row to tell the types).
 */
export function readPivotHead(names: readonly string[], rows: ReadonlyArray<Readonly<Record<string, unknown>>>, keys?: PivotKeys): PivotHead | undefined {
  const first = rows[0];
  if (!first) return undefined;
  return {
    totalRows: Number(first['pivot_total_rows']),
    groups: Number(first[PIVOT_GROUPS]),
    columns: names.map((name, i) => ({ name, type: String(first[`y${i}`]) })),
    values: names.map((_, i) => rows.map((row) => (row[`t${i}`] ?? null) as string | null)),
    ...(keys ? { empty: rows.map((row) => emptyCells((row['present'] ?? null) as string | null, keys)) } : {}),
  };
}
