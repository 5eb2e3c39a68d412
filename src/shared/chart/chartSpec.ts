import { z } from 'zod';
import { aggregates, type Aggregate } from '../explore/aggregates';
import { profileKind, type ProfileKind } from '../explore/columnProfile';

export const chartMarks = ['Bar', 'Line', 'Area', 'Scatter', 'Histogram', 'Heatmap', 'Box'] as const;
/** A chart's aggregates are the pivot's (explore/aggregates.ts). */
export const chartAggregates = aggregates;
export type ChartMark = (typeof chartMarks)[number];
export type ChartAggregate = Aggregate;

/** Column names as a result names them: any text, quotes, spaces and Unicode included. */
const columnName = z.string().min(1).max(1024);

/**
 * What a chart draws (docs/charts.md): a mark over columns of a result, named as the result names
 * them, and how rows become a mark's value. Recorded in the session (ChartSet) and sent with chartData.
 */
const chartFields = {
  mark: z.enum(chartMarks),
  x: columnName,
  y: columnName.optional(),
  color: columnName.optional(),
  aggregate: z.enum(chartAggregates),
};
/** How many charts may sit beside the first, linked to it (docs/charts.md, linked charts). */
export const MAX_LINKED_CHARTS = 3;
/** One chart, as chartData draws it. */
export const singleChartSpecSchema = z.object(chartFields).strict();
export type SingleChartSpec = z.infer<typeof singleChartSpecSchema>;
/**
 * The setting ChartSet records: the first chart, and the charts added beside it (`linked`, charts
 * 1, 2, …), so older logs with one chart read as they were.
 */
export const chartSpecSchema = z.object({ ...chartFields, linked: z.array(singleChartSpecSchema).min(1).max(MAX_LINKED_CHARTS).optional() }).strict();
export type ChartSpec = z.infer<typeof chartSpecSchema>;

/** Every chart of a setting, the first one first (each without `linked`). */
export function chartsOf(spec: ChartSpec): SingleChartSpec[] {
  const { linked, ...first } = spec;
  return [first, ...(linked ?? [])];
}

/** The setting for these charts (the first one and those beside it); undefined when none is left. */
export function chartSetting(charts: readonly SingleChartSpec[]): ChartSpec | undefined {
  const [first, ...rest] = charts;
  return first && (rest.length > 0 ? { ...first, linked: rest } : first);
}

/** At most this many marks (rows of chart data) cross from main to the renderer for one chart. */
export const MAX_CHART_MARKS = 10_000;

/** How a chart reads a column: a position on a number or time axis, or a category. */
export const axisKinds = ['number', 'time', 'category'] as const;
export type AxisKind = (typeof axisKinds)[number];

const axisOf: Readonly<Record<ProfileKind, AxisKind>> = { number: 'number', temporal: 'time', categorical: 'category' };

/** The same split a column profile makes (numbers; dates and timestamps; the rest), in a chart's words. */
export function axisKind(duckdbType: string): AxisKind {
  return axisOf[profileKind(duckdbType)];
}

export interface ChartColumn {
  readonly name: string;
  readonly type: string;
}

/**
 * Why a mark does not read a field, or undefined when it does: a histogram counts the rows in each
 * bin (no Y); a box plot draws one box per X in one color and a heatmap's color is its count (no
 * Color); only bars, lines and areas aggregate a Y (the others draw points, cells, boxes or counts).
 */
export function unusedField(mark: ChartMark, field: 'y' | 'color' | 'aggregate'): string | undefined {
  if (field === 'y') return mark === 'Histogram' ? 'A histogram counts the rows in each bin: it has no Y.' : undefined;
  if (field === 'color') return mark === 'Box' ? 'A box plot draws one box per X in one color: it has no Color.' : mark === 'Heatmap' ? 'A heatmap’s color is its count: it has no Color.' : undefined;
  return mark === 'Bar' || mark === 'Line' || mark === 'Area' ? undefined : `A ${mark === 'Box' ? 'box plot' : mark.toLowerCase()} does not aggregate: it draws ${mark === 'Box' ? 'the values’ spread' : mark === 'Scatter' ? 'points, or counts where they are many' : 'counts'}.`;
}

/**
 * What a field the mark does not read shows instead of the value the spec keeps for other marks
 * (a histogram's Y stays `delay` in the spec, for when it is bars again): what the mark uses in its
 * place, "(count)" for a histogram's Y or a heatmap's Color, "Count" for an aggregate of counts, else a dash.
 */
export function unusedFieldText(mark: ChartMark, field: 'y' | 'color' | 'aggregate'): string {
  const counts = mark === 'Histogram' || mark === 'Heatmap';
  if (field === 'aggregate') return counts ? 'Count' : '—';
  return (field === 'y' && mark === 'Histogram') || (field === 'color' && mark === 'Heatmap') ? '(count)' : '—';
}

/** Why `spec` cannot be drawn over `columns`, in words a person can act on; undefined when it can. */
export function chartProblem(spec: ChartSpec, columns: readonly ChartColumn[]): string | undefined {
  const kindOf = (name: string | undefined) => {
    const c = name === undefined ? undefined : columns.find((col) => col.name === name);
    return c && axisKind(c.type);
  };
  for (const name of [spec.x, spec.y, spec.color]) {
    if (name !== undefined && !columns.some((c) => c.name === name)) return `The result has no column ${JSON.stringify(name)}.`;
  }
  const x = kindOf(spec.x);
  const y = kindOf(spec.y);
  const needsY = spec.aggregate !== 'Count' && (spec.mark === 'Bar' || spec.mark === 'Line' || spec.mark === 'Area');
  if (needsY && y !== 'number') return `${spec.aggregate} needs a number column as Y.`;
  switch (spec.mark) {
    case 'Histogram':
      return x === 'category' ? 'A histogram needs a number or date column as X; use Bar for categories.' : undefined;
    case 'Scatter':
    case 'Heatmap':
      return spec.y === undefined ? `A ${spec.mark === 'Scatter' ? 'scatter' : 'heatmap'} needs a Y column.` : undefined;
    case 'Box':
      if (spec.y === undefined) return x === 'number' ? undefined : 'A box plot needs a number column (as X alone, or as Y).';
      return y === 'number' ? undefined : 'A box plot needs a number column as Y.';
    case 'Bar':
    case 'Line':
    case 'Area':
      return undefined;
  }
}

/**
 * The mark a spec is drawn with, given its X's kind: a line or an area over categories has no order
 * to join its points in, so it is drawn as bars, and named so. The spec keeps the person's pick, so
 * a date as X again draws the line.
 */
export function drawnMark(mark: ChartMark, xKind: AxisKind | 'flag' | undefined): ChartMark {
  return (mark === 'Line' || mark === 'Area') && (xKind === 'category' || xKind === 'flag') ? 'Bar' : mark;
}

/** Said beside a chart drawn with another mark than the one picked; undefined when drawn as picked. */
export function drawnAsNote(mark: ChartMark, xKind: AxisKind | 'flag' | undefined): string | undefined {
  return drawnMark(mark, xKind) === mark ? undefined : `${mark === 'Area' ? 'An area' : 'A line'} needs a number or date as X: drawn as bars.`;
}

/** Rows above which two numbers make a heatmap rather than a scatter of points. */
export const SCATTER_POINTS_MAX = MAX_CHART_MARKS;

/**
 * A sensible first chart of a result from its column types: a line over time for a date and a
 * number, a heatmap for two numbers over more rows than a scatter draws (else a histogram of the
 * first), a histogram for one number, bars of counts for a category. Undefined when nothing can be charted (no columns).
 */
export function proposeChart(columns: readonly ChartColumn[], rows?: number): ChartSpec | undefined {
  const of = (kind: AxisKind) => columns.filter((c) => axisKind(c.type) === kind).map((c) => c.name);
  const [time] = of('time');
  const numbers = of('number');
  const [category] = of('category');
  const [n1, n2] = numbers;
  if (time !== undefined && n1 !== undefined) return { mark: 'Line', x: time, y: n1, aggregate: 'Average' };
  if (n1 !== undefined && n2 !== undefined && rows !== undefined && rows > SCATTER_POINTS_MAX) return { mark: 'Heatmap', x: n1, y: n2, aggregate: 'Count' };
  if (n1 !== undefined) return { mark: 'Histogram', x: n1, aggregate: 'Count' };
  if (category !== undefined) return { mark: 'Bar', x: category, aggregate: 'Count' };
  if (time !== undefined) return { mark: 'Histogram', x: time, aggregate: 'Count' };
  const first = columns[0];
  return first && { mark: 'Bar', x: first.name, aggregate: 'Count' };
}
