import type { Column } from '../../../shared/contracts/events';
import { columnKind, isNumeric } from '../../../shared/explore/columnKind';
import type { PivotSpec } from '../../../shared/pivot/pivotSpec';

const isNumber = (c: Column) => isNumeric(columnKind(c.type));

/**
 * The pivot "Pivot" opens with before a person changes it: rows by the first column that is not a
 * number, the average of the first number (or a count when there is none).
 */
export function proposePivot(columns: readonly Column[]): PivotSpec | undefined {
  const first = columns[0];
  if (!first) return undefined;
  const row = columns.find((c) => !isNumber(c)) ?? first;
  const value = columns.find((c) => isNumber(c) && c.name !== row.name);
  return value ? { rows: [row.name], columns: [], values: value.name, aggregate: 'Average' } : { rows: [row.name], columns: [], values: row.name, aggregate: 'Count' };
}

/** Names a select can offer: each column once (a repeated name means its first column, as main reads it). */
export const fieldNames = (columns: readonly Column[]): string[] => [...new Set(columns.map((c) => c.name))];
