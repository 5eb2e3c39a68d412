import type { AppError } from '../../shared/contracts/errors';
import type { QueryProgress } from '../../shared/contracts/frames';
import type { HistoryEntry } from '../../shared/views/appView';
import { formatCount, formatMs } from './format';

interface Props {
  query: HistoryEntry | undefined;
  progress: QueryProgress | undefined;
  /** A command the person issued was refused (e.g. the session changed). */
  commandError: AppError | undefined;
}

export function StatusBar({ query, progress, commandError }: Props) {
  return (
    <div role="status" aria-live="polite" className={`status ${query?.status ?? 'idle'}`}>
      {commandError ? <ErrorLine error={commandError} /> : query ? <QueryLine query={query} progress={progress} /> : 'Ready'}
    </div>
  );
}

function QueryLine({ query, progress }: { query: HistoryEntry; progress: QueryProgress | undefined }) {
  switch (query.status) {
    case 'pending':
    case 'running':
      return (
        <>
          Running…
          {progress && <span className="elapsed"> {formatMs(progress.elapsedMs)}</span>}
          {progress?.percent !== undefined && <progress max={100} value={progress.percent} aria-label="Query progress" />}
        </>
      );
    case 'completed':
      return (
        <>
          {formatCount(query.rowCount ?? 0)} rows in {formatMs(query.durationMs ?? 0)}
        </>
      );
    case 'failed':
      return query.error ? <ErrorLine error={query.error} /> : <>Failed</>;
    case 'cancelled':
      return <>Cancelled</>;
  }
}

function ErrorLine({ error }: { error: AppError }) {
  return (
    <>
      Failed: {error.message}{' '}
      <span className="error-id">
        (error id <code>{error.id}</code>)
      </span>{' '}
      <button className="copy" onClick={() => void navigator.clipboard?.writeText(error.id)} aria-label="Copy error id">
        Copy
      </button>
    </>
  );
}
