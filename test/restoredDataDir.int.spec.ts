import { cpSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openSessions, viewForPattern } from '../src/shared/views/appView';
import type { Frame } from '../src/shared/contracts/frames';
import { createApiClient } from '../src/shared/client/apiClient';
import { StreamClient } from '../src/renderer/state/streamClient';
import type { ServerChannel } from '../src/main/transports/serverChannel';
import { startTestCore, tempDir, type TestCore } from './support/testCore';
import { MemoryTransport } from './support/memoryChannel';
import { ProtocolClient } from './support/protocolClient';
import { ChannelProbe, MapStorage, waitFor } from './support/clientHarness';

/**
 * A data dir restored from a copy keeps its store id (the log's first event) but reuses the seqs
 * past the copy for other events. An open page whose cursor passed the copy must be told its view
 * is not of this log (a snapshot), not be replayed the restored log's later events on top of
 * sessions that no longer exist. Real SQLite files, the real core and the renderer's stream client.
 */
describe('a data dir restored from an earlier copy', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });
  const dir = () => {
    const d = tempDir();
    cleanup.push(() => d.remove());
    return d.path;
  };
  /** A core on `path`, closed once: by the test (a stop) or at the end. */
  const start = async (path: string): Promise<TestCore> => {
    const c = await startTestCore(path);
    let closed: Promise<void> | undefined;
    const once = { ...c, close: () => (closed ??= c.close()) };
    cleanup.push(() => once.close());
    return once;
  };
  const openAll = async (c: TestCore, titles: readonly string[]) => {
    for (const title of titles) {
      const r = await c.dispatch({ type: 'OpenSession', title });
      if (!r.ok) throw new Error(r.error.message);
    }
  };
  const titles = (stream: StreamClient) => openSessions(stream.getState().view).map((s) => s.title);
  const named = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i + 1}`);

  /** A page following every session, on whichever core `current()` is; saved in `storage`. */
  const page = (current: () => TestCore, storage: Storage) => {
    const transport = new MemoryTransport((channel: ServerChannel) => void current().connect(channel));
    transport.connect();
    const probe = new ChannelProbe(transport);
    const stream = new StreamClient(createApiClient(probe), ['session/*'], storage);
    cleanup.push(() => transport.drop());
    return { transport, probe, stream };
  };
  const saved = (storage: Storage, stream: StreamClient) =>
    waitFor(() => (JSON.parse(storage.getItem('sextant:stream:v3:session/*') ?? '{}') as { seq?: number }).seq === stream.seqOf('session/*'), 'the cursor saved');

  /** The first start (it opens "Session 1"), a copy of its data dir, and a start on the original again. */
  const withBackup = async () => {
    const original = dir();
    await (await start(original)).close();
    const backup = dir();
    cpSync(original, backup, { recursive: true });
    return { original, backup, again: await start(original) };
  };

  it('an open page whose cursor passed the copy gets a snapshot of the restored log, and keeps it after a reload', async () => {
    const { backup, again } = await withBackup();
    let current = again;
    const storage = new MapStorage();
    const p = page(() => current, storage);
    await waitFor(() => p.stream.getState().live, 'live');
    await openAll(again, named('AFTER-BACKUP', 3));
    await waitFor(() => titles(p.stream).length === 4, 'the page shows the sessions opened after the copy');
    await saved(storage, p.stream);
    const cursor = p.stream.seqOf('session/*')!;
    const folded = again.store.eventIdAt(cursor);
    p.transport.drop();
    await again.close();

    const restored = await start(backup);
    expect(restored.streams.storeId()).toBe(again.streams.storeId()); // the same log, as far as its id says
    await openAll(restored, named('RESTORED', 5));
    expect(restored.store.lastSeq()).toBeGreaterThan(cursor);
    current = restored;
    p.transport.connect();
    await waitFor(() => p.stream.getState().live && p.stream.seqOf('session/*') === restored.store.lastSeq(), 'live on the restored log');

    expect(p.probe.subscribes().at(-1)).toMatchObject({ afterSeq: cursor, afterEventId: folded });
    expect(p.probe.framesOn(p.probe.connections).map((f) => f.kind)).toEqual(['snapshot', 'live']);
    expect(titles(p.stream)).toEqual(['Session 1', ...named('RESTORED', 5)]);
    expect(p.stream.viewOf('session/*')).toEqual(viewForPattern(restored.projections.current.view, 'session/*'));

    await saved(storage, p.stream);
    p.transport.drop();
    const reloaded = page(() => restored, storage);
    await waitFor(() => reloaded.stream.getState().live, 'live after a reload');
    expect(titles(reloaded.stream)).toEqual(['Session 1', ...named('RESTORED', 5)]);
    expect(reloaded.probe.delivered.map((d) => d.frame.kind)).toEqual(['live']); // its cursor is this log's now
  });

  it('a page that only missed events of the same log is replayed just those', async () => {
    const { original, again } = await withBackup();
    let current = again;
    const storage = new MapStorage();
    const p = page(() => current, storage);
    await waitFor(() => p.stream.getState().live, 'live');
    await openAll(again, named('BEFORE-RESTART', 2));
    await waitFor(() => titles(p.stream).length === 3, 'the page shows them');
    p.transport.drop();
    await again.close();

    const restarted = await start(original);
    await openAll(restarted, named('WHILE-AWAY', 2));
    current = restarted;
    p.transport.connect();
    await waitFor(() => p.stream.getState().live && p.stream.seqOf('session/*') === restarted.store.lastSeq(), 'live again');

    expect(p.probe.framesOn(p.probe.connections).map((f) => f.kind)).toEqual(['event', 'event', 'live']);
    expect(titles(p.stream)).toEqual(['Session 1', ...named('BEFORE-RESTART', 2), ...named('WHILE-AWAY', 2)]);
    expect(p.stream.viewOf('session/*')).toEqual(viewForPattern(restarted.projections.current.view, 'session/*'));
  });

  it('over the wire: the event id at the cursor decides; without one (an older client) the cursor is replayed as before', async () => {
    const { backup, again } = await withBackup();
    await openAll(again, named('AFTER-BACKUP', 3));
    const storeId = again.streams.storeId();
    const afterSeq = again.store.lastSeq();
    const lost = again.store.eventIdAt(afterSeq);
    await again.close();
    const restored = await start(backup);
    await openAll(restored, named('RESTORED', 5));

    const c = new ProtocolClient((channel) => restored.connect(channel));
    await c.request({ method: 'subscribe', subscriptionId: 'lost', pattern: 'session/*', afterSeq, storeId, afterEventId: lost });
    await c.request({ method: 'subscribe', subscriptionId: 'kept', pattern: 'session/*', afterSeq, storeId, afterEventId: restored.store.eventIdAt(afterSeq) });
    await c.request({ method: 'subscribe', subscriptionId: 'older', pattern: 'session/*', afterSeq, storeId });
    await c.until((f) => f.filter((x) => x.kind === 'live').length === 3);
    const kinds = (id: string) => c.framesOf(id).map((f) => f.kind);
    expect(kinds('lost')).toEqual(['snapshot', 'live']);
    const missed = restored.store.readAfter(afterSeq, 1000, 'session/*').map((e) => e.globalSeq);
    expect(missed.length).toBeGreaterThan(0);
    expect(c.framesOf('kept').flatMap((f) => (f.kind === 'event' ? [f.event.globalSeq] : []))).toEqual(missed);
    expect(kinds('kept')).toEqual([...missed.map(() => 'event'), 'live']);
    expect(kinds('older')).toEqual(kinds('kept'));
    const snapshot = c.framesOf('lost')[0] as Extract<Frame, { kind: 'snapshot' }>;
    expect(snapshot.lastEventId).toBe(restored.store.eventIdAt(snapshot.seq));
  });
});
