import { isCompleted } from '../../../shared/domain/queryLifecycle';
import { useState } from 'react';
import type { PageFilter } from '../../../shared/contracts/pageView';
import type { SextantApi } from '../../../shared/contracts/protocol';
import type { SessionView } from '../../../shared/views/appView';
import { ResultsGrid } from '../grid/ResultsGrid';
import { PivotPanel } from '../pivot/PivotPanel';
import { RerunNote } from '../status/RerunNote';
import { rerunOf } from '../status/rerunNote';
import { useFirstPageSigns } from '../status/useFirstPageSigns';
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
 * result DuckDB no longer keeps is run again by main when its first page is asked for; the note
 * says so, as the live status bar does, and that the rows shown then come from that run.
 */
const NO_FILTER: readonly PageFilter[] = [];

export function PastSessionView({ api, session, rowsAvailable, onNotice }: Props) {
  const { query, result, chart, pivot } = pastResultOf(session);
  // reported by the grid once its first page says how many rows pass the filters, as in the live view
  const [filteredRows, setFilteredRows] = useState<number | undefined>();
  // the grid cannot read the result's rows (it says why): the status then says the count as recorded, as live
  const [unreadable, setUnreadable] = useState(false);
  const available = result && rowsAvailable(result.queryId);
  // the live bar's rule and words (status/rerunNote.ts), of the result shown: its rows as recorded (history), re-run or not
  const shownEntry = result && session.history.find((h) => h.queryId === result.queryId);
  const firstPage = useFirstPageSigns(api, result?.queryId, isCompleted(shownEntry?.phase), available);
  const rerun = rerunOf(shownEntry, { rowsAvailable: available, ...firstPage, unreadable });
  return (
    <>
      <div className="past-draft">
        <div className="past-draft-label muted">
          {/* isolated: a title's bidi controls stay in it, not reordering "· SQL draft" */}
          <bdi className="past-title">{session.title}</bdi> · SQL draft
        </div>
        <pre className="sql" aria-label="SQL draft (read-only)" tabIndex={0}>
          {session.draft || '(empty)'}
        </pre>
      </div>
      <PastStatus query={query} filteredRows={query?.queryId === result?.queryId ? filteredRows : undefined} unreadable={unreadable && query?.queryId === result?.queryId} onNotice={onNotice} />
      <RerunNote rerun={rerun} className="past-rerun" />
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
        {/* keys unique among these siblings: with one key twice, React matched the chart and the pivot as one
            child, and a point without them left the chart in place (drawn of the later point, left of the grid) */}
        {result && chart && <PastCharts key={`chart-${result.queryId}`} api={api} sessionId={session.id} result={result} spec={chart} onNotice={onNotice} />}
        {result?.columns && pivot && (
          <PivotPanel key={`pivot-${result.queryId}`} api={api} queryId={result.queryId} sql={result.sql ?? ''} columns={result.columns} filter={result.view?.filter ?? NO_FILTER} spec={pivot} onNotice={onNotice} />
        )}
      </div>
    </>
  );
}
