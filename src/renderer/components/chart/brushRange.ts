import { snapBrush } from '../../../shared/chart/chartCube';
import { valueName } from '../pivot/pivotText';
import type { PageFilter } from '../../../shared/contracts/pageView';

/** [lo, hi) of an axis, as a range filter's text. */
export interface Interval {
  readonly lo: string;
  readonly hi: string;
}

/**
 * What a chart selects along one axis: [lo, hi) of a number or time axis, dragged or keyed; or
 * categories of a category axis (bars, or a scatter's or heatmap's category X or Y) in their drawn
 * order (one clicked, or those a drag or Shift+arrows cover; never none).
 */
export type AxisSelection = ({ readonly kind: 'range' } & Interval) | { readonly kind: 'categories'; readonly values: readonly string[] };

/** What a chart selects: along X, along Y (only a scatter or a heatmap has a Y to brush), or both (a rectangle). */
export interface Selection {
  readonly x?: AxisSelection | undefined;
  readonly y?: AxisSelection | undefined;
}

/** The result's columns a chart brushes: its X and, on a scatter or heatmap, its Y. */
export interface BrushColumns {
  readonly x: number;
  readonly y?: number | undefined;
}

/** One axis's selection as the filter of `column` it is recorded as: a range; one category an equality (as a click has always been recorded); several, one `in`. */
function axisFilter(chart: number, column: number | undefined, selection: AxisSelection | undefined): PageFilter[] {
  if (column === undefined || !selection) return [];
  switch (selection.kind) {
    case 'range':
      return [{ column, op: 'range', lo: selection.lo, hi: selection.hi, chart }];
    case 'categories': {
      const [only, ...more] = selection.values;
      if (only === undefined) return [];
      return more.length === 0 ? [{ column, op: 'eq', value: only, chart }] : [{ column, op: 'in', values: [...selection.values], chart }];
    }
  }
}

/**
 * A chart's selection as the result's filters it is recorded as, each naming the chart. A rectangle
 * is one filter on each column, Y's first: main answers the other charts from a cube of the last
 * brush range, and X's is the one on whole brush steps.
 */
export function brushFilters(chart: number, columns: BrushColumns, selection: Selection): PageFilter[] {
  return [...axisFilter(chart, columns.y, selection.y), ...axisFilter(chart, columns.x, selection.x)];
}

/** Whether a filter is chart `chart`'s own selection. */
export const ownedBy = (f: PageFilter, chart: number): boolean => 'chart' in f && f.chart === chart;

/** Chart `chart`'s selection as recorded in the result's filters, read on its own columns (a brush left on a column it no longer shows is not its selection). */
export function selectionOf(filter: readonly PageFilter[], chart: number, columns: BrushColumns): Selection | undefined {
  const own = filter.filter((f) => ownedBy(f, chart));
  const along = (column: number | undefined): AxisSelection | undefined => {
    const f = column === undefined ? undefined : own.find((g) => g.column === column && (g.op === 'range' || g.op === 'eq' || g.op === 'in'));
    switch (f?.op) {
      case 'range':
        return { kind: 'range', lo: f.lo, hi: f.hi };
      case 'eq':
        return { kind: 'categories', values: [f.value] };
      case 'in':
        return { kind: 'categories', values: f.values };
      default:
        return undefined;
    }
  };
  const x = along(columns.x);
  // the same column on both axes holds one selection, X's
  const y = columns.y === columns.x ? undefined : along(columns.y);
  return x || y ? { x, y } : undefined;
}

/**
 * The result's filters, column by column, once chart `chart`'s own are replaced by `next`: each
 * column either had one of its filters or gets one, and keeps the filters that are not the chart's.
 * One change of the view, so a rectangle is recorded (and undone) as one.
 */
export function ownFilterChanges(filter: readonly PageFilter[], chart: number, next: readonly PageFilter[]): Map<number, PageFilter[]> {
  const columns = [...new Set([...filter.filter((f) => ownedBy(f, chart)).map((f) => f.column), ...next.map((f) => f.column)])];
  return new Map(columns.map((column) => [column, [...filter.filter((f) => f.column === column && !ownedBy(f, chart)), ...next.filter((f) => f.column === column)]]));
}

/**
 * The result's filters, column by column, once chart `chart` is closed: its own selection goes, and
 * the charts after it, which move up a place, keep theirs under their new number (else chart 3's
 * brush, now chart 2's, would be no chart's and chart 2's not drawn). Only columns that change.
 */
export function closedChartFilterChanges(filter: readonly PageFilter[], chart: number): Map<number, PageFilter[]> {
  const after = (f: PageFilter): PageFilter[] => {
    if (!('chart' in f) || f.chart === undefined || f.chart < chart) return [f];
    return f.chart === chart ? [] : [{ ...f, chart: f.chart - 1 }];
  };
  const columns = [...new Set(filter.filter((f) => after(f)[0] !== f).map((f) => f.column))];
  return new Map(columns.map((column) => [column, filter.filter((f) => f.column === column).flatMap(after)]));
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
/** An instant as DuckDB reads a timestamp (UTC), or a day for a DATE column. */
function timeText(d: Date, dateOnly: boolean): string {
  const day = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  return dateOnly ? day : `${day} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

const DAY = 86_400_000;

/**
 * The range a drag between two positions on an x axis selects: numbers snapped to the brush step
 * main sent (so main can answer the other charts from a cube); times to whole days for a DATE
 * column, whole seconds otherwise. Undefined when the values are not a number or an instant.
 */
export function brushRange(a: unknown, b: unknown, options: { readonly step?: number | undefined; readonly dateOnly: boolean }): { readonly lo: string; readonly hi: string } | undefined {
  if (typeof a === 'number' && typeof b === 'number' && Number.isFinite(a) && Number.isFinite(b)) {
    if (options.step !== undefined) return snapBrush(a, b, options.step);
    return { lo: String(Math.min(a, b)), hi: String(Math.max(a, b)) };
  }
  if (a instanceof Date && b instanceof Date && Number.isFinite(a.getTime()) && Number.isFinite(b.getTime())) {
    const [from, to] = a <= b ? [a, b] : [b, a];
    if (options.dateOnly) {
      const lo = Math.floor(from.getTime() / DAY) * DAY;
      const hi = Math.max(lo + DAY, Math.ceil(to.getTime() / DAY) * DAY);
      return { lo: timeText(new Date(lo), true), hi: timeText(new Date(hi), true) };
    }
    const lo = Math.floor(from.getTime() / 1000) * 1000;
    const hi = Math.max(lo + 1000, Math.ceil(to.getTime() / 1000) * 1000);
    return { lo: timeText(new Date(lo), false), hi: timeText(new Date(hi), false) };
  }
  return undefined;
}

/**
 * The filters the charts are drawn with: the result's, with chart `live.chart`'s recorded selection
 * replaced by the filters of the one being dragged or keyed (none: being cleared), so the other
 * charts follow before it is recorded.
 */
export function chartFilters(filter: readonly PageFilter[], live: { readonly chart: number; readonly filters: readonly PageFilter[] } | undefined): PageFilter[] {
  if (!live) return [...filter];
  return [...filter.filter((f) => !ownedBy(f, live.chart)), ...live.filters];
}

/** A number's text with its whole part grouped in thousands ("-12345.25" → "-12,345.25"), every digit kept; other text as it is. */
export function groupedText(text: string): string {
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(text);
  if (!m) return text;
  return `${m[1] ?? ''}${(m[2] ?? '').replace(/\B(?=(\d{3})+$)/g, ',')}${m[3] ?? ''}`;
}

/**
 * What a chart's selection is, in words: its image's accessible description, announced as it
 * changes. A range reads "from lo to under hi", its high end left out (a number grouped in thousands, a time as DuckDB writes
 * it), categories "= a, b or c"; a rectangle says both axes joined by "and". `axes` names the
 * chart's X and Y columns and says whether each is a number.
 */
export function selectionText(axes: { readonly x: string; readonly y?: string | undefined; readonly numberX: boolean; readonly numberY?: boolean }, selection: Selection): string {
  const along = (name: string | undefined, s: AxisSelection | undefined, numeric: boolean): string[] => {
    if (name === undefined || !s) return [];
    switch (s.kind) {
      case 'range': {
        const show = numeric ? groupedText : (t: string) => t;
        // the high end is left out, as the range filter (`lo..<hi`) leaves it out
        return [`${name} from ${show(s.lo)} to under ${show(s.hi)}`];
      }
      case 'categories':
        return [`${name} = ${orList(s.values)}`];
    }
  };
  const parts = [...along(axes.x, selection.x, axes.numberX), ...along(axes.y, selection.y, axes.numberY ?? false)];
  return `Selected ${parts.join(' and ')} (Escape clears)`;
}

/** "rain", "rain or sun", "rain, sun or fog": categories read as one of them, each named as a pivot names it ('' as "(empty)"). */
function orList(values: readonly string[]): string {
  const named = values.map(valueName);
  const last = named.at(-1) ?? '';
  return named.length > 1 ? `${named.slice(0, -1).join(', ')} or ${last}` : last;
}
