import { memo, useEffect, useRef, type FocusEvent, type KeyboardEvent } from 'react';
import { X } from 'lucide-react';
import type { AppError } from '../../../shared/contracts/errors';
import type { TimelineEntry } from '../../../shared/views/timeline';
import { focusLost } from '../common/focusLost';
import { useFocusReturn } from '../common/useFocusReturn';
import { useRovingRows } from '../common/useRovingRows';
import { useVirtualRows } from '../common/useVirtualRows';
import { useStableCallback } from '../common/useStableCallback';
import { countOf } from '../format';
import { CopyIdButton } from '../status/CopyIdButton';
import { TIMELINE_BUTTON_ID } from './TimelineButton';
import { TimelineRow } from './TimelineRow';

interface Props {
  entries: readonly TimelineEntry[];
  /** How many entries the session has in all (the list holds the newest of them). */
  total: number;
  /** Main has answered since the panel opened: until then `entries` are the last opening's. */
  current: boolean;
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
 * The session's actions, newest first. Arrow keys move between entries, Home/End and PageUp/PageDown
 * jump, Enter (or a click) shows the session as it was at one, Escape closes the panel.
 * Virtualized as the history is (TanStack Virtual, rows measured as they render): of the 1,000
 * entries main sends, only the rows on screen are in the DOM. The list is one Tab stop (roving
 * tabindex, as the session tabs and the history: common/useRovingRows.ts): the entry last focused,
 * or the first rendered when that one is scrolled away.
 */
export const TimelinePanel = memo(function TimelinePanel({ entries, total, current, selected, error, onSelect, onFork, onClose, onNotice }: Props) {
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

  // Arrow keys, Home/End, PageUp/PageDown and the one Tab stop: the roving list the history shares.
  const initial = Math.max(0, entries.findIndex((e) => e.seq === selected?.seq));
  const roving = useRovingRows({ count: entries.length, rows, list, controls: '.timeline-pick', initial });
  const { focusRow } = roving;
  const onFocus = (e: FocusEvent<HTMLUListElement>) => {
    kept.onFocus(e);
    roving.onFocus(e);
  };
  const shown = rows.getVirtualItems();

  useFocusReturn();
  // The panel opens for the keyboard: focus goes to the selected entry, else the newest, once main has
  // answered. The entries held until then are the last opening's: the newer ones arriving would push
  // the entry focused among them down the list, or out of the rendered rows (focus then falling to
  // the page). Focus the person moved meanwhile is left where it is.
  const opener = useRef(document.activeElement);
  const opened = useRef(false);
  useEffect(() => {
    if (opened.current || !current || entries.length === 0) return;
    opened.current = true;
    if (document.activeElement === opener.current || focusLost()) focusRow(initial);
  }, [current, entries.length > 0]);

  // "Back to now" goes with the past view it sat in: focus, dropped on the page, comes back to the
  // entry that was shown, one arrow from the next point to look at (the Timeline button if the
  // history pane was hidden meanwhile).
  const shownBefore = useRef(selected);
  useEffect(() => {
    const was = shownBefore.current;
    shownBefore.current = selected;
    if (was === undefined || selected !== undefined || !focusLost()) return;
    if (list.current?.offsetParent === null) document.getElementById(TIMELINE_BUTTON_ID)?.focus();
    else focusRow(Math.max(0, entries.findIndex((e) => e.seq === was.seq)));
  }, [selected]);

  // Closed by the person (Escape, its button): focus goes back to the Timeline button, which the past
  // view's toolbar replaced, once it is drawn again. A close by anything else (a fork switching tabs)
  // leaves focus to what it hands it to.
  const closeByPerson = () => {
    onClose();
    requestAnimationFrame(() => focusLost() && document.getElementById(TIMELINE_BUTTON_ID)?.focus());
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      closeByPerson();
      return;
    }
    roving.onKeyDown(e);
  };

  return (
    <section className="timeline-panel" aria-labelledby="timeline-heading" onKeyDown={onKeyDown}>
      <header className="timeline-head">
        <h2 id="timeline-heading">Timeline</h2>
        <span className="muted">{total > entries.length ? `newest ${countOf(entries.length, 'action')} of ${countOf(total, 'action')}` : countOf(entries.length, 'action')}</span>
        <button className="icon-button" aria-label="Close timeline" title="Close (Escape)" onClick={closeByPerson}>
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
                <TimelineRow entry={entry} current={current} tabStop={roving.stopAt(row.index) !== undefined} onSelect={select} onFork={fork} />
              </li>
            );
          })}
        </ul>
      </div>
    </section>
  );
});
