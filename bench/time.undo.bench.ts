/**
 * Undo at the client: the renderer's own StreamClient, subscribed over the in-process transport,
 * presses Undo on a rename (nextUndo on its view → dispatch → decided, stored durably, projected,
 * published) and is timed until its view holds the undo folded in (the old title is back). The
 * baseline is one raw durable insert of the same row into better-sqlite3 with the store's schema
 * and pragmas (WAL, synchronous = FULL), as store.append_one's.
 */
import { createApiClient } from '../src/shared/client/apiClient';
import { nextUndo } from '../src/shared/views/undoTarget';
import { openSessions, type AppView } from '../src/shared/views/appView';
import { MemoryTransport } from '../test/support/memoryChannel';
import { StreamClient } from '../src/renderer/state/streamClient';
import { MapStorage } from '../test/support/clientHarness';
import { startTestCore, tempDir } from '../test/support/testCore';
import { fromSamples, type Bench } from './harness';
import { rawDurableAppend, rawEventLog } from './rawEventLog';

const SAMPLES = 50;
const WARMUP = 5;

/** Resolves once the stream's view satisfies `ready`. */
function until(stream: StreamClient, ready: (view: AppView) => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (ready(stream.getState().view)) return resolve();
    const off = stream.subscribeToState(() => {
      if (!ready(stream.getState().view)) return;
      off();
      resolve();
    });
  });
}

const undo: Bench = {
  name: 'time.undo',
  what: 'Undo of a rename at the client (nextUndo → dispatch → durable append → the subscribed StreamClient folds the ActionUndone) vs a raw durable one-row insert into better-sqlite3 with the store’s schema and pragmas',
  goal: 3,
  async run() {
    const dir = tempDir('sextant-bench-undo-');
    const core = await startTestCore(dir.path);
    const transport = new MemoryTransport((channel) => core.connect(channel));
    transport.connect();
    const api = createApiClient(transport);
    const stream = new StreamClient(api, ['session/*', 'catalog'], new MapStorage());
    await until(stream, (v) => openSessions(v).length > 0);
    const sessionId = openSessions(stream.getState().view)[0]!.id;

    const raw = rawEventLog(`${dir.path}/raw.sqlite`, { exclusive: true });
    const rawAppend = rawDurableAppend(raw);
    let rawSeq = 0;

    let n = 0;
    const title = () => stream.getState().view.sessions[sessionId]?.title;
    /** Untimed: a rename to undo, seen by the client. */
    const rename = async () => {
      const next = `title ${n++}`;
      const r = await api.dispatch({ type: 'RenameSession', sessionId, title: next });
      if (!r.ok) throw new Error(r.error.message);
      await until(stream, () => title() === next);
    };
    const pressUndo = async (): Promise<number> => {
      const before = title();
      const t = performance.now();
      const target = nextUndo(stream.getState().view, sessionId);
      if (!target) throw new Error('nothing to undo');
      const r = await api.dispatch({ type: 'Undo', ...target.action });
      if (!r.ok) throw new Error(r.error.message);
      await until(stream, () => title() !== before);
      return performance.now() - t;
    };
    const rawOnce = (): number => {
      const t = performance.now();
      rawAppend('ActionUndone', { seq: ++rawSeq });
      return performance.now() - t;
    };

    const b: number[] = [];
    const s: number[] = [];
    for (let i = 0; i < WARMUP + SAMPLES; i++) {
      // Two renames, one undo: the undo stack grows as in real use, instead of emptying.
      await rename();
      await rename();
      const bi = rawOnce();
      const si = await pressUndo();
      if (i >= WARMUP) {
        b.push(bi);
        s.push(si);
      }
    }
    transport.drop();
    raw.close();
    await core.close();
    dir.remove();
    return fromSamples('time.undo', 'ms', s, b);
  },
};

export const benches: Bench[] = [undo];
