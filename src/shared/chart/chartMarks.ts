import type { ChartData } from './chartData';
import type { ChartRole } from './chartSql';

/** A mark as Plot reads it: each role's value as a number, a Date (UTC) or a label. */
export type Mark = Partial<Record<ChartRole, number | Date | string>>;

/** DuckDB's text of a timestamp (`2001-01-01 00:00:00`) as the UTC instant it names. */
export const utc = (text: string): Date => new Date(`${text.replace(' ', 'T')}${text.length <= 10 ? 'T00:00:00' : ''}Z`);

/** The chart data's rows as marks; a NULL category reads "NULL", as the grid shows it. */
export function marksOf(data: ChartData): Mark[] {
  return data.rows.map((row) => {
    const mark: Mark = {};
    data.columns.forEach((c, i) => {
      const text = row[i] ?? null;
      if (c.kind === 'category') mark[c.role] = text ?? 'NULL';
      else if (text !== null) mark[c.role] = c.kind === 'time' ? utc(text) : Number(text);
    });
    return mark;
  });
}
