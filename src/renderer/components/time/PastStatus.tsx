import type { HistoryEntry } from '../../../shared/views/appView';
import { CopyIdButton } from '../status/CopyIdButton';
import { StatusText } from '../status/StatusBar';
import { statusBarState } from '../status/statusBarState';

interface Props {
  /** The latest query at that point. */
  query: HistoryEntry | undefined;
  /** Rows passing the shown result's filters, when it is filtered: "N of M rows", as the live bar says. */
  filteredRows: number | undefined;
  /** The grid cannot read the result's rows: its count is the one recorded, not a success (statusBarState). */
  unreadable: boolean;
  onNotice(message: string): void;
}

/**
 * The status bar's sentence as it stood at that point ("406 rows in 12 ms", "Failed: … (error id
 * …)"), from the live bar's own state and text. Read-only: no Cancel, and no ticking clock (a query
 * running then is not running now); a failure's id can still be copied.
 */
export function PastStatus({ query, filteredRows, unreadable, onNotice }: Props) {
  const { says, className, copyId } = statusBarState(query, undefined, undefined, unreadable);
  return (
    <div className={`${className} past-status`}>
      <div role="status" className="status-text">
        <StatusText says={says} filteredRows={filteredRows} />
      </div>
      {copyId && <CopyIdButton id={copyId.id} onNotice={onNotice} />}
    </div>
  );
}
