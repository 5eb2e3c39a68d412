import { hasRange, profileCellSchemas, profileHeaderSchema, profileKind, type ColumnProfile, type ProfileBatch } from '../../shared/explore/columnProfile';
import type { z } from 'zod';
import { columnKind } from '../../shared/explore/columnKind';
import { quoteIdent } from '../../shared/sql/sqlIdentifier';
import { candidateCounts, candidatesCte, exactTops, groupedTops } from './profileTops';
import { axis, deviation, distinctOf, finite, fromAxis, sampleAggregates, summaryAggregates, v, wholeAggregates, type ProfileColumn } from './profileAggregates';

export type { ProfileColumn } from './profileAggregates';

export interface ProfileRequest {
  /** The table or view, as SQL (already quoted: `resultTableName(id)`, `quoteIdent(dataset)`). */
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

const positive = (n: number, what: string) => {
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`${what} must be a positive integer, not ${n}`);
  return n;
};

const selectColumns = (columns: readonly ProfileColumn[]) => columns.map((c, i) => `${quoteIdent(c.ref)} AS ${v(i)}`).join(', ');

/**
 * SUMMARIZE-like: the per-column statistics of a profile (counts, distinct, min/max, mean,
 * stddev, quartiles) for any number of columns in one scan, without histograms or frequent values:
 * the benchmark's raw counterpart to a full profile.
 */
export function summaryPassSql(relation: string, columns: readonly ProfileColumn[]): string {
  return `SELECT ${summaryAggregates(columns).join(', ')} FROM (SELECT ${selectColumns(columns)} FROM ${relation})`;
}

/** DuckDB's own SUMMARIZE of the same columns, for comparison. */
export const summarizeSql = (relation: string, columns: readonly ProfileColumn[]): string => `SUMMARIZE SELECT ${selectColumns(columns)} FROM ${relation}`;

/**
 * ONE query profiling a batch of columns. The rows (or their sample) are read once into a
 * materialized CTE; a first pass computes every column's statistics, a second counts every
 * histogram's bars, and one grouping of all categorical columns together (a long form, column
 * number and value) gives each its most frequent values. A sample's profile also streams once over
 * all rows for what is cheap there (counts, min, max, mean, distinct values, and the exact counts of
 * the values the sample found most frequent: profileTops.ts), so only quartiles, standard deviation,
 * bars and the choice of frequent values are the sample's. Every step has one
 * expression per column, never one subquery or CTE per column: DuckDB plans a hundred of those
 * in seconds. The answer is one row of text: a JSON header ({rows, total}) and one JSON cell per
 * column, read by readProfile.
 */
export function profileSql(request: ProfileRequest): string {
  const { relation, columns } = request;
  const topK = positive(request.topK ?? DEFAULT_TOP_K, 'topK');
  const bins = positive(request.bins ?? DEFAULT_BINS, 'bins');
  const sampled = request.sample !== undefined;
  const exactDistinct = request.exactDistinct === true;
  const kinds = columns.map((c) => profileKind(c.type));
  const charted = columns.flatMap((c, i) => (kinds[i] === 'categorical' ? [] : [i]));
  const counted = columns.flatMap((_, i) => (kinds[i] === 'categorical' ? [i] : []));
  const distincts = columns.map((_, i) => distinctOf(i, kinds[i]!, exactDistinct, sampled));

  const ctes = [`src AS MATERIALIZED (SELECT ${selectColumns(columns)} FROM ${relation}${request.sample ? sampleClause(request.sample) : ''})`];
  const stats = sampled ? sampleAggregates(columns, true, exactDistinct) : [...sampleAggregates(columns, false, exactDistinct), ...wholeAggregates(columns, false)];
  ctes.push(`stats AS MATERIALIZED (SELECT ${stats.join(', ')} FROM src)`);
  const from = ['stats'];
  if (counted.length > 0) {
    // every categorical column's values grouped at once: its most frequent ones, and how many there are (seen)
    const long = `SELECT unnest([${counted.join(', ')}]) AS k, unnest([${counted.map((i) => `v${i}::VARCHAR`).join(', ')}]) AS value FROM src`;
    ctes.push(`groups AS MATERIALIZED (SELECT k, value, count(*) AS n FROM (${long}) WHERE value IS NOT NULL GROUP BY k, value)`);
    ctes.push(`seen AS MATERIALIZED (SELECT ${counted.map((i) => `count(CASE WHEN k = ${i} THEN 1 END) AS ed${i}`).join(', ')} FROM groups)`);
    from.push('seen');
    // a sample's most frequent values are candidates, counted over all rows below (profileTops.ts)
    if (sampled) ctes.push(candidatesCte(counted, topK));
    else ctes.push(groupedTops(topK));
    from.push(sampled ? 'cands' : 'tops');
  }
  const distinctAggregates = distincts.flatMap((d) => d.aggregates);
  if (sampled) {
    // all rows, streamed once; the sample's counts of distinct values decide how they are counted here
    const all = [...wholeAggregates(columns, true), ...distinctAggregates, ...candidateCounts(counted)];
    ctes.push(`whole AS MATERIALIZED (SELECT ${all.join(', ')} FROM (SELECT ${selectColumns(columns)} FROM ${relation}), ${from.join(', ')})`);
    from.push('whole');
    if (counted.length > 0) {
      ctes.push(exactTops(counted, topK));
      from.push('tops');
    }
  }
  // the second pass over the profiled rows: bars, deviation and (all rows profiled) distinct values
  const second: string[] = sampled ? [] : distinctAggregates;
  if (charted.length > 0) {
    // The bars span the column's min and max over all rows (finite values, on the axis), the card's Min and Max.
    // Every axis value is first scaled by r, a power of two bringing the column's largest magnitude
    // near 1: exact (unless a value far below the largest underflows to 0, which cannot move a bar
    // or the deviation the largest values dominate), so bars and deviation are the same bits as
    // unscaled, but neither x - lo (1.7e308 minus -1.7e308) nor the deviation's squares (1e308², or
    // 1e-200² underflowing to 0) leave the DOUBLE range. DuckDB cannot TRY an aggregate; an out-of-range stddev_samp fails the whole query.
    // Bar b holds [lo + b·w, lo + (b+1)·w), scaled: [ls + b·ws, …); the maximum, alone at index nb,
    // is counted in the last bar (not clamped with least(): it skips NULLs and would count them there too).
    // An integer column's bars are a whole number of values wide (w, as the chart's histogram): ten
    // values 1…10 over 20 bars of 0.45 left every other bar empty, a gap the data does not have. Its
    // values are exact DOUBLEs below 2^53; past that (a BIGINT near 2^63) a value and an edge may round
    // apart, and the bars are equal widths as any number's.
    const whole = (i: number) => columnKind(columns[i]!.type).kind === 'integer';
    const wholeWidth = (i: number) => `CASE WHEN greatest(abs(lo${i}), abs(hi${i})) < 9007199254740992 THEN ceil((hi${i} - lo${i} + 1) / ${bins}) END`;
    const grid = charted.flatMap((i) => [
      // DuckDB reads an alias of this same SELECT (lo, hi, r, w) in what follows
      `${axis(`mn${i}`, columns[i]!.type)} AS lo${i}`,
      `${axis(`mx${i}`, columns[i]!.type)} AS hi${i}`,
      `${whole(i) ? wholeWidth(i) : 'NULL::DOUBLE'} AS w${i}`,
      `CASE WHEN lo${i} IS NULL THEN 0 WHEN hi${i} > lo${i} THEN coalesce(ceil((hi${i} - lo${i} + 1) / w${i})::BIGINT, ${bins}) ELSE 1 END AS nb${i}`,
      `CASE WHEN hi${i} > lo${i} THEN pow(2, -least(1000, greatest(-1000, ceil(log2(greatest(abs(lo${i}), abs(hi${i}))))))) ELSE 1 END AS r${i}`,
      `lo${i} * r${i} AS ls${i}`,
      `CASE WHEN hi${i} > lo${i} THEN coalesce(w${i} * r${i}, (hi${i} * r${i} - ls${i}) / ${bins}) ELSE 1 END AS ws${i}`,
    ]);
    // The standard deviation is taken here, of the distance to the minimum: DuckDB's stddev_samp
    // of values far from zero (BIGINT near 2^53) loses most of its digits, and a shift changes nothing.
    for (const i of charted) {
      const type = columns[i]!.type;
      const x = finite(i, type, `${axis(v(i), type)} * r${i} - ls${i}`);
      second.push(`histogram(floor((${x}) / ws${i})::BIGINT) AS m${i}`);
      if (kinds[i] === 'number') second.push(`stddev_samp(${x}) AS sd${i}`);
    }
    ctes.push(`grid AS MATERIALIZED (SELECT ${grid.join(', ')} FROM ${sampled ? 'whole' : 'stats'})`);
    from.push('grid');
  }
  if (second.length > 0) {
    ctes.push(`bars AS (SELECT ${second.join(', ')} FROM src, ${from.join(', ')})`);
    from.push('bars');
  }

  const cells = columns.map((c, i) => {
    const sampleNonNull = sampled ? `snn${i}` : `nn${i}`;
    const common = `nonNull: nn${i}, sampleNonNull: ${sampleNonNull}, 'distinct': ${distincts[i]!.value}, distinctExact: ${distincts[i]!.exact}, distinctInSample: ${distincts[i]!.inSample}`;
    if (kinds[i] === 'categorical') {
      // the counts are of all rows, sampled or not: "other" is every other non-null value
      const top = `coalesce(tops.top[${i}], [])`;
      const range = hasRange(c.type) ? `, min: mn${i}::VARCHAR, max: mx${i}::VARCHAR` : '';
      return `{${common}, top: ${top}, other: nn${i} - coalesce(list_sum(list_transform(${top}, lambda e: e.count)), 0)${range}}`;
    }
    const edge = (b: string) => fromAxis(`(ls${i} + ${b} * ws${i}) / r${i}`, c.type);
    const histogram =
      `list_transform(range(nb${i}), lambda b: {low: ${edge('b')}, high: CASE WHEN b = nb${i} - 1 THEN ${fromAxis(`hi${i}`, c.type)} ELSE ${edge('(b + 1)')} END, ` +
      `count: coalesce(m${i}[b], 0) + CASE WHEN b = nb${i} - 1 THEN coalesce(m${i}[nb${i}], 0) ELSE 0 END})`;
    const range = `min: mn${i}::VARCHAR, max: mx${i}::VARCHAR, nonFinite: {nan: nan${i}, inf: inf${i}, negInf: ninf${i}}`;
    if (kinds[i] === 'temporal') return `{${common}, ${range}, histogram: ${histogram}}`;
    return `{${common}, ${range}, mean: mean${i}::VARCHAR, stddev: ${deviation(i)}, quartiles: list_transform(q${i}, lambda q: q::VARCHAR), histogram: ${histogram}}`;
  });
  const header = sampled ? 'to_json({rows: sn, total: n})' : 'to_json({rows: n, total: NULL})';
  const select = [`${header}::VARCHAR AS header`, ...cells.map((cell, i) => `to_json(${cell})::VARCHAR AS p${i}`)];
  return `WITH ${ctes.join(', ')} SELECT ${select.join(', ')} FROM ${from.join(', ')}`;
}

type CellCounts = Pick<z.infer<typeof profileCellSchemas.number>, 'nonNull' | 'sampleNonNull' | 'distinct' | 'distinctExact' | 'distinctInSample'>;

/** Reads the one row profileSql answers (its cells as text), checking its shape at the boundary. */
export function readProfile(cells: readonly unknown[], request: ProfileRequest): ProfileBatch {
  const header = profileHeaderSchema.parse(JSON.parse(String(cells[0])));
  const rows = header.total ?? header.rows;
  const columns = request.columns.map((c, i): ColumnProfile => {
    const json: unknown = JSON.parse(String(cells[i + 1]));
    const kind = profileKind(c.type);
    const common = ({ nonNull, sampleNonNull, distinct, distinctExact, distinctInSample }: CellCounts) => {
      const nulls = rows - nonNull;
      // HyperLogLog can overshoot; there are never more distinct values than values
      const figures = { name: c.name, type: c.type, nulls, nullShare: rows === 0 ? 0 : nulls / rows, distinct: Math.min(distinct, distinctInSample ? sampleNonNull : nonNull), distinctExact };
      const inSample = distinctInSample ? { distinctInSample } : {};
      return header.total === null ? figures : { ...figures, ...inSample, sampled: { rows: header.rows, nonNull: sampleNonNull, of: header.total } };
    };
    switch (kind) {
      case 'number': {
        const { nonNull, sampleNonNull, distinct, distinctExact, distinctInSample, ...rest } = profileCellSchemas.number.parse(json);
        return { kind, ...common({ nonNull, sampleNonNull, distinct, distinctExact, distinctInSample }), ...rest };
      }
      case 'temporal': {
        const { nonNull, sampleNonNull, distinct, distinctExact, distinctInSample, ...rest } = profileCellSchemas.temporal.parse(json);
        return { kind, ...common({ nonNull, sampleNonNull, distinct, distinctExact, distinctInSample }), ...rest };
      }
      case 'categorical': {
        const { nonNull, sampleNonNull, distinct, distinctExact, distinctInSample, top, ...rest } = profileCellSchemas.categorical.parse(json);
        // only a cut value says so (profileTops.ts)
        const marked = top.map(({ cut, ...t }) => (cut === true ? { ...t, cut } : t));
        return { kind, ...common({ nonNull, sampleNonNull, distinct, distinctExact, distinctInSample }), top: marked, ...rest };
      }
    }
  });
  return { rows: header.rows, ...(header.total !== null ? { sample: { rows: header.rows, of: header.total } } : {}), columns };
}
