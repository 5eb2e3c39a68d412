import Database from 'better-sqlite3';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DomainEvent, EventMetadata } from '../../shared/contracts/events';
import type { AppView } from '../../shared/views/appView';
import { APP_VIEW_SCHEMA_VERSION } from '../../shared/views/appViewSchema';
import { queryEnd, startQuery } from '../../../test/support/coreEvents';
import { startTestCore, tempDir } from '../../../test/support/testCore';
import type { Logger } from '../platform/logger';
import { EventStore } from '../store/eventStore';
import { Bus } from './bus';
import { historyLoaded } from './lazyHistory';
import { Projections } from './projections';
import { historyPart, restoreProjections, type RestoreOutcome } from './viewSnapshotRestore';
import { defaultSnapshotPolicy, ViewSnapshotWriter } from './viewSnapshotWriter';

const metadata: EventMetadata = { commandId: '0190a0a0-0000-7000-8000-00000000c0de', correlationId: '0190a0a0-0000-7000-8000-00000000c0de', issuedBy: 'user' };

/** A logger that keeps its warnings: a damaged snapshot must be reported, never fail a start. */
function warningLogger(): { log: Logger; warnings: () => string[] } {
  const lines: string[] = [];
  const log = pino({ level: 'warn' }, { write: (line: string) => void lines.push(line) });
  return { log, warnings: () => lines.map((l) => (JSON.parse(l) as { msg: string }).msg) };
}

/** Appends to one aggregate at its current version. */
function append(store: EventStore, type: 'QuerySession' | 'Dataset', id: string, events: DomainEvent[]): void {
  const topic = type === 'Dataset' ? 'catalog' : `session/${id}`;
  store.append(
    type,
    id,
    store.aggregateVersion(type, id),
    events.map((event, i) => ({ event, topic, metadata, occurredAt: new Date(1_767_225_600_000 + i * 1000).toISOString() })),
  );
}

function query(n: number): DomainEvent[] {
  const queryId = `q${n}`;
  const outcome: DomainEvent =
    n % 3 === 0
      ? { type: 'QueryFailed', payload: { queryId, error: { id: `e${n}`, code: 'SQL_ERROR', message: 'Binder Error' } } }
      : { type: 'QueryCompleted', payload: { queryId, rowCount: n, columns: [{ name: 'n', type: 'BIGINT' }], durationMs: 1.5 } };
  return [{ type: 'QueryStarted', payload: { queryId, sql: `select ${n} as n` } }, { type: 'ExecutionBegan', payload: { queryId } }, outcome];
}

/** A log with three sessions (one renamed, one closed, each with queries) and a dataset. */
function writeHistory(store: EventStore, from = 0): void {
  if (from === 0) {
    for (const id of ['a', 'b', 'c']) append(store, 'QuerySession', id, [{ type: 'SessionOpened', payload: { title: `Session ${id}` } }]);
    append(store, 'Dataset', 'd1', [
      { type: 'DatasetRequested', payload: { source: '/data/cars.json' } },
      { type: 'DatasetRegistered', payload: { name: 'cars', source: '/data/cars.json', format: 'json', columns: [{ name: 'Name', type: 'VARCHAR' }] } },
    ]);
    append(store, 'QuerySession', 'c', [{ type: 'SessionClosed', payload: {} }]);
  }
  for (let n = from; n < from + 9; n++) append(store, 'QuerySession', ['a', 'b', 'c'][n % 3]!, query(n));
  append(store, 'QuerySession', 'a', [{ type: 'SessionRenamed', payload: { title: `Renamed at ${from}` } }, { type: 'DraftSaved', payload: { sql: `select ${from}` } }]);
}

const rebuilt = (store: EventStore): { seq: number; view: AppView } => {
  const p = new Projections();
  p.rebuild(store);
  return p.current;
};

/** What a start makes of the store, and a writer over it, as AppCore composes them. */
function start(store: EventStore, log: Logger): { projections: Projections; restored: RestoreOutcome; writer: ViewSnapshotWriter; bus: Bus } {
  const projections = new Projections();
  const restored = restoreProjections(store, store.viewSnapshots(), projections, log);
  const bus = new Bus();
  const writer = new ViewSnapshotWriter(store.viewSnapshots(), projections, bus, log, restored, defaultSnapshotPolicy);
  return { projections, restored, writer, bus };
}

/** Main's view equals a rebuild's field for field, and serializes to the same JSON (what a snapshot frame carries). */
function expectSameAsRebuild(projections: Projections, store: EventStore): void {
  const full = rebuilt(store);
  expect(projections.current.seq).toBe(full.seq);
  expect(projections.current.view).toStrictEqual(full.view);
  expect(JSON.stringify(projections.snapshot('**'))).toBe(JSON.stringify({ seq: full.seq, state: full.view }));
}

describe('view snapshots (real SQLite file in a temp dir)', () => {
  let dir: ReturnType<typeof tempDir>;
  let path: string;
  beforeEach(() => {
    dir = tempDir();
    path = `${dir.path}/events.sqlite`;
  });
  afterEach(() => dir.remove());

  /** A store whose last snapshot is at the end of a first history, with a second history after it. */
  async function storeWithSnapshotAndTail(): Promise<number> {
    const store = new EventStore(path);
    writeHistory(store);
    const { writer } = start(store, pino({ level: 'silent' }));
    await writer.close();
    const snapshotSeq = writer.seq;
    writeHistory(store, 100);
    store.close();
    return snapshotSeq;
  }

  const raw = () => new Database(path);

  it('a start from a snapshot and the events after it serves what a full rebuild serves; deleting the snapshots changes nothing but where it came from', async () => {
    const snapshotSeq = await storeWithSnapshotAndTail();
    let store = new EventStore(path);
    expect(snapshotSeq).toBeGreaterThan(0);
    expect(store.lastSeq()).toBeGreaterThan(snapshotSeq);
    const fromSnapshot = start(store, pino({ level: 'silent' }));
    expect(fromSnapshot.restored).toMatchObject({ from: 'snapshot', folded: store.lastSeq() - snapshotSeq });
    expectSameAsRebuild(fromSnapshot.projections, store);
    store.close();

    const db = raw();
    db.exec('DELETE FROM view_snapshots');
    db.close();
    store = new EventStore(path);
    const fromLog = start(store, pino({ level: 'silent' }));
    expect(fromLog.restored).toMatchObject({ from: 'log', folded: store.lastSeq() });
    expect(fromLog.projections.current).toStrictEqual(fromSnapshot.projections.current);
    store.close();
  });

  it('a snapshot of another view schema is ignored and rebuilt, and the next write is at the current schema', async () => {
    await storeWithSnapshotAndTail();
    const db = raw();
    // Off by one schema and visibly wrong: were it used, the title would show.
    const head = db.prepare<[], { body: string }>("SELECT body FROM view_snapshots WHERE name = 'view'").get()!;
    const stale = JSON.parse(head.body) as { sessions: Record<string, { title: string }> };
    stale.sessions['b']!.title = 'from an older build';
    db.prepare("UPDATE view_snapshots SET schema_version = ?, body = ? WHERE name = 'view'").run(APP_VIEW_SCHEMA_VERSION + 1, JSON.stringify(stale));
    db.prepare("UPDATE view_snapshots SET schema_version = ? WHERE name <> 'view'").run(APP_VIEW_SCHEMA_VERSION + 1);
    db.close();

    const store = new EventStore(path);
    const { projections, restored, writer } = start(store, pino({ level: 'silent' }));
    expect(restored.from).toBe('log');
    expectSameAsRebuild(projections, store);
    await writer.close();
    expect(store.viewSnapshots().heads().map((h) => [h.seq, h.schemaVersion])).toEqual([[store.lastSeq(), APP_VIEW_SCHEMA_VERSION]]);
    store.close();
  });

  it('a head that is not JSON, or not a view, is ignored with a warning; the start rebuilds', async () => {
    for (const body of ['{"sessions": {', JSON.stringify({ sessions: { a: { id: 'a' } }, datasets: {} })]) {
      await storeWithSnapshotAndTail();
      const db = raw();
      db.prepare("UPDATE view_snapshots SET body = ? WHERE name = 'view'").run(body);
      db.close();
      const store = new EventStore(path);
      const { log, warnings } = warningLogger();
      const { projections, restored } = start(store, log);
      expect(restored.from).toBe('log');
      expect(warnings()).toEqual([expect.stringMatching(/^view snapshot is not (valid JSON|a view): ignored/)]);
      expectSameAsRebuild(projections, store);
      store.close();
      dir.remove();
      dir = tempDir();
      path = `${dir.path}/events.sqlite`;
    }
  });

  it('a damaged or missing history part costs a warning and that session’s own events, never a wrong view', async () => {
    await storeWithSnapshotAndTail();
    const db = raw();
    db.prepare('UPDATE view_snapshots SET body = ? WHERE name = ?').run('[{"queryId": ', historyPart('b'));
    db.prepare('DELETE FROM view_snapshots WHERE name = ?').run(historyPart('c'));
    db.close();
    const store = new EventStore(path);
    const { log, warnings } = warningLogger();
    const { projections, restored } = start(store, log);
    expect(restored.from).toBe('snapshot');
    expectSameAsRebuild(projections, store);
    expect(warnings().sort()).toEqual(['view snapshot part is damaged: that session is folded from the log', 'view snapshot part missing: that session is folded from the log']);
    store.close();
  });

  it('loads a history only when it is read, and a later snapshot writes only the histories that changed', async () => {
    const store = new EventStore(path);
    writeHistory(store);
    const first = start(store, pino({ level: 'silent' }));
    await first.writer.close();
    store.close();

    const again = new EventStore(path);
    const { projections, writer, bus } = start(again, pino({ level: 'silent' }));
    const lazy = (id: string) => Object.getOwnPropertyDescriptor(projections.current.view.sessions[id], 'history')?.get !== undefined;
    expect(['a', 'b', 'c'].map(lazy)).toEqual([true, true, true]);
    const before = partSeqs(again);
    append(again, 'QuerySession', 'a', query(50));
    const stored = again.readAfter(projections.current.seq, 10);
    projections.apply(stored);
    bus.publishEvents(stored);
    expect(lazy('b')).toBe(true);
    await writer.write();
    const after = partSeqs(again);
    expect(after.get(historyPart('a'))).toBe(again.lastSeq());
    expect(after.get(historyPart('b'))).toBe(before.get(historyPart('b')));
    expect(after.get(historyPart('c'))).toBe(before.get(historyPart('c')));
    // Writing the snapshot read no history it did not write.
    expect([lazy('b'), lazy('c')]).toEqual([true, true]);
    await writer.close();
    again.close();
    const last = new EventStore(path);
    expectSameAsRebuild(start(last, pino({ level: 'silent' })).projections, last);
    last.close();
  });

  it('a write cut off between its parts and its head leaves the last snapshot and the log as they were', async () => {
    const snapshotSeq = await storeWithSnapshotAndTail();
    const store = new EventStore(path);
    const events = store.lastSeq();
    // What a crash mid-write leaves: new parts that no head refers to yet (the process then dies).
    store.viewSnapshots().writeParts([{ name: historyPart('a'), seq: events, body: '[]' }], APP_VIEW_SCHEMA_VERSION);
    expect(() =>
      store.viewSnapshots().writeParts(
        [
          { name: historyPart('b'), seq: events, body: '[]' },
          { name: historyPart('c'), seq: events, body: null as unknown as string },
        ],
        APP_VIEW_SCHEMA_VERSION,
      ),
    ).toThrow();
    store.close();

    const rows = (db: Database.Database) => db.prepare<[], { name: string; seq: number }>('SELECT name, seq FROM view_snapshots ORDER BY name, seq').all();
    let db = raw();
    // The failed transaction wrote nothing; the part written before it is there, referred to by nothing.
    expect(rows(db).filter((r) => r.seq === events)).toEqual([{ name: historyPart('a'), seq: events }]);
    db.close();

    const reopened = new EventStore(path);
    expect(reopened.lastSeq()).toBe(events);
    const { projections, restored, writer } = start(reopened, pino({ level: 'silent' }));
    expect(restored).toMatchObject({ from: 'snapshot', base: { seq: snapshotSeq } });
    expectSameAsRebuild(projections, reopened);
    await writer.close();
    reopened.close();
    // The next snapshot's commit drops what no head refers to: one head and a part per session remain.
    db = raw();
    expect(rows(db).map((r) => r.name)).toEqual([historyPart('a'), historyPart('b'), historyPart('c'), 'view']);
    expect(db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
    db.close();
  });
});

/** The part each session's history is in, as the newest head says (read through the store: it holds the file exclusively). */
function partSeqs(store: EventStore): Map<string, number> {
  const head = store.viewSnapshots().heads()[0];
  if (!head) return new Map();
  const sessions = (JSON.parse(head.body) as { sessions: Record<string, { history: number }> }).sessions;
  return new Map(Object.entries(sessions).map(([id, s]) => [historyPart(id), s.history]));
}

describe('view snapshots in the running core', () => {
  it('a clean shutdown writes one; the next start serves from it what a rebuild serves, reading no history nobody asked for', async () => {
    const dir = tempDir();
    try {
      let core = await startTestCore(dir.path);
      const [a, b] = await Promise.all([core.dispatch({ type: 'OpenSession' }), core.dispatch({ type: 'OpenSession' })]).then((acks) => acks.map((r) => (r.ok ? r.value.aggregateId : '')));
      await core.dispatch({ type: 'RenameSession', sessionId: a!, title: 'Kept across restarts' });
      const inB = await startQuery(core, b!, 'select 41 + 1 as answer');
      await queryEnd(core, b!, inB);
      const seq = core.projections.current.seq;
      await core.close();

      core = await startTestCore(dir.path);
      expect(core.store.viewSnapshots().heads().map((h) => h.seq)).toEqual([seq]);
      // Start (crash recovery, the result index) read each session's last query, not its history.
      expect([historyLoaded(core.view().sessions[a!]!), historyLoaded(core.view().sessions[b!]!)]).toEqual([false, false]);
      const page = await core.runner.fetchPage(inB, 0, 10);
      expect(page.ok && page.value.values).toEqual([['42']]);
      expect(core.view().sessions[a!]?.title).toBe('Kept across restarts');
      expectSameAsRebuild(core.projections, core.store);
      await core.close();
    } finally {
      dir.remove();
    }
  });
});
