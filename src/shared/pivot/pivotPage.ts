import { z } from 'zod';
import { columnSchema } from '../contracts/events';
import { leftOutSchema } from '../explore/finiteValues';

/**
 * One page of a pivot, column-major like a result's page. Columns are: the level (0 for the grand
 * total, 1 for a first-level subtotal, …, `rowFields` for a detail row), the row fields (NULL where
 * rolled up), then the value columns; with no row field (`rowFields` 0), one row, the total. `keys`
 * holds the column keys shown (as columns, in order) and how many exist (more than shown: the rest
 * are in "Other"), so a client can write the same query (pivotOpenAsSql).
 *
 * Two counts: `totalRows` is the pivot's rows as paged (the grand total, subtotals and details shown),
 * what a grid scrolls through; `groups` is what a person counts, the groups of the finest level (the
 * distinct combinations of all the row fields, NULL included), collapsed groups' included, and
 * neither subtotals nor the grand total.
 *
 * `empty` (with column fields): for each row of the page, the value columns (0-based among them, as
 * `sort.valueColumn`) whose combination of group and column key has no rows. Such a cell is NULL in
 * `values` and drawn empty, apart from an aggregate that is NULL (a Sum of only NULLs); a Total
 * never is empty. Absent without column fields (no cell can be), and from an older host.
 */
export const pivotPageSchema = z
  .object({
    queryId: z.string(),
    offset: z.number().int().nonnegative(),
    totalRows: z.number().int().nonnegative(),
    groups: z.number().int().nonnegative(),
    rowFields: z.number().int().nonnegative(),
    columns: z.array(columnSchema).readonly(),
    values: z.array(z.array(z.string().nullable()).readonly()).readonly(),
    keys: z.object({ distinct: z.number().int().nonnegative(), values: z.array(z.array(z.string().nullable()).readonly()).readonly() }).readonly(),
    empty: z.array(z.array(z.number().int().nonnegative()).readonly()).readonly().optional(),
    /**
     * The NaNs and infinities of the Values column the cells left out (pivotValue: every aggregate
     * but Count is of finite values, as a profile's figures), over every row the pivot reads. Absent
     * where none can be (a Count, a type without them), and from an older host.
     */
    leftOut: leftOutSchema.optional(),
  })
  .readonly();
export type PivotPage = z.output<typeof pivotPageSchema>;
