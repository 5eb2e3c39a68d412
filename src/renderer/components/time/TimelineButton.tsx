import { History } from 'lucide-react';

/** The session toolbar's "Timeline" button: opens the list of the session's actions to travel back to. */
export function TimelineButton({ open, onToggle }: { open: boolean; onToggle(): void }) {
  return (
    <button type="button" aria-pressed={open} onClick={onToggle} title="Show the session’s actions and how it was at each">
      <History aria-hidden="true" />
      Timeline
    </button>
  );
}
