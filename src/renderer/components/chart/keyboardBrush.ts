import { brushRange } from './brushRange';
import { utc, type Mark } from '../../../shared/chart/chartMarks';

/*
 * Brushing without a mouse (docs/charts.md, "Brushing by keyboard"). Along a continuous X a brush
 * steps over "stops": the chart's own bins when it has them (histogram, heatmap, density), else
 * KEY_SLICES equal slices of the marks' span. A brush covers stops anchor..focus; Arrow moves it one
 * stop, Shift+Arrow moves its focus (extends or shrinks it), Home and End move it to either end.
 * Along categories (bars) the selected bar moves instead. The component only maps keys to these.
 */

/** How many slices a chart without bins is stepped in. */
export const KEY_SLICES = 40;

/** One stop of a keyboard brush: [lo, hi) as the range filter's text, and the same as numbers (ms for a time) to compare with. */
export interface BrushStop {
  readonly lo: string;
  readonly hi: string;
  readonly from: number;
  readonly to: number;
}

/** Which stops a keyboard brush covers: from its anchor to its focus, either way round. */
export interface KeyRange {
  readonly anchor: number;
  readonly focus: number;
}

export type BrushKey = 'ArrowLeft' | 'ArrowRight' | 'Home' | 'End';

export const brushKeyOf = (key: string): BrushKey | undefined => (key === 'ArrowLeft' || key === 'ArrowRight' || key === 'Home' || key === 'End' ? key : undefined);

const valueOf = (v: unknown): number | undefined => {
  const n = v instanceof Date ? v.getTime() : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
};

/** `v` as whole steps, rounded `down` or up, where a value within rounding of a whole step (4.3 / 0.1) counts as that step. */
function steps(v: number, step: number, down: boolean): number {
  const k = v / step;
  const whole = Math.round(k);
  if (Math.abs(k - whole) < 1e-9 * Math.max(1, Math.abs(k))) return whole;
  return down ? Math.floor(k) : Math.ceil(k);
}

/**
 * The stops of a keyboard brush over the marks of a chart with a continuous X, in order, snapped as
 * a mouse brush is: a number to whole multiples of the brush step main sent (so a move is answered
 * from the cube), a time to whole days for a DATE column and whole seconds otherwise.
 */
export function brushStops(marks: readonly Mark[], options: { readonly step?: number | undefined; readonly dateOnly: boolean }): BrushStop[] {
  const time = marks.some((m) => m.x1 instanceof Date || m.x instanceof Date);
  const { step } = options;
  const bins = marks.flatMap((m): [number, number][] => {
    const a = valueOf(m.x1);
    const b = valueOf(m.x2);
    return a !== undefined && b !== undefined && b > a ? [[a, b]] : [];
  });
  let spans: [number, number][];
  if (bins.length > 0) spans = bins.sort((p, q) => p[0] - q[0]);
  else {
    const xs = marks.flatMap((m) => valueOf(m.x) ?? []);
    if (xs.length === 0) return [];
    const min = Math.min(...xs);
    const max = Math.max(...xs);
    if (!time && step !== undefined) {
      // whole steps from the start, each slice as many steps as a KEY_SLICES-th of the span; the last holds max
      const per = Math.max(1, Math.round((max - min) / KEY_SLICES / step));
      const first = steps(min, step, true);
      const end = steps(max, step, true) + 1;
      const stops: BrushStop[] = [];
      for (let k = first; k < end; k += per) stops.push(stepStop(k, Math.min(k + per, end), step));
      return stops;
    }
    const width = max > min ? (max - min) / KEY_SLICES : 1;
    // the last slice ends past max, so [lo, hi) holds it
    spans = Array.from({ length: KEY_SLICES }, (_, i): [number, number] => [min + i * width, i === KEY_SLICES - 1 ? max + width / 2 : min + (i + 1) * width]);
  }
  const stops: BrushStop[] = [];
  for (const [a, b] of spans) {
    const stop = time ? timeStop(a, b, options.dateOnly) : step !== undefined ? stepStop(steps(a, step, true), Math.max(steps(a, step, true) + 1, steps(b, step, false)), step) : { lo: String(a), hi: String(b), from: a, to: b };
    // snapping can make neighbours start alike (slices shorter than a day), and bins repeat across a heatmap's rows: one stop, the wider
    const last = stops.at(-1);
    if (!stop || (last && stop.from < last.from)) continue;
    if (last && stop.from === last.from) stops[stops.length - 1] = stop.to > last.to ? stop : last;
    else stops.push(stop);
  }
  return stops;
}

/** [k0, k1) whole steps, with the text a mouse brush gets for them (`k × step`, the double the cube compares). */
const stepStop = (k0: number, k1: number, step: number): BrushStop => ({ lo: String(k0 * step), hi: String(k1 * step), from: k0 * step, to: k1 * step });

function timeStop(a: number, b: number, dateOnly: boolean): BrushStop | undefined {
  const range = brushRange(new Date(a), new Date(b), { dateOnly });
  return range && { ...range, from: utc(range.lo).getTime(), to: utc(range.hi).getTime() };
}

/** The stops a recorded range covers (anchored at its start), so keys continue a brush drawn by a mouse or reloaded; undefined when it covers none. */
export function keyRangeOf(stops: readonly BrushStop[], range: { readonly lo: string; readonly hi: string }, time: boolean): KeyRange | undefined {
  const read = (text: string) => (time ? utc(text).getTime() : Number(text));
  const from = read(range.lo);
  const to = read(range.hi);
  const anchor = stops.findIndex((s) => s.to > from);
  const focus = stops.findLastIndex((s) => s.from < to);
  return anchor < 0 || focus < anchor ? undefined : { anchor, focus };
}

/**
 * The brush after a key, over `count` stops: with no brush, the first stop (the last for ArrowLeft
 * and End); Arrow moves it by one stop and Home/End to either end, keeping its width; with
 * `extend` (Shift), only its focus moves. It never leaves the stops.
 */
export function moveKeyRange(current: KeyRange | undefined, key: BrushKey, extend: boolean, count: number): KeyRange | undefined {
  if (count <= 0) return undefined;
  const lastStop = count - 1;
  const clamp = (i: number) => Math.max(0, Math.min(lastStop, i));
  if (!current) {
    const start = key === 'ArrowLeft' || key === 'End' ? lastStop : 0;
    return { anchor: start, focus: start };
  }
  const anchor = clamp(current.anchor);
  const focus = clamp(current.focus);
  if (extend) {
    const to = { ArrowLeft: focus - 1, ArrowRight: focus + 1, Home: 0, End: lastStop }[key];
    return { anchor, focus: clamp(to) };
  }
  const lo = Math.min(anchor, focus);
  const hi = Math.max(anchor, focus);
  const by = { ArrowLeft: lo > 0 ? -1 : 0, ArrowRight: hi < lastStop ? 1 : 0, Home: -lo, End: lastStop - hi }[key];
  return { anchor: anchor + by, focus: focus + by };
}

/** The range filter's text of the stops a keyboard brush covers. */
export function keyRangeText(stops: readonly BrushStop[], range: KeyRange): { readonly lo: string; readonly hi: string } | undefined {
  const first = stops[Math.min(range.anchor, range.focus)];
  const last = stops[Math.max(range.anchor, range.focus)];
  return first && last ? { lo: first.lo, hi: last.hi } : undefined;
}

/** The bar selected after a key: with none, the first (the last for ArrowLeft and End); Shift changes nothing, as a bar selects one category. */
export function moveCategory(categories: readonly string[], current: string | undefined, key: BrushKey): string | undefined {
  const lastBar = categories.length - 1;
  if (lastBar < 0) return undefined;
  const i = current === undefined ? -1 : categories.indexOf(current);
  if (i < 0) return categories[key === 'ArrowLeft' || key === 'End' ? lastBar : 0];
  return categories[{ ArrowLeft: Math.max(0, i - 1), ArrowRight: Math.min(lastBar, i + 1), Home: 0, End: lastBar }[key]];
}
