import { memo, useMemo, useRef, useState, type FocusEvent } from 'react';
import type { HistoryEntry } from '../../../shared/views/appView';
import type { WaitingToSave } from '../../../shared/contracts/frames';
import { HistoryRow } from './HistoryRow';
import { phaseBadge } from './historyPhase';
import { useVirtualRows } from '../common/useVirtualRows';
import { useRovingRows } from '../common/useRovingRows';
import { historyRepeats } from './historyRepeats';
import { PAST_PAUSED } from '../time/pastPaused';
import { PAUSED_ID } from './HistoryRow';

interface Props {
  entries: readonly HistoryEntry[];
  running: boolean;
  /** The window shows the past: no entry goes into the (absent) editor or runs again, and each says why. */
  paused?: boolean;
  /** The latest query's end waits for the store (its progress frame says why): its row says so. */
  waiting?: WaitingToSave | undefined;
  /** Puts a past query's SQL back in the editor. */
  onPick(sql: string): void;
  onRerun(sql: string): void;
  /** "Fork from here": a new session that starts from this one as it was just after this query. */
  onFork?(queryId: string): void;
}

/** A row's height before it is measured: a query of three lines in the panel's width, and the meta line. */
const ESTIMATED_ROW_PX = 90;

/** What an entry's row is told of an end waiting for the store: only the latest query's can wait. */
export const waitingOf = (entries: readonly HistoryEntry[], waiting: WaitingToSave | undefined) => (h: HistoryEntry) =>
  waiting && h === entries.at(-1) ? waiting : undefined;

/** The entries shown, newest first: all, or those whose SQL or status (as its row says it) contains the search. */
export function shownHistory(entries: readonly HistoryEntry[], search: string, waiting?: WaitingToSave): HistoryEntry[] {
  const needle = search.trim().toLowerCase();
  const newestFirst = [...entries].reverse();
  const waits = waitingOf(entries, waiting);
  return needle ? newestFirst.filter((h) => h.sql.toLowerCase().includes(needle) || phaseBadge(h.phase, waits(h)).label.includes(needle)) : newestFirst;
}

/**
 * The session's queries, newest first: click one to edit it again, re-run it, or search them.
 * Virtualized (TanStack Virtual, rows measured as they render): a history of 10,000 queries puts
 * only the rows on screen in the DOM.
 * The list is one Tab stop, as the Timeline (roving tabindex, common/useRovingRows.ts), with the keys
 * of the WAI-ARIA grid pattern over its list semantics (the entries stay a list of listitems):
 * Up/Down, PageUp/PageDown and Home/End move between entries keeping the button, Left/Right between
 * an entry's buttons, Enter presses the one focused ("Put in editor" puts the SQL in the editor).
 * Down from the search box goes to the newest entry shown.
 */
export const HistoryPanel = memo(function HistoryPanel({ entries, running, paused = false, waiting, onPick, onRerun, onFork }: Props) {
  const [search, setSearch] = useState('');
  const shown = useMemo(() => shownHistory(entries, search, waiting), [entries, search, waiting]);
  const waits = waitingOf(entries, waiting);
  const repeats = useMemo(() => historyRepeats(shown.map((h) => h.sql)), [shown]);
  const scroller = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const { rows, ...kept } = useVirtualRows({
    count: shown.length,
    key: (i) => shown[i]?.queryId ?? i,
    scroller,
    estimatedRowPx: ESTIMATED_ROW_PX,
    initialHeight: 800,
  });
  const roving = useRovingRows({ count: shown.length, rows, list, controls: ':scope > button', across: true });
  const onFocus = (e: FocusEvent) => {
    kept.onFocus(e);
    roving.onFocus(e);
  };
  return (
    <section className="history-panel" aria-labelledby="history-heading">
      <h2 id="history-heading">History</h2>
      {/* what "Put in editor" says beside its SQL while the past is shown (a description may name a hidden element) */}
      <span id={PAUSED_ID} hidden>
        {PAST_PAUSED}
      </span>
      <input
        type="search"
        className="history-search"
        aria-label="Search history"
        placeholder="Search history"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        onKeyDown={(e) => {
          if (e.key !== 'ArrowDown' || shown.length === 0) return;
          e.preventDefault();
          roving.focusRow(0);
        }}
      />
      {/* under the search, where the list would start: after the list's flexible scroller they sat at the panel's foot */}
      {entries.length === 0 && <p className="muted">Queries you run in this session appear here.</p>}
      {entries.length > 0 && shown.length === 0 && <p className="muted">No query matches “{search}”.</p>}
      <div className="history-scroll" ref={scroller}>
        <ul
          ref={list}
          aria-label="Query history"
          className="history-list"
          style={{ height: rows.getTotalSize() }}
          onFocus={onFocus}
          onBlur={kept.onBlur}
          onKeyDown={roving.onKeyDown}
        >
          {rows.getVirtualItems().map((row) => {
            const h = shown[row.index]!;
            const repeat = repeats[row.index];
            return (
              <li
                key={row.key}
                ref={rows.measureElement}
                data-index={row.index}
                aria-setsize={shown.length}
                aria-posinset={row.index + 1}
                className={`history-entry ${h.phase.toLowerCase()}${repeat?.again ? ' again' : ''}`}
                style={{ transform: `translateY(${row.start}px)` }}
              >
                <HistoryRow entry={h} times={repeat?.times} running={running} paused={paused} waiting={waits(h)} stop={roving.stopAt(row.index)} onPick={onPick} onRerun={onRerun} onFork={onFork} />
              </li>
            );
          })}
        </ul>
      </div>
    </section>
  );
});
