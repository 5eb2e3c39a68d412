import type { Column } from '../contracts/events';
import type { PageFilter } from '../contracts/pageView';
import { boundFilters } from '../explore/filterSql';
import { renamedGrains } from './pivotGrain';
import type { PivotSpec } from './pivotSpec';

/** The rows a pivot reads, and the spec as the SQL reads them. */
export interface PivotRelation {
  /** `(SELECT c3 AS f0, … FROM <result> WHERE …)`: the fields the pivot uses, of the rows the grid shows. */
  readonly relation: string;
  /** The spec with its fields named f0, f1, …, as the relation names them. */
  readonly sqlSpec: PivotSpec;
  /** The filters' values, bound as $1, $2, … in `relation`: what a person typed is never SQL text. */
  readonly params: readonly string[];
}

/** Types with a negative zero, which a pivot's row and column fields read as +0.0 (see pivotRelation). */
export const SIGNED_ZERO: ReadonlySet<string> = new Set(['FLOAT', 'DOUBLE']);

/**
 * The rows of a result's table (columns c0, c1, …) a pivot reads: those passing the result's view
 * filters (the grid's and the charts' brushes, with filterCondition, the grid's own rule; the sort
 * does not change a pivot), each field under f0, f1, …, not under the names a person sees: DuckDB
 * binds names ignoring case, so a pivot of `n` and `N` would read the first of them twice.
 */
export function pivotRelation(table: string, columns: readonly Column[], spec: PivotSpec, filter: readonly PageFilter[] = []): PivotRelation {
  const used = [...new Set([...spec.rows, ...spec.columns, spec.values])];
  const field = (name: string) => `f${used.indexOf(name)}`;
  const fields = new Set([...spec.rows, ...spec.columns]);
  const picked = used.map((name, i) => {
    const at = columns.findIndex((c) => c.name === name);
    // -0.0 and 0.0 are one group to DuckDB, but a group's text is whichever came first: a column key
    // "0.0" then matched no row of -0.0 (cells lost, flights' round(delay / 1000.0)). Adding 0 makes every zero +0.0.
    return fields.has(name) && SIGNED_ZERO.has(columns[at]?.type ?? '') ? `(c${at} + 0) AS f${i}` : `c${at} AS f${i}`;
  });
  const sqlSpec = { ...spec, rows: spec.rows.map(field), columns: spec.columns.map(field), values: field(spec.values), ...renamedGrains(spec.grains, field) };
  const where = boundFilters(filter, columns);
  return { relation: `(SELECT ${picked.join(', ')} FROM ${table}${where.sql ? ` WHERE ${where.sql}` : ''})`, sqlSpec, params: where.params };
}
