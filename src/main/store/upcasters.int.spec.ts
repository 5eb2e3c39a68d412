import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppErrorException } from '../../shared/contracts/errors';
import type { EventMetadata } from '../../shared/contracts/events';
import { Projections } from '../streams/projections';
import { writeOldSession } from '../../../test/support/rawStore';
import { tempDir } from '../../../test/support/testCore';
import { EventStore } from './eventStore';
import { UpcasterRegistry, type Upcaster } from './upcasters';

/**
 * A plausible history of one event's shape: QueryStarted v1 stored the SQL as `text`, v2 renamed it
 * to `sql`, v3 is today's shape (v2 plus nothing: a version bump that only had to re-validate).
 */
const v1ToV2: Upcaster = {
  eventType: 'QueryStarted',
  fromVersion: 1,
  upcast: (p) => {
    const { text, ...rest } = p as { text: string; queryId: string };
    return { ...rest, sql: text };
  },
};
const v2ToV3: Upcaster = { eventType: 'QueryStarted', fromVersion: 2, upcast: (p) => p };
const registry = new UpcasterRegistry([v2ToV3, v1ToV2]);

describe('UpcasterRegistry', () => {
  it('keys upcasters by (event_type, schema_version) and chains them to the current version', () => {
    expect(registry.currentVersion('QueryStarted')).toBe(3);
    expect(registry.currentVersion('SessionOpened')).toBe(1);
    expect(registry.upcast('QueryStarted', 1, { queryId: 'q', text: 'select 1' })).toEqual({ queryId: 'q', sql: 'select 1' });
    expect(registry.upcast('QueryStarted', 3, { queryId: 'q', sql: 'x' })).toEqual({ queryId: 'q', sql: 'x' });
  });

  it('refuses a registry with a gap or two upcasters for one version', () => {
    expect(() => new UpcasterRegistry([v2ToV3])).toThrow(/no upcaster for QueryStarted@1/);
    expect(() => new UpcasterRegistry([v1ToV2, v1ToV2])).toThrow(/two upcasters for QueryStarted@1/);
  });

  it('refuses an event stored by a newer build with STORE_TOO_NEW', () => {
    let error: unknown;
    try {
      registry.upcast('QueryStarted', 4, {});
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppErrorException);
    expect((error as AppErrorException).error).toMatchObject({ code: 'STORE_TOO_NEW', details: { eventType: 'QueryStarted', storedVersion: 4, knownVersion: 3 } });
  });
});

describe('upcasting on read', () => {
  let dir: ReturnType<typeof tempDir>;
  let path: string;
  const metadata: EventMetadata = { commandId: 'c', correlationId: 'c', issuedBy: 'user' };

  beforeEach(() => {
    dir = tempDir('sextant-upcast-');
    path = `${dir.path}/events.sqlite`;
    // An old build wrote QueryStarted at v1 (`text`) and at v2 (`sql`)…
    writeOldSession(
      path,
      [
        { type: 'SessionOpened', version: 1, payload: '{"title":"old"}' },
        { type: 'QueryStarted', version: 1, payload: '{"queryId":"q1","text":"select 1"}' },
        { type: 'QueryCompleted', version: 1, payload: '{"queryId":"q1","rowCount":1,"columns":[],"durationMs":1}' },
        { type: 'QueryStarted', version: 2, payload: '{"queryId":"q2","sql":"select 2"}' },
      ],
      JSON.stringify(metadata),
    );
  });
  afterEach(() => dir.remove());

  it('given rows at older versions, then every read hands out the current shape and version', () => {
    const store = new EventStore(path, { upcasters: registry });
    const started = store.readAggregate('QuerySession', 's').filter((e) => e.type === 'QueryStarted');
    expect(started.map((e) => [e.payload, e.schemaVersion])).toEqual([
      [{ queryId: 'q1', sql: 'select 1' }, 3],
      [{ queryId: 'q2', sql: 'select 2' }, 3],
    ]);
    expect(store.readAfter(0, 10, 'session/*').filter((e) => e.type === 'QueryStarted').map((e) => e.payload)).toEqual(started.map((e) => e.payload));
    expect([...store.viewEventBatches(0)].flat().filter((e) => e.type === 'QueryStarted').map((e) => e.payload)).toEqual(started.map((e) => e.payload));

    // …and a rebuilt projection shows the SQL the person typed back then.
    const projections = new Projections();
    projections.rebuild(store);
    expect(projections.current.view.sessions['s']?.history.map((h) => h.sql)).toEqual(['select 1', 'select 2']);
    store.close();
  });

  it('writes new events at the current version of their type', () => {
    const store = new EventStore(path, { upcasters: registry });
    store.append('QuerySession', 's', 4, [
      { event: { type: 'QueryCancelled', payload: { queryId: 'q2', reason: 'user' } }, topic: 'session/s', metadata, occurredAt: 't' },
      { event: { type: 'QueryStarted', payload: { queryId: 'q3', sql: 'select 3' } }, topic: 'session/s', metadata, occurredAt: 't' },
    ]);
    store.close();
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT event_type AS t, schema_version AS v FROM events WHERE global_seq > 4').all()).toEqual([
      { t: 'QueryCancelled', v: 1 },
      { t: 'QueryStarted', v: 3 },
    ]);
    db.close();
  });

  it('given a row from a newer build, then reading it fails with STORE_TOO_NEW and an id, and nothing is changed', () => {
    const store = new EventStore(path); // the shipped registry: QueryStarted is at v1, these rows are newer
    let error: unknown;
    try {
      store.readAggregate('QuerySession', 's');
    } catch (e) {
      error = e;
    }
    expect((error as AppErrorException).error).toMatchObject({ code: 'STORE_TOO_NEW', id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(store.lastSeq()).toBe(4);
    store.close();
  });
});
