import type { Column } from '../../../shared/contracts/events';
import { columnKind, isNumeric } from '../../../shared/explore/columnKind';
import type { PivotSpec } from '../../../shared/pivot/pivotSpec';

const isNumber = (c: Column) => isNumeric(columnKind(c.type));

/**
 * Rows of the result the proposal looks at: its first page as it came (one rowid range read of the
 * result's table, so the same result always proposes the same pivot).
 */
export const PROPOSAL_SAMPLE_ROWS = 500;

/** Distinct non-null texts of one column of a page. */
const distinctValues = (values: ReadonlyArray<string | null> | undefined): number => new Set((values ?? []).filter((v) => v !== null)).size;

/** Most distinct values a column may have in the sample to look like categories, as a person groups by: a screenful. */
export const FEW_VALUES = 50;

/**
 * The pivot "Pivot" opens with before a person changes it. Rows: the column with the fewest
 * distinct values above one in `sample` (the first page's cells, column-major; a column with one
 * value or none groups nothing), ties to the leftmost, looked for in turn among the columns that are
 * not numbers (texts, booleans, dates) with at most FEW_VALUES values, the whole-number ones so,
 * the columns that are not numbers, and any column. Cars give Origin (3 values), not Name (311).
 * Without a sample, or when no column varies, the first column that is not a number. The values:
 * the Average of the first number column that is not a whole number of few values in the sample
 * (a year averaged reads "2,013.50"), else of the first number column, else a Count.
 */
export function proposePivot(columns: readonly Column[], sample?: ReadonlyArray<ReadonlyArray<string | null>>): PivotSpec | undefined {
  const first = columns[0];
  if (!first) return undefined;
  // a repeated name means its first column, as main reads a field
  const varied = columns
    .map((c, i) => ({ c, n: distinctValues(sample?.[i]) }))
    .filter(({ c, n }, i) => n > 1 && columns.findIndex((o) => o.name === c.name) === i);
  const few = ({ n }: { n: number }) => n <= FEW_VALUES;
  const tiers = [
    varied.filter((f) => !isNumber(f.c) && few(f)),
    varied.filter((f) => columnKind(f.c.type).kind === 'integer' && few(f)),
    varied.filter((f) => !isNumber(f.c)),
    varied,
  ];
  const fewest = tiers.find((t) => t.length > 0)?.reduce((best, f) => (f.n < best.n ? f : best));
  const row = fewest?.c ?? columns.find((c) => !isNumber(c)) ?? first;
  // A whole number of few values (a year, a month, a code) is rather a category than a measure: averaged, "2,013.50".
  const numbers = columns.map((c, i) => ({ c, i })).filter(({ c }) => isNumber(c) && c.name !== row.name);
  const categoryLike = ({ c, i }: { c: Column; i: number }) => columnKind(c.type).kind === 'integer' && distinctValues(sample?.[i]) <= FEW_VALUES;
  const value = (numbers.find((n) => !categoryLike(n)) ?? numbers[0])?.c;
  return value ? { rows: [row.name], columns: [], values: value.name, aggregate: 'Average' } : { rows: [row.name], columns: [], values: row.name, aggregate: 'Count' };
}
