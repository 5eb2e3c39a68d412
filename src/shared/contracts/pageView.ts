import { z } from 'zod';
import { MAX_FILTER_VALUES, MAX_FILTERS, MAX_SORT_KEYS } from './limits';

/*
 * How to look at a complete result: its sort keys and filters. Its own module because both the
 * protocol (fetchPage) and the commands (SetResultView) use it, and protocol.ts imports commands.ts.
 */

/** A column of a result, by position (0-based). */
export const columnIndex = z.number().int().nonnegative().max(100_000);

/** Sort keys of a page view, most significant first; NULLs sort last either way. */
export const pageOrderSchema = z.array(z.object({ column: columnIndex, descending: z.boolean().optional() }).strict()).max(MAX_SORT_KEYS);

/**
 * Filters of a page view, all of which a row must pass. Comparisons happen in the column's own
 * type (the value is cast by DuckDB; one that does not cast matches nothing); `contains` matches
 * the shown text, ignoring case.
 */
export const pageFilterSchema = z
  .array(
    z.discriminatedUnion('op', [
      /** `chart`: a category clicked on that chart's bars (docs/charts.md), which it does not filter. */
      z.object({ column: columnIndex, op: z.enum(['eq', 'ne', 'lt', 'le', 'gt', 'ge']), value: z.string().max(1000), chart: z.number().int().min(0).max(7).optional() }).strict(),
      z.object({ column: columnIndex, op: z.literal('contains'), value: z.string().min(1).max(1000) }).strict(),
      z.object({ column: columnIndex, op: z.enum(['isNull', 'notNull']) }).strict(),
      /** [lo, hi): a chart's brush (docs/charts.md); `chart` is the chart that drew it, which it does not filter. */
      z.object({ column: columnIndex, op: z.literal('range'), lo: z.string().max(1000), hi: z.string().max(1000), chart: z.number().int().min(0).max(7).optional() }).strict(),
      /** One of several values: a brush across a chart's bars (docs/charts.md), in the bars' drawn order; `chart` drew it. */
      z.object({ column: columnIndex, op: z.literal('in'), values: z.array(z.string().max(1000)).min(1).max(MAX_FILTER_VALUES), chart: z.number().int().min(0).max(7).optional() }).strict(),
    ]),
  )
  .max(MAX_FILTERS);

export type PageFilter = z.infer<typeof pageFilterSchema>[number];
/** How to look at a complete result: sorted and/or filtered by DuckDB, then paged like the result itself. */
export interface PageView {
  readonly orderBy?: z.infer<typeof pageOrderSchema>;
  readonly filter?: z.infer<typeof pageFilterSchema>;
}
