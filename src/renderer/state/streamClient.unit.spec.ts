import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EventEnvelope, SessionEvent } from '../../shared/contracts/events';
import type { Frame } from '../../shared/contracts/frames';
import type { SextantApi } from '../../shared/contracts/protocol';
import { emptyView, foldAppView, type AppView, type ViewEvent } from '../../shared/views/appView';
import { FAILED_RETRY_MS, persistDelayMs, StreamClient } from './streamClient';

/** An API that only subscribes: the test hands the client its frames. */
function fakeApi() {
  let onFrame: (frame: Frame) => void = () => {};
  let onConnection: (connected: boolean) => void = () => {};
  const subscriptions = new Map<string, string>();
  const api = {
    onFrame: (l: (frame: Frame) => void) => ((onFrame = l), () => {}),
    onConnection: (l: (connected: boolean) => void) => ((onConnection = l), () => {}),
    subscribe: (subscriptionId: string, pattern: string) => {
      subscriptions.set(pattern, subscriptionId);
      return Promise.resolve({ ok: true, value: { subscriptionId } });
    },
  } as unknown as SextantApi;
  return { api, connect: () => onConnection(true), drop: () => onConnection(false), send: (frame: Frame) => onFrame(frame), idOf: (pattern: string) => subscriptions.get(pattern)! };
}

let seq = 0;
const envelope = (aggregateType: 'QuerySession' | 'Dataset', aggregateId: string, aggregateSeq: number, e: SessionEvent | { type: 'DatasetRequested'; payload: { source: string } }): EventEnvelope =>
  ({ ...e, globalSeq: ++seq, eventId: `e${seq}`, aggregateType, aggregateId, aggregateSeq, schemaVersion: 1, topic: aggregateType === 'Dataset' ? 'catalog' : `session/${aggregateId}`, metadata: { commandId: 'c', correlationId: 'c', issuedBy: 'user' }, occurredAt: '2026-01-01T00:00:00Z' }) as EventEnvelope;

describe('StreamClient: the merged view', () => {
  it('given a window following every session and the catalog, when an event changes one session, then the datasets record is the one it was', () => {
    const { api, connect, send, idOf } = fakeApi();
    const client = new StreamClient(api, ['session/*', 'catalog'], undefined);
    connect();
    const sessions: AppView = foldAppView(emptyView(), [envelope('QuerySession', 's1', 1, { type: 'SessionOpened', payload: { title: 'A' } }) as ViewEvent]);
    const catalog: AppView = foldAppView(emptyView(), [envelope('Dataset', 'd1', 1, { type: 'DatasetRequested', payload: { source: '/tmp/a.csv' } }) as ViewEvent]);
    send({ kind: 'snapshot', subscriptionId: idOf('session/*'), seq: 1, storeId: 'x', lastEventId: 'e', state: sessions });
    send({ kind: 'snapshot', subscriptionId: idOf('catalog'), seq: 2, storeId: 'x', lastEventId: 'e', state: catalog });
    const before = client.getState().view;
    expect(Object.keys(before.datasets)).toEqual(['d1']);

    send({ kind: 'event', subscriptionId: idOf('session/*'), event: envelope('QuerySession', 's1', 2, { type: 'DraftSaved', payload: { sql: 'select 1' } }) });

    const after = client.getState().view;
    expect(after.sessions['s1']?.draft).toBe('select 1');
    expect(after.datasets).toBe(before.datasets);
    expect(after.removedDatasets).toBe(before.removedDatasets);
  });

  it('given a frame that changes nothing the window shows (progress), then the view object is the one it was', () => {
    const { api, connect, send, idOf } = fakeApi();
    const client = new StreamClient(api, ['session/*', 'catalog'], undefined);
    connect();
    send({ kind: 'snapshot', subscriptionId: idOf('session/*'), seq: 1, storeId: 'x', lastEventId: 'e', state: foldAppView(emptyView(), [envelope('QuerySession', 's1', 1, { type: 'SessionOpened', payload: { title: 'A' } }) as ViewEvent]) });
    const before = client.getState().view;
    send({ kind: 'progress', subscriptionId: idOf('session/*'), progress: { kind: 'query', queryId: 'q', rowsRead: 1, elapsedMs: 1 } as never });
    expect(client.getState().view).toBe(before);
  });
});

describe('StreamClient: a subscription main cannot catch up', () => {
  afterEach(() => vi.useRealTimers());

  it('given a stale frame of lag, then it resubscribes at once; given one carrying a failure, then it says it, and tries again only later', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { api, connect, send, idOf } = fakeApi();
    const subscribe = vi.spyOn(api, 'subscribe');
    const client = new StreamClient(api, ['session/*'], undefined);
    connect();
    expect(subscribe).toHaveBeenCalledTimes(1);
    send({ kind: 'stale', subscriptionId: idOf('session/*'), lastSeq: 0, error: { id: 'lag', code: 'DISCONNECTED', message: 'The subscriber fell too far behind; resubscribe from the last seq.' } });
    expect(subscribe).toHaveBeenCalledTimes(2);
    expect(client.getState().failure).toBeUndefined();

    const damaged = { id: 'e-corrupt', code: 'STORE_CORRUPT' as const, message: 'The event store is damaged.' };
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    send({ kind: 'stale', subscriptionId: idOf('session/*'), lastSeq: 0, error: damaged });
    expect(client.getState().failure).toEqual(damaged);
    expect(logged.mock.calls[0]?.[0]).toContain('e-corrupt');
    logged.mockRestore();
    expect(subscribe).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(FAILED_RETRY_MS - 1);
    expect(subscribe).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(1);
    expect(subscribe).toHaveBeenCalledTimes(3);

    // caught up at last: nothing is said any more
    send({ kind: 'snapshot', subscriptionId: idOf('session/*'), seq: 1, storeId: 'x', lastEventId: 'e', state: emptyView() });
    send({ kind: 'live', subscriptionId: idOf('session/*'), seq: 1, storeId: 'x' });
    expect(client.getState().failure).toBeUndefined();
    expect(client.getState().live).toBe(true);
  });
});

describe('StreamClient: DuckDB not running', () => {
  it('given main says on the catalog that DuckDB could not start, then it is said until a new connection, where main says it again if it still holds', () => {
    const { api, connect, drop, send, idOf } = fakeApi();
    const client = new StreamClient(api, ['session/*', 'catalog'], undefined);
    connect();
    expect(client.getState().duckdbDown).toBeUndefined();
    const down = { id: 'e-down', code: 'WORKER_CRASHED', message: 'DuckDB could not start: IO Error: Could not set lock on file.' };
    send({ kind: 'live', subscriptionId: idOf('catalog'), seq: 0, storeId: 'x' });
    send({ kind: 'progress', subscriptionId: idOf('catalog'), progress: { kind: 'duckdbDown', topic: 'catalog', error: down } });
    expect(client.getState().duckdbDown).toEqual(down);
    // other frames do not clear it
    send({ kind: 'live', subscriptionId: idOf('session/*'), seq: 0, storeId: 'x' });
    expect(client.getState().duckdbDown).toEqual(down);
    // a host started again may have DuckDB up
    drop();
    connect();
    expect(client.getState().duckdbDown).toBeUndefined();
  });
});

describe('StreamClient: a failure is its subscription’s own', () => {
  it('given one subscription failed, when another goes live, then the failure is still said', () => {
    const { api, connect, send, idOf } = fakeApi();
    const client = new StreamClient(api, ['session/*', 'catalog'], undefined);
    connect();
    const damaged = { id: 'e-corrupt', code: 'STORE_CORRUPT' as const, message: 'The event store is damaged.' };
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    send({ kind: 'stale', subscriptionId: idOf('session/*'), lastSeq: 0, error: damaged });
    logged.mockRestore();
    send({ kind: 'snapshot', subscriptionId: idOf('catalog'), seq: 1, storeId: 'x', lastEventId: 'e', state: emptyView() });
    send({ kind: 'live', subscriptionId: idOf('catalog'), seq: 1, storeId: 'x' });
    expect(client.getState().failure).toEqual(damaged);
    expect(client.getState().live).toBe(false);
  });
});

/** The clock a save's duration is read from. */
let clock = 0;

/** sessionStorage in memory, counting writes by key; each write takes `writeMs` of the (faked) clock. */
class CountingStorage {
  readonly items = new Map<string, string>();
  readonly writes: string[] = [];
  writeMs = 0;
  get length() {
    return this.items.size;
  }
  key = (i: number) => [...this.items.keys()][i] ?? null;
  getItem = (k: string) => this.items.get(k) ?? null;
  setItem = (k: string, v: string) => {
    this.writes.push(k.split(':').pop()!);
    this.items.set(k, v);
    clock += this.writeMs;
  };
  removeItem = (k: string) => void this.items.delete(k);
  clear = () => this.items.clear();
}

describe('StreamClient: saving the view for a reload', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });
  const started = (storage: CountingStorage) => {
    const { api, connect, send, idOf } = fakeApi();
    const client = new StreamClient(api, ['session/*', 'catalog'], storage as unknown as Storage);
    connect();
    send({ kind: 'snapshot', subscriptionId: idOf('session/*'), seq: 1, storeId: 'x', lastEventId: 'e', state: foldAppView(emptyView(), [envelope('QuerySession', 's1', 1, { type: 'SessionOpened', payload: { title: 'A' } }) as ViewEvent]) });
    send({ kind: 'snapshot', subscriptionId: idOf('catalog'), seq: 2, storeId: 'x', lastEventId: 'e', state: foldAppView(emptyView(), [envelope('Dataset', 'd1', 1, { type: 'DatasetRequested', payload: { source: '/a.csv' } }) as ViewEvent]) });
    let version = 1;
    const draft = () => send({ kind: 'event', subscriptionId: idOf('session/*'), event: envelope('QuerySession', 's1', ++version, { type: 'DraftSaved', payload: { sql: `select ${version}` } }) });
    return { client, draft };
  };

  it('given both patterns saved, when only a session changes, then only the sessions are written again', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    vi.spyOn(performance, 'now').mockImplementation(() => clock);
    const storage = new CountingStorage();
    const { client, draft } = started(storage);
    vi.advanceTimersByTime(250);
    expect(storage.writes.sort()).toEqual(['catalog', 'session/*']);
    storage.writes.length = 0;

    draft();
    vi.advanceTimersByTime(250);

    expect(storage.writes).toEqual(['session/*']);
    expect(JSON.parse(storage.getItem('sextant:stream:v3:session/*')!).seq).toBe(client.seqOf('session/*'));
  });

  it('given a save that took 100 ms (a view of thousands of queries), when events keep coming, then the next save waits 2 s, not 250 ms', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    vi.spyOn(performance, 'now').mockImplementation(() => clock);
    const storage = new CountingStorage();
    storage.writeMs = 50; // two patterns: 100 ms a save
    const { draft } = started(storage);
    vi.advanceTimersByTime(250);
    storage.writes.length = 0;

    draft();
    vi.advanceTimersByTime(1000);
    expect(storage.writes).toEqual([]);
    vi.advanceTimersByTime(1000);
    expect(storage.writes).toEqual(['session/*']);
  });

  it('spaces saves by twenty times their duration, and never closer than 250 ms', () => {
    expect(persistDelayMs(0)).toBe(250);
    expect(persistDelayMs(5)).toBe(250);
    expect(persistDelayMs(60)).toBe(1200);
  });
});

describe('StreamClient: the cursor names the event at its seq', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('given a snapshot and then an event, when it resubscribes after a drop or a reload, then it sends the id of the last event it folded', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { api, connect, drop, send, idOf } = fakeApi();
    const subscribe = vi.spyOn(api, 'subscribe');
    const storage = new CountingStorage();
    new StreamClient(api, ['session/*'], storage as unknown as Storage);
    connect();
    expect(subscribe.mock.lastCall?.[2]).toBeUndefined(); // nothing known yet: a snapshot
    send({ kind: 'snapshot', subscriptionId: idOf('session/*'), seq: 4, storeId: 'log', lastEventId: 'at-4', state: emptyView() });
    drop();
    connect();
    expect(subscribe.mock.lastCall?.[2]).toEqual({ afterSeq: 4, storeId: 'log', afterEventId: 'at-4' });
    const opened = envelope('QuerySession', 's1', 1, { type: 'SessionOpened', payload: { title: 'A' } });
    send({ kind: 'event', subscriptionId: idOf('session/*'), event: opened });
    drop();
    connect();
    const resumed = { afterSeq: opened.globalSeq, storeId: 'log', afterEventId: opened.eventId };
    expect(subscribe.mock.lastCall?.[2]).toEqual(resumed);

    vi.advanceTimersByTime(250); // saved for a reload
    const reloaded = fakeApi();
    const resubscribe = vi.spyOn(reloaded.api, 'subscribe');
    new StreamClient(reloaded.api, ['session/*'], storage as unknown as Storage);
    reloaded.connect();
    expect(resubscribe.mock.lastCall?.[2]).toEqual(resumed);
  });
});
