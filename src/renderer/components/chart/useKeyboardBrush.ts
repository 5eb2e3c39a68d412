import { useMemo, useRef, type KeyboardEvent, type RefObject } from 'react';
import type { ChartData } from '../../../shared/chart/chartData';
import { marksOf } from '../../../shared/chart/chartMarks';
import type { Interval, Selection } from './brushRange';
import { categoriesOfKeyRange, categoryKeyRange } from './categoryBrush';
import type { BandAxis, BrushAxis } from './chartBrush';
import { brushKeyOf, brushStops, keyRangeOf, keyRangeText, keyStepOf, moveKeyBrush, moveKeyRange, type KeyBrush, type KeyRange } from './keyboardBrush';

type AxisKind = ChartData['columns'][number]['kind'];

interface KeyboardBrushInput {
  readonly data: ChartData | undefined;
  readonly axis: RefObject<BrushAxis | undefined>;
  readonly bands: RefObject<BandAxis | undefined>;
  readonly brush: Selection | undefined;
  readonly onBrush: ((selection: Selection | null, done: boolean) => void) | undefined;
  readonly xKind: AxisKind | undefined;
  readonly yKind: AxisKind | undefined;
  readonly rectangle: boolean;
  readonly dateOnly: boolean;
  readonly yDateOnly: boolean;
}

/**
 * Brushing a chart by keys (keyboardBrush.ts, categoryBrush.ts): live while a key is held,
 * recorded when it is released, as a drag is. The anchors of a brush the keys made are kept, so
 * Shift+arrows resize it from where the keys left it.
 */
export function useKeyboardBrush({ data, axis, bands, brush, onBrush, xKind, yKind, rectangle, dateOnly, yDateOnly }: KeyboardBrushInput) {
  const marks = useMemo(() => (data ? marksOf(data) : []), [data]);
  const stops = useMemo(() => (data && xKind !== 'category' ? brushStops(marks, { step: data.brushStep, dateOnly }) : []), [marks, xKind, dateOnly]);
  const yStops = useMemo(() => (rectangle ? brushStops(marks, { axis: 'y', dateOnly: yDateOnly }) : []), [marks, rectangle, yDateOnly]);
  const keyed = useRef<{ readonly brush: KeyBrush; readonly x: Interval | undefined; readonly y: Interval | undefined } | undefined>(undefined);
  const keyedBars = useRef<{ readonly range: KeyRange; readonly values: readonly string[] } | undefined>(undefined);
  const held = useRef<Selection | undefined>(undefined);

  const onKeyDown = (e: KeyboardEvent) => {
    const key = brushKeyOf(e.key);
    if (!key || !onBrush || e.altKey || e.ctrlKey || e.metaKey) return;
    const current = held.current ?? brush;
    let next: Selection | undefined;
    const b = bands.current;
    const { axis: along, step } = keyStepOf(key);
    if (b) {
      // bars: arrows move the selected bars, Shift+arrows move its far end (categoryBrush.ts); Up and Down are not taken
      const values = current?.kind === 'categories' ? current.values : undefined;
      const k = keyedBars.current;
      const known = k && values && k.values.join('\u0000') === values.join('\u0000') ? k.range : values && categoryKeyRange(b.categories, values);
      const moved = along === 'x' ? moveKeyRange(known, step, e.shiftKey, b.categories.length) : undefined;
      const chosen = moved ? categoriesOfKeyRange(b.categories, moved) : [];
      if (moved && chosen.length > 0) {
        keyedBars.current = { range: moved, values: chosen };
        next = { kind: 'categories', values: chosen };
      }
    } else if (axis.current) {
      const range = current?.kind === 'range' ? current : undefined;
      // the same brush keys made keeps its anchors; another (a drag, a reload) is anchored at its starts
      const k = keyed.current;
      const known: KeyBrush =
        k && range && sameInterval(k.x, range.x) && sameInterval(k.y, range.y)
          ? k.brush
          : { x: range?.x && keyRangeOf(stops, range.x, xKind === 'time'), y: range?.y && keyRangeOf(yStops, range.y, yKind === 'time') };
      const moved = moveKeyBrush(known, key, e.shiftKey, { x: stops.length, y: yStops.length });
      const x = moved?.x && keyRangeText(stops, moved.x);
      const y = moved?.y && keyRangeText(yStops, moved.y);
      // a key that is not this chart's (Up on a histogram) leaves the brush, and its anchors, as they are
      if (moved && (x || y)) {
        keyed.current = { brush: moved, x, y };
        next = { kind: 'range', x, y };
      }
    }
    if (!next) return;
    e.preventDefault();
    e.stopPropagation();
    held.current = next;
    onBrush(next, false);
  };
  /** A key released (or focus lost): what the keys selected is recorded. */
  const release = () => {
    const selection = held.current;
    held.current = undefined;
    if (selection && onBrush) onBrush(selection, true);
  };
  /** The brush is cleared: the keys' anchors go with it. */
  const reset = () => {
    held.current = undefined;
    keyed.current = undefined;
    keyedBars.current = undefined;
  };
  return { onKeyDown, release, reset, stops, yStops };
}

const sameInterval = (a: Interval | undefined, b: Interval | undefined): boolean => a?.lo === b?.lo && a?.hi === b?.hi;
