import { Zap } from 'lucide-react';

/** The editor toolbar's "Instant preview" switch (role switch: Space or Enter flips it). */
export function InstantSwitch({ on, onToggle }: { on: boolean; onToggle(): void }) {
  return (
    <button
      type="button"
      role="switch"
      aria-checked={on}
      className="instant-switch"
      onClick={onToggle}
      title="Show the result of the statement under the cursor while you type"
    >
      <Zap aria-hidden="true" />
      Instant preview
      <span className="switch-track" aria-hidden="true">
        <span className="switch-thumb" />
      </span>
    </button>
  );
}
