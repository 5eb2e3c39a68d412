import { Undo2 } from 'lucide-react';
import { formatWhen } from '../format';

/** Above a session shown as it was: when that was, and the way back (the selected timeline entry offers the fork). */
export function PastBanner({ occurredAt, onBack }: { occurredAt: string; onBack(): void }) {
  return (
    <div className="past-banner" role="region" aria-label="Past view">
      <span className="past-when">
        Viewing as of <time dateTime={occurredAt}>{formatWhen(occurredAt)}</time>
      </span>
      <span className="muted">read-only: nothing here changes the session</span>
      <button type="button" className="primary" onClick={onBack} title="Show the session as it is now">
        <Undo2 aria-hidden="true" />
        Back to now
      </button>
    </div>
  );
}
