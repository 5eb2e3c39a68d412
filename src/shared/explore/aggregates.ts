/**
 * The aggregates a pivot's cells and a chart's marks offer over a column's values, as DuckDB
 * computes them (docs/pivot.md, docs/charts.md): one list, so the two offer and name the same, and
 * what holds for one (finiteAggregate: every one but Count is of finite values) holds for both.
 * Count counts the rows that have a value, not the values' sizes.
 */
export const aggregates = ['Count', 'Sum', 'Average', 'Median', 'Min', 'Max'] as const;
export type Aggregate = (typeof aggregates)[number];
