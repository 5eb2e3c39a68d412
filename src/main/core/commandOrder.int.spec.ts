import { afterEach, beforeEach, expect, it } from 'vitest';
import type { CommandAck } from '../../shared/contracts/commands';
import type { Result } from '../../shared/contracts/errors';
import { openSession, queryEnd, recordingClient } from '../../../test/support/coreEvents';
import { startTestCore, tempDir, type TestCore } from '../../../test/support/testCore';

/** Runs for minutes unless interrupted. */
const LONG_SQL = 'select count(*) from range(20000000000) t(x) where x % 7 = 3';

let dir: ReturnType<typeof tempDir>;
let core: TestCore;
beforeEach(async () => {
  dir = tempDir();
  core = await startTestCore(dir.path);
});
afterEach(async () => {
  await core.close();
  dir.remove();
});

it('a CancelQuery sent right after a StartQuery on one connection, before its ack, cancels that query (real SQLite, real DuckDB)', async () => {
  const sessionId = await openSession(core);
  for (let round = 0; round < 3; round++) {
    const { conn } = recordingClient(core);
    // both sent before either is answered, as a page that does not wait for the start's ack
    const start = conn.handle({ method: 'dispatch', command: { type: 'StartQuery', sessionId, sql: LONG_SQL } }) as Promise<Result<CommandAck>>;
    const cancel = conn.handle({ method: 'dispatch', command: { type: 'CancelQuery', sessionId } }) as Promise<Result<CommandAck>>;
    const [started, cancelled] = await Promise.all([start, cancel]);
    expect(started.ok && cancelled.ok, `round ${round}: ${JSON.stringify([started, cancelled])}`).toBe(true);
    const queryId = started.ok ? started.value.queryId! : '';
    expect((await queryEnd(core, sessionId, queryId, 10_000)).type).toBe('QueryCancelled');
    conn.close();
  }
});
