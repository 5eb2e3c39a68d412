import { isCompleted } from '../../../shared/domain/queryLifecycle';
import type { HistoryEntry } from '../../../shared/views/appView';

/**
 * Whether the rows shown of a completed result come from running its SQL again, not from the run
 * the history records: main re-runs a result it no longer keeps (evicted, a restart, an imported
 * session's query that ran elsewhere) when its rows are asked for (query/resultRerun.ts), and
 * tells a window only as it tells a running query: `rowsAvailable` in progress frames, and a first
 * page not `complete`. A window drops a query's progress at its end event, so a frame of a query
 * already completed is one of a re-run. 'running' until all its rows are back, then 'shown'.
 */
export type Rerun = 'running' | 'shown';

export interface RerunSigns {
  /** Rows main says can be paged now (its progress frames), if it has sent any for this query. */
  readonly rowsAvailable: number | undefined;
  /** The result's first page came back not `complete`: main has started running it again. */
  readonly firstPageIncomplete?: boolean;
  /** The result's first page is marked as a re-run's: its rows came from running its SQL again (after a reload, the only sign left). */
  readonly firstPageRerun?: boolean;
  /** The grid cannot read the rows (a re-run failed, or gave other rows): it says why, nothing is shown to attribute. */
  readonly unreadable?: boolean;
}

export function rerunOf(query: Pick<HistoryEntry, 'phase' | 'rowCount'> | undefined, { rowsAvailable, firstPageIncomplete = false, firstPageRerun = false, unreadable = false }: RerunSigns): Rerun | undefined {
  if (!isCompleted(query?.phase) || unreadable) return undefined;
  // frames, when there are any, are the newest word: a first page asked mid-run stays incomplete until asked again
  if (rowsAvailable !== undefined) return rowsAvailable < (query.rowCount ?? 0) ? 'running' : 'shown';
  if (firstPageIncomplete) return 'running';
  return firstPageRerun ? 'shown' : undefined;
}

/** What the live status bar and the past view say of it: one wording for both. */
export const RERUN_TEXT: Readonly<Record<Rerun, string>> = {
  running: 'This result was not kept; running its SQL again to show it.',
  shown: 'This result was not kept: the rows shown come from running its SQL again, not from the run recorded here.',
};
