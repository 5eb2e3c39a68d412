import { chartsOf, type ChartSpec } from '../../../shared/chart/chartSpec';
import type { SextantApi } from '../../../shared/contracts/protocol';
import { ownedBy } from '../chart/brushRange';
import { ChartPanel } from '../chart/ChartPanel';
import type { GridResult } from '../grid/useResultPages';

interface Props {
  api: SextantApi;
  sessionId: string;
  result: GridResult;
  /** The setting recorded on the result then: the first chart and any linked beside it. */
  spec: ChartSpec;
  onNotice(message: string): void;
}

/**
 * The charts beside the past result, as the live view drew them then (LinkedCharts without its
 * controls): every chart of the setting, each asked of main with the result's filters of then but
 * its own brush, as the live chart sends them. Read-only: nothing here dispatches.
 */
export function PastCharts({ api, sessionId, result, spec, onNotice }: Props) {
  const charts = chartsOf(spec);
  const filter = result.view?.filter ?? [];
  return (
    <div className={`linked-charts${charts.length > 1 ? ' several' : ''}`}>
      {charts.map((chart, i) => (
        <ChartPanel
          key={i}
          api={api}
          sessionId={sessionId}
          queryId={result.queryId}
          columns={result.rowCount === undefined ? undefined : result.columns}
          spec={chart}
          slot={i}
          name={i === 0 ? 'Chart' : `Chart ${i + 1}`}
          filter={filter.filter((f) => !ownedBy(f, i))}
          onNotice={onNotice}
          readOnly
        />
      ))}
    </div>
  );
}
