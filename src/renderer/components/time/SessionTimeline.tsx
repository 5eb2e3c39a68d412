import { TimelinePanel } from './TimelinePanel';
import type { SessionTime } from './useSessionTime';

interface Props {
  time: SessionTime;
  /** Called before the session is shown as it was: what the window holds of the present is kept first. */
  onLeaveNow(): void;
}

/** The shown session's Timeline panel, while open: an entry shows the session as it was, or forks it there. */
export function SessionTimeline({ time, onLeaveNow }: Props) {
  if (!time.open) return null;
  return (
    <TimelinePanel
      entries={time.entries}
      total={time.total}
      selected={time.selected}
      error={time.error}
      onSelect={(entry) => {
        onLeaveNow();
        time.select(entry);
      }}
      onFork={(entry) => time.fork(entry.seq)}
      onClose={time.close}
    />
  );
}
