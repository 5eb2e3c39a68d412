import { useEffect, useRef, type KeyboardEvent } from 'react';
import { X } from 'lucide-react';
import type { AppError } from '../../../shared/contracts/errors';
import type { TimelineEntry } from '../../../shared/views/timeline';
import { useFocusReturn } from '../common/useFocusReturn';
import { useStableCallback } from '../common/useStableCallback';
import { countOf } from '../format';
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
}

/**
 * The session's actions, newest first. Arrow keys move between entries, Home/End jump, Enter (or a
 * click) shows the session as it was at one, Escape closes the panel.
 */
export function TimelinePanel({ entries, total, selected, error, onSelect, onFork, onClose }: Props) {
  const list = useRef<HTMLUListElement>(null);
  const select = useStableCallback(onSelect);
  const fork = useStableCallback(onFork);
  useFocusReturn();
  useEffect(() => {
    // The panel opens for the keyboard: focus goes to the selected entry, else the newest.
    const button = list.current?.querySelector<HTMLButtonElement>('button[aria-current="true"]') ?? list.current?.querySelector<HTMLButtonElement>('.timeline-pick');
    button?.focus();
  }, [entries.length > 0]);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
      return;
    }
    const buttons = [...(list.current?.querySelectorAll<HTMLButtonElement>('.timeline-pick') ?? [])];
    const i = buttons.findIndex((b) => b === document.activeElement);
    const to = e.key === 'ArrowDown' ? i + 1 : e.key === 'ArrowUp' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? buttons.length - 1 : undefined;
    if (to === undefined) return;
    e.preventDefault();
    buttons[Math.max(0, Math.min(buttons.length - 1, to))]?.focus();
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
        <p className="error">
          {error.message} (error id {error.id})
        </p>
      )}
      <ul ref={list} aria-label="Timeline" className="timeline-list">
        {entries.map((entry) => (
          <TimelineRow key={entry.seq} entry={entry} current={selected?.seq === entry.seq} onSelect={select} onFork={fork} />
        ))}
      </ul>
    </section>
  );
}
