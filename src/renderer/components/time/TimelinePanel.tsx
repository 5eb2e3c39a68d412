import { memo, useEffect, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import { X } from 'lucide-react';
import type { AppError } from '../../../shared/contracts/errors';
import type { TimelineEntry } from '../../../shared/views/timeline';
import { useFocusReturn } from '../common/useFocusReturn';
import { useVirtualRows } from '../common/useVirtualRows';
import { useStableCallback } from '../common/useStableCallback';
import { countOf } from '../format';
import { CopyIdButton } from '../status/CopyIdButton';
import { TimelineRow } from './TimelineRow';

interface Props {
  entries: readonly TimelineEntry[];
  /** How many entries the session has in all (the list holds the newest of them). */
  total: number;
  selected: TimelineEntry | undefined;
  error: AppError | undefined;
  onSelect(entry: TimelineEntry): void;
  onFork(entry: TimelineEntry): void;
  onClose(): void;
  onNotice(message: string): void;
}

/** A row's height before it is measured: a one-line label and the time under it. */
const ESTIMATED_ROW_PX = 42;

/**
 * The session's actions, newest first. Arrow keys move between entries, Home/End jump, Enter (or a
 * click) shows the session as it was at one, Escape closes the panel.
 * Virtualized as the history is (TanStack Virtual, rows measured as they render): of the 1,000
 * entries main sends, only the rows on screen are in the DOM. So the keys move by index, not by the
 * buttons rendered: the row moved to is scrolled into view, then focused once it has rendered.
 * The list is one Tab stop (roving tabindex, as the session tabs): the entry last focused, or the
 * first rendered when that one is scrolled away.
 */
export const TimelinePanel = memo(function TimelinePanel({ entries, total, selected, error, onSelect, onFork, onClose, onNotice }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const select = useStableCallback(onSelect);
  const fork = useStableCallback(onFork);
  const { rows, ...kept } = useVirtualRows({
    count: entries.length,
    key: (i) => entries[i]?.seq ?? i,
    scroller,
    estimatedRowPx: ESTIMATED_ROW_PX,
    initialHeight: 400,
  });

  /** The row to focus once it is in the DOM: a key or the opening can move to one not rendered yet. */
  const toFocus = useRef<number | undefined>(undefined);
  const focusPending = () => {
    const button = toFocus.current === undefined ? null : list.current?.querySelector<HTMLButtonElement>(`li[data-index="${toFocus.current}"] .timeline-pick`);
    if (!button) return;
    toFocus.current = undefined;
    button.focus();
  };
  const focusRow = (i: number) => {
    toFocus.current = i;
    rows.scrollToIndex(i);
    focusPending();
  };
  // After each render: scrolling to a row renders it, and this focuses it then.
  useEffect(focusPending);

  const [stop, setStop] = useState(() => Math.max(0, entries.findIndex((e) => e.seq === selected?.seq)));
  const onFocus = (e: FocusEvent<HTMLUListElement>) => {
    kept.onFocus(e);
    const row = (e.target as HTMLElement).closest<HTMLElement>('li[data-index]');
    if (row) setStop(Number(row.dataset['index']));
  };
  const shown = rows.getVirtualItems();
  const tabStop = shown.some((r) => r.index === stop) ? stop : shown[0]?.index;

  useFocusReturn();
  useEffect(() => {
    // The panel opens for the keyboard: focus goes to the selected entry, else the newest.
    if (entries.length > 0) focusRow(Math.max(0, entries.findIndex((e) => e.seq === selected?.seq)));
  }, [entries.length > 0]);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
      return;
    }
    // From the row focus is on its way to, if any: End then ArrowUp, typed fast, is the one before the last.
    const row = document.activeElement?.closest<HTMLElement>('li[data-index]');
    const i = toFocus.current ?? (row && list.current?.contains(row) ? Number(row.dataset['index']) : -1);
    const last = entries.length - 1;
    const to = e.key === 'ArrowDown' ? i + 1 : e.key === 'ArrowUp' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? last : undefined;
    if (to === undefined || last < 0) return;
    e.preventDefault();
    focusRow(Math.max(0, Math.min(last, to)));
  };

  return (
    <section className="timeline-panel" aria-labelledby="timeline-heading" onKeyDown={onKeyDown}>
      <header className="timeline-head">
        <h2 id="timeline-heading">Timeline</h2>
        <span className="muted">{total > entries.length ? `newest ${countOf(entries.length, 'action')} of ${countOf(total, 'action')}` : countOf(entries.length, 'action')}</span>
        <button className="icon-button" aria-label="Close timeline" title="Close (Escape)" onClick={onClose}>
          <X aria-hidden="true" />
        </button>
      </header>
      {error && (
        <p className="error" role="alert">
          {error.message} (error id {error.id}) <CopyIdButton id={error.id} onNotice={onNotice} />
        </p>
      )}
      <div className="timeline-scroll" ref={scroller}>
        <ul ref={list} aria-label="Timeline" className="timeline-list" style={{ height: rows.getTotalSize() }} onFocus={onFocus} onBlur={kept.onBlur}>
          {shown.map((row) => {
            const entry = entries[row.index]!;
            const current = selected?.seq === entry.seq;
            return (
              <li
                key={row.key}
                ref={rows.measureElement}
                data-index={row.index}
                aria-setsize={entries.length}
                aria-posinset={row.index + 1}
                className={`timeline-entry ${entry.kind} ${current ? 'selected' : ''}`}
                style={{ transform: `translateY(${row.start}px)` }}
              >
                <TimelineRow entry={entry} current={current} tabStop={row.index === tabStop} onSelect={select} onFork={fork} />
              </li>
            );
          })}
        </ul>
      </div>
    </section>
  );
});
