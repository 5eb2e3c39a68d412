import { useMemo, useState } from 'react';
import type { QueryPhase } from '../../../shared/domain/queryLifecycle';
import type { HistoryEntry } from '../../../shared/views/appView';
import { countOf, formatMs, formatWhen } from '../format';
import { GitFork, RotateCw } from 'lucide-react';
import { ExportSummary } from './ExportSummary';
import { ViewSummary } from './ViewSummary';
import { PivotSummary } from './PivotSummary';

/** How a phase reads in the history, and what its search matches. */
const phaseLabel: Readonly<Record<QueryPhase, string>> = {
  Pending: 'pending',
  Executing: 'running',
  Completed: 'completed',
  Failed: 'failed',
  Cancelled: 'cancelled',
};

interface Props {
  entries: readonly HistoryEntry[];
  running: boolean;
  /** Puts a past query's SQL back in the editor. */
  onPick(sql: string): void;
  onRerun(sql: string): void;
  /** "Fork from here": a new session that starts as this one was once this query had run. */
  onFork?(queryId: string): void;
}

/** The session's queries, newest first: click one to edit it again, re-run it, or search them. */
export function HistoryPanel({ entries, running, onPick, onRerun, onFork }: Props) {
  const [search, setSearch] = useState('');
  const shown = useMemo(() => {
    const needle = search.trim().toLowerCase();
    const newestFirst = [...entries].reverse();
    return needle ? newestFirst.filter((h) => h.sql.toLowerCase().includes(needle) || phaseLabel[h.phase].includes(needle)) : newestFirst;
  }, [entries, search]);
  return (
    <section className="history-panel" aria-labelledby="history-heading">
      <h2 id="history-heading">History</h2>
      <input
        type="search"
        className="history-search"
        aria-label="Search history"
        placeholder="Search history"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      <ul aria-label="Query history" className="history-list">
        {shown.map((h) => (
          <li key={h.queryId} className={`history-entry ${h.phase.toLowerCase()}`}>
            {/* Named by what it does, not by the SQL and status it shows, so no "cancelled" query becomes a second "Cancel" button. */}
            <button className="history-pick" onClick={() => onPick(h.sql)} title="Put this SQL in the editor" aria-label="Put in editor" aria-describedby={`sql-${h.queryId}`}>
              <code className="sql" id={`sql-${h.queryId}`}>{h.sql}</code>
              <span className="meta">
                <span className={`badge ${h.phase.toLowerCase()}`}>{phaseLabel[h.phase]}</span>
                {h.rowCount !== undefined && ` · ${countOf(h.rowCount, 'row')}`}
                {h.durationMs !== undefined && ` · ${formatMs(h.durationMs)}`}
                {' · '}
                <time dateTime={h.startedAt}>{formatWhen(h.startedAt)}</time>
              </span>
              {h.view && <ViewSummary view={h.view} columns={h.columns} />}
              {h.exports && <ExportSummary exports={h.exports} />}
              {h.pivot && <PivotSummary spec={h.pivot} />}
            </button>
            <button className="rerun" onClick={() => onRerun(h.sql)} disabled={running} aria-label="Repeat query" title="Run this query again">
              <RotateCw aria-hidden="true" />
            </button>
            {onFork && (
              <button className="rerun" onClick={() => onFork(h.queryId)} aria-label="Fork from here" title="A new session that starts as this one was once this query had run">
                <GitFork aria-hidden="true" />
              </button>
            )}
          </li>
        ))}
      </ul>
      {entries.length === 0 && <p className="muted">Queries you run in this session appear here.</p>}
      {entries.length > 0 && shown.length === 0 && <p className="muted">No query matches “{search}”.</p>}
    </section>
  );
}
