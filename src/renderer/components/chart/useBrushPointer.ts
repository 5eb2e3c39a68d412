import { useLayoutEffect, useRef, type PointerEvent, type RefObject } from 'react';
import type { ChartData } from '../../../shared/chart/chartData';
import type { Selection } from './brushRange';
import { draggedAlong, dragSpanAlong, spanAlong, type AxisSnap } from './axisBrush';
import { drawBrush, pointerX, pointerY, type BrushAxes } from './chartBrush';

type AxisKind = ChartData['columns'][number]['kind'];

interface BrushPointerInput {
  readonly data: ChartData | undefined;
  readonly width: number;
  readonly axes: RefObject<BrushAxes | undefined>;
  readonly brush: Selection | undefined;
  readonly onBrush: ((selection: Selection | null, done: boolean) => void) | undefined;
  readonly xKind: AxisKind | undefined;
  readonly yKind: AxisKind | undefined;
  /** How each continuous axis snaps a drag: X to main's brush step, a DATE column to whole days. */
  readonly snap: { readonly x: AxisSnap; readonly y: AxisSnap };
  /** Categories a drag skips and a click cannot select (OTHER, NULL). */
  readonly unselectable: readonly string[];
  /** Whatever else redraws the chart (the color scheme): the brush is drawn again over the new SVG. */
  readonly redrawn?: unknown;
}

/** A drag shorter than this (pixels) is a click: it clears the brush (on bars: selects the bar). */
const CLICK_PX = 3;

interface Drag {
  start: number;
  at: number;
  startY: number;
  atY: number;
  frame: number | undefined;
  readonly id: number;
}

/**
 * Brushing a chart with the pointer (docs/charts.md, brushing): a drag selects along each axis the
 * chart brushes (a range of a continuous axis, the categories a category axis covers), drawn and
 * sent live at most once per frame and recorded on release; a click on bars selects one bar, a
 * click elsewhere clears. Also draws the brush as recorded (or keyed) over the marks.
 */
export function useBrushPointer({ data, width, axes, brush, onBrush, xKind, yKind, snap, unselectable, redrawn }: BrushPointerInput) {
  const drag = useRef<Drag | undefined>(undefined);
  const brushKey = brush ? JSON.stringify(brush) : '';
  // the brush as recorded (or as keys or the drag last made it), drawn over the marks
  useLayoutEffect(() => {
    const a = axes.current;
    if (!a || drag.current) return;
    drawBrush(a, spanAlong(a.x, brush?.x, xKind === 'time'), a.y && spanAlong(a.y, brush?.y, yKind === 'time'));
  }, [data, width, brushKey, xKind, yKind, redrawn]);

  /** Bars: a click picks one bar, and a press beside the bars counts (it clears). */
  const bars = (a: BrushAxes) => a.x.kind === 'bands' && !a.y;
  /** What a drag selects along each axis the chart brushes; undefined when nothing. */
  const dragged = (a: BrushAxes, d: Drag): Selection | undefined => {
    const x = draggedAlong(a.x, d.start, d.at, snap.x, unselectable);
    const y = a.y && draggedAlong(a.y, d.startY, d.atY, snap.y, unselectable);
    // a rectangle is both axes: over no category of one of them (gaps, (other) alone) it selects nothing
    return x && (!a.y || y) ? { x, y } : undefined;
  };
  /** A drag shorter than CLICK_PX both ways (along X alone when the chart brushes X only) is a click. */
  const clicked = (a: BrushAxes, d: Drag) => Math.abs(d.at - d.start) < CLICK_PX && (!a.y || Math.abs(d.atY - d.startY) < CLICK_PX);

  const onPointerDown = (e: PointerEvent) => {
    const a = axes.current;
    if (!a || !onBrush || e.button !== 0) return;
    const x = pointerX(a, e.clientX);
    // bars take a press anywhere (beside them a click clears); a plot only inside its frame
    if (!bars(a) && (x < a.left || x > a.right)) return;
    const y = pointerY(a, e.clientY);
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { start: x, at: x, startY: y, atY: y, frame: undefined, id: e.pointerId };
  };
  const onPointerMove = (e: PointerEvent) => {
    const a = axes.current;
    const d = drag.current;
    if (!a || !d || !onBrush || d.id !== e.pointerId) return;
    d.at = pointerX(a, e.clientX);
    d.atY = pointerY(a, e.clientY);
    // a continuous axis: the pixels under the pointer (snapped once recorded); a category axis: the bands covered
    if (clicked(a, d)) drawBrush(a, undefined);
    else drawBrush(a, dragSpanAlong(a.x, d.start, d.at, unselectable, snap.x.bins), a.y && dragSpanAlong(a.y, d.startY, d.atY, unselectable, snap.y.bins));
    // live while dragging, at most once per frame: main interrupts the superseded chart queries
    d.frame ??= requestAnimationFrame(() => {
      d.frame = undefined;
      if (drag.current !== d || clicked(a, d)) return;
      const selection = dragged(a, d);
      if (selection) onBrush(selection, false);
    });
  };
  const onPointerUp = (e: PointerEvent) => {
    const a = axes.current;
    const d = drag.current;
    if (!a || !d || !onBrush || d.id !== e.pointerId) return;
    drag.current = undefined;
    if (d.frame !== undefined) cancelAnimationFrame(d.frame);
    let selection: Selection | undefined;
    if (a.x.kind === 'bands' && bars(a) && clicked(a, d)) {
      // a click on a bar selects its category alone; on the one selected bar (or beside the bars) it clears
      const category = a.x.categoryAt(d.start);
      const selected = brush?.x?.kind === 'categories' ? brush.x.values : [];
      selection = category === undefined || (selected.length === 1 && selected[0] === category) ? undefined : { x: { kind: 'categories', values: [category] } };
    } else selection = clicked(a, d) ? undefined : dragged(a, d);
    drawBrush(a, selection && spanAlong(a.x, selection.x, xKind === 'time'), selection && a.y && spanAlong(a.y, selection.y, yKind === 'time'));
    onBrush(selection ?? null, true);
  };
  return { onPointerDown, onPointerMove, onPointerUp };
}
