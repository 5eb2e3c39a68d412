import { FileImage, FileCode, Table, X } from 'lucide-react';
import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';
import { chartAggregates, chartMarks, chartProblem, type ChartSpec } from '../../../shared/chart/chartSpec';
import type { Column } from '../../../shared/contracts/events';
import type { PageFilter } from '../../../shared/contracts/pageView';
import { bandAxisOf, brushAxisOf, drawBrush, pointerX, pointerY, type BandAxis, type BrushAxis, type ScaleAxis } from './chartBrush';
import { brushRange, selectionText, type Interval, type Selection } from './brushRange';
import { categoriesCovered, categoriesSpan } from './categoryBrush';
import { useKeyboardBrush } from './useKeyboardBrush';
import { OTHER } from '../../../shared/chart/chartSql';
import { utc } from '../../../shared/chart/chartMarks';
import type { SextantApi } from '../../../shared/contracts/protocol';
import { countOf } from '../format';
import { chartLabel } from '../../../shared/chart/chartLabel';
import { exportPng, exportSvg } from './chartExport';
import { ChartDataTable } from './ChartDataTable';
import { drawChart } from '../../../shared/chart/drawChart';
import { themeColors } from './chartTheme';
import { useChartData } from './useChartData';

interface Props {
  api: SextantApi;
  sessionId: string;
  queryId: string;
  /** The result's columns; undefined while its query still runs (the chart is drawn once it completes). */
  columns: readonly Column[] | undefined;
  spec: ChartSpec | undefined;
  onChange(spec: ChartSpec): void;
  onClose(): void;
  onNotice(message: string): void;
  /** Linked charts (docs/charts.md): which chart of the result this is (0: the first), its region's name, and the filters it is drawn with (not its own brush). */
  slot?: number;
  name?: string;
  filter?: readonly PageFilter[];
  /** This chart's selection, recorded or being dragged: [lo, hi) of X and/or Y, or categories of its bars. */
  brush?: Selection | undefined;
  /** A drag or keys selected ranges of X (and, on a scatter or heatmap, Y), or bars' categories (a click: one; null: cleared); `done` once the pointer (or the key) is released. Without it, no brushing. */
  onBrush?(selection: Selection | null, done: boolean): void;
  /** More buttons in the region's header ("Add chart"). */
  actions?: ReactNode;
}

/** A drag shorter than this (pixels) is a click: it clears the brush (on bars: selects the bar). */
const CLICK_PX = 3;
/** Bars that are not a value a filter can name. */
const UNSELECTABLE = [OTHER, 'NULL'];

const NONE = '';
const CHART_HEIGHT = 300;

/**
 * The "Chart" region beside the grid: comboboxes that build the chart (each change is recorded in
 * the session), the chart drawn from the marks DuckDB computed, the same marks as a "Chart data"
 * table on demand, and PNG/SVG export. Escape closes it.
 */
export function ChartPanel({ api, sessionId, queryId, columns, spec, onChange, onClose, onNotice, slot, name = 'Chart', filter, brush, onBrush, actions }: Props) {
  const complete = columns !== undefined;
  const problem = spec && columns ? chartProblem(spec, columns) : undefined;
  const state = useChartData(api, sessionId, queryId, problem ? undefined : spec, complete, slot === undefined ? undefined : { slot, filter: filter ?? [] });
  const axis = useRef<BrushAxis | undefined>(undefined);
  const bands = useRef<BandAxis | undefined>(undefined);
  const drag = useRef<{ start: number; at: number; startY: number; atY: number; frame: number | undefined; id: number } | undefined>(undefined);
  const describedBy = useId();
  const [showData, setShowData] = useState(false);
  const region = useRef<HTMLElement>(null);
  const plot = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(440);
  useEffect(() => region.current?.focus(), []);
  useLayoutEffect(() => {
    const el = plot.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => entry && setWidth(Math.max(240, Math.floor(entry.contentRect.width))));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const data = state.kind === 'ready' ? state.data : undefined;
  useLayoutEffect(() => {
    const el = plot.current;
    if (!el) return;
    el.replaceChildren();
    axis.current = undefined;
    bands.current = undefined;
    if (!data) return;
    const drawn = drawChart(data, { document, theme: themeColors(el), width, height: CHART_HEIGHT });
    // the region's img names the chart; Plot's own SVG is its picture, not a second image
    drawn.setAttribute('aria-hidden', 'true');
    el.append(drawn);
    axis.current = onBrush ? brushAxisOf(drawn) : undefined;
    bands.current = onBrush && data.spec.mark === 'Bar' ? bandAxisOf(drawn, UNSELECTABLE) : undefined;
  }, [data, width, onBrush !== undefined]);
  // the brush as recorded (or as the drag last snapped it), drawn over the marks
  const brushKey = brush ? JSON.stringify(brush) : '';
  const kindOf = (...roles: string[]) => data?.columns.find((c) => roles.includes(c.role))?.kind;
  const xKind = kindOf('x', 'x1');
  const yKind = kindOf('y', 'y1');
  // a scatter or heatmap of a continuous Y is brushed as a rectangle: a range of Y beside X's
  const rectangle = onBrush !== undefined && (data?.spec.mark === 'Scatter' || data?.spec.mark === 'Heatmap') && data.spec.y !== undefined && data.spec.y !== data.spec.x && yKind !== undefined && yKind !== 'category';
  const yAxis = (a: BrushAxis): ScaleAxis | undefined => (rectangle ? a.y : undefined);
  useLayoutEffect(() => {
    const b = bands.current;
    if (b && !drag.current) drawBrush(b, brush?.kind === 'categories' ? categoriesSpan(b.bands, brush.values) : undefined);
    const a = axis.current;
    if (!a || drag.current) return;
    const range = brush?.kind === 'range' ? brush : undefined;
    const px = (scale: ScaleAxis, kind: string | undefined, i: Interval | undefined): [number, number] | undefined => {
      const at = (text: string) => scale.toPx(kind === 'time' ? utc(text) : Number(text));
      return i && [at(i.lo), at(i.hi)];
    };
    const y = yAxis(a);
    drawBrush(a, px(a, xKind, range?.x), y && px(y, yKind, range?.y));
  }, [data, width, brushKey, xKind, yKind, rectangle]);
  const typeOf = (name: string | undefined) => columns?.find((c) => c.name === name)?.type.toUpperCase();
  const dateOnly = typeOf(spec?.x) === 'DATE';
  const yDateOnly = typeOf(spec?.y) === 'DATE';
  /** What a drag from one pixel to another selects: the bars it covers; else X snapped to main's brush step, and Y's range on a rectangle. */
  const dragged = (d: { start: number; at: number; startY: number; atY: number }): Selection | undefined => {
    const b = bands.current;
    if (b) {
      const values = categoriesCovered(b.bands, d.start, d.at, UNSELECTABLE);
      return values.length > 0 ? { kind: 'categories', values } : undefined;
    }
    const a = axis.current;
    if (!a) return undefined;
    const x = brushRange(a.toValue(d.start), a.toValue(d.at), { step: data?.brushStep, dateOnly });
    const y = yAxis(a);
    return x && { kind: 'range', x, y: y && brushRange(y.toValue(d.startY), y.toValue(d.atY), { dateOnly: yDateOnly }) };
  };
  const onPointerDown = (e: PointerEvent) => {
    // bars take a press anywhere (beside them a click clears); a continuous axis only inside its range
    const a = bands.current ?? axis.current;
    if (!a || !onBrush || e.button !== 0) return;
    const x = pointerX(a, e.clientX);
    if (!bands.current && (x < a.left || x > a.right)) return;
    const y = pointerY(a, e.clientY);
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { start: x, at: x, startY: y, atY: y, frame: undefined, id: e.pointerId };
  };
  /** A drag shorter than CLICK_PX both ways is a click. */
  const clicked = (d: { start: number; at: number; startY: number; atY: number }) => Math.abs(d.at - d.start) < CLICK_PX && (!rectangle || Math.abs(d.atY - d.startY) < CLICK_PX);
  const onPointerMove = (e: PointerEvent) => {
    const b = bands.current;
    const a = b ?? axis.current;
    const d = drag.current;
    if (!a || !d || !onBrush || d.id !== e.pointerId) return;
    d.at = pointerX(a, e.clientX);
    d.atY = pointerY(a, e.clientY);
    // bars: the bands the drag covers; a continuous axis: the pixels under it (snapped once recorded)
    if (b) {
      const covered = clicked(d) ? undefined : dragged(d);
      drawBrush(b, covered?.kind === 'categories' ? categoriesSpan(b.bands, covered.values) : undefined);
    } else if (axis.current) drawBrush(a, [d.start, d.at], yAxis(axis.current) && [d.startY, d.atY]);
    // live while dragging, at most once per frame: main interrupts the superseded chart queries
    d.frame ??= requestAnimationFrame(() => {
      d.frame = undefined;
      if (drag.current !== d || clicked(d)) return;
      const selection = dragged(d);
      if (selection) onBrush(selection, false);
    });
  };
  const onPointerUp = (e: PointerEvent) => {
    const b = bands.current;
    const a = b ?? axis.current;
    const d = drag.current;
    if (!a || !d || !onBrush || d.id !== e.pointerId) return;
    drag.current = undefined;
    if (d.frame !== undefined) cancelAnimationFrame(d.frame);
    if (b && clicked(d)) {
      // a click on a bar selects its category alone; on the one selected bar (or beside the bars) it clears
      const category = b.categoryAt(d.start);
      const only = brush?.kind === 'categories' && brush.values.length === 1 ? brush.values[0] : undefined;
      const selection: Selection | null = category === undefined || category === only ? null : { kind: 'categories', values: [category] };
      drawBrush(b, selection ? categoriesSpan(b.bands, selection.values) : undefined);
      onBrush(selection, true);
      return;
    }
    const selection = clicked(d) ? undefined : dragged(d);
    if (!selection) drawBrush(a, undefined);
    onBrush(selection ?? null, true);
  };

  // keyboard brushing: live while a key is held, recorded when it is released, as a drag is
  const keys = useKeyboardBrush({ data, axis, bands, brush, onBrush, xKind, yKind, rectangle, dateOnly, yDateOnly });
  const { stops, yStops } = keys;

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      // a brush is cleared first; the next Escape closes the chart
      if (brush && onBrush) {
        keys.reset();
        onBrush(null, true);
      } else onClose();
    }
  };
  const set = (change: Partial<ChartSpec>) => {
    if (!spec) return;
    const next: Record<string, unknown> = { ...spec, ...change };
    for (const key of ['y', 'color'] as const) if (next[key] === NONE || next[key] === undefined) delete next[key];
    onChange(next as ChartSpec);
  };
  const svg = () => plot.current?.querySelector('svg') ?? undefined;
  const background = () => (region.current ? themeColors(region.current).bg : '#ffffff');
  const save = async (format: 'png' | 'svg') => {
    const el = svg();
    if (!el) return;
    try {
      if (format === 'svg') exportSvg(el, background(), 'chart.svg');
      else await exportPng(el, background(), 'chart.png');
    } catch (e) {
      onNotice(`Could not export the chart: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const names = columns?.map((c) => c.name) ?? [];
  const select = (label: string, value: string, options: readonly string[], onPick: (v: string) => void, optional = false) => (
    <label className="chart-field">
      <span>{label}</span>
      <select aria-label={label} value={value} disabled={!spec || !complete} onChange={(e) => onPick(e.target.value)}>
        {optional && <option value={NONE}>(none)</option>}
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </label>
  );
  const label = spec ? chartLabel(spec, data) : 'Chart';
  // the plot takes focus when keys can brush it: a continuous X or bars of categories
  const banded = data?.spec.mark === 'Bar' || data?.spec.mark === 'Box';
  const keyboard = onBrush !== undefined && data !== undefined && (xKind === 'category' ? data.spec.mark === 'Bar' : !banded && stops.length > 0);
  const keyHint = keyboard ? keyHintOf(xKind === 'category' ? 'bars' : rectangle && yStops.length > 0 ? 'rectangle' : 'range') : undefined;
  return (
    <section ref={region} className="chart-panel" role="region" aria-label={name} tabIndex={-1} onKeyDown={onKeyDown}>
      <header className="chart-head">
        <h2 className="chart-title">{name}</h2>
        <span className="muted chart-meta">{data ? countOf(data.rows.length, 'mark') : ''}</span>
        {actions}
        <button className="icon-only" aria-label={slot ? `Close ${name.toLowerCase()}` : 'Close chart'} title="Close (Escape)" onClick={onClose}>
          <X size={16} aria-hidden="true" />
        </button>
      </header>
      <div className="chart-fields">
        {select('Mark', spec?.mark ?? '', chartMarks, (v) => set({ mark: v as ChartSpec['mark'] }))}
        {select('X', spec?.x ?? '', names, (v) => set({ x: v }))}
        {select('Y', spec?.y ?? NONE, names, (v) => set({ y: v }), true)}
        {select('Color', spec?.color ?? NONE, names, (v) => set({ color: v }), true)}
        {select('Aggregate', spec?.aggregate ?? '', chartAggregates, (v) => set({ aggregate: v as ChartSpec['aggregate'] }))}
      </div>
      <p className="muted chart-status" aria-live="polite">
        {!complete ? 'Waiting for the query to finish…' : state.kind === 'loading' ? 'Aggregating…' : data?.truncated ? `Showing the first ${countOf(data.rows.length, 'mark')}.` : ''}
      </p>
      {problem && <p className="error chart-error">{problem}</p>}
      {state.kind === 'failed' && (
        <p className="error chart-error">
          Could not draw the chart: {state.error.message} (error id {state.error.id})
        </p>
      )}
      <div
        ref={plot}
        className={`chart-plot${onBrush && data ? (xKind === 'category' ? ' selectable' : ' brushable') : ''}`}
        role="img"
        aria-label={label}
        aria-describedby={brush && spec ? describedBy : undefined}
        aria-busy={state.kind === 'loading' || undefined}
        tabIndex={keyboard ? 0 : undefined}
        aria-keyshortcuts={keyHint?.keys}
        title={keyHint?.title}
        onKeyDown={keys.onKeyDown}
        onKeyUp={keys.release}
        onBlur={keys.release}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
      />
      {/* always there, so a screen reader announces the selection as keys move it */}
      <p id={describedBy} className="muted chart-brush" aria-live="polite">
        {brush && spec ? selectionText({ x: spec.x, y: spec.y, numberX: xKind === 'number', numberY: yKind === 'number' }, brush) : ''}
      </p>
      <div className="chart-actions">
        <button type="button" aria-pressed={showData} disabled={!data} onClick={() => setShowData((s) => !s)}>
          <Table size={14} aria-hidden="true" />
          Show chart data
        </button>
        <button type="button" disabled={!data} onClick={() => void save('png')}>
          <FileImage size={14} aria-hidden="true" />
          Export PNG
        </button>
        <button type="button" disabled={!data} onClick={() => void save('svg')}>
          <FileCode size={14} aria-hidden="true" />
          Export SVG
        </button>
      </div>
      {showData && data && <ChartDataTable data={data} />}
    </section>
  );
}

/** The keys a brushable chart takes (its aria-keyshortcuts) and their hint. */
function keyHintOf(brushing: 'bars' | 'range' | 'rectangle'): { readonly keys: string; readonly title: string } {
  switch (brushing) {
    case 'bars':
      return { keys: 'ArrowLeft ArrowRight Shift+ArrowLeft Shift+ArrowRight Home End Escape', title: 'Arrow keys select a bar, Shift+arrows select several; Escape clears' };
    case 'range':
      return { keys: 'ArrowLeft ArrowRight Shift+ArrowLeft Shift+ArrowRight Home End Escape', title: 'Arrow keys move the brush, Shift+arrows resize it; Escape clears' };
    case 'rectangle':
      return {
        keys: 'ArrowLeft ArrowRight ArrowUp ArrowDown Shift+ArrowLeft Shift+ArrowRight Shift+ArrowUp Shift+ArrowDown Home End Escape',
        title: 'Left/Right arrows brush X, Up/Down brush Y, Shift+arrows resize; Escape clears',
      };
  }
}
