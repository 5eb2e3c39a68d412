import { z } from 'zod';
import { pageFilterSchema } from '../contracts/pageView';
import { leftOutSchema } from '../explore/finiteValues';
import { chartDataColumnSchema } from './chartDataColumn';
import { chartSpecSchema, MAX_LINKED_CHARTS } from './chartSpec';

/** A chartData request: a chart of a complete result of a session. */
export const chartDataRequestSchema = z
  .object({
    sessionId: z.string().min(1).max(64),
    queryId: z.string().min(1).max(64),
    spec: chartSpecSchema,
    /** Which chart of the result (0: the first; linked charts 1, 2, …): each has its own query in flight. */
    slot: z.number().int().min(0).max(MAX_LINKED_CHARTS).optional(),
    /** The rows to count (the other charts' brushes, the grid's filters); bins stay those of every row. */
    filter: pageFilterSchema.optional(),
    /** A chart of the Timeline's past view: a query started in the session does not replace its result. */
    past: z.literal(true).optional(),
  })
  .strict();
export type ChartDataRequest = z.infer<typeof chartDataRequestSchema>;

/**
 * The marks of a chart, exactly as drawn (docs/charts.md): one row per bar, point, cell, box or
 * line vertex, each cell DuckDB's own text (null for SQL NULL). A capped category (x, y, color) has a
 * flag beside it (`xRest`, …: 'true' on the rest of the categories, labelled OTHER), so a real
 * '(other)' is not the rest. `truncated` says the SQL had more than MAX_CHART_MARKS rows and only
 * the first were sent.
 */
export const chartDataSchema = z.object({
  queryId: z.string(),
  spec: chartSpecSchema,
  columns: z.array(chartDataColumnSchema),
  rows: z.array(z.array(z.string().nullable())),
  truncated: z.boolean(),
  /** For a number X: the width of the bins a brush on this chart snaps to (docs/charts.md, linked charts). */
  brushStep: z.number().positive().optional(),
  /**
   * Rows the marks leave out for want of a place on an axis (NULL; NaN or infinite floats, dates
   * and timestamps), among the rows the grid's filters pass (chartUnplaced.ts); absent when the mark
   * places every row.
   */
  unplaced: z.number().int().nonnegative().optional(),
  /**
   * The NaNs and infinities of the aggregated column (a Y of bars, lines and areas, a box plot's
   * values) the marks leave out: they aggregate finite values only (chartLeftOut.ts), counted as
   * `unplaced` is; absent when the column can have none.
   */
  leftOut: leftOutSchema.optional(),
  /** Whether the marks came from a pre-aggregated cube rather than the result's rows. */
  cube: z.boolean().optional(),
});
export type ChartData = z.infer<typeof chartDataSchema>;
