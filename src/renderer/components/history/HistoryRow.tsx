import { withoutResultSet } from '../../../shared/domain/queryLifecycle';
import { memo } from 'react';
import type { WaitingToSave } from '../../../shared/contracts/frames';
import type { HistoryEntry } from '../../../shared/views/appView';
import { countOf, formatMs, formatWhen } from '../format';
import { GitFork, RotateCw } from 'lucide-react';
import { ExportSummary } from './ExportSummary';
import { ViewSummary } from './ViewSummary';
import { PivotSummary } from './PivotSummary';
import { errorFirstLine } from './historyRepeats';
import { phaseBadge } from './historyPhase';
import { PAST_PAUSED } from '../time/pastPaused';

/** The hidden sentence (in HistoryPanel) a paused "Put in editor" is described by. */
export const PAUSED_ID = 'history-paused';

interface Props {
  entry: HistoryEntry;
  /** The newest of a run of the same SQL: how many times it ran in a row (historyRepeats.ts). */
  times?: number | undefined;
  running: boolean;
  /** The window shows the past: "Put in editor" and "Repeat query" do nothing and say why. */
  paused: boolean;
  /** Its end waits for the store (a full disk): the progress frame's reason, said in its badge. */
  waiting?: WaitingToSave | undefined;
  /** Which of its buttons is the list's one Tab stop (0 "Put in editor", 1 "Repeat query", 2 "Fork from here"); undefined: none. */
  stop: number | undefined;
  onPick(sql: string): void;
  onRerun(sql: string): void;
  onFork?(queryId: string): void;
}

/** One query of the history: its SQL, status, rows, duration and time, and what can be done with it. Renders again only when these change. */
export const HistoryRow = memo(function HistoryRow({ entry: h, times, running, paused, waiting, stop, onPick, onRerun, onFork }: Props) {
  // roving tabindex (HistoryPanel): the list's arrows reach the buttons, Tab only the one last focused
  const tab = (button: number) => (stop === button ? 0 : -1);
  const badge = phaseBadge(h.phase, waiting);
  return (
    <>
      {/* Named by what it does, not by the SQL and status it shows, so no "cancelled" query becomes a second "Cancel" button. */}
      <button
        className="history-pick"
        tabIndex={tab(0)}
        onClick={() => !paused && onPick(h.sql)}
        aria-disabled={paused || undefined}
        title={paused ? PAST_PAUSED : 'Put this SQL in the editor'}
        aria-label="Put in editor"
        aria-describedby={paused ? `${PAUSED_ID} sql-${h.queryId}` : `sql-${h.queryId}`}
      >
        <code className="sql" id={`sql-${h.queryId}`}>{h.sql}</code>
        {times !== undefined && (
          <span className="repeat-count" title={`Run ${times} times in a row: the entries under it are its earlier runs`}>
            ×{times}
          </span>
        )}
        <span className="meta">
          {/* each part keeps the " ·" after it, so a narrow pane breaks the line after a dot, never before one */}
          <span className="meta-part">
            <span className={`badge ${badge.className}`} title={badge.title}>
              {badge.label}
            </span>
            {' ·'}
          </span>{' '}
          {h.rowCount !== undefined && !withoutResultSet(h.columns) && <><span className="meta-part">{countOf(h.rowCount, 'row')} ·</span>{' '}</>}
          {h.durationMs !== undefined && <><span className="meta-part">{formatMs(h.durationMs)} ·</span>{' '}</>}
          <time dateTime={h.startedAt}>{formatWhen(h.startedAt)}</time>
        </span>
        {h.phase === 'Failed' && h.error && (
          <span className="history-error" title={h.error.message}>
            {errorFirstLine(h.error.message)}
          </span>
        )}
        {h.view && <ViewSummary view={h.view} columns={h.columns} />}
        {h.exports && <ExportSummary exports={h.exports} />}
        {h.pivot && <PivotSummary spec={h.pivot} />}
      </button>
      {/* aria-disabled, not disabled, while a query runs: focus stays on it, so Enter once the run ends repeats again */}
      <button
        className="rerun"
        tabIndex={tab(1)}
        onClick={() => !running && !paused && onRerun(h.sql)}
        aria-disabled={running || paused}
        aria-label="Repeat query"
        title={paused ? PAST_PAUSED : 'Run this query again'}
      >
        <RotateCw aria-hidden="true" />
      </button>
      {onFork && (
        <button className="rerun" tabIndex={tab(2)} onClick={() => onFork(h.queryId)} aria-label="Fork from here" title="Fork: a new session that starts from this one as it was just after this query">
          <GitFork aria-hidden="true" />
        </button>
      )}
    </>
  );
});
