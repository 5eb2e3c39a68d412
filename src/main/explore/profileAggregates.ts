/**
 * The aggregates of a profile query (profileSql.ts, docs/explore.md): one expression per column and
 * statistic, over columns read as v0, v1, …
 */
import { columnKind, sumsNearHugeintRange } from '../../shared/explore/columnKind';
import { hasRange, profileKind, type ProfileKind } from '../../shared/explore/columnProfile';
import { finiteOnly, nonFiniteCounts } from '../../shared/explore/finiteValues';

/** A column to profile: the name a person sees, its DuckDB type, and its name in the relation (a result table's `c3`, a dataset's own name). */
export interface ProfileColumn {
  readonly name: string;
  readonly type: string;
  readonly ref: string;
}

export const QUARTILES = '[0.25, 0.5, 0.75]';

export const v = (i: number) => `v${i}`;

/**
 * A column as a number on the histogram's axis: numbers as DOUBLE (a bar's bounds need not be
 * exact), dates and timestamps as microseconds since the epoch.
 */
export function axis(x: string, type: string): string {
  const k = columnKind(type);
  if (k.kind === 'timestamp' && k.withTimeZone) return `epoch_us(${x})::DOUBLE`;
  if (k.kind === 'date' || k.kind === 'timestamp') return `epoch_us(${x}::TIMESTAMP)::DOUBLE`;
  return `${x}::DOUBLE`;
}
/** A point on the axis back as text of the column's kind. */
export function fromAxis(x: string, type: string): string {
  const k = columnKind(type);
  if (k.kind === 'timestamp' && k.withTimeZone) return `to_timestamp((${x}) / 1e6)::VARCHAR`;
  if (k.kind === 'date' || k.kind === 'timestamp') return `make_timestamp(round(${x})::BIGINT)::VARCHAR`;
  return `(${x})::VARCHAR`;
}

/**
 * The statistics one scan computes for every column (read as v0, v1, …): SUMMARIZE's kind of
 * single pass, limited to what a profile shows; the benchmark's plain pass, with DuckDB's own
 * stddev_samp. A profile splits these between the sample and all rows (sampleAggregates, wholeAggregates).
 */
export function summaryAggregates(columns: readonly ProfileColumn[]): string[] {
  const out = ['count(*) AS n'];
  columns.forEach((c, i) => {
    const x = v(i);
    out.push(`count(${x}) AS nn${i}`, `approx_count_distinct(${x}) AS d${i}`);
    const kind = profileKind(c.type);
    if (kind === 'categorical') return;
    out.push(`min(${x}) AS mn${i}`, `max(${x}) AS mx${i}`);
    if (kind === 'number') out.push(`${average(i, c.type)} AS mean${i}`, `quantile_disc(${x}, ${QUARTILES}) AS q${i}`, `stddev_samp(${finite(i, c.type, x)}) AS sd${i}`);
  });
  return out;
}

/**
 * What the profiled rows (a sample, or all rows) give: their count, each column's non-null count,
 * (a sample's numbers and dates) the estimate of its distinct values that decides where they are
 * counted (distinctOf), and for numbers the quartiles, of finite values like every other figure of
 * a card (quantile_disc is exact, but needs every value at once).
 */
export function sampleAggregates(columns: readonly ProfileColumn[], sampled: boolean): string[] {
  const out = [sampled ? 'count(*) AS sn' : 'count(*) AS n'];
  columns.forEach((c, i) => {
    const kind = profileKind(c.type);
    // a categorical column's count comes from grouping its values (seen)
    if (sampled) out.push(`count(${v(i)}) AS snn${i}`, ...(kind === 'categorical' ? [] : [`approx_count_distinct(${v(i)}) AS ed${i}`]));
    if (kind === 'number') out.push(`quantile_disc(${finite(i, c.type, v(i))}, ${QUARTILES}) AS q${i}`);
  });
  return out;
}

/**
 * What one streaming pass over all rows gives cheaply, even over millions (docs/explore.md): non-null
 * counts, min, max and mean (of finite values; an INTERVAL's min and max), the NaNs and infinities left out of them, and
 * (sampled) the row count. Min and max are of finite values so that one card's figures are all over the same values.
 */
export function wholeAggregates(columns: readonly ProfileColumn[], sampled: boolean): string[] {
  const out = sampled ? ['count(*) AS n'] : [];
  columns.forEach((c, i) => {
    const x = v(i);
    out.push(`count(${x}) AS nn${i}`);
    const kind = profileKind(c.type);
    // an INTERVAL's min and max are two more aggregates of the same scan
    if (kind === 'categorical' && hasRange(c.type)) out.push(`min(${x}) AS mn${i}`, `max(${x}) AS mx${i}`);
    if (kind === 'categorical') return;
    out.push(`min(${finite(i, c.type, x)}) AS mn${i}`, `max(${finite(i, c.type, x)}) AS mx${i}`, ...nonFinite(i, c.type));
    if (kind === 'number') out.push(`${average(i, c.type)} AS mean${i}`);
  });
  return out;
}

/**
 * A sample holding up to this many distinct values of a column has them counted exactly over all
 * rows too, in the pass over all rows: flights-3m's 213,834 dates (about 200,000 in its sample)
 * cost nothing measurable there, a 10M-row table's 300,000 keys 0.86 s of CPU. Beyond it a column
 * of 10M distinct values took 3.7 s of CPU (HyperLogLog 0.3 s, 10–16 % off), so its count stays the sample's.
 */
export const EXACT_DISTINCT_VALUES = 500_000;

/** How column i's distinct values are counted: aggregates for the pass over all rows (`whole`) and for the second pass over the profiled rows, the figure, and whether it is the sample's. */
export interface DistinctCount {
  readonly whole: string[];
  readonly second: string[];
  readonly value: string;
  readonly inSample: string;
}

/**
 * Distinct values are always counted, never estimated: DuckDB's HyperLogLog is 10–16 % off, over or
 * under (254 of flights' 229 origins, 237,580 of its 213,834 dates over all rows), and its estimate
 * on a sample said 214,487 dates, more than the whole holds. All rows profiled (at most a sample's
 * size): count(DISTINCT) over them, or for text the grouping's count (ed_i, seen). A sample: ed_i is
 * its count of them (HyperLogLog's for numbers and dates, stats; the grouping's, exact, for the
 * rest); up to `limit`, they are counted over all rows, else in the sample, exactly, which all rows
 * hold at least as many of.
 */
export function distinctOf(i: number, kind: ProfileKind, sampled: boolean, limit: number): DistinctCount {
  if (!sampled) {
    if (kind === 'categorical') return { whole: [], second: [], value: `ed${i}`, inSample: 'false' };
    return { whole: [], second: [`count(DISTINCT ${v(i)}) AS xd${i}`], value: `xd${i}`, inSample: 'false' };
  }
  const few = `ed${i} <= ${limit}`;
  // each count aggregates only NULLs where the other one counts: nearly free
  const whole = [`count(DISTINCT CASE WHEN ${few} THEN ${v(i)} END) AS xd${i}`];
  const second = kind === 'categorical' ? [] : [`count(DISTINCT CASE WHEN NOT (${few}) THEN ${v(i)} END) AS yd${i}`];
  return { whole, second, value: `CASE WHEN ${few} THEN xd${i} ELSE ${kind === 'categorical' ? `ed${i}` : `yd${i}`} END`, inSample: `NOT (${few})` };
}

/** Column i's NaNs, infinities and negative infinities, left out of its figures (floats, dates, timestamps); 0s for other types. */
export function nonFinite(i: number, type: string): string[] {
  const c = nonFiniteCounts(type, v(i));
  return [`${c.nan} AS nan${i}`, `${c.inf} AS inf${i}`, `${c.negInf} AS ninf${i}`];
}

/**
 * `expr` where column i holds a finite value, else NULL (which aggregates skip): the app's one rule
 * for NaN and infinities (finiteValues.ts), which pivots and charts follow too. Moments and
 * histograms leave out infinities (DOUBLE, 'infinity' dates and timestamps): they have no place on
 * a bar, and DuckDB's stddev refuses them.
 */
export const finite = (i: number, type: string, expr: string): string => finiteOnly(type, v(i), expr);

/**
 * Column i's standard deviation scaled back: NULL, like one value's, where the deviation itself is
 * beyond the DOUBLE range (±1.7e308 in one column), so the card reads "—" instead of inf.
 */
export const deviation = (i: number) => `CASE WHEN isfinite(sd${i} / r${i}) THEN (sd${i} / r${i})::VARCHAR END`;

/**
 * Column i's mean. DuckDB sums a HUGEINT or a DECIMAL wider than 18 digits in a HUGEINT, which two
 * values near 1e38 overflow, failing the query; those are averaged as DOUBLEs, with Kahan's
 * summation (favg), as close as avg's exact sum on the int spec's DECIMAL(38,10).
 */
export function average(i: number, type: string): string {
  return sumsNearHugeintRange(type) ? `favg(${v(i)}::DOUBLE)` : `avg(${finite(i, type, v(i))})`;
}

