import { z } from 'zod';
import { pageFilterSchema } from '../contracts/pageView';
import { columnKind } from './columnKind';

/**
 * A column's profile: what the "Column profiles" region shows. Every value is DuckDB's own text,
 * so BIGINT beyond 2^53, DECIMAL and timestamps are exact; counts are row counts (safe as numbers).
 */
export type ProfileKind = 'number' | 'temporal' | 'categorical';

/** Numbers get moments and quartiles, dates and timestamps a histogram over time, everything else its most frequent values. */
export function profileKind(duckdbType: string): ProfileKind {
  const k = columnKind(duckdbType).kind;
  switch (k) {
    case 'integer':
    case 'decimal':
    case 'float':
      return 'number';
    case 'date':
    case 'timestamp':
      return 'temporal';
    case 'time':
    case 'boolean':
    case 'text':
    case 'other':
      return 'categorical';
  }
}

/**
 * Categorical columns that still have a min and max worth showing: INTERVALs (durations, ordered by
 * DuckDB), whose most frequent values alone say little of their range.
 */
export const hasRange = (duckdbType: string): boolean => duckdbType.trim().toUpperCase() === 'INTERVAL';

const count = z.number().int().nonnegative();
const text = z.string().nullable();
/** One bar of a histogram: values in [low, high), the last bar including its high. */
const binSchema = z.object({ low: z.string(), high: z.string(), count }).strict();

/** NaNs and (negative) infinities: left out of min, max, mean, quartiles, deviation and histogram alike, and counted. */
const nonFiniteSchema = z.object({ nan: count, inf: count, negInf: count }).strict();
export type NonFinite = z.infer<typeof nonFiniteSchema>;

/**
 * Every cell's counts: non-null values over all rows, over the profiled rows (a sample's, or all
 * rows again), and distinct values over all rows, exactly counted or estimated.
 */
const cellCounts = { nonNull: count, sampleNonNull: count, distinct: count, distinctExact: z.boolean(), distinctInSample: z.boolean() };
const omitCounts = { nonNull: true, sampleNonNull: true, distinct: true, distinctExact: true, distinctInSample: true } as const;

/** What the profile query returns for one column (parsed at the boundary, in main). */
export const profileCellSchemas = {
  number: z
    .object({
      ...cellCounts,
      min: text,
      max: text,
      nonFinite: nonFiniteSchema,
      mean: text,
      stddev: text,
      quartiles: z.tuple([z.string(), z.string(), z.string()]).nullable(),
      histogram: z.array(binSchema),
    })
    .strict(),
  temporal: z.object({ ...cellCounts, min: text, max: text, nonFinite: nonFiniteSchema, histogram: z.array(binSchema) }).strict(),
  categorical: z
    // top and other count all rows, even when sampled (the sample only chose the values); min and max for hasRange's types;
    // a top value's `cut`: its text is cut for the card (profileTops.ts), so it is no filter
    .object({ ...cellCounts, top: z.array(z.object({ value: z.string(), count, cut: z.boolean().optional() }).strict()), other: count, min: text.optional(), max: text.optional() })
    .strict(),
} as const;

/** The profile query's first cell: how many rows were profiled, and of how many when sampled. */
export const profileHeaderSchema = z.object({ rows: count, total: count.nullable() }).strict();

export type HistogramBin = z.infer<typeof binSchema>;

/**
 * A sampled profile's figures (docs/explore.md): nulls, distinct values, min, max, mean, what was
 * left out and the most frequent values' counts are over all rows (the sample chose which values);
 * quartiles, deviation and bars are the sample's, which has `rows` of the `of` rows and `nonNull` of
 * this column's values (a bar's count is scaled by the non-null values of all rows / of the sample to an estimate).
 */
const profileSampledSchema = z
  .object({
    rows: count,
    nonNull: count,
    /** All rows. */
    of: count,
  })
  .strict()
  .readonly();
export type ProfileSampled = z.output<typeof profileSampledSchema>;

/** What every profile holds, whatever its kind. */
const profileCommon = {
  name: z.string(),
  type: z.string(),
  /** Over all rows, even when sampled. */
  nulls: count,
  /** nulls / rows; 0 for no rows. */
  nullShare: z.number().min(0).max(1),
  /**
   * Distinct non-null values over all rows: counted exactly where they are few or the relation
   * small, else DuckDB's approx_count_distinct (HyperLogLog), at most the non-null count; in a sample
   * with many of them, the sample's (distinctInSample).
   */
  distinct: count,
  /** Whether `distinct` was counted exactly. */
  distinctExact: z.boolean(),
  /** `distinct` is of the sample's rows only: a sample holding more than EXACT_DISTINCT_VALUES of them. */
  distinctInSample: z.boolean().optional(),
  /** Present when some figures come from a sample. */
  sampled: profileSampledSchema.optional(),
};
/** A column's profile, as the "Column profiles" region shows it and the API's answer carries it: its kind's figures beside what every profile holds. */
export const columnProfileSchema = z.discriminatedUnion('kind', [
  profileCellSchemas.number.omit(omitCounts).extend({ kind: z.literal('number'), ...profileCommon }).strict().readonly(),
  profileCellSchemas.temporal.omit(omitCounts).extend({ kind: z.literal('temporal'), ...profileCommon }).strict().readonly(),
  profileCellSchemas.categorical.omit(omitCounts).extend({ kind: z.literal('categorical'), ...profileCommon }).strict().readonly(),
]);
export type ColumnProfile = z.output<typeof columnProfileSchema>;

/** The profiles of a batch of columns, computed in one query. */
export interface ProfileBatch {
  /** Rows the statistics were computed over. */
  readonly rows: number;
  /** Present when the statistics come from a sample: the sample's size and the rows it was drawn from. */
  readonly sample?: { readonly rows: number; readonly of: number };
  readonly columns: readonly ColumnProfile[];
}

/** Columns one profile request may ask for; the client asks for what is in view, a screenful or so at a time. */
export const MAX_PROFILE_COLUMNS = 100;
/** Columns profiled by one DuckDB query: a screenful of cards comes back in one answer. */
export const PROFILE_BATCH_COLUMNS = 20;

/**
 * What a profile is of: a completed result, or a whole dataset of the catalog. A result's `filter`
 * is its view's filters: the profile is of the rows the grid shows (the sort changes no figure).
 */
export const profileTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('result'), queryId: z.string().min(1).max(64), filter: pageFilterSchema.optional() }).strict(),
  /** A dataset; a DuckDB database file's dataset names one of its tables (and its schema, outside main). */
  z
    .object({ kind: z.literal('dataset'), datasetId: z.string().min(1).max(64), table: z.string().min(1).max(1000).optional(), schema: z.string().min(1).max(1000).optional() })
    .strict(),
]);
export type ProfileTarget = z.infer<typeof profileTargetSchema>;

/** The answer to a profile request: the asked columns' profiles (by column index) and the sample they came from, if any. */
export const profileAnswerSchema = z
  .object({
    requestId: z.string(),
    rows: count,
    sample: z.object({ rows: count, of: count }).strict().optional(),
    /** A filtered result's profile: the rows its filters keep, of the result's rows ("48 of 100 rows"). */
    filtered: z.object({ rows: count, of: count }).strict().optional(),
    columns: z.array(z.object({ column: count, profile: columnProfileSchema }).strict()),
  })
  .strict();
export type ProfileAnswer = z.infer<typeof profileAnswerSchema>;
