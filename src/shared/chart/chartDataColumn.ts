import { z } from 'zod';
import { axisKinds } from './chartSpec';

/** The flag beside a capped category (x, y or color): 'true' on the rest of its categories (labelled OTHER), else 'false'. */
export const restRoles = ['xRest', 'yRest', 'colorRest'] as const;
export type RestRole = (typeof restRoles)[number];

/** What a column of chart data holds, so the renderer knows how to read its text. */
export const chartRoles = ['x', 'x1', 'x2', 'y', 'y1', 'y2', 'color', 'value', 'min', 'q1', 'median', 'q3', 'max', ...restRoles] as const;
export type ChartRole = (typeof chartRoles)[number];

/** A column of chart data, as chartSql writes it and chartData carries it. */
export const chartDataColumnSchema = z
  .object({
    role: z.enum(chartRoles),
    /** How its text reads: a number, a timestamp (`2001-01-01 00:00:00`, UTC), a label, or a flag ('true' or 'false'). */
    kind: z.enum([...axisKinds, 'flag']),
    /** The column header a person reads in "Chart data". */
    label: z.string(),
  })
  .readonly();
export type ChartDataColumn = z.output<typeof chartDataColumnSchema>;
