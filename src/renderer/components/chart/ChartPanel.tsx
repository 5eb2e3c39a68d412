import { FileImage, FileCode, Table, X } from 'lucide-react';
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';
import { chartAggregates, chartMarks, chartProblem, type ChartSpec } from '../../../shared/chart/chartSpec';
import type { Column } from '../../../shared/contracts/events';
import type { PageFilter } from '../../../shared/contracts/pageView';
import { bandAxisOf, brushAxisOf, drawBrush, pointerX, type BandAxis, type BrushAxis } from './chartBrush';
import { brushRange, selectionText, type Selection } from './brushRange';
import { brushKeyOf, brushStops, keyRangeOf, keyRangeText, moveCategory, moveKeyRange, type KeyRange } from './keyboardBrush';
import { OTHER } from '../../../shared/chart/chartSql';
import { marksOf, utc } from '../../../shared/chart/chartMarks';
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
  /** This chart's selection, recorded or being dragged: [lo, hi) of X, or a category of its bars. */
  brush?: Selection | undefined;
  /** A drag on X selected [lo, hi), or a click a bar's category (null: cleared); `done` once the pointer (or the key) is released. Without it, no brushing. */
  onBrush?(selection: Selection | null, done: boolean): void;
  /** More buttons in the region's header ("Add chart"). */
  actions?: ReactNode;
}

/** A drag shorter than this (pixels) is a click: it clears the brush. */
const CLICK_PX = 3;

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
  const drag = useRef<{ start: number; at: number; frame: number | undefined; id: number } | undefined>(undefined);
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
    bands.current = onBrush && data.spec.mark === 'Bar' ? bandAxisOf(drawn, [OTHER, 'NULL']) : undefined;
  }, [data, width, onBrush !== undefined]);
  // the brush as recorded (or as the drag last snapped it), drawn over the marks
  const brushKey = brush ? JSON.stringify(brush) : '';
  const xKind = data?.columns.find((c) => c.role === 'x' || c.role === 'x1')?.kind;
  useLayoutEffect(() => {
    const b = bands.current;
    if (b) drawBrush(b, brush && 'value' in brush ? b.bandOf(brush.value) : undefined);
    const a = axis.current;
    if (!a || drag.current) return;
    const at = (text: string) => a.toPx(xKind === 'time' ? utc(text) : Number(text));
    drawBrush(a, brush && 'lo' in brush ? [at(brush.lo), at(brush.hi)] : undefined);
  }, [data, width, brushKey, xKind]);
  const dateOnly = columns?.find((c) => c.name === spec?.x)?.type.toUpperCase() === 'DATE';
  const rangeOf = (a: BrushAxis, from: number, to: number) => brushRange(a.toValue(from), a.toValue(to), { step: data?.brushStep, dateOnly });
  const onPointerDown = (e: PointerEvent) => {
    const b = bands.current;
    if (b && onBrush && e.button === 0) {
      // a click on a bar selects its category; on the selected one (or beside the bars) clears it
      const category = b.categoryAt(pointerX(b, e.clientX));
      onBrush(category === undefined || (brush && 'value' in brush && brush.value === category) ? null : { value: category }, true);
      return;
    }
    const a = axis.current;
    if (!a || !onBrush || e.button !== 0) return;
    const x = pointerX(a, e.clientX);
    if (x < a.left || x > a.right) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { start: x, at: x, frame: undefined, id: e.pointerId };
  };
  const onPointerMove = (e: PointerEvent) => {
    const a = axis.current;
    const d = drag.current;
    if (!a || !d || !onBrush || d.id !== e.pointerId) return;
    d.at = pointerX(a, e.clientX);
    drawBrush(a, [d.start, d.at]);
    // live while dragging, at most once per frame: main interrupts the superseded chart queries
    d.frame ??= requestAnimationFrame(() => {
      d.frame = undefined;
      if (drag.current !== d || Math.abs(d.at - d.start) < CLICK_PX) return;
      const range = rangeOf(a, d.start, d.at);
      if (range) onBrush(range, false);
    });
  };
  const onPointerUp = (e: PointerEvent) => {
    const a = axis.current;
    const d = drag.current;
    if (!a || !d || !onBrush || d.id !== e.pointerId) return;
    drag.current = undefined;
    if (d.frame !== undefined) cancelAnimationFrame(d.frame);
    const range = Math.abs(d.at - d.start) < CLICK_PX ? undefined : rangeOf(a, d.start, d.at);
    if (!range) drawBrush(a, undefined);
    onBrush(range ?? null, true);
  };

  // keyboard brushing (keyboardBrush.ts): live while a key is held, recorded when it is released, as a drag is
  const stops = useMemo(() => (data && xKind !== 'category' ? brushStops(marksOf(data), { step: data.brushStep, dateOnly }) : []), [data, xKind, dateOnly]);
  const keyed = useRef<{ readonly range: KeyRange; readonly lo: string; readonly hi: string } | undefined>(undefined);
  const held = useRef<Selection | undefined>(undefined);
  const onPlotKeyDown = (e: KeyboardEvent) => {
    const key = brushKeyOf(e.key);
    if (!key || !onBrush || e.altKey || e.ctrlKey || e.metaKey) return;
    const current = held.current ?? brush;
    let next: Selection | undefined;
    const b = bands.current;
    if (b) {
      const value = moveCategory(b.categories, current && 'value' in current ? current.value : undefined, key);
      next = value === undefined ? undefined : { value };
    } else if (axis.current) {
      const range = current && 'lo' in current ? current : undefined;
      // the same brush keys made keeps its anchor; another (a drag, a reload) is anchored at its start
      const known = range && keyed.current && keyed.current.lo === range.lo && keyed.current.hi === range.hi ? keyed.current.range : range && keyRangeOf(stops, range, xKind === 'time');
      const moved = moveKeyRange(known, key, e.shiftKey, stops.length);
      const text = moved && keyRangeText(stops, moved);
      keyed.current = moved && text && { range: moved, ...text };
      next = text;
    }
    if (!next) return;
    e.preventDefault();
    e.stopPropagation();
    held.current = next;
    onBrush(next, false);
  };
  const release = () => {
    const selection = held.current;
    held.current = undefined;
    if (selection && onBrush) onBrush(selection, true);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      // a brush is cleared first; the next Escape closes the chart
      if (brush && onBrush) {
        held.current = undefined;
        keyed.current = undefined;
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
        aria-keyshortcuts={keyboard ? (xKind === 'category' ? 'ArrowLeft ArrowRight Home End Escape' : 'ArrowLeft ArrowRight Shift+ArrowLeft Shift+ArrowRight Home End Escape') : undefined}
        title={keyboard ? (xKind === 'category' ? 'Arrow keys select a bar; Escape clears' : 'Arrow keys move the brush, Shift+arrows resize it; Escape clears') : undefined}
        onKeyDown={onPlotKeyDown}
        onKeyUp={release}
        onBlur={release}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
      />
      {/* always there, so a screen reader announces the selection as keys move it */}
      <p id={describedBy} className="muted chart-brush" aria-live="polite">
        {brush && spec ? selectionText(spec.x, brush, xKind === 'number') : ''}
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
