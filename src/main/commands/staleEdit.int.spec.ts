import { describe, expect, it } from 'vitest';
import { openSessions } from '../../shared/views/appView';
import { ProtocolClient } from '../../../test/support/protocolClient';
import { useTestCore } from '../../../test/support/useTestCore';
import { MAX_EVENTS_SINCE_SEEN } from './commandHandler';

/** Two windows on one session, through the real core and SQLite: a stale edit is refused and stores nothing. */
describe('commands carrying the version their window decided on', () => {
  const app = useTestCore();

  const session = () => openSessions(app.core().view())[0]!;

  it('refuses a draft decided before another window saved one, with VERSION_CONFLICT and an error id, appending nothing', async () => {
    const windowA = new ProtocolClient((channel) => app.core().connect(channel));
    const windowB = new ProtocolClient((channel) => app.core().connect(channel));
    const { id, version } = session();
    const b = await windowB.request({ method: 'dispatch', command: { type: 'SaveDraft', sessionId: id, sql: 'select 2', expectedVersion: version } });
    expect(b.ok && (b.value as { version?: number }).version).toBe(version + 1);
    const before = app.core().store.lastSeq();

    const a = await windowA.request({ method: 'dispatch', command: { type: 'SaveDraft', sessionId: id, sql: 'select 1', expectedVersion: version } });
    expect(a.ok ? 'saved' : a.error.code).toBe('VERSION_CONFLICT');
    expect(a.ok ? '' : a.error.message).toBe('This session changed in another window.');
    expect(a.ok ? '' : a.error.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(app.core().store.lastSeq()).toBe(before);
    expect(session().draft).toBe('select 2');

    // Keep mine: the same text, decided on the version the window now sees, is saved.
    const kept = await windowA.request({ method: 'dispatch', command: { type: 'SaveDraft', sessionId: id, sql: 'select 1', expectedVersion: session().version } });
    expect(kept.ok).toBe(true);
    expect(session().draft).toBe('select 1');
  });

  it('refuses a rename decided before another rename, but not before an unrelated change', async () => {
    const { id, version } = session();
    expect((await app.core().dispatch({ type: 'RenameSession', sessionId: id, title: 'Flights', expectedVersion: version })).ok).toBe(true);
    const before = app.core().store.lastSeq();
    const stale = await app.core().dispatch({ type: 'RenameSession', sessionId: id, title: 'Cars', expectedVersion: version });
    expect(stale.ok ? 'renamed' : stale.error.code).toBe('VERSION_CONFLICT');
    expect(app.core().store.lastSeq()).toBe(before);
    expect(session().title).toBe('Flights');

    const seen = session().version;
    await app.core().dispatch({ type: 'SaveDraft', sessionId: id, sql: 'select 3' });
    expect((await app.core().dispatch({ type: 'RenameSession', sessionId: id, title: 'Cars', expectedVersion: seen })).ok).toBe(true);
    expect(session().title).toBe('Cars');
  });

  it('refuses a rename decided before another window undid a rename: the name it brought back is not overwritten', async () => {
    const { id } = session();
    expect((await app.core().dispatch({ type: 'RenameSession', sessionId: id, title: 'Flights' })).ok).toBe(true);
    const seen = session().version; // window A starts renaming here
    const undone = await app.core().dispatch({ type: 'Undo', aggregateType: 'QuerySession', aggregateId: id, seq: seen });
    expect(undone.ok).toBe(true);
    const title = session().title;
    const before = app.core().store.lastSeq();

    const stale = await app.core().dispatch({ type: 'RenameSession', sessionId: id, title: 'Cars', expectedVersion: seen });
    expect(stale.ok ? 'renamed' : stale.error.code).toBe('VERSION_CONFLICT');
    expect(app.core().store.lastSeq()).toBe(before);
    expect(session().title).toBe(title);
  });

  it('refuses an edit from a window more than MAX_EVENTS_SINCE_SEEN events behind without reading them', async () => {
    const { id, version } = session();
    const metadata = { commandId: 'c', correlationId: 'c', issuedBy: 'user' } as const;
    const drafts = Array.from({ length: MAX_EVENTS_SINCE_SEEN + 1 }, (_, i) => ({ event: { type: 'DraftSaved', payload: { sql: `select ${i}` } } as const, topic: `session/${id}`, metadata, occurredAt: new Date().toISOString() }));
    app.core().store.append('QuerySession', id, version, drafts);

    // Drafts never refuse a rename once read (below): refused, it was refused unread.
    const stale = await app.core().dispatch({ type: 'RenameSession', sessionId: id, title: 'Cars', expectedVersion: version });
    expect(stale.ok ? 'renamed' : stale.error.code).toBe('VERSION_CONFLICT');
    // One event fewer behind is still read and judged.
    const near = await app.core().dispatch({ type: 'RenameSession', sessionId: id, title: 'Cars', expectedVersion: version + 1 });
    expect(near.ok).toBe(true);
  });

  it('refuses a version the log never had, and still accepts commands without one', async () => {
    const { id, version } = session();
    const future = await app.core().dispatch({ type: 'SaveDraft', sessionId: id, sql: 'select 4', expectedVersion: version + 5 });
    expect(future.ok ? 'saved' : future.error.code).toBe('VERSION_CONFLICT');
    expect((await app.core().dispatch({ type: 'SaveDraft', sessionId: id, sql: 'select 5' })).ok).toBe(true);
    expect(session().draft).toBe('select 5');
  });
});
