import { finiteAggregate, holdsNonFinite, leftOutNote, nonFiniteCounts, type LeftOut } from '../explore/finiteValues';
import { quoteIdent } from '../sql/sqlIdentifier';
import type { SingleChartSpec } from './chartSpec';
import { placeable, type ChartSourceColumn } from './chartSql';
import { placingColumns } from './chartUnplaced';

/*
 * The NaNs and infinities a chart's aggregate leaves out: bars, lines and areas aggregate their Y's
 * finite values only, and a box plot spreads its column's (chartSql, finiteValues.ts), as a
 * profile's figures and a pivot's cells do, and say how many they left out, as those do.
 */

/** The column whose values `spec` aggregates and what it makes of them ("average of delay"), or undefined (counts, points). */
function aggregated(spec: SingleChartSpec, columns: readonly ChartSourceColumn[]): { readonly column: ChartSourceColumn; readonly what: string } | undefined {
  const find = (name: string | undefined) => columns.find((c) => c.name === name);
  if (spec.mark === 'Box') {
    const column = find(spec.y ?? spec.x);
    return column && { column, what: `box of ${column.name}` };
  }
  const aggregates = spec.mark === 'Bar' || spec.mark === 'Line' || spec.mark === 'Area';
  const column = aggregates && finiteAggregate(spec.aggregate) ? find(spec.y) : undefined;
  return column && { column, what: `${spec.aggregate.toLowerCase()} of ${column.name}` };
}

/** The DuckDB type of the column `spec`'s marks aggregate (a Y averaged, a box's column), or undefined (counts, points): how "Chart data" writes their values (computedValueText). */
export const aggregatedType = (spec: SingleChartSpec, columns: readonly ChartSourceColumn[]): string | undefined => aggregated(spec, columns)?.column.type;

/**
 * The SQL counting the NaNs, infinities and negative infinities (one row: `nan`, `inf`, `neg_inf`,
 * as text) among the rows of `relation` (passing `filter`, when given) that `spec` places on its
 * axes but whose aggregated value it leaves out; undefined when its values can have none.
 */
export function leftOutSql(spec: SingleChartSpec, relation: string, columns: readonly ChartSourceColumn[], filter?: string): string | undefined {
  const of = aggregated(spec, columns);
  if (!of || !holdsNonFinite(of.column.type)) return undefined;
  // rows not placed are not drawn at all: the unplaced note counts them
  const placed = placingColumns(spec, columns).map((c) => placeable(c.ref ?? quoteIdent(c.name), c.type));
  const where = [...placed, ...(filter ? [`(${filter})`] : [])];
  const c = nonFiniteCounts(of.column.type, of.column.ref ?? quoteIdent(of.column.name));
  return `SELECT ${c.nan}::VARCHAR AS nan, ${c.inf}::VARCHAR AS inf, ${c.negInf}::VARCHAR AS neg_inf FROM ${relation}${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''}`;
}

/** Reads leftOutSql's row. */
export const readChartLeftOut = (row: ReadonlyArray<string | null> | undefined): LeftOut => ({ nan: Number(row?.[0] ?? 0), inf: Number(row?.[1] ?? 0), negInf: Number(row?.[2] ?? 0) });

/** What a chart says it left out of its marks ("1 NaN, 1 inf left out of the average of delay."), or undefined when nothing. */
export function chartLeftOutNote(leftOut: LeftOut | undefined, spec: SingleChartSpec, columns: readonly ChartSourceColumn[]): string | undefined {
  const of = aggregated(spec, columns);
  const note = of && leftOutNote(leftOut, of.column.type, of.what);
  return note && `${note}.`;
}
