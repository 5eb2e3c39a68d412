import { Plus } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { chartSetting, chartsOf, MAX_LINKED_CHARTS, proposeChart, type ChartSpec } from '../../../shared/chart/chartSpec';
import type { Column } from '../../../shared/contracts/events';
import type { PageFilter } from '../../../shared/contracts/pageView';
import type { SextantApi } from '../../../shared/contracts/protocol';
import { filterRefusal } from '../../../shared/explore/filterInput';
import { brushFilters, chartFilters, closedChartFilterChanges, ownedBy, ownFilterChanges, selectionOf, type BrushColumns } from './brushRange';
import { CHART_TOGGLE_CLASS } from './ChartButton';
import { ChartPanel } from './ChartPanel';
import { brushMoved, brushRecorded, brushSent, filterKey, settled, type LiveBrush } from './liveBrush';

interface Props {
  api: SextantApi;
  sessionId: string;
  queryId: string;
  /** The result's columns; undefined while its query still runs. */
  columns: readonly Column[] | undefined;
  rowCount: number | undefined;
  /** The setting: the first chart and those beside it. */
  spec: ChartSpec | undefined;
  /** The result's filters as recorded (the grid's and the charts' brushes). */
  filter: readonly PageFilter[];
  /** Just opened by the person ("Chart"): the first chart takes focus. */
  takeFocus?: boolean;
  onChange(spec: ChartSpec): void;
  onClose(): void;
  onNotice(message: string): void;
  /** Replaces some columns' filters of the result in one change (the grid's setColumnFilters): how a brush is recorded. */
  onColumnFilters(changes: ReadonlyMap<number, readonly PageFilter[]>): void;
}

/**
 * Several linked charts of one result (docs/charts.md): "Add chart" puts another beside the first;
 * a drag or keys on one chart's X (and, on a scatter or heatmap, its Y) filter every other chart
 * live, and on release the brush is recorded as filters of the result (a range, or the categories
 * `eq`/`in`, per axis; shown with the grid's filters, saved with the session). Each chart is drawn with every filter but its own brush.
 */
export function LinkedCharts({ api, sessionId, queryId, columns, rowCount, spec, filter, takeFocus = false, onChange, onClose, onNotice, onColumnFilters }: Props) {
  const charts = spec ? chartsOf(spec) : [];
  // the brush being dragged or keyed (no filters: being cleared) until the result's filters record the last of it
  const [live, setLive] = useState<LiveBrush>();
  const shown = chartFilters(filter, live);
  const recordedOf = (chart: number) => filterKey(filter.filter((f) => ownedBy(f, chart)));
  const recorded = live && recordedOf(live.chart);
  // each change of the live chart's recorded filters is seen once (not the brush starting or moving)
  const seenRecorded = useRef(recorded);
  useEffect(() => {
    const before = seenRecorded.current;
    seenRecorded.current = recorded;
    if (recorded !== undefined && before !== undefined && before !== recorded) setLive((l) => brushRecorded(l, recorded));
  }, [recorded]);
  useEffect(() => {
    if (live && recorded !== undefined && settled(live, recorded)) setLive(undefined);
  }, [live, recorded]);
  useEffect(() => setLive(undefined), [queryId]);

  const columnOf = (name: string) => columns?.findIndex((c) => c.name === name) ?? -1;
  /** The columns a chart brushes: X, and Y on a scatter or heatmap of two columns (each a range or categories). */
  const brushColumns = (chart: ChartSpec): BrushColumns => {
    const y = chart.y !== undefined && chart.y !== chart.x && (chart.mark === 'Scatter' || chart.mark === 'Heatmap') ? columnOf(chart.y) : -1;
    return { x: columnOf(chart.x), ...(y >= 0 ? { y } : {}) };
  };
  // the chart's own filters are replaced, on whichever columns they were or will be, in one change
  const record = (chart: number, next: readonly PageFilter[]) => onColumnFilters(ownFilterChanges(filter, chart, next));
  const replace = (i: number, next: ChartSpec) => {
    const setting = chartSetting(charts.map((c, j) => (j === i ? next : c)));
    if (setting) onChange(setting);
  };
  // the chart "Add chart" adds takes focus as it mounts (by index), as an opened one does
  const added = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (added.current !== undefined && charts.length > added.current) added.current = undefined;
  });
  const add = () => {
    if (!columns) return;
    const used = new Set(charts.map((c) => c.x));
    const proposed = proposeChart(columns.filter((c) => !used.has(c.name)), rowCount) ?? proposeChart(columns, rowCount);
    const setting = proposed && chartSetting([...charts, proposed]);
    if (!setting) return;
    added.current = charts.length;
    onChange(setting);
  };
  const root = useRef<HTMLDivElement>(null);
  // the chart to focus once a closed one has gone (by index, among as many charts as are left)
  const focusNext = useRef<{ readonly index: number; readonly count: number } | undefined>(undefined);
  useEffect(() => {
    const next = focusNext.current;
    if (!next || next.count !== charts.length) return;
    focusNext.current = undefined;
    root.current?.querySelectorAll<HTMLElement>(':scope > .chart-panel')[Math.min(next.index, charts.length - 1)]?.focus();
  }, [charts.length]);
  /**
   * Closes one chart (Escape, its close button), never the others: the charts after it move up a
   * place, their brushes with them, and focus goes to the chart now in its place (or the one before
   * it). The last chart closes the region, focus going to the toolbar's "Chart" that reopens it.
   */
  const remove = (i: number) => {
    if (charts.length <= 1) {
      root.current?.parentElement?.querySelector<HTMLElement>(`button.${CHART_TOGGLE_CLASS}`)?.focus();
      onClose();
      return;
    }
    const changes = closedChartFilterChanges(filter, i);
    if (changes.size > 0) onColumnFilters(changes);
    const setting = chartSetting(charts.filter((_, j) => j !== i));
    if (!setting) return;
    focusNext.current = { index: i, count: charts.length - 1 };
    setLive(undefined);
    onChange(setting);
  };
  const addButton = (
    <button type="button" className="chart-add" disabled={!columns || charts.length > MAX_LINKED_CHARTS} title="Add a chart linked to this one" onClick={add}>
      <Plus aria-hidden="true" />
      Add chart
    </button>
  );
  const list = charts.length > 0 ? charts : [undefined];
  return (
    <div ref={root} className={`linked-charts${charts.length > 1 ? ' several' : ''}`}>
      {list.map((chart, i) => {
        const axes = chart && brushColumns(chart);
        // a brush left on a column the chart no longer shows still filters, but is not drawn on another axis
        const brush = axes && (live?.chart === i ? selectionOf(live.filters, i, axes) : selectionOf(filter, i, axes));
        return (
          <ChartPanel
            key={i}
            api={api}
            sessionId={sessionId}
            queryId={queryId}
            columns={columns}
            rowCount={rowCount}
            spec={chart}
            slot={i}
            takeFocus={i === 0 ? takeFocus : added.current === i}
            name={i === 0 ? 'Chart' : `Chart ${i + 1}`}
            filter={shown.filter((f) => !ownedBy(f, i))}
            brush={brush}
            onBrush={(selection, done) => {
              if (!axes || axes.x < 0) return;
              const next = selection ? brushFilters(i, axes, selection) : [];
              // a selection main would refuse as a filter (a category over 1,000 characters) is not made:
              // the grid and the other charts would be left out of it, or fail on it
              const refused = filterRefusal(next);
              if (refused !== undefined) return onNotice(`Cannot select that: ${refused.startsWith('Too long: ') ? `its value is too long to filter by (${refused.slice('Too long: '.length)})` : refused}.`);
              const now = recordedOf(i);
              setLive((l) => (done ? brushSent(brushMoved(l, i, next), now) : brushMoved(l, i, next)));
              if (done) record(i, next);
            }}
            onChange={(next) => replace(i, next)}
            onClose={() => remove(i)}
            onNotice={onNotice}
            actions={i === 0 ? addButton : undefined}
          />
        );
      })}
    </div>
  );
}
