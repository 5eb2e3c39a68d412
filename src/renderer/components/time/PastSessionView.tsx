import { useEffect, useState } from 'react';
import type { PageFilter } from '../../../shared/contracts/pageView';
import type { SextantApi } from '../../../shared/contracts/protocol';
import { pageViewOf } from '../../../shared/domain/resultView';
import type { SessionView } from '../../../shared/views/appView';
import { ResultsGrid } from '../grid/ResultsGrid';
import type { GridResult } from '../grid/useResultPages';
import { PivotPanel } from '../pivot/PivotPanel';
import { PastCharts } from './PastCharts';
import { pastResultOf } from './pastResult';
import { PastStatus } from './PastStatus';

interface Props {
  api: SextantApi;
  session: SessionView;
  /** Rows main says can be paged, per query (progress frames): a re-run result fills in as it comes. */
  rowsAvailable(queryId: string): number | undefined;
  onNotice(message: string): void;
}

/**
 * The session as it was: its draft, read-only, the status line as it stood (rows and time, or the
 * failure), and the result it showed then, with that result's sort and filter shown as the live
 * grid shows them and the chart and pivot then beside it, and nothing to change them; after a failure,
 * marked as the previous result. A
 * result DuckDB no longer keeps is run again by main when its first page is asked for; the notice
 * says so.
 */
const NO_FILTER: readonly PageFilter[] = [];

export function PastSessionView({ api, session, rowsAvailable, onNotice }: Props) {
  const { query, result, chart, pivot } = pastResultOf(session);
  // reported by the grid once its first page says how many rows pass the filters, as in the live view
  const [filteredRows, setFilteredRows] = useState<number | undefined>();
  // the grid cannot read the result's rows (it says why): the status then says the count as recorded, as live
  const [unreadable, setUnreadable] = useState(false);
  const rerunning = useRerunNotice(api, result, result && rowsAvailable(result.queryId));
  return (
    <>
      <div className="past-draft">
        <div className="past-draft-label muted">
          <span className="past-title">{session.title}</span> · SQL draft
        </div>
        <pre className="sql" aria-label="SQL draft (read-only)" tabIndex={0}>
          {session.draft || '(empty)'}
        </pre>
      </div>
      <PastStatus query={query} filteredRows={query?.queryId === result?.queryId ? filteredRows : undefined} unreadable={unreadable && query?.queryId === result?.queryId} onNotice={onNotice} />
      {rerunning && (
        <p className="past-rerun" role="status">
          This result was not kept; running its SQL again to show it.
        </p>
      )}
      <div className="grid-and-profile">
        {result ? (
          <ResultsGrid
            key={`${result.queryId}:${session.version}`}
            api={api}
            result={result}
            rowsAvailable={rowsAvailable(result.queryId)}
            onNotice={onNotice}
            onFilteredRows={setFilteredRows}
            onUnreadable={setUnreadable}
            readOnly
          />
        ) : (
          <div className="grid-empty">No result was shown at this point.</div>
        )}
        {result && chart && <PastCharts key={result.queryId} api={api} sessionId={session.id} result={result} spec={chart} onNotice={onNotice} />}
        {result?.columns && pivot && (
          <PivotPanel key={result.queryId} api={api} queryId={result.queryId} sql={result.sql ?? ''} columns={result.columns} filter={result.view?.filter ?? NO_FILTER} spec={pivot} />
        )}
      </div>
    </>
  );
}

/** Whether the result is being run again (its first page comes back incomplete although it had completed); asked again as rows arrive. */
function useRerunNotice(api: SextantApi, result: GridResult | undefined, rowsAvailable: number | undefined): boolean {
  const [rerunning, setRerunning] = useState(false);
  const queryId = result?.queryId;
  useEffect(() => {
    if (!result || queryId === undefined) return;
    let live = true;
    void api.fetchPage(queryId, 0, 1, result.view && pageViewOf(result.view)).then((r) => live && setRerunning(r.ok && !r.value.complete));
    return () => {
      live = false;
    };
  }, [api, queryId, rowsAvailable]);
  return rerunning;
}
