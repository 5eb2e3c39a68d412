import { useMemo, useRef, type KeyboardEvent, type RefObject } from 'react';
import type { ChartData } from '../../../shared/chart/chartData';
import { marksOf } from '../../../shared/chart/chartMarks';
import type { Selection } from './brushRange';
import type { AxisScale, BrushAxes } from './chartBrush';
import { categoryKeyAxis, rangeKeyAxis, type KeyAxis } from './axisBrush';
import { brushKeyOf, brushStops, moveKeyBrush, type BrushStop, type KeyBrush } from './keyboardBrush';

type AxisKind = ChartData['columns'][number]['kind'];

interface KeyboardBrushInput {
  readonly data: ChartData | undefined;
  readonly axes: RefObject<BrushAxes | undefined>;
  readonly brush: Selection | undefined;
  readonly onBrush: ((selection: Selection | null, done: boolean) => void) | undefined;
  readonly xKind: AxisKind | undefined;
  readonly yKind: AxisKind | undefined;
  /** Whether the chart brushes its Y too (a scatter or heatmap of two columns). */
  readonly rectangle: boolean;
  readonly dateOnly: boolean;
  readonly yDateOnly: boolean;
}

/**
 * Brushing a chart by keys (keyboardBrush.ts, categoryBrush.ts, axisBrush.ts): each axis it brushes
 * steps over its stops (a continuous axis's bins or slices, a category axis's selectable
 * categories); live while a key is held, recorded when it is released, as a drag is. The anchors of
 * a brush the keys made are kept, so Shift+arrows resize it from where the keys left it.
 */
export function useKeyboardBrush({ data, axes, brush, onBrush, xKind, yKind, rectangle, dateOnly, yDateOnly }: KeyboardBrushInput) {
  const marks = useMemo(() => (data ? marksOf(data) : []), [data]);
  const stops = useMemo(() => (data && xKind !== 'category' ? brushStops(marks, { step: data.brushStep, dateOnly }) : []), [marks, xKind, dateOnly]);
  const yStops = useMemo(() => (rectangle && yKind !== 'category' ? brushStops(marks, { axis: 'y', dateOnly: yDateOnly }) : []), [marks, rectangle, yKind, yDateOnly]);
  const keyed = useRef<{ readonly brush: KeyBrush; readonly selection: string } | undefined>(undefined);
  const held = useRef<Selection | undefined>(undefined);

  /** An axis as the keys step over it: the drawn categories of a category axis, else the stops of the marks. */
  const keyAxisOf = (scale: AxisScale | undefined, continuous: readonly BrushStop[], kind: AxisKind | undefined): KeyAxis | undefined => {
    if (!scale) return undefined;
    return scale.kind === 'bands' ? categoryKeyAxis(scale.categories) : rangeKeyAxis(continuous, kind === 'time');
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const key = brushKeyOf(e.key);
    const a = axes.current;
    if (!key || !onBrush || !a || e.altKey || e.ctrlKey || e.metaKey) return;
    const current = held.current ?? brush;
    const x = keyAxisOf(a.x, stops, xKind);
    // a chart without a Y to brush (bars, a histogram) does not take Up and Down
    const y = rectangle ? keyAxisOf(a.y, yStops, yKind) : undefined;
    // the same brush keys made keeps its anchors; another (a click, a drag, a reload) is anchored at its starts
    const k = keyed.current;
    const known: KeyBrush = k && current && k.selection === JSON.stringify(current) ? k.brush : { x: x?.rangeOf(current?.x), y: y?.rangeOf(current?.y) };
    const moved = moveKeyBrush(known, key, e.shiftKey, { x: x?.count ?? 0, y: y?.count ?? 0 });
    if (!moved) return;
    const fitted: KeyBrush = { x: moved.x && x?.fit(moved.x), y: moved.y && y?.fit(moved.y) };
    const next: Selection = { x: fitted.x && x?.selectionOf(fitted.x), y: fitted.y && y?.selectionOf(fitted.y) };
    if (!next.x && !next.y) return;
    keyed.current = { brush: fitted, selection: JSON.stringify(next) };
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
  };
  return { onKeyDown, release, reset, stops, yStops };
}
