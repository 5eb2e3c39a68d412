import { z } from 'zod';
import { aggregates, type Aggregate } from '../explore/aggregates';
import { isolateBidi } from '../text/isolate';
import { pivotGrains } from './pivotGrain';

/** What a pivot's cells hold: one aggregate of the Values field, as DuckDB computes it; a chart's aggregates (explore/aggregates.ts). */
export const pivotAggregates = aggregates;
export type PivotAggregate = Aggregate;

/**
 * Row levels a pivot may nest (each is a ROLLUP level, so a subtotal row per group). None is a pivot
 * of totals only, one row (Excel's "Grand Total" row, Tad's pivot with no pivot column).
 */
export const MAX_PIVOT_ROWS = 4;
/** Column fields; their combined values become column names. */
export const MAX_PIVOT_COLUMNS = 3;
/** Distinct column values shown as columns; the rest are summed up in one "Other" column. */
export const MAX_PIVOT_KEYS = 50;

/** A column of the result, by the name a person sees (the first of that name when it repeats). */
const field = z.string().min(1).max(1000);

/**
 * A pivot's settings, as the session records them (PivotSet) and the API takes them. No row field is
 * one row of totals (across the column fields' values when there are any). `sort` orders
 * the groups of every level by one value column (0-based among the value columns, the "Total"
 * column last); without it groups are in the order of their values. `collapsed` hides the rows
 * below the named first-level groups (Tad-style), keeping their subtotal rows. `grains` groups a
 * date or timestamp row or column field by a calendar grain (pivotGrain.ts), keyed by the field's
 * name; a field without one groups by its exact values, as every PivotSet before grains did.
 */
export const pivotSpecSchema = z
  .object({
    rows: z.array(field).max(MAX_PIVOT_ROWS),
    columns: z.array(field).max(MAX_PIVOT_COLUMNS),
    values: field,
    aggregate: z.enum(pivotAggregates),
    sort: z.object({ valueColumn: z.number().int().nonnegative().max(MAX_PIVOT_KEYS + 1), descending: z.boolean() }).strict().optional(),
    /** First-level groups shown collapsed (their subtotal row only), by the first row field's text; null is the NULL group. */
    collapsed: z.array(z.string().max(1000).nullable()).max(1000).optional(),
    /** A date or timestamp field's grain (by field name); absent: its exact values. */
    grains: z.record(field, z.enum(pivotGrains)).optional(),
  })
  .strict();
export type PivotSpec = z.infer<typeof pivotSpecSchema>;

/** The column values that became columns: each key is one value per column field (null for SQL NULL). */
export interface PivotKeys {
  readonly keys: ReadonlyArray<ReadonlyArray<string | null>>;
  /** How many distinct keys the data has; above `keys.length`, the rest went to "Other". */
  readonly distinct: number;
}

/** The header of a column key: its values joined, NULL shown as "null". */
export const keyLabel = (key: ReadonlyArray<string | null>): string => key.map((v) => v ?? 'null').join(' · ');

/** Names of the value columns, in order: one per key, "Other" when capped, and "Total". */
export function valueColumnNames(spec: PivotSpec, keys: PivotKeys): string[] {
  if (spec.columns.length === 0) return [spec.aggregate === 'Count' ? 'Count' : `${spec.aggregate} of ${spec.values}`];
  return [...keys.keys.map(keyLabel), ...(keys.distinct > keys.keys.length ? ['Other'] : []), 'Total'];
}

/**
 * The layout in words, after "<aggregate> of <values>": " by origin, destination across date (month)",
 * " across month" or "" (totals only, no row field), as the history and the timeline name a pivot.
 */
export function pivotLayoutWords(spec: Pick<PivotSpec, 'rows' | 'columns' | 'grains'>): string {
  // column names isolated: a right-to-left name or a bidi control in one cannot reorder these words
  const named = (f: string) => `${isolateBidi(f)}${spec.grains?.[f] ? ` (${spec.grains[f]})` : ''}`;
  const names = (fields: readonly string[]) => fields.map(named).join(', ');
  const by = spec.rows.length > 0 ? ` by ${names(spec.rows)}` : '';
  return `${by}${spec.columns.length > 0 ? ` across ${names(spec.columns)}` : ''}`;
}
