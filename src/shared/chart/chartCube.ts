import { quoteIdent } from '../sql/sqlIdentifier';
import { columnKind } from '../explore/columnKind';
import { axisKind, MAX_CHART_MARKS, type ChartSpec } from './chartSpec';
import { binEdge, binEdgeText, binIndex, binIndexSql, edgeIndexAbove, niceStep, stepLiteral } from './numberBin';
import { binOf, cappedSql, categoryOrder, HISTOGRAM_BINS, integerEdges, placeable, restColumn, TOP_CATEGORIES, type ChartSourceColumn } from './chartSql';
import type { ChartDataColumn } from './chartDataColumn';

/*
 * Pre-aggregation for linked charts, as Mosaic does it (docs/charts.md, "Linked charts and
 * brushing"). While chart A is brushed over a number column, each other chart B is answered from a
 * small table built once: B's marks grouped also by A's x in pixel-sized bins. A brush move is then
 * a sum over the bins it covers, not a scan of the result. A brush edge is snapped to a bin edge
 * (the decimal k × step of numberBin.ts: the same double here, in JS and in the brush's filter), so
 * the cube's answer is the direct filter query's answer exactly.
 */

/** Bins across a brushed axis: about one per pixel of a wide chart. */
export const BRUSH_BINS = 1000;

/**
 * The width of a brushed number axis's bins, from its range: a nice step (1, 2 or 5 × 10ⁿ) giving
 * at most BRUSH_BINS + 1 bins; whole for integers. Main sends it with the chart's data; the renderer
 * snaps a brush to its multiples.
 */
export function brushStep(min: number, max: number, integer: boolean): number {
  if (!Number.isFinite(min) || !Number.isFinite(max) || max <= min) return 1;
  return niceStep((max - min) / BRUSH_BINS, integer);
}

/** The edge index `text` is when it reads as exactly an edge of bins of `step` (numberBin.ts); else undefined. */
export function stepIndex(text: string, step: number): number | undefined {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) return undefined;
  const k = binIndex(value, step);
  return binEdge(k, step) === value ? k : undefined;
}

/** Snaps a brushed interval of values outwards to bin edges, [lo, hi) with at least one bin, as a range filter's decimal text. */
export function snapBrush(a: number, b: number, step: number): { readonly lo: string; readonly hi: string } {
  const lo = binIndex(Math.min(a, b), step);
  const hi = Math.max(lo + 1, edgeIndexAbove(Math.max(a, b), step));
  return { lo: binEdgeText(lo, step), hi: binEdgeText(hi, step) };
}

/** A brushed column can feed a cube when it compares as a plain DOUBLE (integers, floats): DECIMAL and others go the direct way. */
export function cubeBrushable(type: string): boolean {
  const kind = columnKind(type).kind;
  return kind === 'integer' || kind === 'float';
}

/** Whether chart B can be answered from a cube: a histogram, or bars of counts, without color. */
export function cubeable(spec: ChartSpec, columns: readonly ChartSourceColumn[]): boolean {
  const x = columns.find((c) => c.name === spec.x);
  if (!x || spec.color !== undefined || spec.aggregate !== 'Count') return false;
  return spec.mark === 'Histogram' || (spec.mark === 'Bar' && axisKind(x.type) !== 'time');
}

export interface ChartCube {
  /** Creates (or replaces) the cube table `table`; its parameters are the filter's. */
  readonly create: (table: string) => string;
  /** The marks of the rows whose brushed value lies in bins [k0, k1): the same columns and text as chartSql's. */
  readonly marks: (table: string, k0: number, k1: number) => { readonly sql: string; readonly columns: readonly ChartDataColumn[] };
}

/**
 * The cube of chart `spec` (cubeable) for a brush over `brushed` (a SQL reference to a number
 * column of `relation`) in bins of `step`; `filter` (the other filters, with parameters) decides
 * which rows count, while bins and top categories come from every row, as in chartSql.
 */
export function chartCube(spec: ChartSpec, relation: string, columns: readonly ChartSourceColumn[], brushed: string, step: number, filter?: string): ChartCube {
  const c = columns.find((col) => col.name === spec.x);
  if (!c) throw new Error(`no column ${spec.x}`);
  const x = { sql: c.ref ?? quoteIdent(c.name), kind: axisKind(c.type), integer: integerEdges(c.type) };
  const category = x.kind === 'category' || spec.mark === 'Bar';
  const keep = filter ? `, (${filter}) AS keep_` : '';
  // bars of a number are ordered by value (categoryOrder): its typed value rides along as xv
  const byValue = category && x.kind === 'number';
  const xPart = category ? `${x.sql}::VARCHAR AS x${byValue ? `, ${x.sql} AS xv` : ''}` : `${x.sql} AS x`;
  const ctes = [
    `base AS NOT MATERIALIZED (SELECT ${xPart}, CAST(${brushed} AS DOUBLE) AS a_${keep} FROM ${relation}${category ? '' : ` WHERE ${placeable(x.sql, c.type)}`})`,
    `src AS NOT MATERIALIZED (SELECT * FROM base${filter ? ' WHERE keep_' : ''})`,
  ];
  // the brush bin of a_ as numberBin.ts defines it, so [k0, k1) of them is the range filter's [lo, hi); NULL, NaN and infinities in none
  const bin = `TRY_CAST(${binIndexSql('a_', stepLiteral(step))} AS BIGINT)`;
  const limit = `LIMIT ${MAX_CHART_MARKS + 1}`;
  const range = (k0: number, k1: number) => `b_ >= ${Math.trunc(k0)} AND b_ < ${Math.trunc(k1)}`;
  if (category) {
    ctes.push(`tx AS (SELECT x AS k, count(*) AS n, true AS hit FROM base GROUP BY ALL ORDER BY n DESC, k NULLS LAST LIMIT ${TOP_CATEGORIES})`);
    // grouped on the rest flag apart from the label, as chartSql's bars are: a real '(other)' is a bar of its own
    const capped = cappedSql('tx', 'src.x');
    return {
      create: (table) =>
        `CREATE OR REPLACE TABLE ${table} AS WITH ${ctes.join(',\n')}\nSELECT ${capped.label} AS x, ${capped.rest}::VARCHAR AS xRest, max(tx.n) AS n_${byValue ? ', min(src.xv) AS o_' : ''}, ${bin} AS b_, count(*) AS value FROM src LEFT JOIN tx ON tx.k IS NOT DISTINCT FROM src.x GROUP BY ALL`,
      marks: (table, k0, k1) => ({
        sql: `SELECT x, value, xRest FROM (SELECT x, xRest, sum(value)::VARCHAR AS value FROM ${table} WHERE ${range(k0, k1)} GROUP BY x, xRest ORDER BY ${categoryOrder(byValue, { count: 'max(n_)', value: 'min(o_)' })} ${limit})`,
        columns: [{ role: 'x', kind: 'category', label: spec.x }, { role: 'value', kind: 'number', label: 'count' }, restColumn('x', spec.x)],
      }),
    };
  }
  const b = binOf(x, 'x', HISTOGRAM_BINS, 'bx', 'base');
  ctes.push(...b.ctes);
  return {
    create: (table) =>
      `CREATE OR REPLACE TABLE ${table} AS WITH ${ctes.join(',\n')}\nSELECT ${b.lo('g.k_')} AS x1, ${b.hi('g.k_')} AS x2, g.b_, g.value FROM (SELECT ${b.key} AS k_, ${bin} AS b_, count(*) AS value FROM src, bx GROUP BY ALL) AS g, bx`,
    marks: (table, k0, k1) => ({
      sql: `SELECT m.x1::VARCHAR AS x1, m.x2::VARCHAR AS x2, m.value::VARCHAR AS value FROM (SELECT x1, x2, sum(value) AS value FROM ${table} WHERE ${range(k0, k1)} GROUP BY ALL) AS m ORDER BY m.x1 ${limit}`,
      columns: [{ role: 'x1', kind: x.kind, label: `${spec.x} from` }, { role: 'x2', kind: x.kind, label: `${spec.x} to` }, { role: 'value', kind: 'number', label: 'count' }],
    }),
  };
}
