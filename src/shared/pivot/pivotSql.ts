import type { Column } from '../contracts/events';
import { columnKind, isNumeric } from '../explore/columnKind';
import { finiteAggregate, finiteOnly, holdsNonFinite, leftOutColumns } from '../explore/finiteValues';
import { quoteIdent } from '../sql/sqlIdentifier';
import { groupedValue, groupText, type PivotGrain } from './pivotGrain';
import { cellOf, levelsOfParts, partsOf, PIVOT_PRESENT, presentOfKeys, totalCell, type Cell, type AggregateParts } from './pivotParts';
import { MAX_PIVOT_KEYS, type PivotAggregate, type PivotKeys, type PivotSpec } from './pivotSpec';

/*
 * A pivot as one DuckDB query over a relation whose columns have the names a person sees. The
 * column dimension is DuckDB's PIVOT written out: each shown key is an aggregate of `CASE WHEN
 * key = … THEN value END` (a FILTER by another name), so the keys can be capped and an "Other" and
 * a "Total" column computed in the same pass. Row groups and their subtotals are one `GROUP BY
 * ROLLUP`, or over a table of the rows' parts a GROUP BY per level (ROLLUP's grouping sets written
 * out): every total is combined from the rows (an average of a group is not an average of averages).
 */

/** How a value from the data (a column key) becomes SQL: a bound parameter in the app, a literal in the editor. */
export type SqlValue = (text: string) => string;

/** Why `aggregate` cannot be taken of a column of `duckdbType`, or undefined when it can. */
export function aggregateMismatch(aggregate: PivotAggregate, duckdbType: string): string | undefined {
  const type = columnKind(duckdbType);
  const { kind } = type;
  const numeric = isNumeric(type);
  const ordered = numeric || kind === 'date' || kind === 'timestamp' || kind === 'time';
  if ((aggregate === 'Sum' || aggregate === 'Average') && !numeric) return `${aggregate} needs a number column`;
  if (aggregate === 'Median' && !ordered) return 'Median needs a number, date or time column';
  return undefined;
}

/** The first column named so, or undefined. */
export const findColumn = (columns: readonly Column[], name: string): Column | undefined => columns.find((c) => c.name === name);

/** The grain of a row or column field (by its name in `spec`), or undefined: its exact values. */
const grainOf = (spec: Pick<PivotSpec, 'grains'>, field: string): PivotGrain | undefined => spec.grains?.[field];

/**
 * Where the column keys are counted: the rows themselves (`relation`, columns under the names a
 * person sees), or a table of pivotPartialSql's groups, which already count their rows.
 */
export type PivotKeySource = { readonly kind: 'rows'; readonly relation: string } | { readonly kind: 'partial'; readonly table: string };

/**
 * The column keys to show: the MAX_PIVOT_KEYS most frequent combinations of the column fields
 * (ties by value), as text, in the order of their values; `distinct` counts them all. Rows:
 * t0…tn (text or NULL), `distinct_keys`.
 */
export function pivotKeysSql(spec: PivotSpec, source: PivotKeySource): string {
  const ks = spec.columns.map((_, i) => `k${i}`);
  const counted = countedKeys(spec, source);
  const byValue = ks.map((k) => `${k} NULLS LAST`).join(', ');
  const top = `SELECT *, row_number() OVER (ORDER BY n DESC, ${byValue}) AS r, count(*) OVER () AS distinct_keys FROM (${counted})`;
  // text as t0…: an alias k0 would make ORDER BY sort the text (10 before 9) instead of the value
  return `SELECT ${ks.map((k, i) => `${groupText(grainOf(spec, spec.columns[i]!), k)} AS t${i}`).join(', ')}, distinct_keys FROM (${top}) WHERE r <= ${MAX_PIVOT_KEYS} ORDER BY ${byValue}`;
}

/** Each combination of the column fields (k0…, in their own types) and its number of rows, n. */
function countedKeys(spec: PivotSpec, source: PivotKeySource): string {
  switch (source.kind) {
    case 'rows':
      return `SELECT ${spec.columns.map((c, i) => `${groupedValue(grainOf(spec, c), quoteIdent(c))} AS k${i}`).join(', ')}, count(*) AS n FROM ${source.relation} GROUP BY ALL`;
    case 'partial':
      return `SELECT ${spec.columns.map((_, i) => `kv${i} AS k${i}`).join(', ')}, sum(${PARTIAL_ROWS}) AS n FROM ${source.table} GROUP BY ALL`;
    default:
      return source satisfies never;
  }
}

/** Reads the rows of pivotKeysSql. */
export function readPivotKeys(spec: PivotSpec, rows: ReadonlyArray<Readonly<Record<string, unknown>>>): PivotKeys {
  const keys = rows.map((row) => spec.columns.map((_, i) => (row[`t${i}`] === null || row[`t${i}`] === undefined ? null : String(row[`t${i}`]))));
  return { keys, distinct: Number(rows[0]?.['distinct_keys'] ?? 0) };
}

export interface PivotSqlOptions {
  readonly value: SqlValue;
  /**
   * 'positional': columns c0 (the level), c1… (row fields, values), as result tables are named, for
   * the app to page; with column fields one more, the keys with rows (PIVOT_PRESENT, pivotEmptyCells);
   * then PIVOT_GROUPS. 'readable': the row fields and value columns under their own names, for a
   * person; a key's cell with no rows is NULL there.
   */
  readonly names: 'positional' | 'readable';
  /** Value column names in readable mode (valueColumnNames). */
  readonly valueNames?: readonly string[];
  /**
   * A table already holding pivotPartialSql's groups for this spec: the pivot reads them instead of
   * grouping the rows again. Ignored for Median, which has no parts.
   */
  readonly partialTable?: string;
  /**
   * Only rows [offset, offset + limit) of the ordered pivot, each with the number of rows of the
   * whole pivot (`pivot_total_rows`): the first page before the pivot's table is made.
   */
  readonly head?: { readonly offset: number; readonly limit: number };
  /**
   * The Values column's DuckDB type: aggregates but Count read its finite values only (pivotValue),
   * and an Average of an integer wider than 64 bits sums its halves, of a wide DECIMAL DOUBLEs (partsOf). Undefined: the values as they are.
   */
  readonly valueType?: string;
}

/**
 * In 'positional' mode, the column after the value columns (and the keys present): on every row, the number of the
 * pivot's detail rows (groups of all its row fields, NULL a group like any value), collapsed
 * groups' included. A constant column costs DuckDB next to nothing to keep in the pivot's table.
 */
export const PIVOT_GROUPS = 'pivot_detail_groups';

/** The partial groups' count of rows (NULL values included), which ranks the column keys. */
const PARTIAL_ROWS = 'pivot_rows';

/**
 * The values an aggregate of the Values column (of `valueType`, undefined: unknown) reads: its
 * finite values only, NaN and infinities as NULL, for every aggregate but Count (finiteAggregate,
 * the profile's rule). Taken once, where the rows are picked, so every cell, subtotal and total
 * (ROLLUP's or the partial groups') is of the same values.
 */
function pivotValue(spec: Pick<PivotSpec, 'values' | 'aggregate'>, valueType: string | undefined): string {
  const column = quoteIdent(spec.values);
  return valueType !== undefined && finiteAggregate(spec.aggregate) ? finiteOnly(valueType, column) : column;
}

/**
 * The SQL counting the NaNs and infinities the pivot's aggregate leaves out of `relation`'s rows
 * (leftOutColumns: `nan`, `inf`, `neg_inf`), or undefined when it leaves none out (a Count, or a
 * type that has none).
 */
export function pivotLeftOutSql(spec: Pick<PivotSpec, 'values' | 'aggregate'>, relation: string, valueType: string): string | undefined {
  if (!finiteAggregate(spec.aggregate) || !holdsNonFinite(valueType)) return undefined;
  return `SELECT ${leftOutColumns(valueType, quoteIdent(spec.values))} FROM ${relation}`;
}

/**
 * The columns a pivot reads, renamed g0… (row fields), kv0… (column fields), each truncated to its
 * grain, and v (the values, pivotValue, never truncated: the Min of a date grouped by month is a day).
 */
function pickedColumns(spec: PivotSpec, relation: string, valueType: string | undefined): string {
  const rows = spec.rows.map((r, i) => `${groupedValue(grainOf(spec, r), quoteIdent(r))} AS g${i}`);
  const keys = spec.columns.map((c, j) => `${groupedValue(grainOf(spec, c), quoteIdent(c))} AS kv${j}`);
  return `(SELECT ${[...rows, ...keys, `${pivotValue(spec, valueType)} AS v`].join(', ')} FROM ${relation})`;
}

/** The rows grouped by every row and column field, keeping what the aggregate is combined from. */
function partialSelect(spec: PivotSpec, relation: string, partial: AggregateParts, withRows: boolean, valueType: string | undefined): string {
  const fields = [...spec.rows.map((_, i) => `g${i}`), ...spec.columns.map((_, j) => `kv${j}`)];
  const kept = [...partial.keep, ...(withRows ? [`count(*) AS ${PARTIAL_ROWS}`] : [])];
  return `SELECT ${[...fields, ...kept].join(', ')} FROM ${pickedColumns(spec, relation, valueType)} GROUP BY ALL`;
}

/**
 * The pivot's first pass on its own, for the app to keep in a table: the rows grouped by every row
 * and column field (g0…, kv0…), what the aggregate is combined from, and each group's row count
 * (so the column keys can be counted from these groups instead of from the rows again). Undefined
 * for Median, which cannot be combined from parts.
 */
export function pivotPartialSql(spec: PivotSpec, relation: string, valueType?: string): string | undefined {
  return spec.aggregate === 'Median' ? undefined : partialSelect(spec, relation, partsOf(spec.aggregate, valueType), true, valueType);
}

/**
 * The pivot's SELECT, ordered: the grand total first, then each group's subtotal row followed by
 * its children, groups ordered by their value (or by `spec.sort`'s value column at every level).
 *
 * Every aggregate but Median is taken in two passes, as DuckDB's own PIVOT does: the rows are first
 * grouped by row and column fields (one pass over the data, in the fields' own types), and the
 * levels' GROUP BYs and the per-key aggregates then run over those groups, not over every row (the app keeps the
 * first pass in a table, `partialTable`, and counts the column keys from it too). A median cannot
 * be combined from parts, so it reads the rows once, each column key cast to text once.
 */
export function pivotSelectSql(spec: PivotSpec, relation: string, keys: PivotKeys, options: PivotSqlOptions): string {
  const depth = spec.rows.length;
  const g = spec.rows.map((_, i) => `g${i}`);
  const head = options.head && { offset: wholeNumber(options.head.offset), limit: wholeNumber(options.head.limit) };
  const hasColumns = spec.columns.length > 0;
  // which keys have rows in each group, so the app draws a cell of none empty (PIVOT_PRESENT)
  const present = hasColumns && options.names === 'positional';
  const texts = spec.columns.map((c, j) => `${groupText(grainOf(spec, c), `kv${j}`)} AS kt${j}`);
  const keyCase = keys.keys.length > 0 ? `CASE ${keys.keys.map((key, i) => `WHEN ${keyCondition(key, options.value)} THEN ${i + 1}`).join(' ')} ELSE 0 END` : '0';
  const withKey = (from: string) => (hasColumns ? `SELECT *, ${keyCase} AS k FROM (SELECT *, ${texts.join(', ')} FROM ${from})` : `SELECT * FROM ${from}`);
  const partial = spec.aggregate === 'Median' ? undefined : partsOf(spec.aggregate, options.valueType);
  const stages = !partial
    ? [`pivot_source AS (${withKey(pickedColumns(spec, relation, options.valueType))}),`]
    : options.partialTable !== undefined
      ? [`pivot_source AS (${withKey(options.partialTable)}),`]
      : [`pivot_partial AS (${partialSelect(spec, relation, partial, false, options.valueType)}),`, `pivot_source AS (${withKey('pivot_partial')}),`];
  const cell: Cell = partial ? cellOf(partial) : (pick) => `median(${pick('v')})`;
  const ofKey = (k: number) => (x: string) => `CASE WHEN k = ${k} THEN ${x} END`;
  const all = (x: string) => x;
  const capped = keys.distinct > keys.keys.length;
  const picks = hasColumns ? [...keys.keys.map((_, i) => ofKey(i + 1)), ...(capped ? [ofKey(0)] : []), all] : [all];
  const vs = picks.map((_, i) => `v${i}`);
  // the Total last: a Count of no rows is 0, as DuckDB's count
  const cells = [...picks.map((pick, i) => `${i === picks.length - 1 ? totalCell(partial, cell(pick)) : cell(pick)} AS v${i}`), ...(present ? [presentOfKeys] : [])].join(', ');
  // no row field: the grand total alone, one row even over no rows (an aggregate without GROUP BY)
  const rollup =
    depth === 0
      ? `SELECT 0::BIGINT AS level, ${cells} FROM pivot_source`
      : `SELECT (${depth} - ${g.map((x) => `grouping(${x})`).join(' - ')}) AS level, ${g.join(', ')}, ${cells} FROM pivot_source GROUP BY ROLLUP (${g.join(', ')})`;
  const sort = spec.sort && spec.sort.valueColumn < vs.length ? spec.sort : undefined;
  // Over a table of partial groups, each level is a plain GROUP BY of the detail rows' parts, with
  // its sort keys (see levelsOfParts). Without one (Median, Open as SQL) the rows are read once, by
  // ROLLUP, which is also what a person reads.
  const parted = partial && options.partialTable !== undefined ? levelsOfParts(g, partial, picks, sort?.valueColumn, present) : undefined;
  const groups = parted ? parted.levels : rollup;
  if (parted) stages.push(...parted.stages);
  // Each level's sort key is its ancestor's value at that level, so groups move with their children.
  // A detail row is its own ancestor at the last level: no window for that one.
  const sortKeys =
    sort && !parted
      ? g.map((_, i) =>
          i === depth - 1
            ? `CASE WHEN level = ${depth} THEN v${sort.valueColumn} END AS s${i}`
            : `max(CASE WHEN level = ${i + 1} THEN v${sort.valueColumn} END) OVER (PARTITION BY level >= ${i + 1}${g.slice(0, i + 1).map((x) => `, ${x}`).join('')}) AS s${i}`,
        )
      : [];
  // The sort windows read the groups twice (DuckDB plans a window over a partition as a join with
  // an aggregate of it): materialised, the ROLLUP runs once instead of once per read.
  const windowed = sortKeys.length > 1;
  // a row field's text: a grain's calendar name (ordered by the truncated value, g_i), else DuckDB's value
  const shownG = (x: string, i: number) => (grainOf(spec, spec.rows[i]!) ? groupText(grainOf(spec, spec.rows[i]!), x) : x);
  const order = g.flatMap((x, i) => [`level >= ${i + 1}`, ...(sort ? [`s${i} ${sort.descending ? 'DESC' : 'ASC'} NULLS LAST`] : []), `${x} ASC NULLS LAST`]);
  const out =
    options.names === 'positional'
      ? ['level AS c0', ...g.map((x, i) => `${shownG(x, i)} AS c${i + 1}`), ...vs.map((v, i) => `${v} AS c${depth + 1 + i}`), ...(present ? [`${PIVOT_PRESENT} AS c${depth + 1 + vs.length}`] : [])]
      : [...g.map((x, i) => `${shownG(x, i)} AS ${quoteIdent(spec.rows[i]!)}`), ...vs.map((v, i) => `${v} AS ${quoteIdent(options.valueNames?.[i] ?? v)}`)];
  // The app's count of groups (PivotPage.groups): the detail rows, counted before the collapsed
  // groups' rows are left out, so collapsing changes what is shown, not how many groups there are.
  // With nothing collapsed it is counted in the SELECT, beside the head's own count of rows; a window
  // before the filter is one more pass over every group, so only when something is collapsed. A
  // count of a CASE, not count(*) FILTER: on flights-3m's pivot the FILTER window cost ~10 ms more.
  const where = collapsedWhere(spec, options.value);
  const groupsCount = `count(CASE WHEN level = ${depth} THEN 1 END) OVER () AS ${PIVOT_GROUPS}`;
  const counted = options.names === 'positional';
  const countedBefore = counted && where !== '';
  return [
    'WITH',
    ...stages,
    `pivot_groups AS ${windowed ? 'MATERIALIZED ' : ''}(${groups}),`,
    `pivot_sorted AS (SELECT *${[...sortKeys, ...(countedBefore ? [groupsCount] : [])].map((s) => `, ${s}`).join('')} FROM pivot_groups)`,
    `SELECT ${[...out, ...(counted ? [countedBefore ? PIVOT_GROUPS : groupsCount] : []), ...(head ? ['count(*) OVER () AS pivot_total_rows'] : [])].join(', ')}`,
    `FROM pivot_sorted${where}`,
    // one row without row fields: nothing to order
    ...(order.length > 0 ? [`ORDER BY ${order.join(', ')}`] : []),
    ...(head ? [`LIMIT ${head.limit} OFFSET ${head.offset}`] : []),
  ].join('\n');
}

/** A row number as SQL text: a whole number, never anything else. */
function wholeNumber(n: number): number {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`Not a row number: ${n}`);
  return n;
}

/**
 * Leaves out the rows below the collapsed first-level groups (compared as text, as pages show them).
 * `IN` of a NULL group is NULL, which would drop its rows from the WHERE: hence the coalesce.
 */
function collapsedWhere(spec: PivotSpec, value: SqlValue): string {
  const collapsed = spec.collapsed ?? [];
  if (collapsed.length === 0 || spec.rows.length < 2) return '';
  const texts = collapsed.filter((v): v is string => v !== null);
  const parts = [...(texts.length > 0 ? [`coalesce(${groupText(grainOf(spec, spec.rows[0]!), 'g0')} IN (${texts.map(value).join(', ')}), false)`] : []), ...(collapsed.includes(null) ? ['g0 IS NULL'] : [])];
  return ` WHERE NOT (level >= 2 AND (${parts.join(' OR ')}))`;
}

/** True for the rows of one column key: each column field's text equals the key's (NULL as NULL). */
function keyCondition(key: ReadonlyArray<string | null>, value: SqlValue): string {
  const parts = key.map((v, j) => (v === null ? `kt${j} IS NULL` : `kt${j} = ${value(v)}`));
  return parts.length === 1 ? parts[0]! : `(${parts.join(' AND ')})`;
}
