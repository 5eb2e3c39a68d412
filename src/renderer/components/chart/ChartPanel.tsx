import { FileImage, FileCode, Table, X } from 'lucide-react';
import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { chartAggregates, chartMarks, chartProblem, drawnAsNote, drawnMark, unusedField, unusedFieldText, type ChartSpec } from '../../../shared/chart/chartSpec';
import type { Column } from '../../../shared/contracts/events';
import type { PageFilter } from '../../../shared/contracts/pageView';
import { pickableNames } from '../../../shared/explore/pickableNames';
import { brushAxesOf, type BrushAxes } from './chartBrush';
import { selectionText, type Selection } from './brushRange';
import { axisSnaps } from './axisBrush';
import { useBrushPointer } from './useBrushPointer';
import { useKeyboardBrush } from './useKeyboardBrush';
import { UNSELECTABLE_CATEGORIES } from '../../../shared/chart/chartMarks';
import type { SextantApi } from '../../../shared/contracts/protocol';
import { countOf, NBSP } from '../format';
import { aggregatedType, chartLeftOutNote } from '../../../shared/chart/chartLeftOut';
import { unplacedNote } from '../../../shared/chart/chartUnplaced';
import { emptyChartNote } from '../../../shared/chart/chartEmpty';
import { useFocusReturn } from '../common/useFocusReturn';
import { chartLabel } from '../../../shared/chart/chartLabel';
import { chartFileName } from '../../../shared/chart/chartFileName';
import { chartFile, exportPng, exportSvg } from './chartExport';
import { ChartDataTable } from './ChartDataTable';
import { drawChart, hasColorLegend } from '../../../shared/chart/drawChart';
import { useColorScheme } from '../theme/useTheme';
import { themeColors } from './chartTheme';
import { useChartData } from './useChartData';
import { CopyIdButton } from '../status/CopyIdButton';

interface Props {
  api: SextantApi;
  sessionId: string;
  queryId: string;
  /** The result's columns; undefined while its query still runs (the chart is drawn once it completes). */
  columns: readonly Column[] | undefined;
  /** The result's rows (undefined while its query runs): a chart of none says so. */
  rowCount?: number | undefined;
  spec: ChartSpec | undefined;
  /** Absent on a read-only chart, which changes nothing. */
  onChange?(spec: ChartSpec): void;
  onClose?(): void;
  onNotice(message: string): void;
  /** Linked charts (docs/charts.md): which chart of the result this is (0: the first), its region's name, and the filters it is drawn with (not its own brush). */
  slot?: number;
  name?: string;
  filter?: readonly PageFilter[];
  /** This chart's selection, recorded or being dragged: along X and/or Y (a scatter or heatmap), each [lo, hi) or categories. */
  brush?: Selection | undefined;
  /** A drag or keys selected along X (and, on a scatter or heatmap, Y) a range or categories (a click on bars: one; null: cleared); `done` once the pointer (or the key) is released. Without it, no brushing. */
  onBrush?(selection: Selection | null, done: boolean): void;
  /** More buttons in the region's header ("Add chart"). */
  actions?: ReactNode;
  /**
   * The past view's chart (docs/time.md): drawn, its data shown and exported, but its comboboxes
   * disabled, no Close, no brushing and no Escape; it takes no focus, so the timeline keeps it.
   */
  readOnly?: boolean;
  /** Just opened by the person ("Chart", "Add chart"): the region takes focus. One shown again (a reload, a tab switch) leaves it where it is. */
  takeFocus?: boolean;
}

const NONE = '';
const CHART_HEIGHT = 300;

/**
 * The "Chart" region beside the grid: comboboxes that build the chart (each change is recorded in
 * the session), the chart drawn from the marks DuckDB computed, the same marks as a "Chart data"
 * table on demand, and PNG/SVG export. Escape closes it.
 */
export function ChartPanel({ api, sessionId, queryId, columns, rowCount, spec, onChange, onClose, onNotice, slot, name = 'Chart', filter, brush, onBrush: brushed, actions, readOnly = false, takeFocus = false }: Props) {
  // a read-only chart is never brushed, so it never records a filter
  const onBrush = readOnly ? undefined : brushed;
  const complete = columns !== undefined;
  const problem = spec && columns ? chartProblem(spec, columns) : undefined;
  const state = useChartData(api, sessionId, queryId, problem ? undefined : spec, complete, slot === undefined ? undefined : { slot, filter: filter ?? [], ...(readOnly ? { past: true } : {}) });
  const axes = useRef<BrushAxes | undefined>(undefined);
  const describedBy = useId();
  const [showData, setShowData] = useState(false);
  const region = useRef<HTMLElement>(null);
  const plot = useRef<HTMLDivElement>(null);
  // the chart as drawn: an export reads its color scale, to draw its legend in the file
  const drawnPlot = useRef<ReturnType<typeof drawChart> | undefined>(undefined);
  const [width, setWidth] = useState(440);
  useLayoutEffect(() => {
    const el = plot.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => entry && setWidth(Math.max(240, Math.floor(entry.contentRect.width))));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const data = state.kind === 'ready' ? state.data : undefined;
  const kindOf = (...roles: string[]) => data?.columns.find((c) => roles.includes(c.role))?.kind;
  const xKind = kindOf('x', 'x1');
  const yKind = kindOf('y', 'y1');
  // what the marks do not show: marks past the cap, rows with no place on an axis, NaNs and infinities left out of the aggregate
  const drawnNote = [
    data && drawnAsNote(data.spec.mark, xKind),
    data?.truncated ? `Showing the first ${countOf(data.rows.length, 'mark')}.` : undefined,
    data?.unplaced !== undefined && columns ? unplacedNote(data.unplaced, data.spec, columns, NBSP) : undefined,
    data && columns ? chartLeftOutNote(data.leftOut, data.spec, columns) : undefined,
    data && emptyChartNote(data.rows.length, rowCount, (filter?.length ?? 0) > 0, data.unplaced),
  ]
    .filter(Boolean)
    .join(' ');
  const mark = data && drawnMark(data.spec.mark, xKind);
  // a scatter or heatmap of two columns is brushed as a rectangle: along Y too, a range or categories as along X
  const rectangle = onBrush !== undefined && (mark === 'Scatter' || mark === 'Heatmap') && data?.spec.y !== undefined && data.spec.y !== data.spec.x && yKind !== undefined;
  // brushed along X: a continuous X, or categories of bars, a scatter or a heatmap (a box plot's are not)
  const brushable = onBrush !== undefined && mark !== undefined && mark !== 'Box' && (xKind !== 'category' || mark === 'Bar' || rectangle);
  const scheme = useColorScheme();
  useLayoutEffect(() => {
    const el = plot.current;
    if (!el) return;
    el.replaceChildren();
    axes.current = undefined;
    drawnPlot.current = undefined;
    if (!data) return;
    const drawn = drawChart(data, { document, theme: themeColors(el), width, height: CHART_HEIGHT });
    drawnPlot.current = drawn;
    // the region's img names the chart; Plot's own SVG is its picture, not a second image
    drawn.setAttribute('aria-hidden', 'true');
    el.append(drawn);
    axes.current = brushable ? brushAxesOf(drawn, { withY: rectangle, unselectable: UNSELECTABLE_CATEGORIES }) : undefined;
  }, [data, width, brushable, rectangle, scheme]);
  const typeOf = (name: string | undefined) => columns?.find((c) => c.name === name)?.type.toUpperCase();
  const dateOnly = typeOf(spec?.x) === 'DATE';
  const yDateOnly = typeOf(spec?.y) === 'DATE';
  // keyboard brushing: live while a key is held, recorded when it is released, as a drag is
  const keys = useKeyboardBrush({ data, axes, brush, onBrush, xKind, yKind, rectangle, dateOnly, yDateOnly });
  const { stops, yStops } = keys;
  // a drag over bins (a histogram's, a heatmap's cells) selects whole ones, the keys' stops, so what is drawn under the brush is what the filter keeps
  const snap = axisSnaps(data, { x: stops, y: yStops }, { x: dateOnly, y: yDateOnly });
  const pointer = useBrushPointer({ data, width, axes, brush, onBrush, xKind, yKind, snap, unselectable: UNSELECTABLE_CATEGORIES, redrawn: scheme });

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && !readOnly) {
      e.preventDefault();
      e.stopPropagation();
      // a brush is cleared first; the next Escape closes the chart
      if (brush && onBrush) {
        keys.reset();
        onBrush(null, true);
      } else onClose?.();
    }
  };
  const set = (change: Partial<ChartSpec>) => {
    if (!spec || readOnly) return;
    const next: Record<string, unknown> = { ...spec, ...change };
    for (const key of ['y', 'color'] as const) if (next[key] === NONE || next[key] === undefined) delete next[key];
    onChange?.(next as ChartSpec);
  };
  // the chart's own SVG: after a legend's (a ramp, or each swatch's), the last in the plot
  const svg = () => [...(plot.current?.querySelectorAll('svg') ?? [])].at(-1);
  const save = async (format: 'png' | 'svg') => {
    const el = svg();
    if (!el || !data) return;
    try {
      // the file's colors are the window's theme's, its legend from the very scale the chart was drawn with
      const scale = hasColorLegend(data) ? drawnPlot.current?.scale('color') : undefined;
      const file = chartFile(el, scale, themeColors(region.current ?? el));
      // named after what it shows, so a second chart's export does not overwrite the first's
      const fileName = chartFileName(data.spec, data, format);
      if (format === 'svg') exportSvg(file, fileName);
      else await exportPng(file, fileName);
    } catch (e) {
      onNotice(`Could not export the chart: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const names = pickableNames(columns ?? []);
  // a field this mark ignores: disabled, saying why, and showing what the mark uses instead (not the
  // value the spec keeps for other marks: a histogram's Y read "delay" while it drew counts)
  const unused = (field: 'y' | 'color' | 'aggregate') => {
    const why = spec && unusedField(spec.mark, field);
    return why === undefined || !spec ? undefined : { why, text: unusedFieldText(spec.mark, field) };
  };
  const select = (label: string, value: string, options: readonly string[], onPick: (v: string) => void, optional = false, ignored?: { why: string; text: string }) => (
    <label className="chart-field" title={ignored?.why}>
      <span>{label}</span>
      <select aria-label={label} aria-description={ignored?.why} value={ignored ? NONE : value} disabled={!spec || !complete || readOnly || ignored !== undefined} onChange={(e) => onPick(e.target.value)}>
        {ignored ? (
          <option value={NONE}>{ignored.text}</option>
        ) : (
          <>
            {optional && <option value={NONE}>(none)</option>}
            {options.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </>
        )}
      </select>
    </label>
  );
  // named as drawn: while a changed chart computes, the one still drawn is the last data's
  const label = data ? chartLabel(data.spec, data) : spec ? chartLabel(spec) : 'Chart';
  // the plot takes focus when keys can brush it: a continuous X with stops, or categories (bars, a scatter's or heatmap's)
  const banded = mark === 'Bar' || mark === 'Box';
  const keyboard = brushable && (xKind === 'category' || (!banded && stops.length > 0));
  const keyHint = keyboard ? keyHintOf(rectangle && (yKind === 'category' || yStops.length > 0) ? 'rectangle' : xKind === 'category' ? 'bars' : 'range') : undefined;
  return (
    <section ref={region} className="chart-panel" role="region" aria-label={name} tabIndex={-1} onKeyDown={onKeyDown}>
      {!readOnly && <TakesFocus region={region} take={takeFocus} />}
      <header className="chart-head">
        <h2 className="chart-title">{name}</h2>
        <span className="chart-meta muted">{data ? countOf(data.rows.length, 'mark') : ''}</span>
        {/* in the header, not under the plot: a sticky footer covered the X axis of a chart taller than its pane */}
        <span className="chart-actions">
          <button type="button" className="icon-button" aria-label="Show chart data" title="Show chart data" aria-pressed={showData} disabled={!data} onClick={() => setShowData((s) => !s)}>
            <Table aria-hidden="true" />
          </button>
          <button type="button" className="icon-button" aria-label="Export PNG" title="Export PNG" disabled={!data} onClick={() => void save('png')}>
            <FileImage aria-hidden="true" />
          </button>
          <button type="button" className="icon-button" aria-label="Export SVG" title="Export SVG" disabled={!data} onClick={() => void save('svg')}>
            <FileCode aria-hidden="true" />
          </button>
        </span>
        {actions}
        {!readOnly && (
          <button className="icon-button" aria-label={slot ? `Close ${name.toLowerCase()}` : 'Close chart'} title="Close (Escape)" onClick={onClose}>
            <X aria-hidden="true" />
          </button>
        )}
      </header>
      <div className="chart-fields">
        {select('Mark', spec?.mark ?? '', chartMarks, (v) => set({ mark: v as ChartSpec['mark'] }))}
        {select('X', spec?.x ?? '', names, (v) => set({ x: v }))}
        {select('Y', spec?.y ?? NONE, names, (v) => set({ y: v }), true, unused('y'))}
        {select('Color', spec?.color ?? NONE, names, (v) => set({ color: v }), true, unused('color'))}
        {select('Aggregate', spec?.aggregate ?? '', chartAggregates, (v) => set({ aggregate: v as ChartSpec['aggregate'] }), false, unused('aggregate'))}
      </div>
      <p className="muted chart-status" aria-live="polite">
        {!complete ? 'Waiting for the query to finish…' : state.kind === 'loading' ? 'Aggregating…' : drawnNote}
      </p>
      {problem && <p className="error chart-error">{problem}</p>}
      {state.kind === 'failed' && (
        <p className="error chart-error">
          Could not draw the chart: {state.error.message} (error id {state.error.id}) <CopyIdButton id={state.error.id} onNotice={onNotice} />
        </p>
      )}
      <div
        ref={plot}
        className={`chart-plot${brushable ? (xKind === 'category' && !rectangle ? ' selectable' : ' brushable') : ''}`}
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
        onPointerDown={pointer.onPointerDown}
        onPointerMove={pointer.onPointerMove}
        onPointerUp={pointer.onPointerUp}
        onPointerCancel={pointer.onPointerUp}
      />
      {/* always there, so a screen reader announces the selection as keys move it */}
      <p id={describedBy} className="muted chart-brush" aria-live="polite">
        {brush && spec ? selectionText({ x: spec.x, y: spec.y, numberX: xKind === 'number', numberY: yKind === 'number' }, brush) : ''}
      </p>
      {showData && data && <ChartDataTable data={data} valueType={columns && aggregatedType(data.spec, columns)} />}
    </section>
  );
}

/**
 * A chart the person opened takes focus; any chart but a read-only one (the past view) gives focus
 * back when it closes with focus inside it.
 */
function TakesFocus({ region, take }: { region: RefObject<HTMLElement | null>; take: boolean }) {
  useFocusReturn();
  useEffect(() => {
    const el = region.current;
    if (!take || !el) return;
    el.focus({ preventScroll: true });
    // among linked charts, one added goes to the top of their scroller: scrolled just into view, the
    // last few pixels of the chart above showed its sticky header cut through its text
    const scroller = el.closest<HTMLElement>('.linked-charts');
    if (scroller) scroller.scrollTop += el.getBoundingClientRect().top - scroller.getBoundingClientRect().top - scroller.clientTop;
  }, [region]);
  return null;
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
