/**
 * The aggregates of a profile query (profileSql.ts, docs/explore.md): one expression per column and
 * statistic, over columns read as v0, v1, …
 */
import { columnKind, sumsNearHugeintRange } from '../../shared/explore/columnKind';
import { hasRange, profileKind, type ProfileKind } from '../../shared/explore/columnProfile';
import { finiteOnly, nonFiniteCounts } from '../../shared/explore/finiteValues';
import { halvesMean, sumsInHalves } from '../../shared/explore/halvesSum';

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
 * What the profiled rows (a sample, or all rows) give: their count, each column's non-null count
 * and (numbers, dates) distinct estimate, which decides how they are counted over all rows (distinctOf), and quartiles,
 * of finite values like every other figure of a card (quantile_disc is exact, but needs every value at once).
 */
export function sampleAggregates(columns: readonly ProfileColumn[], sampled: boolean, exactRequested: boolean): string[] {
  const out = [sampled ? 'count(*) AS sn' : 'count(*) AS n'];
  columns.forEach((c, i) => {
    const kind = profileKind(c.type);
    if (sampled) out.push(`count(${v(i)}) AS snn${i}`);
    // a categorical column's count comes from grouping its values (seenAggregates)
    if (!exactRequested && kind !== 'categorical') out.push(`approx_count_distinct(${v(i)}) AS ed${i}`);
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

/** Distinct values of up to this many (by the profiled rows' count) are counted exactly over all rows: a small hash table, cheap. */
export const EXACT_DISTINCT_VALUES = 20_000;

/**
 * How column i's distinct values are found. ed_i is the profiled rows' count of them (HyperLogLog's
 * for numbers and dates, stats; the frequent values' grouping's exact one for the rest, seen). Where
 * there are few, they are counted exactly over all rows: DuckDB's HyperLogLog is 10–16 % off, over
 * or under, at a few hundred or thousand values (254 of flights' 229 origins, 1,003 of its 867
 * delays), and a small hash table is cheap. Where there are many, a sample's figure stays the
 * sample's, said so on the card: HyperLogLog over 3M rows of the benchmark's 8 such columns took 3 s
 * more, and overshot too (237,580 of flights' 213,834 dates). `aggregates` go in the pass over all
 * rows (sampled) or the second pass over them; `value` is the figure, `exact` and `inSample` what it is.
 */
export function distinctOf(i: number, kind: ProfileKind, exactRequested: boolean, sampled: boolean): { aggregates: string[]; value: string; exact: string; inSample: string } {
  // all rows grouped already: the grouping's count is exact
  if (!sampled && kind === 'categorical') return { aggregates: [], value: `ed${i}`, exact: 'true', inSample: 'false' };
  if (exactRequested) return { aggregates: [`count(DISTINCT ${v(i)}) AS xd${i}`], value: `xd${i}`, exact: 'true', inSample: 'false' };
  const few = `ed${i} <= ${EXACT_DISTINCT_VALUES}`;
  // the other columns aggregate only NULLs: nearly free
  const aggregates = [`count(DISTINCT CASE WHEN ${few} THEN ${v(i)} END) AS xd${i}`];
  const value = `CASE WHEN ${few} THEN xd${i} ELSE ed${i} END`;
  const exact = kind === 'categorical' ? 'true' : few;
  return { aggregates, value, exact, inSample: sampled ? `NOT (${few})` : 'false' };
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
 * values near 1e38 overflow, failing the query, and a UHUGEINT as DOUBLEs. An integer wider than 64
 * bits (or a DECIMAL without decimals) is summed in halves that cannot overflow (halvesSum.ts, as a
 * pivot's and a chart's Average); a DECIMAL with decimals is averaged as DOUBLEs, with Kahan's
 * summation (favg), as close as avg's exact sum on the int spec's DECIMAL(38,10).
 */
export function average(i: number, type: string): string {
  if (sumsInHalves(type)) return halvesMean(v(i), type);
  return sumsNearHugeintRange(type) ? `favg(${v(i)}::DOUBLE)` : `avg(${finite(i, type, v(i))})`;
}
