import { History } from 'lucide-react';

/** The Timeline button's id: the past view replaces the toolbar it is in, and focus comes back to the new one by it. */
export const TIMELINE_BUTTON_ID = 'timeline-button';

/** The session toolbar's "Timeline" button: opens the list of the session's actions to travel back to. */
export function TimelineButton({ open, onToggle }: { open: boolean; onToggle(): void }) {
  return (
    <button type="button" id={TIMELINE_BUTTON_ID} aria-pressed={open} onClick={onToggle} title="Show the session’s actions and how it was at each">
      <History aria-hidden="true" />
      Timeline
    </button>
  );
}
