import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { DomainEvent } from '../src/shared/contracts/events';
import type { Frame } from '../src/shared/contracts/frames';
import { emptyView, foldAppViewBatches, viewForPattern, type AppView, type ViewEvent } from '../src/shared/views/appView';
import { silentLogger } from '../src/main/platform/logger';
import { EventStore } from '../src/main/store/eventStore';
import { Bus } from '../src/main/streams/bus';
import { Projections, REBUILD_BATCH } from '../src/main/streams/projections';
import { restoreProjections } from '../src/main/streams/viewSnapshotRestore';
import { ViewSnapshotWriter } from '../src/main/streams/viewSnapshotWriter';
import { ProtocolClient } from '../test/support/protocolClient';
import { startTestCore } from '../test/support/testCore';
import { fromMeasurement, median, type Bench } from './harness';
import { storeDataDir } from './storeDataDir';
import { log1m } from './store.bench';

/** The session a window of this log shows: the synthetic log's first. */
const SESSION = 'session-0';

/**
 * What a window waits for at start: the app core serving on the data dir, then the first snapshot
 * frames of its two subscriptions (`session/<id>` and `catalog`). DuckDB's side comes up behind
 * them; `readyMs` is when it is up (after the frames, so it costs them nothing).
 */
async function startAndServe(dataDir: string, session = SESSION): Promise<{ ms: number; startedMs: number; readyMs: number; close: () => Promise<void> }> {
  const t = performance.now();
  const core = await startTestCore(dataDir, { memoryLimit: undefined, untilReady: false });
  if (session === 'any') session = Object.keys(core.view().sessions)[0] ?? 'none';
  const startedMs = performance.now() - t;
  const client = new ProtocolClient((channel) => core.connect(channel));
  void client.request({ method: 'subscribe', subscriptionId: 'session', pattern: `session/${session}` });
  void client.request({ method: 'subscribe', subscriptionId: 'catalog', pattern: 'catalog' });
  await client.until((frames) => ['session', 'catalog'].every((id) => frames.some((f: Frame) => f.kind === 'snapshot' && f.subscriptionId === id)), 120_000);
  const ms = performance.now() - t;
  const ready = await core.whenReady();
  if (!ready.ok) throw new Error(`DuckDB did not start: ${ready.error.message}`);
  const readyMs = performance.now() - t;
  const snapshot = client.frames.find((f) => f.kind === 'snapshot' && f.subscriptionId === 'session');
  if (snapshot?.kind !== 'snapshot' || (session === SESSION && !snapshot.state.sessions[SESSION]?.history.length)) throw new Error('the first snapshot frame has no history');
  return {
    ms,
    startedMs,
    readyMs,
    close: async () => {
      client.transport.drop();
      await core.close();
    },
  };
}

/** The snapshot's part of a start, without DuckDB: open the store, restore main's view, the two frames' JSON. */
function restoreAndServe(path: string): number {
  const t = performance.now();
  const store = new EventStore(path);
  const projections = new Projections();
  restoreProjections(store, store.viewSnapshots(), projections, silentLogger());
  JSON.stringify(projections.snapshot(`session/${SESSION}`));
  JSON.stringify(projections.snapshot('catalog'));
  store.close();
  return performance.now() - t;
}

/**
 * The baseline: every projection rebuilt from scratch with the raw library: a better-sqlite3 read
 * of every event (the columns a view folds, as arrays, in the rebuild's batches from a seq cursor), a
 * `JSON.parse` of each payload, the one fold, and the same two frames' JSON.
 */
function rawRebuild(path: string, events: number): { ms: number; view: AppView } {
  const t = performance.now();
  const db = new Database(path, { readonly: true });
  const read = db
    .prepare<[number, number], [number, string, string, number, string, string, string]>(
      'SELECT global_seq, aggregate_type, aggregate_id, aggregate_seq, event_type, payload, occurred_at FROM events WHERE global_seq > ? ORDER BY global_seq LIMIT ?',
    )
    .raw(true);
  let folded = 0;
  const batches = function* (): Generator<ViewEvent[]> {
    for (let cursor = 0; ; ) {
      const rows = read.all(cursor, REBUILD_BATCH);
      yield rows.map(
        ([globalSeq, aggregateType, aggregateId, aggregateSeq, type, payload, occurredAt]) =>
          ({ type, payload: JSON.parse(payload) as unknown, globalSeq, aggregateType, aggregateId, aggregateSeq, occurredAt }) as ViewEvent & DomainEvent,
      );
      folded += rows.length;
      if (rows.length < REBUILD_BATCH) return;
      cursor = rows[rows.length - 1]![0];
    }
  };
  const view = foldAppViewBatches(emptyView(), batches());
  JSON.stringify(viewForPattern(view, `session/${SESSION}`));
  JSON.stringify(viewForPattern(view, 'catalog'));
  db.close();
  if (folded !== events) throw new Error(`folded ${folded} of ${events} events`);
  return { ms: performance.now() - t, view };
}

/**
 * The snapshot a previous run leaves at shutdown, written by the app's writer from `view` (the
 * baseline's fold of the same log, so the setup does not fold a million events once more).
 */
async function writeSnapshot(path: string, view: AppView, events: number): Promise<{ writeMs: number; headChars: number }> {
  const store = new EventStore(path);
  const projections = new Projections();
  projections.rebuild(store, { view, seq: events });
  const writer = new ViewSnapshotWriter(store.viewSnapshots(), projections, new Bus(), silentLogger(), { base: undefined, folded: events });
  const t = performance.now();
  await writer.close();
  const writeMs = performance.now() - t;
  const headChars = store.viewSnapshots().heads()[0]?.body.length ?? 0;
  store.close();
  return { writeMs, headChars };
}

/**
 * The like-for-like baseline of the snapshot's part of a start: the raw library reading the same
 * rows the app reads (the snapshot's head, the shown session's history part, the events after the
 * head), `JSON.parse` of each, and the same two frames' JSON. What `restoreAndServe` costs beyond it
 * is the app's own: opening its store (pragmas, schema check), checking the head, the projections.
 */
function rawRestore(path: string): number {
  const t = performance.now();
  const db = new Database(path, { readonly: true });
  const head = db.prepare<[], { seq: number; body: string }>(`SELECT seq, body FROM view_snapshots WHERE name = 'view' ORDER BY seq DESC LIMIT 1`).get();
  if (!head) throw new Error('the store has no snapshot');
  const view = JSON.parse(head.body) as { sessions: Record<string, Record<string, unknown>>; datasets: unknown };
  const part = db.prepare<[string], { body: string }>('SELECT body FROM view_snapshots WHERE name = ? ORDER BY seq DESC LIMIT 1').get(`history/${SESSION}`);
  const history = part ? (JSON.parse(part.body) as unknown) : [];
  const after = db.prepare<[number], { payload: string }>('SELECT payload FROM events WHERE global_seq > ? ORDER BY global_seq').all(head.seq);
  for (const e of after) JSON.parse(e.payload);
  JSON.stringify({ sessions: { [SESSION]: { ...view.sessions[SESSION], history } }, datasets: {} });
  JSON.stringify({ sessions: {}, datasets: view.datasets });
  db.close();
  return performance.now() - t;
}

interface StartupFigures {
  readonly events: number;
  readonly start: number[];
  readonly rebuild: number[];
  readonly restore: number[];
  readonly rawRestore: number[];
  readonly notes: Record<string, string | number>;
}

let figures: Promise<StartupFigures> | undefined;

/** One run for both benches: five interleaved rounds of the raw rebuild, the app's start, its restore alone and the raw restore. */
function startupFigures(): Promise<StartupFigures> {
  figures ??= (async () => {
    const { path: log, events } = log1m();
    const dir = storeDataDir();
    const { dataDir, storePath: path } = dir;
    copyFileSync(log, path);

    let written: { writeMs: number; headChars: number } | undefined;
    // Interleaved, so drift on a loaded machine hits both alike. No warm-up round: the bench must
    // fit in a minute, and the median of five shrugs off the first run's cold caches.
    const rebuild: number[] = [];
    const start: number[] = [];
    const started: number[] = [];
    const ready: number[] = [];
    const restore: number[] = [];
    const raw: number[] = [];
    for (let round = 0; round < 5; round++) {
      const rebuilt = rawRebuild(log, events);
      rebuild.push(rebuilt.ms);
      written ??= await writeSnapshot(path, rebuilt.view, events);
      const app = await startAndServe(dataDir);
      await app.close();
      start.push(app.ms);
      started.push(app.startedMs);
      ready.push(app.readyMs);
      restore.push(restoreAndServe(path));
      raw.push(rawRestore(path));
    }
    // What the same start costs with no history at all: the part of the figure the log's length does not touch.
    const emptyDir = join(dir.root, 'empty');
    mkdirSync(emptyDir);
    const empty = await startAndServe(emptyDir, 'any');
    await empty.close();
    dir.remove();
    const notes = {
      events,
      core_started_ms: median(started).toFixed(0),
      duckdb_ready_ms: median(ready).toFixed(0),
      restore_and_frames_ms: median(restore).toFixed(1),
      empty_store_start_ms: empty.ms.toFixed(0),
      snapshot_write_ms: written?.writeMs.toFixed(0) ?? '',
      head_chars: written?.headChars ?? 0,
    };
    return { events, start, rebuild, restore, rawRestore: raw, notes };
  })();
  return figures;
}

export const benches: Bench[] = fromMeasurement(startupFigures, 'ms', [
  {
    name: 'time.startup_1m',
    what: 'starting the app core on a store of 1,000,000 events that has a snapshot → the first snapshot frames a window gets (`session/<id>`, `catalog`) vs rebuilding every projection from scratch (raw better-sqlite3 read of every event, `JSON.parse`, the fold)',
    goal: 0.1,
    sides: (f) => ({ subject: f.start, baseline: f.rebuild, notes: f.notes }),
  },
  {
    name: 'time.restore_1m',
    what: 'the same start’s snapshot part without DuckDB (open the store, restore main’s view, the two frames’ JSON) vs raw better-sqlite3 reading the same rows (the head, the session’s history part, the events after it), `JSON.parse`, the same JSON: what the app adds to reading its snapshot',
    sides: (f) => ({ subject: f.restore, baseline: f.rawRestore }),
  },
]);
