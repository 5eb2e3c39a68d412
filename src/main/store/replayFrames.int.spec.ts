import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventMetadata } from '../../shared/contracts/events';
import type { Frame } from '../../shared/contracts/frames';
import { matchTopic } from '../../shared/contracts/topics';
import { EventStore, openEventStore } from './eventStore';
import { UpcasterRegistry } from './upcasters';
import { tempDir } from '../../../test/support/testCore';

const metadata: EventMetadata = { commandId: 'c"1', correlationId: 'c\\2', causationId: 'ü', issuedBy: 'user' };

function appendRenames(store: EventStore, aggregateId: string, topic: string, n: number): void {
  const version = store.readAggregate('QuerySession', aggregateId).at(-1)?.aggregateSeq ?? 0;
  store.append(
    'QuerySession',
    aggregateId,
    version,
    Array.from({ length: n }, (_, i) => ({
      // Titles that need escaping: quotes, backslashes, newlines, non-ASCII.
      event: { type: 'SessionRenamed' as const, payload: { title: `“${aggregateId}” \\ "${i}"\n🙂` } },
      topic,
      metadata,
      occurredAt: new Date(Date.UTC(2025, 0, 1, 0, 0, i)).toISOString(),
    })),
  );
}

describe('EventStore.replayFrames', () => {
  let dir: ReturnType<typeof tempDir>;
  let store: EventStore;
  beforeEach(() => {
    dir = tempDir();
    store = openEventStore(`${dir.path}/events.sqlite`);
  });
  afterEach(() => {
    store.close();
    dir.remove();
  });

  const framesOf = (json: string): Frame[] => JSON.parse(`[${json}]`) as Frame[];

  it('serializes exactly the frames the store’s envelopes make, for every kind of pattern', () => {
    appendRenames(store, 'a', 'session/a', 7);
    appendRenames(store, 'b', 'session/b', 5);
    appendRenames(store, 'n', 'session/n/deep', 3);
    appendRenames(store, 'x', 'sessionx', 2);
    appendRenames(store, 'c', 'catalog', 4);
    appendRenames(store, 's', 'session', 2);
    appendRenames(store, 'a', 'session/a', 3);
    const all = store.readAfter(0, 1000);
    for (const pattern of ['session/a', 'catalog', 'session/*', 'session/**', '*', '**', '*/b', '*/*/deep']) {
      for (const afterSeq of [0, 3, 9, 20, all.length]) {
        const expected = all
          .filter((e) => e.globalSeq > afterSeq && matchTopic(pattern, e.topic))
          .slice(0, 6)
          .map((event): Frame => ({ kind: 'event', subscriptionId: 'sub"1', event }));
        const batch = store.replayFrames('sub"1', pattern, afterSeq, 6);
        expect(batch.count, `${pattern} after ${afterSeq}`).toBe(expected.length);
        expect(framesOf(batch.json), `${pattern} after ${afterSeq}`).toEqual(expected);
        expect(batch.lastSeq).toBe(expected.length === 0 ? 0 : (expected.at(-1) as Frame & { kind: 'event' }).event.globalSeq);
      }
    }
  });

  it('selects exactly what matchTopic selects, for any topics and patterns (SQL is only a faster path)', () => {
    const segment = fc.constantFrom('session', 'sessions', 'session-x', 'catalog', 'a', 'a.b', 'x_1', 'Z');
    const topic = fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => s.join('/'));
    const patternSegment = fc.oneof(segment, fc.constant('*'));
    const pattern = fc
      .tuple(fc.array(patternSegment, { minLength: 0, maxLength: 3 }), fc.constantFrom('', '*', '**'))
      .map(([head, tail]) => [...head, ...(tail ? [tail] : [])].join('/'))
      .filter((p) => p.length > 0);
    const topics = [...new Set(fc.sample(topic, { numRuns: 60, seed: 7 }))];
    topics.forEach((t, i) => appendRenames(store, `agg${i}`, t, 2));
    const all = store.readAfter(0, 10_000);
    fc.assert(
      fc.property(pattern, fc.integer({ min: 0, max: all.length }), (p, afterSeq) => {
        const expected = all.filter((e) => e.globalSeq > afterSeq && matchTopic(p, e.topic)).map((e) => e.globalSeq);
        const got = framesOf(store.replayFrames('s', p, afterSeq, 10_000).json).map((f) => (f as Frame & { kind: 'event' }).event.globalSeq);
        expect(got).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('replays one session through the topic index, never visiting another session’s rows', () => {
    appendRenames(store, 'a', 'session/a', 3);
    const plan = store.patternPlan('session/a');
    const onEvents = plan.filter((d) => /\bevents\b/.test(d));
    expect(onEvents.length).toBeGreaterThan(0);
    for (const step of onEvents) expect(step).toMatch(/^SEARCH events USING INDEX events_topic_seq \(topic=\? AND global_seq>\?\)$/);
    expect(plan.join('\n')).not.toMatch(/SCAN events/);
    // The catalog is a topic like any other.
    expect(store.patternPlan('catalog').filter((d) => /\bevents\b/.test(d))).toEqual(['SEARCH events USING INDEX events_topic_seq (topic=? AND global_seq>?)']);
  });

  it('walks a wildcard pattern in seq order from the cursor instead of sorting every match', () => {
    const plan = store.patternPlan('session/*').filter((d) => /\bevents\b/.test(d));
    expect(plan).toEqual([expect.stringMatching(/^SEARCH events USING INTEGER PRIMARY KEY \(rowid>\?\)$/)]);
  });

  it('hands rows at an older schema version to the store, which upcasts them', () => {
    appendRenames(store, 'a', 'session/a', 2);
    // A later build changed SessionRenamed's shape: the rows above are now at an older version.
    store.close();
    const upcasters = new UpcasterRegistry([
      { eventType: 'SessionRenamed', fromVersion: 1, upcast: (p) => ({ title: `${(p as { title: string }).title} (upcast)` }) },
    ]);
    store = openEventStore(`${dir.path}/events.sqlite`, { upcasters });
    const expected = store.readAfter(0, 10, 'session/a').map((event): Frame => ({ kind: 'event', subscriptionId: 's', event }));
    expect(expected.map((f) => (f.kind === 'event' && f.event.type === 'SessionRenamed' ? f.event.payload.title : '')).every((t) => t.endsWith('(upcast)'))).toBe(true);
    const batch = store.replayFrames('s', 'session/a', 0, 10);
    expect(batch.count).toBe(2);
    expect(framesOf(batch.json)).toEqual(expected);
  });

  it('names the log by its first event, which never changes; an empty log has no name yet', () => {
    expect(store.firstEventId()).toBe('');
    appendRenames(store, 'a', 'session/a', 2);
    const first = store.readAfter(0, 1)[0]!.eventId;
    expect(store.firstEventId()).toBe(first);
    appendRenames(store, 'b', 'session/b', 2);
    expect(store.firstEventId()).toBe(first);
  });
});
