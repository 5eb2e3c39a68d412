import { beforeEach, describe, expect, it } from 'vitest';
import { openSessions } from '../../shared/views/appView';
import { queryEnd, startQuery } from '../../../test/support/coreEvents';
import { ProtocolClient } from '../../../test/support/protocolClient';
import type { TestCore } from '../../../test/support/testCore';
import { useTestCore } from '../../../test/support/useTestCore';

/** SetResultView through the real core: validated at the boundary, decided, stored, projected, restarted. */
describe('SetResultView end to end (real SQLite, real DuckDB)', () => {
  const started = useTestCore();
  let core: TestCore;
  beforeEach(() => {
    core = started.core();
  });
  const entry = (sessionId: string, queryId: string) => core.projections.current.view.sessions[sessionId]?.history.find((h) => h.queryId === queryId);

  it('a completed result’s view is stored, projected on its history entry, and survives a restart', async () => {
    const sessionId = openSessions(core.projections.current.view)[0]!.id;
    const queryId = await startQuery(core, sessionId, "select range as n, 'x' || range as s from range(10)");
    await queryEnd(core, sessionId, queryId);
    const view = { orderBy: [{ column: 0, descending: true }], filter: [{ column: 1, op: 'contains' as const, value: "'); drop table x; --" }] };
    const r = await core.dispatch({ type: 'SetResultView', sessionId, queryId, ...view });
    expect(r.ok).toBe(true);
    expect(entry(sessionId, queryId)?.view).toEqual(view);

    core = await started.restart();
    expect(entry(sessionId, queryId)?.view).toEqual(view);
  });

  it('refuses a query that is not a completed one of the session, and a malformed view at the boundary', async () => {
    const sessionId = openSessions(core.projections.current.view)[0]!.id;
    const unknown = await core.dispatch({ type: 'SetResultView', sessionId, queryId: 'nope', orderBy: [{ column: 0 }], filter: [] });
    expect(unknown.ok ? 'ok' : unknown.error.code).toBe('RESULT_NOT_FOUND');

    const client = new ProtocolClient((channel) => core.connect(channel));
    const bad = (await client.request({ method: 'dispatch', command: { type: 'SetResultView', sessionId, queryId: 'q', orderBy: [], filter: [{ column: 0, op: 'like', value: '%' }] } })) as {
      ok: boolean;
      error?: { code: string };
    };
    expect(bad.ok ? 'ok' : bad.error?.code).toBe('INVALID_COMMAND');
    client.transport.drop();
  });
});
