import { z } from 'zod';
import type { Aggregate } from './aggregates';
import { columnKind } from './columnKind';
import { leftOutText } from './profileText';

/*
 * The one averaging rule of the app (docs/explore.md): a column profile's figures, a pivot's cells
 * and a chart's aggregated marks are taken over finite values only, and each says how many NaNs and
 * infinities it left out. One NaN makes a DuckDB sum or average NaN, one infinity makes it ±inf and
 * the max of every group it falls in, so a single odd value would hide all the others.
 */

/** Floats, dates and timestamps hold NaN (floats) or ±infinity; no other type does. */
export function holdsNonFinite(type: string): boolean {
  const k = columnKind(type).kind;
  return k === 'float' || k === 'date' || k === 'timestamp';
}

/** Of those, only floats hold NaN: a date or timestamp is at most ±infinity. */
export const holdsNaN = (type: string): boolean => columnKind(type).kind === 'float';

/**
 * `expr` where `column` (SQL, already quoted) holds a finite value, else NULL, which aggregates
 * skip; `expr` itself for a type with no NaN or infinity. A CASE, not FILTER: a hundred filtered
 * aggregates cost DuckDB ten times more than a hundred plain ones.
 */
export function finiteOnly(type: string, column: string, expr = column): string {
  return holdsNonFinite(type) ? `CASE WHEN isfinite(${column}) THEN ${expr} END` : expr;
}

/** The aggregates counting `column`'s NaNs, infinities and negative infinities (SQL, already quoted); 0s for other types. */
export function nonFiniteCounts(type: string, column: string): { readonly nan: string; readonly inf: string; readonly negInf: string } {
  const k = columnKind(type).kind;
  const count = (when: string) => `count(CASE WHEN ${when} THEN 1 END)`;
  if (k === 'float') return { nan: count(`isnan(${column})`), inf: count(`isinf(${column}) AND ${column} > 0`), negInf: count(`isinf(${column}) AND ${column} < 0`) };
  // a string literal takes the column's type: DATE, any TIMESTAMP
  if (k === 'date' || k === 'timestamp') return { nan: '0', inf: count(`isinf(${column}) AND ${column} > '1970-01-01'`), negInf: count(`isinf(${column}) AND ${column} < '1970-01-01'`) };
  return { nan: '0', inf: '0', negInf: '0' };
}

const count = z.number().int().nonnegative();
/** How many NaNs, infinities and negative infinities were left out of a pivot's or a chart's aggregate. */
export const leftOutSchema = z.object({ nan: count, inf: count, negInf: count }).strict();
export type LeftOut = z.infer<typeof leftOutSchema>;

/** The SELECT list of nonFiniteCounts, as `nan`, `inf` and `neg_inf`, for readLeftOut. */
export function leftOutColumns(type: string, column: string): string {
  const c = nonFiniteCounts(type, column);
  return `${c.nan} AS nan, ${c.inf} AS inf, ${c.negInf} AS neg_inf`;
}

/** Reads a row of leftOutColumns (numbers, bigints or DuckDB's text). */
export function readLeftOut(row: Readonly<Record<string, unknown>> | undefined): LeftOut {
  const n = (key: string) => Number(row?.[key] ?? 0);
  return { nan: n('nan'), inf: n('inf'), negInf: n('neg_inf') };
}

/**
 * Whether `aggregate` is taken over finite values only, per aggregate, as a person reading it
 * expects: Average, Sum, Median, Min and Max of finite values, as a profile's mean, quartiles, min
 * and max (a Sum stays the Average times its count, and a Max is not one infinity in every group).
 * Count counts every non-NULL value, NaN included, as a profile's non-null count: it counts rows
 * that have a value, not what the value is.
 */
export const finiteAggregate = (aggregate: Aggregate): boolean => aggregate !== 'Count';

/**
 * What a pivot or a chart says it left out of `what` ("1 NaN, 1 inf left out of the average of
 * score"), in the profile's words (leftOutText); undefined when nothing was.
 */
export function leftOutNote(leftOut: LeftOut | undefined, type: string, what: string): string | undefined {
  const text = leftOut ? leftOutText(leftOut, columnKind(type).kind !== 'float') : '';
  return text === '' ? undefined : `${text} of the ${what}`;
}
