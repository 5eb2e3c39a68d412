import type { HistoryEntry } from '../../shared/views/appView';
import { formatCount, formatMs } from './format';

export function HistoryPanel({ entries }: { entries: readonly HistoryEntry[] }) {
  return (
    <section>
      <h2>History</h2>
      <ul aria-label="Query history" className="history-list">
        {[...entries].reverse().map((h) => (
          <li key={h.queryId} className={`history-entry ${h.status}`}>
            <code className="sql">{h.sql}</code>
            <span className="meta">
              {h.status}
              {h.rowCount !== undefined && ` · ${formatCount(h.rowCount)} rows`}
              {h.durationMs !== undefined && ` · ${formatMs(h.durationMs)}`}
              {' · '}
              <time dateTime={h.startedAt}>{new Date(h.startedAt).toLocaleTimeString()}</time>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
