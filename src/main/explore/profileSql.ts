import { columnKind, sumsNearHugeintRange } from '../../shared/explore/columnKind';
import { profileCellSchemas, profileHeaderSchema, profileKind, type ColumnProfile, type ProfileBatch } from '../../shared/explore/columnProfile';
import { ident } from '../query/sql';

/** A column to profile: the name a person sees, its DuckDB type, and its name in the relation (a result table's `c3`, a dataset's own name). */
export interface ProfileColumn {
  readonly name: string;
  readonly type: string;
  readonly ref: string;
}

export interface ProfileRequest {
  /** The table or view, as SQL (already quoted: `resultTableName(id)`, `ident(dataset)`). */
  readonly relation: string;
  readonly columns: readonly ProfileColumn[];
  /** Most frequent values kept per categorical column; the rest are counted as "other". */
  readonly topK?: number;
  /** Bars of a number's or a date's histogram. */
  readonly bins?: number;
  /**
   * Profile a sample of about `rows` of the relation's `of` rows instead of every row: a Bernoulli
   * sample (each row kept with probability rows / of), the same rows for the same seed.
   */
  readonly sample?: { readonly rows: number; readonly of: number; readonly seed?: number };
  /** Count distinct values exactly (count(DISTINCT)), not by HyperLogLog: for a small relation, where an estimate is off most and exact is cheap. */
  readonly exactDistinct?: boolean;
}

/** Above this many rows a profile is computed on a sample of this size (and says so). */
export const PROFILE_SAMPLE_ROWS = 1_000_000;
/**
 * Up to this many rows, distinct values are counted exactly: HyperLogLog was 12 % off on 682 rows,
 * and an exact count of so few costs little. Above it, the estimate (a 3M-row profile's cost).
 */
export const EXACT_DISTINCT_ROWS = 100_000;
export const sampleFor = (totalRows: number): ProfileRequest['sample'] => (totalRows > PROFILE_SAMPLE_ROWS ? { rows: PROFILE_SAMPLE_ROWS, of: totalRows } : undefined);

/**
 * The sampling clause. Bernoulli, not `reservoir(n ROWS)`: a reservoir copies every kept row into
 * one buffer on one thread, and over 3M rows of 20 columns that took longer (10 s) than profiling
 * every row; a seeded Bernoulli sample is filtered where the rows are scanned, in parallel, and
 * keeps the same rows for the same seed. Its size is about `rows`, not exactly.
 */
function sampleClause(sample: NonNullable<ProfileRequest['sample']>): string {
  const percent = Math.min(100, (100 * positive(sample.rows, 'sample rows')) / positive(sample.of, 'sampled rows'));
  return ` USING SAMPLE ${percent.toPrecision(12)} PERCENT (bernoulli, ${sample.seed ?? 42})`;
}

const DEFAULT_TOP_K = 10;
const DEFAULT_BINS = 20;
const QUARTILES = '[0.25, 0.5, 0.75]';

const v = (i: number) => `v${i}`;
const positive = (n: number, what: string) => {
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`${what} must be a positive integer, not ${n}`);
  return n;
};

/**
 * A column as a number on the histogram's axis: numbers as DOUBLE (a bar's bounds need not be
 * exact), dates and timestamps as microseconds since the epoch.
 */
function axis(i: number, type: string): string {
  const k = columnKind(type);
  if (k.kind === 'timestamp' && k.withTimeZone) return `epoch_us(${v(i)})::DOUBLE`;
  if (k.kind === 'date' || k.kind === 'timestamp') return `epoch_us(${v(i)}::TIMESTAMP)::DOUBLE`;
  return `${v(i)}::DOUBLE`;
}
/** A point on the axis back as text of the column's kind. */
function fromAxis(x: string, type: string): string {
  const k = columnKind(type);
  if (k.kind === 'timestamp' && k.withTimeZone) return `to_timestamp((${x}) / 1e6)::VARCHAR`;
  if (k.kind === 'date' || k.kind === 'timestamp') return `make_timestamp(round(${x})::BIGINT)::VARCHAR`;
  return `(${x})::VARCHAR`;
}

/**
 * The statistics one scan computes for every column (read as v0, v1, …): SUMMARIZE's kind of
 * single pass, limited to what a profile shows. A profile's pass also finds each histogram's range
 * (its standard deviation comes in the second pass); the benchmark's plain pass takes DuckDB's
 * stddev_samp as it is.
 */
function summaryAggregates(columns: readonly ProfileColumn[], pass: 'profile' | 'summary', exactDistinct = false): string[] {
  const out = ['count(*) AS n'];
  columns.forEach((c, i) => {
    const x = v(i);
    out.push(`count(${x}) AS nn${i}`, `${exactDistinct ? `count(DISTINCT ${x})` : `approx_count_distinct(${x})`} AS d${i}`);
    const kind = profileKind(c.type);
    if (kind === 'categorical') return;
    out.push(`min(${x}) AS mn${i}`, `max(${x}) AS mx${i}`);
    if (kind === 'number') out.push(`${average(i, c.type)} AS mean${i}`, `quantile_disc(${x}, ${QUARTILES}) AS q${i}`);
    if (kind === 'number' && pass === 'summary') out.push(`stddev_samp(${finite(i, c.type, x)}) AS sd${i}`);
    if (pass === 'profile') out.push(`min(${finite(i, c.type, axis(i, c.type))}) AS lo${i}`, `max(${finite(i, c.type, axis(i, c.type))}) AS hi${i}`);
  });
  return out;
}

/**
 * `expr` where column i holds a finite value, else NULL (which aggregates skip). Moments and
 * histograms leave out infinities (DOUBLE, 'infinity' dates and timestamps): they have no place on
 * a bar, and DuckDB's stddev refuses them. A CASE, not FILTER: a hundred filtered aggregates cost
 * DuckDB ten times more than a hundred plain ones.
 */
function finite(i: number, type: string, expr: string): string {
  const k = columnKind(type).kind;
  return k === 'float' || k === 'date' || k === 'timestamp' ? `CASE WHEN isfinite(${v(i)}) THEN ${expr} END` : expr;
}

/**
 * Column i's standard deviation scaled back: NULL, like one value's, where the deviation itself is
 * beyond the DOUBLE range (±1.7e308 in one column), so the card reads "—" instead of inf.
 */
const deviation = (i: number) => `CASE WHEN isfinite(sd${i} / r${i}) THEN (sd${i} / r${i})::VARCHAR END`;

/**
 * Column i's mean. DuckDB sums a HUGEINT or a DECIMAL wider than 18 digits in a HUGEINT, which two
 * values near 1e38 overflow, failing the query; those are averaged as DOUBLEs, with Kahan's
 * summation (favg), as close as avg's exact sum on the int spec's DECIMAL(38,10).
 */
function average(i: number, type: string): string {
  return sumsNearHugeintRange(type) ? `favg(${v(i)}::DOUBLE)` : `avg(${finite(i, type, v(i))})`;
}

const selectColumns = (columns: readonly ProfileColumn[]) => columns.map((c, i) => `${ident(c.ref)} AS ${v(i)}`).join(', ');

/**
 * SUMMARIZE-like: the per-column statistics of a profile (counts, distinct, min/max, mean,
 * stddev, quartiles) for any number of columns in one scan, without histograms or frequent values:
 * the benchmark's raw counterpart to a full profile.
 */
export function summaryPassSql(relation: string, columns: readonly ProfileColumn[]): string {
  return `SELECT ${summaryAggregates(columns, 'summary').join(', ')} FROM (SELECT ${selectColumns(columns)} FROM ${relation})`;
}

/** DuckDB's own SUMMARIZE of the same columns, for comparison. */
export const summarizeSql = (relation: string, columns: readonly ProfileColumn[]): string => `SUMMARIZE SELECT ${selectColumns(columns)} FROM ${relation}`;

/**
 * ONE query profiling a batch of columns. The rows (or their sample) are read once into a
 * materialized CTE; a first pass computes every column's statistics and histogram range, a second
 * counts every histogram's bars, and one grouping of all categorical columns together (a long
 * form, column number and value) gives each its most frequent values. Every step has one
 * expression per column, never one subquery or CTE per column: DuckDB plans a hundred of those
 * in seconds. The answer is one row of text: a JSON header ({rows, total}) and one JSON cell per
 * column, read by readProfile.
 */
export function profileSql(request: ProfileRequest): string {
  const { relation, columns } = request;
  const topK = positive(request.topK ?? DEFAULT_TOP_K, 'topK');
  const bins = positive(request.bins ?? DEFAULT_BINS, 'bins');
  const sample = request.sample ? sampleClause(request.sample) : '';
  const kinds = columns.map((c) => profileKind(c.type));
  const charted = columns.flatMap((c, i) => (kinds[i] === 'categorical' ? [] : [i]));
  const counted = columns.flatMap((_, i) => (kinds[i] === 'categorical' ? [i] : []));

  const ctes = [
    `src AS MATERIALIZED (SELECT ${selectColumns(columns)} FROM ${relation}${sample})`,
    `stats AS MATERIALIZED (SELECT ${summaryAggregates(columns, 'profile', request.exactDistinct).join(', ')} FROM src)`,
  ];
  const from = ['stats'];
  if (charted.length > 0) {
    // Every axis value is first scaled by r, a power of two bringing the column's largest magnitude
    // near 1: exact (unless a value far below the largest underflows to 0, which cannot move a bar
    // or the deviation the largest values dominate), so bars and deviation are the same bits as
    // unscaled, but neither x - lo (1.7e308 minus -1.7e308) nor the deviation's squares (1e308², or
    // 1e-200² underflowing to 0) leave the DOUBLE range. DuckDB cannot TRY an aggregate; an out-of-range stddev_samp fails the whole query.
    // Bar b holds [lo + b·w, lo + (b+1)·w), scaled: [ls + b·ws, …); the maximum, alone at index nb,
    // is counted in the last bar (not clamped with least(): it skips NULLs and would count them there too).
    const grid = charted.flatMap((i) => [
      `CASE WHEN lo${i} IS NULL THEN 0 WHEN hi${i} > lo${i} THEN ${bins} ELSE 1 END AS nb${i}`,
      `CASE WHEN hi${i} > lo${i} THEN pow(2, -least(1000, greatest(-1000, ceil(log2(greatest(abs(lo${i}), abs(hi${i}))))))) ELSE 1 END AS r${i}`,
      // DuckDB reads r, an alias of this same SELECT, in what follows
      `lo${i} * r${i} AS ls${i}`,
      `CASE WHEN hi${i} > lo${i} THEN (hi${i} * r${i} - ls${i}) / ${bins} ELSE 1 END AS ws${i}`,
    ]);
    // The standard deviation is taken here, of the distance to the minimum: DuckDB's stddev_samp
    // of values far from zero (BIGINT near 2^53) loses most of its digits, and a shift changes nothing.
    const bars = charted.flatMap((i) => {
      const type = columns[i]!.type;
      const x = finite(i, type, `${axis(i, type)} * r${i} - ls${i}`);
      const histogram = `histogram(floor((${x}) / ws${i})::BIGINT) AS m${i}`;
      return kinds[i] === 'number' ? [histogram, `stddev_samp(${x}) AS sd${i}`] : [histogram];
    });
    ctes.push(`grid AS MATERIALIZED (SELECT ${grid.join(', ')} FROM stats)`, `bars AS (SELECT ${bars.join(', ')} FROM src, stats, grid)`);
    from.push('grid', 'bars');
  }
  if (counted.length > 0) {
    const long = `SELECT unnest([${counted.join(', ')}]) AS k, unnest([${counted.map((i) => `v${i}::VARCHAR`).join(', ')}]) AS value FROM src`;
    const ranked =
      `SELECT k, value, count(*) AS n FROM (${long}) WHERE value IS NOT NULL GROUP BY k, value ` +
      `QUALIFY row_number() OVER (PARTITION BY k ORDER BY n DESC, value) <= ${topK}`;
    ctes.push(`tops AS (SELECT map(list(k), list(top)) AS top FROM (SELECT k, list({value: value, count: n} ORDER BY n DESC, value) AS top FROM (${ranked}) GROUP BY k))`);
    from.push('tops');
  }

  const cells = columns.map((c, i) => {
    const common = `nonNull: nn${i}, 'distinct': d${i}`;
    if (kinds[i] === 'categorical') {
      const top = `coalesce(tops.top[${i}], [])`;
      return `{${common}, top: ${top}, other: nn${i} - coalesce(list_sum(list_transform(${top}, lambda e: e.count)), 0)}`;
    }
    const edge = (b: string) => fromAxis(`(ls${i} + ${b} * ws${i}) / r${i}`, c.type);
    const histogram =
      `list_transform(range(nb${i}), lambda b: {low: ${edge('b')}, high: CASE WHEN b = nb${i} - 1 THEN ${fromAxis(`hi${i}`, c.type)} ELSE ${edge('(b + 1)')} END, ` +
      `count: coalesce(m${i}[b], 0) + CASE WHEN b = nb${i} - 1 THEN coalesce(m${i}[nb${i}], 0) ELSE 0 END})`;
    const range = `min: mn${i}::VARCHAR, max: mx${i}::VARCHAR`;
    if (kinds[i] === 'temporal') return `{${common}, ${range}, histogram: ${histogram}}`;
    return `{${common}, ${range}, mean: mean${i}::VARCHAR, stddev: ${deviation(i)}, quartiles: list_transform(q${i}, lambda q: q::VARCHAR), histogram: ${histogram}}`;
  });
  const total = request.sample ? `(SELECT count(*) FROM ${relation})` : 'NULL';
  const select = [`to_json({rows: n, total: ${total}})::VARCHAR AS header`, ...cells.map((cell, i) => `to_json(${cell})::VARCHAR AS p${i}`)];
  return `WITH ${ctes.join(', ')} SELECT ${select.join(', ')} FROM ${from.join(', ')}`;
}

/** Reads the one row profileSql answers (its cells as text), checking its shape at the boundary. */
export function readProfile(cells: readonly unknown[], request: ProfileRequest): ProfileBatch {
  const header = profileHeaderSchema.parse(JSON.parse(String(cells[0])));
  const columns = request.columns.map((c, i): ColumnProfile => {
    const json: unknown = JSON.parse(String(cells[i + 1]));
    const kind = profileKind(c.type);
    const common = (nonNull: number, distinct: number) => {
      const nulls = header.rows - nonNull;
      // HyperLogLog can overshoot on few rows; there are never more distinct values than values
      return { name: c.name, type: c.type, nulls, nullShare: header.rows === 0 ? 0 : nulls / header.rows, distinct: Math.min(distinct, nonNull), distinctExact: request.exactDistinct === true };
    };
    switch (kind) {
      case 'number': {
        const { nonNull, distinct, ...rest } = profileCellSchemas.number.parse(json);
        return { kind, ...common(nonNull, distinct), ...rest };
      }
      case 'temporal': {
        const { nonNull, distinct, ...rest } = profileCellSchemas.temporal.parse(json);
        return { kind, ...common(nonNull, distinct), ...rest };
      }
      case 'categorical': {
        const { nonNull, distinct, ...rest } = profileCellSchemas.categorical.parse(json);
        return { kind, ...common(nonNull, distinct), ...rest };
      }
    }
  });
  return { rows: header.rows, ...(header.total !== null ? { sample: { rows: header.rows, of: header.total } } : {}), columns };
}
