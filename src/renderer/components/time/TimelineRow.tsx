import { memo } from 'react';
import { GitFork } from 'lucide-react';
import type { TimelineEntry } from '../../../shared/views/timeline';
import { formatWhen } from '../format';

interface Props {
  entry: TimelineEntry;
  current: boolean;
  /** The list's one Tab stop (arrows move between entries). */
  tabStop: boolean;
  onSelect(entry: TimelineEntry): void;
  onFork(entry: TimelineEntry): void;
}

/**
 * What one entry of the Timeline shows (its `li` is the panel's, placed by the virtualizer). Memoized:
 * an entry merged in or selected renders its own row, not the others on screen (a merged list keeps
 * the entries it held).
 */
export const TimelineRow = memo(function TimelineRow({ entry, current, tabStop, onSelect, onFork }: Props) {
  return (
    <>
      <button className="timeline-pick" aria-current={current} tabIndex={tabStop ? 0 : -1} onClick={() => onSelect(entry)} title="Show the session as it was here">
        <span className="timeline-label">{entry.label}</span>
        <time dateTime={entry.at}>{formatWhen(entry.at)}</time>
      </button>
      {current && (
        <button className="icon-text" onClick={() => onFork(entry)} title="A new session that starts as this one was here">
          <GitFork aria-hidden="true" />
          Fork from here
        </button>
      )}
    </>
  );
});
