import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HASH_PROGRESS_MIN_BYTES } from '../src/shared/contracts/fingerprint';
import { openSessions, viewForPattern } from '../src/shared/views/appView';
import { startTestCore, tempDir, type TestCore } from './support/testCore';
import { MemoryTransport } from './support/memoryChannel';
import type { ServerChannel } from '../src/main/transports/serverChannel';
import { createApiClient } from '../src/shared/client/apiClient';
import { StreamClient } from '../src/renderer/state/streamClient';
import { ChannelProbe, MapStorage, waitFor } from './support/clientHarness';

/** The renderer's stream client against a real core, over the in-memory transport. */
describe('StreamClient', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });
  const core = async () => {
    const dir = tempDir();
    const c = await startTestCore(dir.path);
    cleanup.push(() => dir.remove(), () => c.close());
    return c;
  };
  const client = (accept: (channel: ServerChannel) => void, storage: Storage, patterns = ['session/*']) => {
    const transport = new MemoryTransport(accept);
    transport.connect();
    const probe = new ChannelProbe(transport);
    const stream = new StreamClient(createApiClient(probe), patterns, storage);
    cleanup.push(() => transport.drop());
    return { transport, probe, stream };
  };
  const onCore = (c: TestCore) => (channel: ServerChannel) => void c.connect(channel);
  /** Resolves once `storage` holds the cursor the client is at for `pattern` (it saves on a timer). */
  const persisted = (storage: Storage, stream: StreamClient, pattern: string) =>
    waitFor(() => {
      const key = Array.from({ length: storage.length }, (_, i) => storage.key(i)).find((k) => k?.endsWith(`:${pattern}`));
      const saved = key ? (JSON.parse(storage.getItem(key) ?? '{}') as { seq?: number }) : undefined;
      return saved?.seq !== undefined && saved.seq === stream.seqOf(pattern);
    }, 'the cursor saved');

  it('after a reload it resumes from the saved (view, seq) and replays only what it missed', async () => {
    const c = await core();
    const a = await c.dispatch({ type: 'OpenSession', title: 'A' });
    const storage = new MapStorage();
    const first = client(onCore(c), storage);
    await waitFor(() => first.stream.getState().live, 'live');
    await persisted(storage, first.stream, 'session/*');
    first.transport.drop(); // the page goes away
    const sessionId = a.ok ? a.value.aggregateId : '';
    await c.dispatch({ type: 'RenameSession', sessionId, title: 'while reloading' });

    const second = client(onCore(c), storage);
    expect(second.stream.getState().view.sessions[sessionId]?.title).toBe('A'); // shown at once, from storage
    await waitFor(() => second.stream.getState().live, 'live again');
    const [resubscribe] = second.probe.subscribes();
    expect(resubscribe?.afterSeq).toBe(first.stream.seqOf('session/*'));
    expect(second.probe.delivered.map((d) => d.frame.kind)).toEqual(['event', 'live']);
    expect(second.stream.viewOf('session/*')).toEqual(viewForPattern(c.projections.current.view, 'session/*'));
  });

  it('when the data dir was replaced under it, it takes a snapshot of the new log and keeps nothing of the old', async () => {
    const old = await core();
    await old.dispatch({ type: 'OpenSession', title: 'Old' });
    for (let i = 0; i < 5; i++) await old.dispatch({ type: 'OpenSession', title: `Old ${i}` });
    const storage = new MapStorage();
    let current = old;
    const c = client((channel) => void current.connect(channel), storage);
    await waitFor(() => c.stream.getState().live, 'live');
    expect(openSessions(c.stream.getState().view)).toHaveLength(7); // and the one its first start opened

    // Another data dir behind the same address: a different log whose seqs go further.
    const fresh = await core();
    for (let i = 0; i < 9; i++) await fresh.dispatch({ type: 'OpenSession', title: `New ${i}` });
    c.transport.drop();
    current = fresh;
    c.transport.connect();
    await waitFor(() => c.stream.getState().live && c.stream.seqOf('session/*') === fresh.store.lastSeq(), 'the new log');
    const [, resubscribe] = c.probe.subscribes();
    expect(resubscribe?.storeId).toBe(old.streams.storeId());
    expect(c.probe.framesOn(c.probe.connections).map((f) => f.kind)).toEqual(['snapshot', 'live']);
    const titles = openSessions(c.stream.getState().view).map((s) => s.title);
    expect(titles.slice(1)).toEqual(Array.from({ length: 9 }, (_, i) => `New ${i}`));
    expect(titles.filter((t) => t.startsWith('Old'))).toEqual([]);
    expect(c.stream.viewOf('session/*')).toEqual(viewForPattern(fresh.projections.current.view, 'session/*'));
  });

  it('keeps a dataset’s fingerprint progress while it is added, and drops it once it is registered', async () => {
    const c = await core();
    const { stream } = client(onCore(c), new MapStorage(), ['catalog']);
    await waitFor(() => stream.getState().live, 'live');
    const seen: string[] = [];
    stream.subscribeToState(() => {
      for (const p of Object.values(stream.getState().catalogProgress)) seen.push(`${p.kind} ${p.datasetId}`);
    });
    const dir = tempDir();
    cleanup.push(() => dir.remove());
    const big = join(dir.path, 'big.csv');
    writeFileSync(big, Buffer.concat([Buffer.from('a,b\n'), Buffer.alloc(HASH_PROGRESS_MIN_BYTES + 32 * 2 ** 20, '1,2\n')]));
    const added = await c.dispatch({ type: 'AddDataset', source: big });
    if (!added.ok) throw new Error(added.error.message);
    const id = added.value.aggregateId;
    await waitFor(() => stream.getState().view.datasets[id]?.status === 'ready', 'registered');
    expect(seen).toContain(`fingerprint ${id}`);
    expect(stream.getState().catalogProgress).toEqual({});
  });
});
