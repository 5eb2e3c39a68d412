import { useEffect, useState } from 'react';
import type { SextantApi } from '../../../shared/contracts/protocol';
import { pageViewOf } from '../../../shared/domain/resultView';
import type { HistoryEntry, SessionView } from '../../../shared/views/appView';
import { ResultsGrid } from '../grid/ResultsGrid';
import type { GridResult } from '../grid/useResultPages';

interface Props {
  api: SextantApi;
  session: SessionView;
  /** Rows main says can be paged, per query (progress frames): a re-run result fills in as it comes. */
  rowsAvailable(queryId: string): number | undefined;
  onNotice(message: string): void;
}

/**
 * The session as it was: its draft, read-only, and the result it showed then, with that result's
 * sort and filter and no controls to change them. A result DuckDB no longer keeps is run again by
 * main when its first page is asked for; the notice says so.
 */
export function PastSessionView({ api, session, rowsAvailable, onNotice }: Props) {
  const result = shownResult(session.history);
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
      {rerunning && (
        <p className="past-rerun" role="status">
          This result was not kept; running its SQL again to show it.
        </p>
      )}
      <div className="grid-and-profile">
        {result ? (
          <ResultsGrid key={`${result.queryId}:${session.version}`} api={api} result={result} rowsAvailable={rowsAvailable(result.queryId)} onNotice={onNotice} />
        ) : (
          <div className="grid-empty">No result was shown at this point.</div>
        )}
      </div>
    </>
  );
}

/**
 * The result shown at that moment: the last that completed (a query still running then cannot be
 * shown as it was, its rows are all there now).
 */
function shownResult(history: readonly HistoryEntry[]): GridResult | undefined {
  const done = history.findLast((h) => h.phase === 'Completed');
  return done && { queryId: done.queryId, columns: done.columns ?? [], rowCount: done.rowCount ?? 0, sql: done.sql, ...(done.view ? { view: done.view } : {}) };
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
