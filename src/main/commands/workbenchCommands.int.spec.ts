import { beforeEach, describe, expect, it } from 'vitest';
import { activeSession, openSessions } from '../../shared/views/appView';
import type { TestCore } from '../../../test/support/testCore';
import { useTestCore } from '../../../test/support/useTestCore';
import { ProtocolClient } from '../../../test/support/protocolClient';

/** The workbench's client commands through the real core: validated, decided, stored, projected, restarted. */
describe('workbench commands end to end (real SQLite)', () => {
  const started = useTestCore();
  let core: TestCore;
  beforeEach(() => {
    core = started.core();
  });

  const view = () => core.projections.current.view;
  const sessionId = () => openSessions(view())[0]!.id;

  it('a saved draft and the shown tab survive a restart of the core', async () => {
    const first = sessionId();
    expect((await core.dispatch({ type: 'SaveDraft', sessionId: first, sql: 'select 1' })).ok).toBe(true);
    const second = await core.dispatch({ type: 'OpenSession' });
    expect(second.ok && activeSession(view())?.id).toBe(second.ok && second.value.aggregateId);
    await core.dispatch({ type: 'ActivateSession', sessionId: first });

    core = await started.restart();
    expect(activeSession(view())?.id).toBe(first);
    expect(view().sessions[first]?.draft).toBe('select 1');
  });

  it('saving the same draft twice stores one event', async () => {
    const id = sessionId();
    const a = await core.dispatch({ type: 'SaveDraft', sessionId: id, sql: 'select 2' });
    const b = await core.dispatch({ type: 'SaveDraft', sessionId: id, sql: 'select 2' });
    expect(a.ok && b.ok && b.value.lastSeq).toBe(a.ok && a.value.lastSeq);
    expect(core.store.readAggregate('QuerySession', id).filter((e) => e.type === 'DraftSaved')).toHaveLength(1);
  });

  it('a closed session reopens with its title and draft', async () => {
    const id = sessionId();
    await core.dispatch({ type: 'RenameSession', sessionId: id, title: 'Flights' });
    await core.dispatch({ type: 'SaveDraft', sessionId: id, sql: 'select 3' });
    await core.dispatch({ type: 'CloseSession', sessionId: id });
    expect(openSessions(view())).toHaveLength(0);
    expect((await core.dispatch({ type: 'ReopenSession', sessionId: id })).ok).toBe(true);
    expect(openSessions(view()).map((s) => [s.title, s.draft])).toEqual([['Flights', 'select 3']]);
  });

  it('refuses an oversized draft at the boundary with an error id, storing nothing', async () => {
    const client = new ProtocolClient((channel) => core.connect(channel));
    const before = core.store.lastSeq();
    const r = await client.request({ method: 'dispatch', command: { type: 'SaveDraft', sessionId: sessionId(), sql: 'x'.repeat(300 * 1024) } });
    expect(r.ok ? 'accepted' : r.error.code).toBe('INVALID_COMMAND');
    expect(r.ok ? '' : r.error.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(core.store.lastSeq()).toBe(before);
  });
});
