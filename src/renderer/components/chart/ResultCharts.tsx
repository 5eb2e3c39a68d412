import type { PageFilter } from '../../../shared/contracts/pageView';
import type { SextantApi } from '../../../shared/contracts/protocol';
import type { GridResult } from '../grid/useResultPages';
import { LinkedCharts } from './LinkedCharts';
import type { ChartView } from './useChartView';

interface Props {
  api: SextantApi;
  sessionId: string;
  result: GridResult;
  chart: ChartView;
  onNotice(message: string): void;
  /** The grid's setColumnFilters: a brush is recorded as the result's filters. */
  onColumnFilters(changes: ReadonlyMap<number, readonly PageFilter[]>): void;
}

/** The charts beside the grid, while the session shows a chart of the result: charted once the result is complete. */
export function ResultCharts({ api, sessionId, result, chart, onNotice, onColumnFilters }: Props) {
  if (!chart.shown) return null;
  return (
    <LinkedCharts
      api={api}
      sessionId={sessionId}
      queryId={result.queryId}
      columns={result.rowCount === undefined ? undefined : result.columns}
      rowCount={result.rowCount}
      spec={chart.spec}
      takeFocus={chart.takesFocus}
      filter={result.view?.filter ?? []}
      onChange={chart.change}
      onClose={chart.close}
      onNotice={onNotice}
      onColumnFilters={onColumnFilters}
    />
  );
}
