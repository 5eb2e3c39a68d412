import type { TimelineEntry } from '../../../shared/views/timeline';
import { useStableCallback } from '../common/useStableCallback';
import { TimelinePanel } from './TimelinePanel';
import type { SessionTime } from './useSessionTime';

interface Props {
  time: SessionTime;
  /** Called before the session is shown as it was: what the window holds of the present is kept first. */
  onLeaveNow(): void;
}

/** The shown session's Timeline panel, while open: an entry shows the session as it was, or forks it there. */
export function SessionTimeline({ time, onLeaveNow }: Props) {
  // Stable, so the memoized panel is not rendered again by each keystroke or streamed event of the window.
  const select = useStableCallback((entry: TimelineEntry) => {
    onLeaveNow();
    time.select(entry);
  });
  // "Fork from here" forks the point shown: the selected entry may have moved on since (its query settled).
  const fork = useStableCallback((entry: TimelineEntry) => time.fork(time.past?.seq ?? entry.seq));
  if (!time.open) return null;
  return <TimelinePanel entries={time.entries} total={time.total} current={time.current} selected={time.selected} error={time.error} onSelect={select} onFork={fork} onClose={time.close} onNotice={time.onNotice} />;
}
