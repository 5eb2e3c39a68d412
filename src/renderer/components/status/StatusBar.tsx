import { useEffect, useState } from 'react';
import type { AppError } from '../../../shared/contracts/errors';
import type { QueryProgress } from '../../../shared/contracts/frames';
import { isInFlight } from '../../../shared/domain/queryLifecycle';
import type { HistoryEntry } from '../../../shared/views/appView';
import { copyText } from '../common/clipboard';
import { countOf, formatCount, formatElapsed, formatMs } from '../format';
import { CircleStop, Copy } from 'lucide-react';

interface Props {
  query: HistoryEntry | undefined;
  progress: QueryProgress | undefined;
  /** A command the person issued was refused (e.g. the session changed). */
  commandError: AppError | undefined;
  onCancel(): void;
  onNotice(message: string): void;
  /** Rows of the result passing the grid's filters, when it is filtered: "N of M rows". */
  filteredRows?: number | undefined;
}

/**
 * The status bar. The `status` live region holds only the sentence a person (and a screen reader)
 * needs: "Running…", "N rows in T ms", "Failed: <message> (error id …)", "Cancelled". The ticking
 * elapsed time, the progress bar and the buttons sit beside it, so they do not flood announcements.
 */
export function StatusBar({ query, progress, commandError, onCancel, onNotice, filteredRows }: Props) {
  const running = isInFlight(query?.phase);
  const failure = commandError ?? (query?.phase === 'Failed' ? query.error : undefined);
  return (
    <div className={`statusbar ${commandError ? 'failed' : (query?.phase.toLowerCase() ?? 'idle')}`}>
      <div role="status" aria-live="polite" className="status-text">
        {commandError ? <ErrorText error={commandError} /> : query ? <QueryText query={query} filteredRows={filteredRows} /> : 'Ready'}
      </div>
      {running && query && <RunningMeter startedAt={query.startedAt} progress={progress} />}
      {failure && (
        <button
          className="copy"
          onClick={() => void copyText(failure.id).then((ok) => onNotice(ok ? `Copied error id ${failure.id}` : 'The clipboard refused the copy.'))}
          aria-label="Copy error id"
          title="Copy the error id, to quote it or find it in the logs"
        >
          <Copy aria-hidden="true" />
          Copy id
        </button>
      )}
      <button className="cancel" onClick={onCancel} disabled={!running} title="Cancel the running query">
        <CircleStop aria-hidden="true" />
        Cancel
      </button>
    </div>
  );
}

function QueryText({ query, filteredRows }: { query: HistoryEntry; filteredRows?: number | undefined }) {
  switch (query.phase) {
    case 'Pending':
    case 'Executing':
      return <>Running…</>;
    case 'Completed':
      return (
        <>
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

function ErrorText({ error }: { error: AppError }) {
  return (
    <span className="error-text">
      Failed: {error.message}{' '}
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
