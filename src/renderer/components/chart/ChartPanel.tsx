import { FileImage, FileCode, Table, X } from 'lucide-react';
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { chartAggregates, chartMarks, chartProblem, type ChartSpec } from '../../../shared/chart/chartSpec';
import type { Column } from '../../../shared/contracts/events';
import type { SextantApi } from '../../../shared/contracts/protocol';
import { countOf } from '../format';
import { chartLabel } from './chartLabel';
import { exportPng, exportSvg } from './chartExport';
import { ChartDataTable } from './ChartDataTable';
import { drawChart, themeColors } from './drawChart';
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
}

const NONE = '';
const CHART_HEIGHT = 300;

/**
 * The "Chart" region beside the grid: comboboxes that build the chart (each change is recorded in
 * the session), the chart drawn from the marks DuckDB computed, the same marks as a "Chart data"
 * table on demand, and PNG/SVG export. Escape closes it.
 */
export function ChartPanel({ api, sessionId, queryId, columns, spec, onChange, onClose, onNotice }: Props) {
  const complete = columns !== undefined;
  const problem = spec && columns ? chartProblem(spec, columns) : undefined;
  const state = useChartData(api, sessionId, queryId, problem ? undefined : spec, complete);
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
    if (!data) return;
    const drawn = drawChart(data, themeColors(el), width, CHART_HEIGHT);
    // the region's img names the chart; Plot's own SVG is its picture, not a second image
    drawn.setAttribute('aria-hidden', 'true');
    el.append(drawn);
  }, [data, width]);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
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
  return (
    <section ref={region} className="chart-panel" role="region" aria-label="Chart" tabIndex={-1} onKeyDown={onKeyDown}>
      <header className="chart-head">
        <h2 className="chart-title">Chart</h2>
        <span className="muted chart-meta">{data ? countOf(data.rows.length, 'mark') : ''}</span>
        <button className="icon-only" aria-label="Close chart" title="Close (Escape)" onClick={onClose}>
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
      <div ref={plot} className="chart-plot" role="img" aria-label={label} aria-busy={state.kind === 'loading' || undefined} />
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
