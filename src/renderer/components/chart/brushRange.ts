import { snapBrush } from '../../../shared/chart/chartCube';
import type { PageFilter } from '../../../shared/contracts/pageView';

/** What a chart selects: [lo, hi) of its X (a drag), or one category (a click on a bar). */
export type Selection = { readonly lo: string; readonly hi: string } | { readonly value: string };
/** A selection of chart `chart` over result column `column`. */
export type Brush = { readonly chart: number; readonly column: number } & Selection;

/** A brush as the result's filter it is recorded as. */
export const brushFilter = (b: Brush): PageFilter =>
  'value' in b ? { column: b.column, op: 'eq', value: b.value, chart: b.chart } : { column: b.column, op: 'range', lo: b.lo, hi: b.hi, chart: b.chart };

/** Whether a filter is chart `chart`'s own selection. */
export const ownedBy = (f: PageFilter, chart: number): boolean => 'chart' in f && f.chart === chart;

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

/** The brushes recorded in a result's filters (a range or an equality that names its chart). */
export function brushesOf(filter: readonly PageFilter[]): Brush[] {
  return filter.flatMap((f): Brush[] => {
    if (f.op === 'range' && f.chart !== undefined) return [{ chart: f.chart, column: f.column, lo: f.lo, hi: f.hi }];
    if (f.op === 'eq' && f.chart !== undefined) return [{ chart: f.chart, column: f.column, value: f.value }];
    return [];
  });
}

/**
 * The filters the charts are drawn with: the result's, with chart `live.chart`'s recorded brush
 * replaced by the one being dragged (null: being cleared), so the other charts follow the drag
 * before it is recorded.
 */
export function chartFilters(filter: readonly PageFilter[], live: { readonly chart: number; readonly brush: Brush | null } | undefined): PageFilter[] {
  if (!live) return [...filter];
  const rest = filter.filter((f) => !ownedBy(f, live.chart));
  return live.brush ? [...rest, brushFilter(live.brush)] : rest;
}

/** A number's text with its whole part grouped in thousands ("-12345.25" → "-12,345.25"), every digit kept; other text as it is. */
export function groupedText(text: string): string {
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(text);
  if (!m) return text;
  return `${m[1] ?? ''}${(m[2] ?? '').replace(/\B(?=(\d{3})+$)/g, ',')}${m[3] ?? ''}`;
}

/**
 * What a chart's selection is, in words: its image's accessible description, announced as it
 * changes. A number X reads grouped in thousands; a time as DuckDB writes it.
 */
export function selectionText(x: string, selection: Selection, numberX: boolean): string {
  if ('value' in selection) return `Selected ${x} = ${selection.value} (Escape clears)`;
  const show = numberX ? groupedText : (t: string) => t;
  return `Selected ${x} from ${show(selection.lo)} to ${show(selection.hi)} (Escape clears)`;
}
