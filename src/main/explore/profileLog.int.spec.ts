import { describe, expect, it } from 'vitest';
import { recordingClient } from '../../../test/support/coreEvents';
import { recordingLogger } from '../../../test/support/recordingLogger';
import { useTestSession } from '../../../test/support/useTestSession';

/** The window shows a failed profile's error id with "Copy id": the core's log must hold it. */
describe('a failed profile in the log (real core, real DuckDB, over the wire)', () => {
  const logged = recordingLogger('info');
  const { core, run } = useTestSession('all', { log: logged.log });
  const lines = () => logged.errors.map((l) => JSON.parse(l) as Record<string, unknown>);

  it('given a result that is not there and a column past a result’s end, when a window asks for their profiles, then each error id it is answered with is logged as a warning', async () => {
    const { queryId } = await run('select 1 as x');
    const { conn } = recordingClient(core());
    const missing = await conn.handle({ method: 'profileColumns', requestId: 'r1', target: { kind: 'result', queryId: 'gone' }, columns: [0] });
    const past = await conn.handle({ method: 'profileColumns', requestId: 'r2', target: { kind: 'result', queryId }, columns: [3] });
    conn.close();
    if (missing.ok || past.ok) throw new Error('a profile was answered: both should have failed');
    expect([missing.error.code, past.error.code]).toEqual(['RESULT_NOT_FOUND', 'INVALID_COMMAND']);
    expect(lines().filter((l) => l['errorId'] === missing.error.id)).toEqual([expect.objectContaining({ level: 40, code: 'RESULT_NOT_FOUND', queryId: 'gone', msg: missing.error.message })]);
    expect(lines().filter((l) => l['errorId'] === past.error.id)).toEqual([expect.objectContaining({ level: 40, code: 'INVALID_COMMAND', queryId })]);
  });

  it('given a profile cancelled before it runs, then nothing is logged of it: a cancel is no failure', async () => {
    const { queryId } = await run('select 2 as y');
    const cancel = new AbortController();
    cancel.abort();
    const answer = await core().profiles.profile({ kind: 'result', queryId }, [0], cancel.signal);
    if (answer.ok) throw new Error('the profile was answered: it was cancelled');
    expect(answer.error.code).toBe('INTERRUPTED');
    expect(lines().filter((l) => l['code'] === 'INTERRUPTED')).toEqual([]);
  });
});
