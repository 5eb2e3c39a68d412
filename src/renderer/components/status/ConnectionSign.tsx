import { Circle, CircleOff, LoaderCircle, TriangleAlert } from 'lucide-react';
import type { AppError } from '../../../shared/contracts/errors';
import { DUCKDB_DOWN_LABEL, duckdbDownText } from './duckdbDown';

/**
 * The top bar's sign of the connection to main: connected, catching up on the events missed, lost
 * (reconnecting), or unable to catch up because main cannot read its store (tried again every few
 * seconds): that one says why, with its error id, in its name and tooltip. Beside it, while main
 * says DuckDB could not start (`duckdbDown`), a sign that says so in words, with DuckDB's and the id.
 */
export function ConnectionSign({ connected, live, failure, duckdbDown }: { connected: boolean; live: boolean; failure?: AppError | undefined; duckdbDown?: AppError | undefined }) {
  return (
    <>
      {connected && duckdbDown && <DuckDbDownSign error={duckdbDown} />}
      <Connection connected={connected} live={live} failure={failure} />
    </>
  );
}

function DuckDbDownSign({ error }: { error: AppError }) {
  const said = duckdbDownText(error);
  return (
    <span className="connection failed" role="img" aria-label={said} title={said}>
      <TriangleAlert aria-hidden="true" /> <span className="topbar-label">{DUCKDB_DOWN_LABEL}</span>
    </span>
  );
}

function Connection({ connected, live, failure }: { connected: boolean; live: boolean; failure?: AppError | undefined }) {
  if (connected && failure) {
    const said = `Cannot catch up: ${failure.message} (error id ${failure.id})`;
    return (
      <span className="connection failed" role="img" aria-label={said} title={said}>
        <TriangleAlert aria-hidden="true" />
      </span>
    );
  }
  const name = connected ? (live ? 'Connected' : 'Catching up') : 'Disconnected';
  return (
    <span className={`connection ${connected ? 'up' : 'down'}`} role="img" aria-label={name} title={connected ? name : 'Disconnected, reconnecting…'}>
      {connected ? live ? <Circle aria-hidden="true" fill="currentColor" /> : <LoaderCircle aria-hidden="true" className="spin" /> : <CircleOff aria-hidden="true" />}
    </span>
  );
}
