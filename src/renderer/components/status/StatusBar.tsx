import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { AppError } from '../../../shared/contracts/errors';
import type { QueryProgress } from '../../../shared/contracts/frames';
import type { HistoryEntry } from '../../../shared/views/appView';
import { countOf, formatCount, formatElapsed, formatMs } from '../format';
import { CircleStop, X } from 'lucide-react';
import { useHandOffFocus } from '../common/focusLost';
import { CopyIdButton } from './CopyIdButton';
import { errorPlace } from './errorPlace';
import { RerunNote } from './RerunNote';
import { ranStatementText, ranWithoutResultSet } from './ranStatement';
import { rerunOf, type RerunSigns } from './rerunNote';
import type { CommandRefusal } from './commandRefusal';
import { DISCONNECTED_TEXT, SENDING_TEXT, standingRefusal, statusBarState, type Refusal, type StatusSays } from './statusBarState';

interface Props {
  query: HistoryEntry | undefined;
  progress: QueryProgress | undefined;
  /**
   * A command the person issued was refused (e.g. the session changed): said, named, until the next
   * command to the session is accepted (useCommands), the latest query changes or the person
   * dismisses it (standingRefusal).
   */
  commandError: CommandRefusal | undefined;
  onCancel(): void;
  /**
   * Where focus goes when a button of the bar had it and is disabled or goes away (Cancel once the
   * query stops, cancelled or not; "Copy id" once the failure is gone): the SQL editor, where the
   * next thing a person does (edit, run again) happens.
   */
  onFocusLost?(): void;
  onNotice(message: string): void;
  /** Rows of the result passing the grid's filters, when it is filtered: "N of M rows". */
  filteredRows?: number | undefined;
  /** The grid cannot read the completed result's rows (it says why): its count is the one recorded. */
  unreadable?: boolean;
  /** What the completed result's first page says of its rows (useFirstPageSigns): with no frame, after a reload, the one sign of a re-run. */
  firstPage?: Pick<RerunSigns, 'firstPageIncomplete' | 'firstPageRerun'>;
  /** The page's connection to main (the header's indicator): without it a query in flight is unknown, not running. */
  connected?: boolean;
  /** A query the person ran waits for the connection, to be sent (useCommands). */
  sending?: boolean;
  /** DuckDB's start failed (the top bar's sign): with no query to show, the bar says so, not "Ready". */
  duckdbDown?: AppError | undefined;
}

/**
 * The status bar. The `status` live region holds only the sentence a person (and a screen reader)
 * needs: "Running…" (before that, while other queries hold every DuckDB slot, "Waiting for N
 * queries to finish…"), "N rows in T ms" (a statement without a result set: "Statement ran in T ms:
 * CREATE TABLE"), "Failed: <message> (error id …)", "Cancelled", a refused command named ("Rename
 * not saved: <message> (error id …)", beside a query still running), or, while the
 * store refuses to save a query's end, "Finished (N rows) — waiting to save: <why and what to do>
 * (error id …)", or, with the connection lost while a query was in flight, that its state is
 * unknown until the connection is back. The ticking elapsed time, the progress bar and the buttons
 * sit beside it, so they do not flood announcements; there is no clock while the query waits its
 * turn, and it stops while the end waits (DuckDB is done) and while the connection is lost.
 */
export function StatusBar({ query, progress, commandError, onCancel, onFocusLost, onNotice, filteredRows, unreadable = false, firstPage, connected = true, sending = false, duckdbDown }: Props) {
  const refusal = useRef<Refusal | undefined>(undefined);
  // noted on the render the refusal first comes with: what the session was then (the same on a second render)
  if (refusal.current?.refusal !== commandError) refusal.current = commandError && { refusal: commandError, against: query };
  const [dismissed, setDismissed] = useState<CommandRefusal>();
  const standing = standingRefusal(refusal.current, query, dismissed);
  const state = statusBarState(query, progress, standing, unreadable, connected, sending, duckdbDown);
  const { says, copyId } = state;
  const dismiss = () => standing && setDismissed(standing);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || says.kind !== 'refused') return;
    e.preventDefault();
    dismiss();
  };
  // the close button goes with the refusal: focus is handed on to the editor
  const focus = useHandOffFocus(`${state.cancellable} ${copyId?.id} ${says.kind}`, () => onFocusLost?.());
  return (
    <div className={state.className} {...focus} onKeyDown={onKeyDown}>
      <div role="status" aria-live="polite" className="status-text" {...(says.kind === 'waiting' ? { title: says.error.message } : {})}>
        <StatusText says={says} filteredRows={filteredRows} />
      </div>
      {says.kind === 'query' && <RerunNote rerun={rerunOf(query, { rowsAvailable: progress?.rowsAvailable, ...firstPage, unreadable })} />}
      {state.meter && query && <RunningMeter startedAt={query.startedAt} progress={progress} />}
      {copyId && <CopyIdButton id={copyId.id} onNotice={onNotice} />}
      {says.kind === 'refused' && (
        <button type="button" className="dismiss" onClick={dismiss} aria-label="Dismiss" title="Dismiss this message (Escape)">
          <X aria-hidden="true" />
        </button>
      )}
      <button className="cancel" onClick={onCancel} disabled={!state.cancellable} title={says.kind === 'disconnected' ? state.cancelTitle : `${state.cancelTitle} (Ctrl/Cmd+.)`}>
        <CircleStop aria-hidden="true" />
        Cancel
      </button>
    </div>
  );
}

/** The status sentence itself, for the live bar and for the past view's read-only line (time/PastStatus). */
export function StatusText({ says, filteredRows }: { says: StatusSays; filteredRows?: number | undefined }) {
  return says.kind === 'refused' ? (
    <ErrorText error={says.error} text={says.text} />
  ) : says.kind === 'waiting' || says.kind === 'duckdbDown' ? (
    <ErrorText error={says.error} text={says.text} />
  ) : says.kind === 'queued' ? (
    <>{says.text}</>
  ) : says.kind === 'disconnected' ? (
    <>{DISCONNECTED_TEXT}</>
  ) : says.kind === 'sending' ? (
    <>{SENDING_TEXT}</>
  ) : says.kind === 'query' ? (
    <QueryText query={says.query} filteredRows={filteredRows} recorded={says.recorded === true} />
  ) : (
    <>Ready</>
  );
}

function QueryText({ query, filteredRows, recorded }: { query: HistoryEntry; filteredRows?: number | undefined; recorded: boolean }) {
  switch (query.phase) {
    case 'Pending':
    case 'Executing':
      return <>Running…</>;
    case 'Completed':
      // a CREATE or a SET returns no result set: "0 rows" would read as an empty result
      if (ranWithoutResultSet(query)) return <>{recorded && 'Recorded: '}{ranStatementText(query)}</>;
      return (
        <>
          {recorded && 'Recorded: '}
          {filteredRows !== undefined && `${formatCount(filteredRows)} of `}
          {countOf(query.rowCount ?? 0, 'row')} in {formatMs(query.durationMs ?? 0)}
        </>
      );
    case 'Failed':
      return query.error ? <ErrorText error={query.error} /> : <>Failed</>;
    case 'Cancelled':
      return <>Cancelled</>;
  }
}

/** An error's sentence ("Failed: <message>" unless `text` says otherwise) and its id, to quote. */
function ErrorText({ error, text = `Failed: ${error.message}` }: { error: AppError; text?: string }) {
  const { prose, place } = errorPlace(text);
  return (
    // the message scrolls within its lines, the id below it stays in sight
    <span className="error-text">
      <span className="error-message">
        {prose}
        {place && <span className="error-place">{place}</span>}
      </span>{' '}
      <span className="error-id">
        (error id <code>{error.id}</code>)
      </span>
    </span>
  );
}

/** Elapsed time ticks locally between progress frames; the bar shows DuckDB's estimate when it has one. */
function RunningMeter({ startedAt, progress }: { startedAt: string; progress: QueryProgress | undefined }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 100);
    return () => clearInterval(timer);
  }, []);
  const elapsed = Math.max(progress?.elapsedMs ?? 0, now - Date.parse(startedAt));
  return (
    <span className="meter">
      <span className="elapsed" aria-label="Elapsed time">
        {formatElapsed(elapsed)}
      </span>
      {progress?.rowsProcessed !== undefined && <span className="rows-processed">{countOf(progress.rowsProcessed, 'row')} read</span>}
      <progress
        aria-label="Query progress"
        max={100}
        {...(progress?.percent !== undefined ? { value: Math.min(100, Math.max(0, progress.percent)) } : {})}
      />
    </span>
  );
}
