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

const count = z.number().int().nonnegative();
const text = z.string().nullable();
/** One bar of a histogram: values in [low, high), the last bar including its high. */
const binSchema = z.object({ low: z.string(), high: z.string(), count }).strict();

/** What the profile query returns for one column (parsed at the boundary, in main). */
export const profileCellSchemas = {
  number: z
    .object({
      nonNull: count,
      distinct: count,
      min: text,
      max: text,
      mean: text,
      stddev: text,
      quartiles: z.tuple([z.string(), z.string(), z.string()]).nullable(),
      histogram: z.array(binSchema),
    })
    .strict(),
  temporal: z.object({ nonNull: count, distinct: count, min: text, max: text, histogram: z.array(binSchema) }).strict(),
  categorical: z
    .object({ nonNull: count, distinct: count, top: z.array(z.object({ value: z.string(), count }).strict()), other: count })
    .strict(),
} as const;

/** The profile query's first cell: how many rows were profiled, and of how many when sampled. */
export const profileHeaderSchema = z.object({ rows: count, total: count.nullable() }).strict();

export type HistogramBin = z.infer<typeof binSchema>;

interface ProfileBase {
  readonly name: string;
  readonly type: string;
  readonly nulls: number;
  /** nulls / profiled rows; 0 for no rows. */
  readonly nullShare: number;
  /** Distinct non-null values: exact on a small relation, else DuckDB's approx_count_distinct (HyperLogLog), at most the non-null count. */
  readonly distinct: number;
  /** Whether `distinct` was counted exactly (a relation of at most EXACT_DISTINCT_ROWS rows). */
  readonly distinctExact: boolean;
}
export type ColumnProfile =
  | (ProfileBase & { readonly kind: 'number' } & Omit<z.infer<typeof profileCellSchemas.number>, 'nonNull' | 'distinct'>)
  | (ProfileBase & { readonly kind: 'temporal' } & Omit<z.infer<typeof profileCellSchemas.temporal>, 'nonNull' | 'distinct'>)
  | (ProfileBase & { readonly kind: 'categorical' } & Omit<z.infer<typeof profileCellSchemas.categorical>, 'nonNull' | 'distinct'>);

/** The profiles of a batch of columns, computed in one query. */
export interface ProfileBatch {
  /** Rows the statistics were computed over. */
  readonly rows: number;
  /** Present when the statistics come from a sample: the sample's size and the rows it was drawn from. */
  readonly sample?: { readonly rows: number; readonly of: number };
  readonly columns: readonly ColumnProfile[];
}

const profileCommon = { name: z.string(), type: z.string(), nulls: count, nullShare: z.number().min(0).max(1), distinct: count, distinctExact: z.boolean() };
/** A column's profile as it travels to the renderer (the API's answer); the same shape as ColumnProfile. */
export const columnProfileSchema: z.ZodType<ColumnProfile> = z.discriminatedUnion('kind', [
  profileCellSchemas.number.omit({ nonNull: true, distinct: true }).extend({ kind: z.literal('number'), ...profileCommon }).strict(),
  profileCellSchemas.temporal.omit({ nonNull: true, distinct: true }).extend({ kind: z.literal('temporal'), ...profileCommon }).strict(),
  profileCellSchemas.categorical.omit({ nonNull: true, distinct: true }).extend({ kind: z.literal('categorical'), ...profileCommon }).strict(),
]);

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
