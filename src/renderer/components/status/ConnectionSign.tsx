import { Circle, CircleOff, LoaderCircle } from 'lucide-react';

/** The top bar's sign of the connection to main: connected, catching up on the events missed, or lost (reconnecting). */
export function ConnectionSign({ connected, live }: { connected: boolean; live: boolean }) {
  const name = connected ? (live ? 'Connected' : 'Catching up') : 'Disconnected';
  return (
    <span className={`connection ${connected ? 'up' : 'down'}`} role="img" aria-label={name} title={connected ? name : 'Disconnected, reconnecting…'}>
      {connected ? live ? <Circle aria-hidden="true" fill="currentColor" /> : <LoaderCircle aria-hidden="true" className="spin" /> : <CircleOff aria-hidden="true" />}
    </span>
  );
}
