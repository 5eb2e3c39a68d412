import { columnKind, isNumeric } from './columnKind';
import { DATE } from './filterInput';
import type { PageFilter } from '../contracts/pageView';

const COMPARE = { eq: '=', ne: '<>', lt: '<', le: '<=', gt: '>', ge: '>=' } as const;

const isText = (type: string) => /^(VARCHAR|TEXT|STRING)$/i.test(type.trim());

/**
 * One filter as a SQL condition: the one rule the app's sorted/filtered views (main/query/pageView.ts,
 * values bound as parameters) and "Open as SQL" (openAsSql.ts, values as literals a person can read)
 * both follow, so the SQL a person is shown selects exactly the rows the grid shows.
 *
 * `contains` matches the text a person sees, ignoring case; comparisons are made in the column's own
 * type (named by DuckDB, never typed by a person), so 10 > 9 and dates compare as dates, and a value
 * that does not cast to it matches nothing rather than failing.
 */
export function filterCondition(f: PageFilter, column: string, type: string, value: (text: string) => string): string {
  switch (f.op) {
    case 'isNull':
      return `${column} IS NULL`;
    case 'notNull':
      return `${column} IS NOT NULL`;
    case 'contains':
      return `contains(lower(CAST(${column} AS VARCHAR)), lower(${value(f.value)}))`;
    case 'range':
      return rangeCondition(column, type, value(f.lo), value(f.hi));
    case 'in':
      // each value compared as `eq` compares it: text as text, else cast to the column's type
      return `${column} IN (${f.values.map((v) => (isText(type) ? value(v) : `TRY_CAST(${value(v)} AS ${type})`)).join(', ')})`;
    default:
      if ((f.op === 'le' || f.op === 'gt') && DATE.test(f.value) && columnKind(type).kind === 'timestamp') return wholeDay(f.op, column, type, value(f.value));
      return `${column} ${COMPARE[f.op]} ${isText(type) ? value(f.value) : `TRY_CAST(${value(f.value)} AS ${type})`}`;
  }
}

/**
 * `<= day` or `> day` on a timestamp column: the day is all of it (`2001-03-01..2001-03-31` holds
 * March 31 at noon), so the bound is the next midnight, cast to the column's type as any value is
 * (a TIMESTAMPTZ's midnight in the session's time zone). A value with a time keeps its instant.
 */
function wholeDay(op: 'le' | 'gt', column: string, type: string, day: string): string {
  return `${column} ${op === 'le' ? '<' : '>='} TRY_CAST(TRY_CAST(${day} AS DATE) + 1 AS ${type})`;
}

/**
 * A brush [lo, hi): numbers compare as DOUBLE, so a brush edge snapped to k × step (docs/charts.md)
 * means the same here as in a chart's pre-aggregated cube; other types compare in their own type.
 */
function rangeCondition(column: string, type: string, lo: string, hi: string): string {
  if (isNumeric(columnKind(type))) return `(CAST(${column} AS DOUBLE) >= TRY_CAST(${lo} AS DOUBLE) AND CAST(${column} AS DOUBLE) < TRY_CAST(${hi} AS DOUBLE))`;
  if (isText(type)) return `(${column} >= ${lo} AND ${column} < ${hi})`;
  return `(${column} >= TRY_CAST(${lo} AS ${type}) AND ${column} < TRY_CAST(${hi} AS ${type}))`;
}
