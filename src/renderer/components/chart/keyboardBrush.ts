import { brushRange } from './brushRange';
import { binEdge, binEdgeText, binIndex, edgeIndexAbove, niceStep } from '../../../shared/chart/numberBin';
import { utc, type Mark } from '../../../shared/chart/chartMarks';

/*
 * Brushing without a mouse (docs/charts.md, "Brushing by keyboard"). Along a continuous axis a brush
 * steps over "stops": the chart's own bins when it has them (histogram, heatmap, density), else
 * KEY_SLICES equal slices of the marks' span. A brush covers stops anchor..focus; Arrow moves it one
 * stop, Shift+Arrow moves its focus (extends or shrinks it), Home and End move it to either end.
 * Left/Right, Home and End step along X; on a scatter or heatmap Up/Down step along Y, so X and Y
 * each hold a range of their own and together make a rectangle. Along categories (bars) the same
 * moves step over the bars (categoryBrush.ts). The component only maps keys to these.
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

/** A keyboard brush over both axes of a scatter or heatmap: a range of X stops, of Y stops, or both (a rectangle). */
export interface KeyBrush {
  readonly x?: KeyRange | undefined;
  readonly y?: KeyRange | undefined;
}

export type BrushAxisName = 'x' | 'y';

export type BrushKey = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown' | 'Home' | 'End';

/** Where a key moves a brush along its axis: one stop back (towards smaller values) or forward, or to the start or end. */
export type KeyStep = 'back' | 'forward' | 'start' | 'end';

const BRUSH_KEYS: readonly string[] = ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End'] satisfies BrushKey[];

export const brushKeyOf = (key: string): BrushKey | undefined => (BRUSH_KEYS.includes(key) ? (key as BrushKey) : undefined);

/** The axis a key steps along and which way: Up is towards larger Y, as the chart draws it. */
export function keyStepOf(key: BrushKey): { readonly axis: BrushAxisName; readonly step: KeyStep } {
  switch (key) {
    case 'ArrowLeft':
      return { axis: 'x', step: 'back' };
    case 'ArrowRight':
      return { axis: 'x', step: 'forward' };
    case 'ArrowDown':
      return { axis: 'y', step: 'back' };
    case 'ArrowUp':
      return { axis: 'y', step: 'forward' };
    case 'Home':
      return { axis: 'x', step: 'start' };
    case 'End':
      return { axis: 'x', step: 'end' };
  }
}

const valueOf = (v: unknown): number | undefined => {
  const n = v instanceof Date ? v.getTime() : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
};

/** `v` as an edge index of bins of `step`: its bin (`down`), or the first edge at or above it. */
const steps = (v: number, step: number, down: boolean): number => (down ? binIndex(v, step) : edgeIndexAbove(v, step));

/**
 * The stops of a keyboard brush along one axis of a chart (X unless `axis` says Y), in order,
 * snapped as a mouse brush is: a number to whole multiples of the brush step main sent (so a move
 * is answered from the cube; along Y, which main sends none for, slices of a nice width of its own,
 * written as short decimals), a time to whole days for a DATE column and whole seconds otherwise.
 */
export function brushStops(marks: readonly Mark[], options: { readonly axis?: BrushAxisName; readonly step?: number | undefined; readonly dateOnly: boolean }): BrushStop[] {
  const axis = options.axis ?? 'x';
  const [at, lo, hi] = axis === 'x' ? (['x', 'x1', 'x2'] as const) : (['y', 'y1', 'y2'] as const);
  const time = marks.some((m) => m[lo] instanceof Date || m[at] instanceof Date);
  const { step } = options;
  const bins = marks.flatMap((m): [number, number][] => {
    const a = valueOf(m[lo]);
    const b = valueOf(m[hi]);
    return a !== undefined && b !== undefined && b > a ? [[a, b]] : [];
  });
  let spans: [number, number][];
  if (bins.length > 0) spans = bins.sort((p, q) => p[0] - q[0]);
  else {
    const xs = marks.flatMap((m) => valueOf(m[at]) ?? []);
    if (xs.length === 0) return [];
    const min = Math.min(...xs);
    const max = Math.max(...xs);
    if (!time && step === undefined && axis === 'y') return niceSlices(min, max, xs.every(Number.isInteger));
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
    // snapping can make neighbours start alike (slices shorter than a day), and bins repeat across a heatmap's rows and columns: one stop, the wider
    const last = stops.at(-1);
    if (!stop || (last && stop.from < last.from)) continue;
    if (last && stop.from === last.from) stops[stops.length - 1] = stop.to > last.to ? stop : last;
    // a slice snapped outwards (whole days: lo down, hi up) overlaps its neighbour: it starts where that one ends, so no day is in two stops
    else if (last && stop.from < last.to) {
      if (stop.to > last.to) stops.push({ ...stop, lo: last.hi, from: last.to });
    } else stops.push(stop);
  }
  return stops;
}

/** Slices of a nice width w (1, 2 or 5 × 10ⁿ, whole for integers) giving at most KEY_SLICES, from min's to max's, on w's decimal edges. */
function niceSlices(min: number, max: number, integer: boolean): BrushStop[] {
  const w = niceStep(max > min ? (max - min) / KEY_SLICES : 1, integer);
  const stops: BrushStop[] = [];
  for (let k = binIndex(min, w); k <= binIndex(max, w); k++) stops.push(stepStop(k, k + 1, w));
  return stops;
}

/** [k0, k1) whole steps, with the text a mouse brush gets for them: the decimal edges the cube and the range filter compare. */
const stepStop = (k0: number, k1: number, step: number): BrushStop => ({ lo: binEdgeText(k0, step), hi: binEdgeText(k1, step), from: binEdge(k0, step), to: binEdge(k1, step) });

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
 * The brush along one axis after a key's step, over `count` stops: with no brush, the first stop
 * (the last for `back` and `end`); `back`/`forward` move it by one stop and `start`/`end` to either
 * end, keeping its width; with `extend` (Shift), only its focus moves. It never leaves the stops.
 */
export function moveKeyRange(current: KeyRange | undefined, step: KeyStep, extend: boolean, count: number): KeyRange | undefined {
  if (count <= 0) return undefined;
  const lastStop = count - 1;
  const clamp = (i: number) => Math.max(0, Math.min(lastStop, i));
  if (!current) {
    const start = step === 'back' || step === 'end' ? lastStop : 0;
    return { anchor: start, focus: start };
  }
  const anchor = clamp(current.anchor);
  const focus = clamp(current.focus);
  if (extend) {
    const to = { back: focus - 1, forward: focus + 1, start: 0, end: lastStop }[step];
    return { anchor, focus: clamp(to) };
  }
  const lo = Math.min(anchor, focus);
  const hi = Math.max(anchor, focus);
  const by = { back: lo > 0 ? -1 : 0, forward: hi < lastStop ? 1 : 0, start: -lo, end: lastStop - hi }[step];
  return { anchor: anchor + by, focus: focus + by };
}

/**
 * A scatter's or heatmap's brush after a key: the key's axis moves as moveKeyRange says, the other
 * keeps its range (or stays unbrushed), so Left/Right then Up/Down make a rectangle. Undefined when
 * the key's axis has no stops (a Y key on a chart brushed along X only): the key is not the brush's.
 */
export function moveKeyBrush(current: KeyBrush, key: BrushKey, extend: boolean, counts: { readonly x: number; readonly y: number }): KeyBrush | undefined {
  const { axis, step } = keyStepOf(key);
  const moved = moveKeyRange(current[axis], step, extend, counts[axis]);
  return moved && { ...current, [axis]: moved };
}

/** The range filter's text of the stops a keyboard brush covers. */
export function keyRangeText(stops: readonly BrushStop[], range: KeyRange): { readonly lo: string; readonly hi: string } | undefined {
  const first = stops[Math.min(range.anchor, range.focus)];
  const last = stops[Math.max(range.anchor, range.focus)];
  return first && last ? { lo: first.lo, hi: last.hi } : undefined;
}
