import { Plus } from 'lucide-react';
import { useEffect, useState } from 'react';
import { chartSetting, chartsOf, MAX_LINKED_CHARTS, proposeChart, type ChartSpec } from '../../../shared/chart/chartSpec';
import type { Column } from '../../../shared/contracts/events';
import type { PageFilter } from '../../../shared/contracts/pageView';
import type { SextantApi } from '../../../shared/contracts/protocol';
import { brushesOf, brushFilter, chartFilters, ownedBy, type Brush } from './brushRange';
import { ChartPanel } from './ChartPanel';

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
  onChange(spec: ChartSpec): void;
  onClose(): void;
  onNotice(message: string): void;
  /** Replaces one column's filters of the result (the grid's setColumnFilter): how a brush is recorded. */
  onColumnFilter(column: number, filters: readonly PageFilter[]): void;
}

/**
 * Several linked charts of one result (docs/charts.md): "Add chart" puts another beside the first;
 * a drag on one chart's X filters every other chart live, and on release the brush is recorded as
 * a range filter of the result (shown with the grid's filters, saved with the session). Each chart
 * is drawn with every filter but its own brush.
 */
export function LinkedCharts({ api, sessionId, queryId, columns, rowCount, spec, filter, onChange, onClose, onNotice, onColumnFilter }: Props) {
  const charts = spec ? chartsOf(spec) : [];
  // the brush being dragged (null: being cleared) until the result's filters record it
  const [live, setLive] = useState<{ readonly chart: number; readonly brush: Brush | null }>();
  const recorded = brushesOf(filter);
  const shown = chartFilters(filter, live);
  const liveKey = live && JSON.stringify(live.brush);
  const recordedKey = live && JSON.stringify(recorded.find((b) => b.chart === live.chart) ?? null);
  useEffect(() => {
    if (live && liveKey === recordedKey) setLive(undefined);
  }, [live, liveKey, recordedKey]);
  useEffect(() => setLive(undefined), [queryId]);

  const columnOf = (name: string) => columns?.findIndex((c) => c.name === name) ?? -1;
  const record = (chart: number, brush: Brush | null) => {
    const before = recorded.find((b) => b.chart === chart);
    const column = brush?.column ?? before?.column;
    if (column === undefined) return;
    // the column's other filters stay; this chart's brush is replaced
    const kept = filter.filter((f) => f.column === column && !ownedBy(f, chart));
    onColumnFilter(column, brush ? [...kept, brushFilter(brush)] : kept);
  };
  const replace = (i: number, next: ChartSpec) => {
    const setting = chartSetting(charts.map((c, j) => (j === i ? next : c)));
    if (setting) onChange(setting);
  };
  const add = () => {
    if (!columns) return;
    const used = new Set(charts.map((c) => c.x));
    const proposed = proposeChart(columns.filter((c) => !used.has(c.name)), rowCount) ?? proposeChart(columns, rowCount);
    const setting = proposed && chartSetting([...charts, proposed]);
    if (setting) onChange(setting);
  };
  const remove = (i: number) => {
    if (recorded.some((b) => b.chart === i)) record(i, null);
    const setting = chartSetting(charts.filter((_, j) => j !== i));
    if (setting) onChange(setting);
  };
  const addButton = (
    <button type="button" className="chart-add" disabled={!columns || charts.length > MAX_LINKED_CHARTS} title="Add a chart linked to this one" onClick={add}>
      <Plus size={14} aria-hidden="true" />
      Add chart
    </button>
  );
  const list = charts.length > 0 ? charts : [undefined];
  return (
    <div className={`linked-charts${charts.length > 1 ? ' several' : ''}`}>
      {list.map((chart, i) => {
        const own = live?.chart === i ? (live.brush ?? undefined) : recorded.find((b) => b.chart === i);
        // a brush left on a column the chart no longer shows still filters, but is not drawn on another axis
        const brush = own && chart && own.column === columnOf(chart.x) ? own : undefined;
        return (
          <ChartPanel
            key={i}
            api={api}
            sessionId={sessionId}
            queryId={queryId}
            columns={columns}
            spec={chart}
            slot={i}
            name={i === 0 ? 'Chart' : `Chart ${i + 1}`}
            filter={shown.filter((f) => !ownedBy(f, i))}
            brush={brush}
            onBrush={(range, done) => {
              const column = chart ? columnOf(chart.x) : -1;
              if (column < 0) return;
              const next: Brush | null = range && { chart: i, column, ...range };
              setLive({ chart: i, brush: next });
              if (done) record(i, next);
            }}
            onChange={(next) => replace(i, next)}
            onClose={i === 0 ? onClose : () => remove(i)}
            onNotice={onNotice}
            actions={i === 0 ? addButton : undefined}
          />
        );
      })}
    </div>
  );
}
