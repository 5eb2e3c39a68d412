import type { Column } from '../contracts/events';

/**
 * The names a chart or pivot picker offers: each column's once. Their specs name columns, and a name
 * means its first column wherever main reads a spec, so a later column of the same name (`select *`
 * over a join on `id`) listed again would be drawn with the first one's values under its own name.
 */
export const pickableNames = (columns: readonly Column[]): string[] => [...new Set(columns.map((c) => c.name))];
