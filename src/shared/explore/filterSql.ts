import { columnKind, isNumeric } from './columnKind';
import { DATE } from './filterInput';
import type { Column } from '../contracts/events';
import type { PageFilter } from '../contracts/pageView';

const COMPARE = { eq: '=', ne: '<>', lt: '<', le: '<=', gt: '>', ge: '>=' } as const;

/**
 * Types compared by their text, the text the grid shows. A JSON document: `TRY_CAST('hello' AS JSON)`
 * is NULL (so `!=hello` matched nothing) and a bare `j = 'x'` fails as malformed JSON. A UNION:
 * `TRY_CAST('42' AS UNION(num INTEGER, str VARCHAR))` is the `str` member, never equal to `num` 42.
 */
const comparedAsText = (type: string) => /^(JSON$|UNION\s*\()/i.test(type.trim());
const isText = (type: string) => /^(VARCHAR|TEXT|STRING)$/i.test(type.trim()) || comparedAsText(type);
const asText = (column: string, type: string) => (comparedAsText(type) ? `CAST(${column} AS VARCHAR)` : column);

/**
 * One filter as a SQL condition: the one rule the app's sorted/filtered views (main/query/pageView.ts,
 * values bound as parameters) and "Open as SQL" (openAsSql.ts, values as literals a person can read)
 * both follow, so the SQL a person is shown selects exactly the rows the grid shows.
 *
 * `contains` matches the text a person sees, ignoring case; comparisons are made in the column's own
 * type (named by DuckDB, never typed by a person), so 10 > 9 and dates compare as dates, and a value
 * that does not cast to it matches nothing rather than failing.
 */
export function filterCondition(f: PageFilter, column: string, type: string, value: (text: string) => string, literal?: TypedLiteral): string {
  const compared = asText(column, type);
  // a value in the column's type: DuckDB's TRY_CAST of its text, or a literal that means the same
  const typed = (text: string, as = type) => literal?.(text, as) ?? `TRY_CAST(${value(text)} AS ${as})`;
  switch (f.op) {
    case 'isNull':
      return `${column} IS NULL`;
    case 'notNull':
      return `${column} IS NOT NULL`;
    case 'contains':
      return `contains(lower(CAST(${column} AS VARCHAR)), lower(${value(f.value)}))`;
    case 'range':
      return rangeCondition(compared, type, f.lo, f.hi, value, typed);
    case 'in':
      // each value compared as `eq` compares it: text as text, else cast to the column's type
      return `${compared} IN (${f.values.map((v) => (isText(type) ? value(v) : typed(v))).join(', ')})`;
    default:
      if (f.op !== 'lt' && f.op !== 'ge' && DATE.test(f.value) && columnKind(type).kind === 'timestamp') return wholeDay(f.op, column, type, value(f.value));
      return `${compared} ${COMPARE[f.op]} ${isText(type) ? value(f.value) : typed(f.value)}`;
  }
}

/**
 * A date alone on a timestamp column is the whole day: `<= day` and `> day` are bounded by the next
 * midnight (`2001-03-01..2001-03-31` holds March 31 at noon), `= day` is that midnight up to the
 * next, `!= day` the rest; each midnight cast to the column's type as any value is (a TIMESTAMPTZ's
 * in the session's time zone). `< day` and `>= day` start at midnight already. A value with a time
 * keeps its instant. `day` is the one parameter, written twice for `=` and `!=`.
 */
function wholeDay(op: 'eq' | 'ne' | 'le' | 'gt', column: string, type: string, day: string): string {
  const next = `TRY_CAST(TRY_CAST(${day} AS DATE) + 1 AS ${type})`;
  if (op === 'le') return `${column} < ${next}`;
  if (op === 'gt') return `${column} >= ${next}`;
  const start = `TRY_CAST(${day} AS ${type})`;
  return op === 'eq' ? `(${column} >= ${start} AND ${column} < ${next})` : `(${column} < ${start} OR ${column} >= ${next})`;
}

/**
 * A brush [lo, hi): numbers compare as DOUBLE, so a brush edge snapped to k × step (docs/charts.md)
 * means the same here as in a chart's pre-aggregated cube; other types compare in their own type.
 */
function rangeCondition(column: string, type: string, lo: string, hi: string, value: (text: string) => string, typed: (text: string, as?: string) => string): string {
  if (isNumeric(columnKind(type))) return `(CAST(${column} AS DOUBLE) >= ${typed(lo, 'DOUBLE')} AND CAST(${column} AS DOUBLE) < ${typed(hi, 'DOUBLE')})`;
  if (isText(type)) return `(${column} >= ${value(lo)} AND ${column} < ${value(hi)})`;
  return `(${column} >= ${typed(lo)} AND ${column} < ${typed(hi)})`;
}

/**
 * A value written as a literal of `type` that means exactly what `TRY_CAST('<text>' AS type)` does,
 * or undefined when there is none (then the cast is written): for a person reading the SQL, not for
 * DuckDB, which gets bound parameters.
 */
export type TypedLiteral = (text: string, type: string) => string | undefined;

/**
 * `150` rather than `TRY_CAST('150' AS BIGINT)`: a whole number in an integer type's range, a plain
 * decimal a DECIMAL holds without rounding or a float reads as written, a valid `DATE '…'`. Anything
 * a cast would round (`1.5` as BIGINT), refuse (`2024-02-30`) or read otherwise (`nan`) keeps its cast.
 */
export const exactLiteral: TypedLiteral = (text, type) => {
  const kind = columnKind(type);
  switch (kind.kind) {
    case 'integer': {
      if (!/^-?\d{1,38}$/.test(text)) return undefined;
      const n = BigInt(text);
      return n >= kind.min && n <= kind.max ? n.toString() : undefined;
    }
    case 'decimal': {
      const m = /^(-?)0*(\d*?)(?:\.(\d+))?$/.exec(text);
      if (!m || !/\d/.test(text) || (m[2] ?? '').length > kind.precision - kind.scale || (m[3] ?? '').length > kind.scale) return undefined;
      return text;
    }
    case 'float':
      // at most 15 digits: the decimal literal then turns into the very DOUBLE the text parses to
      return /^-?\d+(\.\d+)?$/.test(text) && text.replace(/\D/g, '').length <= 15 ? text : undefined;
    case 'date':
      return DATE.test(text) && isCalendarDay(text) ? `DATE '${text}'` : undefined;
    default:
      return undefined;
  }
};

/** Whether `YYYY-MM-DD` is a day of the calendar (`2024-02-30` is not: DuckDB refuses its literal). */
function isCalendarDay(text: string): boolean {
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d));
  return day.getUTCFullYear() === y && day.getUTCMonth() === m - 1 && day.getUTCDate() === d;
}

/**
 * A view's filters as one condition over a kept result's columns `c0, c1, …` (empty when there are
 * none), their values bound as $1, $2, … in order: what a person typed is never SQL text. The one
 * WHERE of the grid's views, the charts, the pivot and the profile, so each reads exactly the rows
 * the grid shows. Callers refuse a filter on a column the result lacks before they get here.
 */
export function boundFilters(filter: readonly PageFilter[], columns: readonly Column[]): { readonly sql: string; readonly params: readonly string[] } {
  const params: string[] = [];
  const param = (value: string) => {
    params.push(value);
    return `$${params.length}`;
  };
  const sql = filter.map((f) => filterCondition(f, `c${f.column}`, columns[f.column]?.type ?? 'VARCHAR', param)).join(' AND ');
  return { sql, params };
}
