import { quoteIdent } from '../sql/sqlIdentifier';
import { columnKind } from '../explore/columnKind';
import { finiteAggregate, finiteOnly, holdsNonFinite } from '../explore/finiteValues';
import { aggregateSql } from './chartAggregate';
import { binEdgeSql, binIndexSql, stepColumns, stepCte } from './numberBin';
import { axisKind, drawnMark, MAX_CHART_MARKS, type AxisKind, type ChartColumn, type ChartSpec } from './chartSpec';
import type { ChartDataColumn } from './chartDataColumn';

/** A chart column of the relation: its name and type, and how SQL reaches it (a kept result's `c3`; else its quoted name). */
export interface ChartSourceColumn extends ChartColumn {
  readonly ref?: string;
}

export interface ChartQuery {
  /** One statement; every output column is VARCHAR (DuckDB's own text), at most MAX_CHART_MARKS + 1 rows. */
  readonly sql: string;
  readonly columns: readonly ChartDataColumn[];
}

export interface ChartSqlOptions {
  /** The result's row count: a scatter of few rows draws its points. */
  readonly rows?: number;
  /**
   * A condition over the relation (the other charts' brushes and the grid's filters, values as
   * parameters): only rows passing it are counted, while bins and top categories still come from
   * every row, so a filtered chart's marks stay where they were drawn and only their values change.
   */
  readonly filter?: string;
}

/** Bins a number axis aims at; a nice step (1, 2 or 5 × 10ⁿ) gives at most this many plus one. */
export const HISTOGRAM_BINS = 40;
const HEATMAP_BINS = 50;
/** A scatter of more rows than it can draw becomes a density grid this fine: at most 91 × 91 cells. */
const DENSITY_BINS = 90;
/** Categories beyond the most frequent ones are counted together as OTHER. */
export const TOP_CATEGORIES = 50;
const TOP_COLORS = 9;
const TOP_BOXES = 30;
/** Pixel buckets across a line: M4 keeps at most four vertices per bucket and series. */
const LINE_BUCKETS = 1000;
/**
 * A line over time with more distinct instants than its pixel buckets (a minute-level timestamp's
 * 213k on flights-3m) is noise: it is binned instead, by the finest unit giving at most about this many points.
 */
export const LINE_TIME_BINS = 400;
export const OTHER = '(other)';

/** A SQL string literal. Only constants of this module go through it; nothing a person typed. */
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/**
 * A category capped to its most frequent values (the CTE `top`, joined): its label, OTHER for the
 * rest, and the flag saying the row is in the rest. Marks group on both, so a real '(other)' among
 * the most frequent is a mark of its own, not counted with the rest.
 */
export function cappedSql(top: string, raw: string): { readonly label: string; readonly rest: string } {
  return { label: `CASE WHEN ${top}.hit THEN ${raw} ELSE ${literal(OTHER)} END`, rest: `(${top}.hit IS NULL)` };
}

/**
 * The one order of a capped category's marks (bars, boxes, and the cube's bars), as `ORDER BY` over
 * their output `x` and `xRest`: a number's values by value (3, 4, 5, 6, 8 cylinders, as Plot and
 * Vega-Lite order ordinal numbers), SQL NULL after them; any other category most frequent first,
 * ties by text. The rest is last either way (a flag 'true' after 'false'; no count of its own).
 * `count` and `value` are aggregates over a mark's rows: its category's count and its typed value.
 */
export function categoryOrder(byValue: boolean, of: { readonly count: string; readonly value: string }): string {
  return byValue ? `xRest, ${of.value} NULLS LAST, x` : `${of.count} DESC NULLS LAST, x, xRest`;
}

/** The chart data column of a capped category's rest flag. */
export function restColumn(axis: 'x' | 'y' | 'color', name: string): ChartDataColumn {
  return { role: `${axis}Rest`, kind: 'flag', label: `rest of ${name}` };
}

/**
 * The SQL whose rows are exactly the marks a chart draws (docs/charts.md): numbers binned with nice
 * widths, dates binned with date_trunc at a unit that fits their span, categories capped to the
 * most frequent with the rest as OTHER, a scatter of many rows as a density grid, a line reduced to
 * at most four vertices per pixel bucket (M4: first, last, min and max). Columns are reached only
 * through their quoted reference; a spec is expected to pass chartProblem first.
 */
export function chartSql(spec: ChartSpec, relation: string, columns: readonly ChartSourceColumn[], options: ChartSqlOptions = {}): ChartQuery {
  const find = (name: string | undefined) => {
    const c = name === undefined ? undefined : columns.find((col) => col.name === name);
    if (!c) return undefined;
    const sql = c.ref ?? quoteIdent(c.name);
    return { ...c, sql, kind: axisKind(c.type), integer: integerEdges(c.type), placed: placeable(sql, c.type) };
  };
  const x = find(spec.x);
  if (!x) throw new Error(`no column ${spec.x}`);
  if (drawnMark(spec.mark, x.kind) !== spec.mark) return chartSql({ ...spec, mark: drawnMark(spec.mark, x.kind) }, relation, columns, options);
  const y = find(spec.y);
  const color = find(spec.color);
  const value = spec.aggregate === 'Count' || !y ? 'count(*)' : aggregateSql(spec.aggregate, y.type);
  // the values a Y aggregate reads: finite ones only, as a profile's and a pivot's (finiteValues.ts)
  const ySql = y && (finiteAggregate(spec.aggregate) ? finiteOnly(y.type, y.sql) : y.sql);
  const valueLabel = spec.aggregate === 'Count' || !y ? 'count' : `${spec.aggregate.toLowerCase()} of ${y.name}`;
  const limit = `LIMIT ${MAX_CHART_MARKS + 1}`;
  // a projection of the relation: scanned again wherever used rather than materialized (a copy of every row)
  const src = (parts: readonly string[], where: string) => {
    const whereSql = where ? ` WHERE ${where}` : '';
    if (!options.filter) return `src AS NOT MATERIALIZED (SELECT ${parts.join(', ')} FROM ${relation}${whereSql})`;
    // filtered (linked charts): src holds the rows that pass; bins and top categories come from every row (base), so marks stay put
    return `base AS NOT MATERIALIZED (SELECT ${parts.join(', ')}, (${options.filter}) AS keep_ FROM ${relation}${whereSql}),\nsrc AS NOT MATERIALIZED (SELECT * EXCLUDE (keep_) FROM base WHERE keep_)`;
  };
  const all = options.filter ? 'base' : 'src';
  const andKept = options.filter ? ` AND (${options.filter})` : '';
  const colorPart = color ? [`${color.sql}::VARCHAR AS color_raw`] : [];
  const colorCol: ChartDataColumn[] = color ? [{ role: 'color', kind: 'category', label: color.name }] : [];
  // the most frequent colors, the rest as OTHER (a NULL color is a series of its own), each with its rest flag last
  const colorCtes = color ? [topCte('tc', 'color_raw', TOP_COLORS, all)] : [];
  const colorJoin = color ? ' LEFT JOIN tc ON tc.k IS NOT DISTINCT FROM src.color_raw' : '';
  const colored = cappedSql('tc', 'src.color_raw');
  const colorSelect = color ? `, ${colored.label} AS color, ${colored.rest} AS colorRest` : '';
  const colorRest = color ? [restColumn('color', color.name)] : [];
  const colorRestName = color ? ['colorRest'] : [];
  const withColor = (list: string) => (color ? `${list}, color, colorRest` : list);

  switch (spec.mark) {
    case 'Histogram':
    case 'Bar': {
      if (spec.mark === 'Histogram' && x.kind !== 'category') {
        const bin = binOf(x, 'x', HISTOGRAM_BINS, 'bx', all);
        const inner = [
          `WITH ${[src([`${x.sql} AS x`, ...colorPart], x.placed), ...bin.ctes, ...colorCtes].join(',\n')}`,
          `SELECT ${bin.lo('g.k_')} AS x1, ${bin.hi('g.k_')} AS x2, g.* EXCLUDE (k_) FROM (`,
          `SELECT ${bin.key} AS k_${colorSelect}, count(*) AS value FROM src${colorJoin}, bx GROUP BY ALL) AS g, bx`,
        ].join('\n');
        const sql = asText(inner, ['x1', 'x2', ...(color ? ['color'] : []), 'value', ...colorRestName], withColor('x1'), limit);
        return { sql, columns: [{ role: 'x1', kind: x.kind, label: `${x.name} from` }, { role: 'x2', kind: x.kind, label: `${x.name} to` }, ...colorCol, { role: 'value', kind: 'number', label: 'count' }, ...colorRest] };
      }
      if (x.kind === 'time') {
        const bin = binOf(x, 'x', HISTOGRAM_BINS * 2, 'bx', all);
        const inner = [
          `WITH ${[src([`${x.sql} AS x`, ...(ySql ? [`${ySql} AS y`] : []), ...colorPart], x.placed), ...bin.ctes, ...colorCtes].join(',\n')}`,
          `SELECT ${bin.key} AS x${colorSelect}, ${value} AS value`,
          `FROM src${colorJoin}, bx GROUP BY ALL`,
        ].join('\n');
        const sql = asText(inner, ['x', ...(color ? ['color'] : []), 'value', ...colorRestName], withColor('x'), limit);
        return { sql, columns: [{ role: 'x', kind: 'time', label: x.name }, ...colorCol, { role: 'value', kind: 'number', label: valueLabel }, ...colorRest] };
      }
      // categories (a number as X of a bar chart is read as its values): the most frequent, the rest as OTHER
      const capped = cappedSql('tx', 'src.x_raw');
      const byValue = x.kind === 'number';
      const sql = [
        `WITH ${[src([`${x.sql}::VARCHAR AS x_raw`, ...(byValue ? [`${x.sql} AS x_num`] : []), ...(ySql ? [`${ySql} AS y`] : []), ...colorPart], ''), topCte('tx', 'x_raw', TOP_CATEGORIES, all), ...colorCtes].join(',\n')}`,
        `SELECT ${capped.label} AS x${color ? `, ${colored.label} AS color` : ''}, ${value}::VARCHAR AS value,`,
        `  ${capped.rest}::VARCHAR AS xRest${color ? `, ${colored.rest}::VARCHAR AS colorRest` : ''}, max(tx.n) AS n_`,
        `FROM src LEFT JOIN tx ON tx.k IS NOT DISTINCT FROM src.x_raw${colorJoin}`,
        `GROUP BY ALL ORDER BY ${categoryOrder(byValue, { count: 'max(tx.n)', value: 'min(src.x_num)' })}${color ? ', color, colorRest' : ''} ${limit}`,
      ].join('\n');
      const barColumns: ChartDataColumn[] = [{ role: 'x', kind: 'category', label: x.name }, ...colorCol, { role: 'value', kind: 'number', label: valueLabel }, restColumn('x', x.name), ...colorRest];
      return { sql: dropHelper(sql), columns: barColumns };
    }
    case 'Line':
    case 'Area': {
      // the exact series (one value per distinct x and series), then M4 per pixel bucket of x
      const buckets = color ? Math.floor(MAX_CHART_MARKS / 4 / (TOP_COLORS + 1)) : LINE_BUCKETS;
      const pos = x.kind === 'time' ? 'epoch(x)' : 'x::DOUBLE';
      // over time, past LINE_BUCKETS distinct instants (from every row, so a filtered line keeps its bins): one vertex per time bin
      const timeBins = x.kind === 'time' ? binOf(x, 'x', LINE_TIME_BINS, 'bx', all) : undefined;
      const binned = timeBins && [`nx AS (SELECT count(DISTINCT x) > ${LINE_BUCKETS} AS many FROM ${all})`, ...timeBins.ctes];
      const seriesX = timeBins ? `CASE WHEN nx.many THEN ${timeBins.key} ELSE x::TIMESTAMP END AS x` : 'x';
      const sql = [
        `WITH ${[src([`${x.sql} AS x`, ...(ySql ? [`${ySql} AS y`] : []), ...colorPart], x.placed), ...colorCtes, ...(binned ?? [])].join(',\n')},`,
        `series AS (SELECT ${seriesX}${colorSelect}, ${value} AS v FROM src${colorJoin}${binned ? ', nx, bx' : ''} GROUP BY ALL),`,
        `span AS (SELECT min(${pos}) AS lo, max(${pos}) AS hi FROM series),`,
        `bucketed AS (SELECT series.*, CASE WHEN hi = lo THEN 0 ELSE least(floor((${pos} - lo) / (hi - lo) * ${buckets}), ${buckets - 1}) END AS px FROM series, span),`,
        `ranked AS (SELECT *, row_number() OVER (w ORDER BY x) AS r_first, row_number() OVER (w ORDER BY x DESC) AS r_last,`,
        `  row_number() OVER (w ORDER BY v ASC NULLS LAST, x) AS r_min, row_number() OVER (w ORDER BY v DESC NULLS LAST, x) AS r_max`,
        `  FROM bucketed WINDOW w AS (PARTITION BY ${color ? 'color, colorRest, ' : ''}px))`,
        `SELECT ${x.kind === 'time' ? 'x::TIMESTAMP' : 'x'}::VARCHAR AS x${color ? ', color' : ''}, v::VARCHAR AS value${color ? ', colorRest::VARCHAR AS colorRest' : ''} FROM ranked`,
        `WHERE r_first = 1 OR r_last = 1 OR r_min = 1 OR r_max = 1 ORDER BY ${color ? 'color, ranked.colorRest, ' : ''}ranked.x ${limit}`,
      ].join('\n');
      return { sql, columns: [{ role: 'x', kind: x.kind, label: x.name }, ...colorCol, { role: 'value', kind: 'number', label: valueLabel }, ...colorRest] };
    }
    case 'Scatter':
    case 'Heatmap': {
      if (!y) throw new Error('no Y column');
      const few = spec.mark === 'Scatter' && options.rows !== undefined && options.rows <= MAX_CHART_MARKS;
      if (few) {
        const sql = [
          `SELECT ${x.kind === 'category' ? `${x.sql}::VARCHAR` : `${x.sql}${x.kind === 'time' ? '::TIMESTAMP' : ''}::VARCHAR`} AS x, ${y.kind === 'time' ? `${y.sql}::TIMESTAMP` : y.sql}::VARCHAR AS y${color ? `, ${color.sql}::VARCHAR AS color` : ''}`,
          `FROM ${relation} WHERE ${x.sql} IS NOT NULL AND ${y.sql} IS NOT NULL${andKept} ${limit}`,
        ].join('\n');
        return { sql, columns: [{ role: 'x', kind: x.kind, label: x.name }, { role: 'y', kind: y.kind, label: y.name }, ...(color ? [{ role: 'color', kind: 'category', label: color.name } as const] : [])] };
      }
      const binCount = spec.mark === 'Heatmap' ? HEATMAP_BINS : DENSITY_BINS;
      const ctes: string[] = [src([`${x.kind === 'category' ? `${x.sql}::VARCHAR` : x.sql} AS x`, `${y.kind === 'category' ? `${y.sql}::VARCHAR` : y.sql} AS y`], `${x.placed} AND ${y.placed}`)];
      const out: string[] = [];
      const cols: ChartDataColumn[] = [];
      const rests: ChartDataColumn[] = [];
      const joins: string[] = [];
      const bins: string[] = [];
      const keys: string[] = [];
      const edges: string[] = [];
      for (const [axis, c] of [['x', x], ['y', y]] as const) {
        if (c.kind === 'category') {
          ctes.push(topCte(`t${axis}`, axis, TOP_CATEGORIES, all));
          joins.push(` LEFT JOIN t${axis} ON t${axis}.k IS NOT DISTINCT FROM src.${axis}`);
          const capped = cappedSql(`t${axis}`, `src.${axis}`);
          out.push(`${capped.label} AS ${axis}`, `${capped.rest} AS ${axis}Rest`);
          cols.push({ role: axis, kind: 'category', label: c.name });
          rests.push(restColumn(axis, c.name));
        } else {
          const bin = binOf(c, axis, binCount, `bin_${axis}`, all);
          ctes.push(...bin.ctes);
          bins.push(`, bin_${axis}`);
          keys.push(`k${axis}_`);
          out.push(`${bin.key} AS k${axis}_`);
          edges.push(`${bin.lo(`g.k${axis}_`)} AS ${axis}1`, `${bin.hi(`g.k${axis}_`)} AS ${axis}2`);
          cols.push({ role: `${axis}1`, kind: c.kind, label: `${c.name} from` }, { role: `${axis}2`, kind: c.kind, label: `${c.name} to` });
        }
      }
      // grouped on the bins' keys, their edges computed once per cell
      const grouped = `SELECT ${out.join(', ')}, count(*) AS value FROM src${joins.join('')}${bins.join('')} GROUP BY ALL`;
      const inner = keys.length === 0 ? `WITH ${ctes.join(',\n')}\n${grouped}` : `WITH ${ctes.join(',\n')}\nSELECT ${edges.join(', ')}, g.* EXCLUDE (${keys.join(', ')}) FROM (${grouped}) AS g${bins.join('')}`;
      const names = cols.map((c) => c.role);
      const restNames = rests.map((c) => c.role);
      const sql = asText(inner, [...names, 'value', ...restNames], [...names, ...restNames].join(', '), limit);
      return { sql, columns: [...cols, { role: 'value', kind: 'number', label: 'count' }, ...rests] };
    }
    case 'Box': {
      const v = y ?? x;
      const group = y ? x : undefined;
      // a box of finite values, as a profile's quartiles: an infinity would stretch the axis, a NaN sorts above every number
      const finiteV = placeable('v', v.type);
      const stats = `min(v)::VARCHAR AS min, quantile_cont(v, 0.25)::VARCHAR AS q1, median(v)::VARCHAR AS median, quantile_cont(v, 0.75)::VARCHAR AS q3, max(v)::VARCHAR AS max`;
      const statCols: ChartDataColumn[] = (['min', 'q1', 'median', 'q3', 'max'] as const).map((role) => ({ role, kind: 'number', label: `${role} of ${v.name}` }));
      if (!group) {
        return { sql: `SELECT ${stats} FROM (SELECT ${v.sql} AS v FROM ${relation}${options.filter ? ` WHERE ${options.filter}` : ''}) WHERE ${finiteV}`, columns: statCols };
      }
      const capped = cappedSql('tx', 'src.x_raw');
      const byValue = group.kind === 'number';
      const sql = [
        `WITH ${[src([`${group.sql}::VARCHAR AS x_raw`, ...(byValue ? [`${group.sql} AS x_num`] : []), `${v.sql} AS v`], v.placed), topCte('tx', 'x_raw', TOP_BOXES, all)].join(',\n')}`,
        `SELECT ${capped.label} AS x, ${stats}, ${capped.rest}::VARCHAR AS xRest, max(tx.n) AS n_`,
        `FROM src LEFT JOIN tx ON tx.k IS NOT DISTINCT FROM src.x_raw`,
        `GROUP BY ALL ORDER BY ${categoryOrder(byValue, { count: 'max(tx.n)', value: 'min(src.x_num)' })} ${limit}`,
      ].join('\n');
      return { sql: dropHelper(sql), columns: [{ role: 'x', kind: 'category', label: group.name }, ...statCols, restColumn('x', group.name)] };
    }
  }
}

/** The type of an integer column's bin edges; undefined for other columns. */
export type IntegerEdges = 'BIGINT' | 'HUGEINT' | 'BIGNUM';

/**
 * A type holding every edge: edges lie up to a step (a sixteenth of the span) beyond the values, as
 * DOUBLEs, so past the column's own type near its limits (-9.5e18 for a BIGINT from -2^63). BIGINT
 * for integers of up to 32 bits, HUGEINT up to 64, else BIGNUM (a HUGEINT's edges reach ±1.8e38).
 * Edges are cast once per bin, after grouping on the bin's index, so the type costs nothing per row.
 */
export function integerEdges(type: string): IntegerEdges | undefined {
  const kind = columnKind(type);
  if (kind.kind !== 'integer') return undefined;
  if (kind.max < 1n << 32n) return 'BIGINT';
  return kind.max < 1n << 64n ? 'HUGEINT' : 'BIGNUM';
}

/**
 * The rows an axis can place: not NULL, and for floats, dates and timestamps finite. A NaN or an
 * infinity has no bin or position (one of them made every bin of a histogram NaN wide, and stretched
 * a time axis to years), so they are left out as NULLs are, as a column profile's histogram does.
 */
export function placeable(sql: string, type: string): string {
  return holdsNonFinite(type) ? `isfinite(${sql})` : `${sql} IS NOT NULL`;
}

/** The `limit` most frequent values of `column` of src (ties by value), each marked `hit`, with its count `n`. */
function topCte(name: string, column: string, limit: number, from: string): string {
  return `${name} AS (SELECT ${column} AS k, count(*) AS n, true AS hit FROM ${from} GROUP BY ALL ORDER BY n DESC, k NULLS LAST LIMIT ${limit})`;
}

/** Every column of `inner` as DuckDB's text, ordered by their values in their own types (a number bin of -10 before 5). */
function asText(inner: string, names: readonly string[], orderBy: string, limit: string): string {
  const order = orderBy.split(', ').map((n) => `m.${n}`).join(', ');
  return `SELECT ${names.map((n) => `m.${n}::VARCHAR AS ${n}`).join(', ')} FROM (\n${inner}\n) AS m ORDER BY ${order} ${limit}`;
}

/** The query without its ordering helper column `n_` (a category's count, which orders text categories most frequent first). */
const dropHelper = (sql: string) => `SELECT * EXCLUDE (n_) FROM (\n${sql}\n)`;

/** Integers a DOUBLE cannot tell apart (ids near 1.5e18) are refused in these words, not log10(0)'s; chartFailure.ts finds them. */
export const TOO_CLOSE_TO_BIN = 'These values are too close together for their size to be binned';

/** An axis's bins: CTEs (the step or unit), each row's bin as a key to group on, and a key's edges (SQL over the CTE). */
export interface AxisBins {
  readonly ctes: string[];
  readonly key: string;
  readonly lo: (key: string) => string;
  readonly hi: (key: string) => string;
}

/**
 * Binning of a number or time column `axis` of src: a CTE `name` holding its step, each row's bin
 * key, and a key's bounds as SQL; marks group on the key and compute edges once per bin, not per
 * row. Numbers get a nice step (1, 2 or 5 × 10ⁿ, whole for integers) giving at most `bins` + 1
 * bins, on decimal edges (numberBin.ts); times are truncated to the unit that gives at most about
 * `bins` bins over their span.
 */
export function binOf(c: { readonly kind: AxisKind; readonly integer: IntegerEdges | undefined }, axis: string, bins: number, name: string, from = 'src'): AxisBins {
  if (c.kind === 'time') {
    const span = `(epoch(max(${axis})) - epoch(min(${axis})))`;
    const units: [number, string][] = [
      [bins * 60, 'minute'],
      [bins * 3600, 'hour'],
      [bins * 86400, 'day'],
      [bins * 7 * 86400, 'week'],
      [bins * 31 * 86400, 'month'],
    ];
    const unit = `CASE ${units.map(([s, u]) => `WHEN ${span} <= ${s} THEN '${u}'`).join(' ')} ELSE 'year' END`;
    return {
      ctes: [`${name} AS (SELECT ${unit} AS unit FROM ${from})`],
      key: `date_trunc(${name}.unit, ${axis}::TIMESTAMP)`,
      lo: (key) => key,
      hi: (key) => `(${key} + ('1 ' || ${name}.unit)::INTERVAL)`,
    };
  }
  // each end divided first: max - min of doubles near ±1.7e308 is infinite
  const raw = `(max(${axis})::DOUBLE / ${bins} - min(${axis})::DOUBLE / ${bins})`;
  const mag = `pow(10, floor(log10(${raw})))`;
  const nice = `(CASE WHEN ${raw} / ${mag} <= 1 THEN 1 WHEN ${raw} / ${mag} <= 2 THEN 2 WHEN ${raw} / ${mag} <= 5 THEN 5 ELSE 10 END * ${mag})`;
  const tooClose = `error('${TOO_CLOSE_TO_BIN}: at about ' || printf('%.2g', max(${axis})::DOUBLE) || ' a DOUBLE, which bins are counted in, cannot tell them apart. Chart their distance from the smallest instead (the column minus its min()).')`;
  const step = `CASE WHEN max(${axis}) = min(${axis}) THEN 1 WHEN NOT (${raw} > 0) THEN ${tooClose} ELSE ${c.integer ? `greatest(${nice}, 1)` : nice} END`;
  const cast = c.integer ? `::${c.integer}` : '';
  const parts = stepColumns(name);
  // decimal edges, a value in [lo, hi) as DOUBLEs (numberBin.ts): what a brush's range filter selects
  return {
    ctes: [stepCte(name, step, from)],
    key: binIndexSql(`${axis}::DOUBLE`, parts),
    lo: (key) => `${binEdgeSql(key, parts)}${cast}`,
    hi: (key) => `${binEdgeSql(`(${key} + 1)`, parts)}${cast}`,
  };
}
