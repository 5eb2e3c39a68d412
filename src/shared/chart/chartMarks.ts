import type { ChartData } from './chartData';
import { MAX_CHART_MARKS } from './chartSpec';
import type { ChartRole, RestRole } from './chartDataColumn';
import { OTHER } from './chartSql';

/** A mark as Plot reads it: each role's value as a number, a Date (UTC) or a label. */
export type Mark = Partial<Record<ChartRole, number | Date | string>>;

/**
 * The categories of a mark that are no value: the rest of the categories (past the most frequent)
 * and SQL NULL. Each is a key a real category can never be: it holds a lone surrogate, which no
 * DuckDB text holds (a VARCHAR is valid UTF-8), so a real '(other)' or 'NULL' stays a category of
 * its own, drawn as itself and selected by its value. They read REST_TEXT and "NULL" (categoryText).
 */
export const REST_CATEGORY = `\uDC00${OTHER}`;
export const NULL_CATEGORY = '\uDC00NULL';
/** The categories a brush or a click cannot select: a filter cannot name them by value. */
export const UNSELECTABLE_CATEGORIES: readonly string[] = [REST_CATEGORY, NULL_CATEGORY];

/** Whether a category is a value a filter can name (not the rest, not SQL NULL). */
export const selectableCategory = (category: string): boolean => !UNSELECTABLE_CATEGORIES.includes(category);

/** Whether a category is the rest or SQL NULL, which are drawn apart from the values. */
export const sentinelCategory = (category: unknown): boolean => typeof category === 'string' && !selectableCategory(category);

/**
 * How the rest of the categories reads, on an axis, in a legend, in "Chart data" and the notebook:
 * the one place it is written. Not OTHER, which a real value '(other)' also reads (and a real
 * 'Other' is common): the rest's bar, band or series is every category past the top, counted together.
 */
export const REST_TEXT = 'All others';

/** A category as a person reads it: a value as itself, the rest as REST_TEXT, SQL NULL as "NULL" (as the grid shows it). */
export function categoryText(category: string): string {
  if (category === REST_CATEGORY) return REST_TEXT;
  if (category === NULL_CATEGORY) return 'NULL';
  return category;
}

const REST_OF: Readonly<Partial<Record<ChartRole, RestRole>>> = { x: 'xRest', y: 'yRest', color: 'colorRest' };

/** The chart data's rows as marks: a category as its text, or REST_CATEGORY / NULL_CATEGORY; flags are folded into their category. */
export function marksOf(data: ChartData): Mark[] {
  const restAt = (role: ChartRole) => data.columns.findIndex((c) => c.role === REST_OF[role]);
  return data.rows.map((row) => {
    const mark: Mark = {};
    data.columns.forEach((c, i) => {
      const text = row[i] ?? null;
      switch (c.kind) {
        case 'category':
          mark[c.role] = row[restAt(c.role)] === 'true' ? REST_CATEGORY : (text ?? NULL_CATEGORY);
          break;
        case 'time':
          if (text !== null) mark[c.role] = utc(text);
          break;
        case 'number':
          if (text !== null) mark[c.role] = Number(text);
          break;
        case 'flag':
          break;
      }
    });
    return mark;
  });
}

/**
 * The chart data without the rest flags no mark raises: a chart whose categories all fit has no
 * rest, and says so by having no flag (as before flags were sent, so a notebook's table of its marks
 * is unchanged); a chart with a rest keeps its flag on every row.
 */
/** What main sends of a chart query's marks: at most MAX_CHART_MARKS, without idle flags, and whether some were cut. */
export function sentMarks<Column extends { readonly kind: string }>(
  columns: readonly Column[],
  marks: ReadonlyArray<ReadonlyArray<string | null>>,
): { columns: Column[]; rows: (string | null)[][]; truncated: boolean } {
  const truncated = marks.length > MAX_CHART_MARKS;
  return { ...withoutIdleFlags(columns, truncated ? marks.slice(0, MAX_CHART_MARKS) : marks), truncated };
}

export function withoutIdleFlags<Column extends { readonly kind: string }>(columns: readonly Column[], rows: ReadonlyArray<ReadonlyArray<string | null>>): { columns: Column[]; rows: (string | null)[][] } {
  const keep = columns.map((c, i) => c.kind !== 'flag' || rows.some((r) => r[i] === 'true'));
  return { columns: columns.filter((_, i) => keep[i]), rows: rows.map((r) => r.filter((_, i) => keep[i])) };
}

/** DuckDB's text of a timestamp (`2001-01-01 00:00:00`) as the UTC instant it names. */
export const utc = (text: string): Date => new Date(`${text.replace(' ', 'T')}${text.length <= 10 ? 'T00:00:00' : ''}Z`);
