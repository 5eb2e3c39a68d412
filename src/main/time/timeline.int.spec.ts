import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EventMetadata, SessionEvent } from '../../shared/contracts/events';
import type { ViewEvent } from '../../shared/views/appView';
import { mergeTimeline, timelineOf, type TimelineEntry } from '../../shared/views/timeline';
import { writeHeavyDataDir } from '../../../e2e/heavyDataDir';
import { silentLogger } from '../platform/logger';
import { EventStore } from '../store/eventStore';
import { SessionCheckpoints } from './sessionCheckpoints';
import { MAX_TIMELINE_ENTRIES, TimeTravel } from './timeTravel';

/**
 * The timeline main keeps between requests, against a real log (e2e/heavyDataDir.ts's writer, a
 * smaller shape): the same answer as folding the whole session anew (`timelineOf`), however it is
 * asked and however the session grows between asks, and read from where the last ask stopped.
 */
describe('the kept timeline (real SQLite)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-timeline-'));
  writeHeavyDataDir(dir, { openSessions: 2, closedSessions: 1, historyQueries: 10, timelineEvents: 30_000, datasets: 1, columnsPerDataset: 2 });
  const store = new EventStore(join(dir, 'events.sqlite'));
  const time = new TimeTravel(store, new SessionCheckpoints(join(dir, 'checkpoints.sqlite'), undefined, silentLogger()), silentLogger());
  afterAll(() => {
    time.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const id = 'long-timeline';
  const metadata: EventMetadata = { commandId: 'c', correlationId: 'c', issuedBy: 'user' };
  let clock = Date.parse('2027-01-01T00:00:00Z');
  const append = (...events: SessionEvent[]) => {
    const version = store.readAggregate('QuerySession', id).length;
    store.append('QuerySession', id, version, events.map((event) => ({ event, topic: `session/${id}`, metadata, occurredAt: new Date((clock += 1000)).toISOString() })));
  };
  /** The reference: the whole session read and folded anew, as main did on every request. */
  const full = () => {
    const entries = timelineOf(store.readAggregate('QuerySession', id) as unknown as (ViewEvent & SessionEvent)[]);
    return { entries: entries.slice(0, MAX_TIMELINE_ENTRIES), total: entries.length };
  };
  /** Events main reads from the store while `f` runs. */
  const reading = async <T>(f: () => Promise<T>): Promise<{ value: T; read: number }> => {
    const read = store.aggregateViewEvents.bind(store);
    let n = 0;
    store.aggregateViewEvents = (...args) => {
      const batch = read(...args);
      n += batch.length;
      return batch;
    };
    try {
      return { value: await f(), read: n };
    } finally {
      store.aggregateViewEvents = read;
    }
  };

  it('given a session of 30,000 events, when its timeline is asked twice, then both answers are the whole fold’s, and the second reads nothing', async () => {
    const first = await time.timeline(id);
    expect(first.ok && first.value.total).toBeGreaterThan(MAX_TIMELINE_ENTRIES);
    expect(first.ok && { entries: first.value.entries, total: first.value.total }).toEqual(full());
    const again = await reading(() => time.timeline(id));
    const r = again.value;
    expect(r.ok && { entries: r.value.entries, total: r.value.total }).toEqual(full());
    expect(again.read).toBe(0);
  });

  it('given a window holding the timeline, when the session grows (a query settling later, drafts, a view, an undo), then asking past its newest entry reads only the new events and the merged list is the whole fold’s', async () => {
    const start = await time.timeline(id);
    if (!start.ok) throw new Error(start.error.message);
    let held: readonly TimelineEntry[] = start.value.entries;
    const steps: SessionEvent[][] = [
      [{ type: 'QueryStarted', payload: { queryId: 'late', sql: 'select 1' } }, { type: 'DraftSaved', payload: { sql: 'select 2' } }],
      [{ type: 'DraftSaved', payload: { sql: 'select 3' } }, { type: 'ExecutionBegan', payload: { queryId: 'late' } }],
      [{ type: 'DraftSaved', payload: { sql: 'select 4' } }],
      [{ type: 'QueryCompleted', payload: { queryId: 'late', rowCount: 2, columns: [{ name: 'x', type: 'INTEGER' }], durationMs: 1 } }, { type: 'SessionActivated', payload: {} }],
      [{ type: 'ResultViewSet', payload: { queryId: 'late', orderBy: [{ column: 0 }], filter: [] } }, { type: 'ActionUndone', payload: { seq: 3 } }],
      [{ type: 'SessionRenamed', payload: { title: 'Later' } }],
    ];
    for (const events of steps) {
      append(...events);
      const after = held[0]!.seq;
      const answer = await reading(() => time.timeline(id, after));
      const r = answer.value;
      if (!r.ok) throw new Error(r.error.message);
      expect(answer.read).toBe(events.length);
      expect(r.value.entries.every((e) => e.seq > after)).toBe(true);
      held = mergeTimeline(held, r.value, MAX_TIMELINE_ENTRIES); // what the window does
      expect({ entries: held, total: r.value.total }).toEqual(full());
    }
  });

  it('given two asks at once, then each answer is the whole fold’s and no event is folded twice', async () => {
    append({ type: 'DraftSaved', payload: { sql: 'select 5' } }, { type: 'SessionRenamed', payload: { title: 'Twice' } });
    const [a, b] = await Promise.all([time.timeline(id), time.timeline(id)]);
    expect(a.ok && { entries: a.value.entries, total: a.value.total }).toEqual(full());
    expect(b.ok && { entries: b.value.entries, total: b.value.total }).toEqual(full());
  });

  it('given a query older than the newest 1,000 entries, when asked for by its id, then its entry alone, where it settled; an unknown id, none', async () => {
    const all = timelineOf(store.readAggregate('QuerySession', id) as unknown as (ViewEvent & SessionEvent)[]);
    const old = all.find((e, i) => i >= MAX_TIMELINE_ENTRIES && e.kind === 'query' && e.queryId !== undefined);
    expect(old).toBeDefined(); // "Fork from here" on it found no point: only the newest 1,000 were looked in
    const r = await time.timeline(id, undefined, old!.queryId);
    expect(r.ok && r.value.entries).toEqual([old]);
    // 'late' started, then settled several asks later: its entry ends where it completed
    const late = await time.timeline(id, undefined, 'late');
    expect(late.ok && late.value.entries).toEqual(all.filter((e) => e.queryId === 'late' && e.kind === 'query'));
    expect(late.ok && late.value.entries[0]?.label).toMatch(/^Ran query select 1 · 2 rows/);
    const none = await time.timeline(id, undefined, 'no-such-query');
    expect(none.ok && none.value.entries).toEqual([]);
  });

  it('given no such session, then it is not found', async () => {
    const r = await time.timeline('nobody');
    expect(r.ok || r.error.code).toBe('SESSION_NOT_FOUND');
  });
});
