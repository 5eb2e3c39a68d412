import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppErrorException } from '../../shared/contracts/errors';
import type { DomainEvent, EventMetadata } from '../../shared/contracts/events';
import { tempDir } from '../../../test/support/testCore';
import { EventStore, MAX_EVENT_PAYLOAD_CHARS, VersionConflict, type NewEvent } from './eventStore';

const metadata: EventMetadata = { commandId: 'c1', correlationId: 'k1', issuedBy: 'user' };
const at = '2026-01-01T00:00:00.000Z';
const newEvent = (event: DomainEvent, topic = 'session/a'): NewEvent => ({ event, topic, metadata, occurredAt: at });
const renamed = (title: string, topic?: string) => newEvent({ type: 'SessionRenamed', payload: { title } }, topic);

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppErrorException) return e.error.code;
    if (e instanceof VersionConflict) return 'VersionConflict';
    throw e;
  }
  return 'no error';
}

describe('EventStore', () => {
  let dir: ReturnType<typeof tempDir>;
  let path: string;
  let store: EventStore;
  beforeEach(() => {
    dir = tempDir('sextant-store-');
    path = `${dir.path}/events.sqlite`;
    store = new EventStore(path);
  });
  afterEach(() => {
    store.close();
    dir.remove();
  });

  /** An independent look at the file, through raw SQLite (the store must be closed: it holds the file). */
  function raw<T>(fn: (db: Database.Database) => T): T {
    store.close();
    const db = new Database(path);
    try {
      return fn(db);
    } finally {
      db.close();
    }
  }

  it('has exactly the hybrid-sequence schema of docs/contracts.md', () => {
    const { columns, sql, indexes, triggers } = raw((db) => ({
      columns: db.prepare<[], { name: string; type: string; notnull: number; pk: number }>("SELECT name, type, \"notnull\", pk FROM pragma_table_info('events')").all(),
      sql: db.prepare<[], { sql: string }>("SELECT sql FROM sqlite_master WHERE name = 'events'").get()!.sql,
      indexes: db
        .prepare<[], { name: string; unique: number; cols: string }>(
          "SELECT il.name, il.\"unique\", (SELECT group_concat(name, ',') FROM pragma_index_info(il.name)) AS cols FROM pragma_index_list('events') il",
        )
        .all(),
      triggers: db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all().map((t) => t.name),
    }));
    expect(columns.map((c) => `${c.name} ${c.type}${c.notnull ? ' NOT NULL' : ''}${c.pk ? ' PK' : ''}`)).toEqual([
      'global_seq INTEGER PK',
      'event_id TEXT NOT NULL',
      'aggregate_type TEXT NOT NULL',
      'aggregate_id TEXT NOT NULL',
      'aggregate_seq INTEGER NOT NULL',
      'event_type TEXT NOT NULL',
      'schema_version INTEGER NOT NULL',
      'topic TEXT NOT NULL',
      'payload TEXT NOT NULL',
      'metadata TEXT NOT NULL',
      'occurred_at TEXT NOT NULL',
    ]);
    expect(sql).toMatch(/AUTOINCREMENT/);
    expect(sql).toMatch(/\)\s*STRICT\s*$/);
    expect(sql).toMatch(/CHECK \(json_valid\(payload\)\)/);
    expect(sql).toMatch(/CHECK \(json_valid\(metadata\)\)/);
    expect(indexes.map((i) => `${i.unique ? 'unique ' : ''}${i.cols}`).sort()).toEqual([
      'topic,global_seq',
      'unique aggregate_type,aggregate_id,aggregate_seq',
      'unique event_id',
    ]);
    expect(triggers).toEqual(['events_no_delete', 'events_no_update']);
  });

  it('appends with seqs: global across aggregates, per aggregate from 1, and reads them back the same', () => {
    const a = store.append('QuerySession', 'a', 0, [newEvent({ type: 'SessionOpened', payload: { title: 'A' } }), renamed('A2')]);
    const b = store.append('QuerySession', 'b', 0, [newEvent({ type: 'SessionOpened', payload: { title: 'B' } }, 'session/b')]);
    const a3 = store.append('QuerySession', 'a', 2, [renamed('A3')]);
    expect([...a, ...b, ...a3].map((e) => [e.aggregateId, e.aggregateSeq, e.globalSeq])).toEqual([
      ['a', 1, 1],
      ['a', 2, 2],
      ['b', 1, 3],
      ['a', 3, 4],
    ]);
    expect(store.readAggregate('QuerySession', 'a')).toEqual([...a, ...a3]);
    expect(store.readAggregate('QuerySession', 'a', 2)).toEqual(a3);
    expect(store.aggregateVersion('QuerySession', 'a')).toBe(3);
    expect(store.aggregateVersion('QuerySession', 'nobody')).toBe(0);
    expect(store.lastSeq()).toBe(4);
    expect(a[0]!.eventId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/); // UUIDv7
    expect(a[0]!.metadata).toEqual(metadata);
  });

  it('reads a session for travel: its events after a version, up to a global seq, at most a limit, whatever else interleaves', () => {
    store.append('QuerySession', 'a', 0, [newEvent({ type: 'SessionOpened', payload: { title: 'A' } })]);
    store.append('QuerySession', 'b', 0, [newEvent({ type: 'SessionOpened', payload: { title: 'B' } }, 'session/b')]);
    for (let i = 0; i < 12; i++) {
      store.append('QuerySession', 'a', 1 + i, [renamed(`A${i}`)]);
      if (i % 3 === 0) store.append('QuerySession', 'b', store.aggregateVersion('QuerySession', 'b'), [renamed(`B${i}`, 'session/b')]);
    }
    const all = store.readAggregate('QuerySession', 'a');
    for (const after of [0, 1, 5, 12, 13]) {
      for (const until of [0, 3, 9, 15, store.lastSeq()]) {
        for (const limit of [1, 2, 4, 100]) {
          const want = all.filter((e) => e.aggregateSeq > after && e.globalSeq <= until).slice(0, limit);
          const got = store.aggregateViewEvents('QuerySession', 'a', after, until, limit);
          expect(got.map((e) => e.globalSeq), `after ${after}, until ${until}, limit ${limit}`).toEqual(want.map((e) => e.globalSeq));
        }
      }
    }
  });

  it('given a stale expected version, then it throws VersionConflict{expected, actual} and writes nothing', () => {
    store.append('QuerySession', 'a', 0, [renamed('1'), renamed('2')]);
    let conflict: unknown;
    try {
      store.append('QuerySession', 'a', 1, [renamed('late')]);
    } catch (e) {
      conflict = e;
    }
    expect(conflict).toBeInstanceOf(VersionConflict);
    expect(conflict).toMatchObject({ expected: 1, actual: 2 });
    expect(codeOf(() => store.append('QuerySession', 'a', 5, [renamed('ahead')]))).toBe('VersionConflict');
    expect(store.lastSeq()).toBe(2);
    expect(store.readAggregate('QuerySession', 'a').map((e) => e.type === 'SessionRenamed' && e.payload.title)).toEqual(['1', '2']);
  });

  it('given a batch that fails halfway, then none of it is stored (one transaction)', () => {
    store.append('QuerySession', 'a', 0, [renamed('kept')]);
    const broken = { ...renamed('third'), occurredAt: null as unknown as string }; // NOT NULL fails on row 3
    let error: AppErrorException | undefined;
    try {
      store.append('QuerySession', 'a', 1, [renamed('first'), renamed('second'), broken]);
    } catch (e) {
      error = e as AppErrorException;
    }
    expect(error?.error.code).toBe('STORE_WRITE_FAILED');
    expect(error?.error.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(store.readAggregate('QuerySession', 'a')).toHaveLength(1);
    expect(store.append('QuerySession', 'a', 1, [renamed('next')])[0]!.aggregateSeq).toBe(2);
  });

  it('refuses a payload over the size limit with PAYLOAD_TOO_LARGE, writing nothing', () => {
    const big = 'x'.repeat(MAX_EVENT_PAYLOAD_CHARS);
    expect(codeOf(() => store.append('QuerySession', 'a', 0, [renamed('ok'), renamed(big)]))).toBe('PAYLOAD_TOO_LARGE');
    expect(store.lastSeq()).toBe(0);
  });

  it('refuses UPDATE, DELETE and invalid JSON at the SQLite level, whoever writes', () => {
    store.append('QuerySession', 'a', 0, [renamed('1')]);
    raw((db) => {
      expect(() => db.exec("UPDATE events SET payload = '{}'")).toThrow(/append-only: UPDATE refused/);
      expect(() => db.exec('DELETE FROM events')).toThrow(/append-only: DELETE refused/);
      expect(() =>
        db.exec(`INSERT INTO events (event_id, aggregate_type, aggregate_id, aggregate_seq, event_type, schema_version, topic, payload, metadata, occurred_at)
                 VALUES ('x', 'QuerySession', 'a', 2, 'SessionRenamed', 1, 'session/a', '{not json', '{}', 't')`),
      ).toThrow(/CHECK constraint failed/);
      expect(() =>
        db.exec(`INSERT INTO events (event_id, aggregate_type, aggregate_id, aggregate_seq, event_type, schema_version, topic, payload, metadata, occurred_at)
                 VALUES ('y', 'QuerySession', 'a', 1, 'SessionRenamed', 1, 'session/a', '{}', '{}', 't')`),
      ).toThrow(/UNIQUE constraint failed: events.aggregate_type, events.aggregate_id, events.aggregate_seq/);
      expect(db.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 1 });
    });
  });

  describe('reading after a global seq', () => {
    beforeEach(() => {
      // 1: session/a, 2: catalog, 3: session/b, 4: session/a/sub, 5: session/a … interleaved, 30 events
      for (let i = 0; i < 6; i++) {
        store.append('QuerySession', 'a', i, [renamed(`a${i}`, 'session/a')]);
        store.append('Dataset', 'd', i, [newEvent({ type: 'DatasetRemoved', payload: {} }, 'catalog')]);
        store.append('QuerySession', 'b', i, [renamed(`b${i}`, 'session/b')]);
        store.append('QuerySession', 'x', i, [renamed(`x${i}`, 'session/a/sub')]);
        store.append('QuerySession', 'c', i, [renamed(`c${i}`, 'sessions')]);
      }
    });
    const seqs = (es: ReadonlyArray<{ globalSeq: number }>) => es.map((e) => e.globalSeq);

    it('uses an exclusive cursor: after N starts at N + 1, never at N', () => {
      expect(seqs(store.readAfter(0, 3))).toEqual([1, 2, 3]);
      expect(seqs(store.readAfter(3, 3))).toEqual([4, 5, 6]);
      expect(seqs(store.readAfter(30, 10))).toEqual([]);
    });

    it('narrows by topic pattern: exact, one segment, the rest', () => {
      const topics = (pattern: string) => [...new Set(store.readAfter(0, 100, pattern).map((e) => e.topic))].sort();
      expect(topics('session/a')).toEqual(['session/a']);
      expect(topics('session/*')).toEqual(['session/a', 'session/b']);
      expect(topics('session/**')).toEqual(['session/a', 'session/a/sub', 'session/b']);
      expect(topics('catalog')).toEqual(['catalog']);
      expect(topics('*')).toEqual(['catalog', 'sessions']);
      expect(topics('**')).toHaveLength(5);
      expect(store.readAfter(0, 100, 'session/*')).toHaveLength(12);
    });

    it('fills every batch of a sparse pattern, and batchesAfter walks it all in order', () => {
      expect(seqs(store.readAfter(0, 4, 'session/b'))).toEqual([3, 8, 13, 18]);
      const batches = [...store.batchesAfter(2, { pattern: 'session/*', batchSize: 5 })];
      expect(batches.map((b) => b.length)).toEqual([5, 5, 1]);
      const all = batches.flat();
      expect(seqs(all)).toEqual(seqs(store.readAfter(2, 100, 'session/*')));
      expect(all.every((e) => e.topic === 'session/a' || e.topic === 'session/b')).toBe(true);
    });

    it('gives a rebuild the events in global order with the fields a view folds', () => {
      const batches = [...store.viewEventBatches(0, 7)];
      expect(batches.map((b) => b.length)).toEqual([7, 7, 7, 7, 2]);
      const full = store.readAfter(0, 100);
      expect(batches.flat()).toEqual(
        full.map(({ type, payload, globalSeq, aggregateType, aggregateId, aggregateSeq, occurredAt }) => ({
          type,
          payload,
          globalSeq,
          aggregateType,
          aggregateId,
          aggregateSeq,
          occurredAt,
        })),
      );
    });
  });
});
