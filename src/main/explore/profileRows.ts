import type { Column } from '../../shared/contracts/events';
import type { PageFilter } from '../../shared/contracts/pageView';
import { boundFilters } from '../../shared/explore/filterSql';

/** The rows a result's profile reads, as SQL, and the values its filters bind. */
export interface ProfileRows {
  /** The result's table, or `(SELECT * FROM <table> WHERE …)`: the rows the grid shows. */
  readonly relation: string;
  /** The filters' values, bound as $1, $2, … wherever `relation` appears: what a person typed is never SQL text. */
  readonly params: readonly string[];
}

/**
 * The rows of a result's table (columns c0, c1, …) that pass its view filters, with
 * filterCondition, the grid's own rule, so a profile describes exactly the rows the grid shows.
 * No filter: the table itself, as a profile always read it. The sort is left out: no figure of a
 * profile depends on the order of the rows.
 */
export function profileRows(table: string, columns: readonly Column[], filter: readonly PageFilter[] = []): ProfileRows {
  if (filter.length === 0) return { relation: table, params: [] };
  const where = boundFilters(filter, columns);
  return { relation: `(SELECT * FROM ${table} WHERE ${where.sql})`, params: where.params };
}

/** The first filter naming a column the result lacks, as a sentence; undefined when all are fine. */
export function badProfileFilter(filter: readonly PageFilter[], columns: readonly Column[]): string | undefined {
  const missing = filter.find((f) => f.column >= columns.length);
  return missing && `The result has no column ${missing.column + 1}.`;
}
