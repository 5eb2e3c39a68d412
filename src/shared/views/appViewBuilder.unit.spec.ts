import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DatasetEvent, SessionEvent } from '../contracts/events';
import { emptyView, evolveAppView, evolveSession, type AppView, type SessionView } from './appView';
import { AppViewBuilder, QUERY_LIFE_EVENT_TYPES, type ViewEvent } from './appViewBuilder';

const queryId = fc.constantFrom('q1', 'q2', 'q3');
const error = fc.record({ id: fc.uuid(), code: fc.constantFrom('SQL_ERROR', 'INTERRUPTED'), message: fc.string() });
const columns = fc.array(fc.record({ name: fc.string(), type: fc.constantFrom('INTEGER', 'VARCHAR') }), { maxLength: 3 });

const sessionEvent: fc.Arbitrary<SessionEvent> = fc.oneof(
  fc.record({ type: fc.constant('SessionOpened' as const), payload: fc.record({ title: fc.string() }) }),
  fc.record({ type: fc.constant('SessionRenamed' as const), payload: fc.record({ title: fc.string() }) }),
  fc.record({ type: fc.constant('SessionClosed' as const), payload: fc.constant({}) }),
  fc.record({ type: fc.constant('DatasetAttached' as const), payload: fc.record({ datasetId: fc.constantFrom('d1', 'd2') }) }),
  fc.record({ type: fc.constant('QueryStarted' as const), payload: fc.record({ queryId, sql: fc.string() }) }),
  fc.record({ type: fc.constant('ExecutionBegan' as const), payload: fc.record({ queryId }) }),
  fc.record({
    type: fc.constant('QueryCompleted' as const),
    payload: fc.record({ queryId, rowCount: fc.nat(), columns, durationMs: fc.nat() }),
  }),
  fc.record({ type: fc.constant('QueryFailed' as const), payload: fc.record({ queryId, error }) }),
  fc.record({ type: fc.constant('QueryCancelled' as const), payload: fc.record({ queryId, reason: fc.string() }) }),
);

const datasetEvent: fc.Arbitrary<DatasetEvent> = fc.oneof(
  fc.record({ type: fc.constant('DatasetRequested' as const), payload: fc.record({ source: fc.string() }) }),
  fc.record({
    type: fc.constant('DatasetRegistered' as const),
    payload: fc.record({ name: fc.string(), source: fc.string(), format: fc.constantFrom('csv' as const, 'parquet' as const), columns }),
  }),
  fc.record({ type: fc.constant('DatasetFailed' as const), payload: fc.record({ source: fc.string(), error }) }),
  fc.record({ type: fc.constant('DatasetRemoved' as const), payload: fc.constant({}) }),
);

/** Any order of events, valid or not for the deciders: a view must fold whatever the log holds. */
const step = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.constantFrom('s1', 's2'), sessionEvent) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('d1', 'd2'), datasetEvent) },
  // a build() in the middle: what it handed out must never change afterwards
  { weight: 1, arbitrary: fc.constant('build' as const) },
);

function toViewEvents(steps: ReadonlyArray<readonly [string, SessionEvent | DatasetEvent] | 'build'>) {
  const versions = new Map<string, number>();
  let seq = 0;
  return steps.map((s): ViewEvent | 'build' => {
    if (s === 'build') return s;
    const [aggregateId, event] = s;
    const aggregateSeq = (versions.get(aggregateId) ?? 0) + 1;
    versions.set(aggregateId, aggregateSeq);
    seq++;
    return {
      ...event,
      globalSeq: seq,
      aggregateType: aggregateId.startsWith('s') ? 'QuerySession' : 'Dataset',
      aggregateId,
      aggregateSeq,
      occurredAt: `2026-01-01T00:00:${String(seq % 60).padStart(2, '0')}.000Z`,
    } as ViewEvent;
  });
}

describe('AppViewBuilder', () => {
  it('given any sequence of events, then it builds exactly what folding evolveAppView builds', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 10, maxLength: 150, size: 'max' }), (steps) => {
        const builder = new AppViewBuilder();
        let pure: AppView = emptyView();
        const handedOut: Array<{ view: AppView; copy: AppView }> = [];
        for (const s of toViewEvents(steps)) {
          if (s === 'build') {
            const view = builder.build();
            // strict: a field the pure fold sets (even to undefined) and the builder does not is a difference
            expect(view).toStrictEqual(pure);
            handedOut.push({ view, copy: structuredClone(view) });
          } else {
            builder.apply(s);
            pure = evolveAppView(pure, s as Parameters<typeof evolveAppView>[1]);
          }
        }
        expect(builder.build()).toStrictEqual(pure);
        for (const { view, copy } of handedOut) expect(view).toEqual(copy); // structuredClone drops null prototypes: not strict
      }),
      { numRuns: 500 },
    );
  });

  it('given a base view, then it continues from it without changing it', () => {
    const [opened, started] = toViewEvents([
      ['s1', { type: 'SessionOpened', payload: { title: 'A' } }],
      ['s1', { type: 'QueryStarted', payload: { queryId: 'q1', sql: 'select 1' } }],
    ]) as ViewEvent[];
    const base = evolveAppView(emptyView(), opened as Parameters<typeof evolveAppView>[1]);
    const copy = structuredClone(base);
    const builder = new AppViewBuilder(base);
    expect(builder.build()).toBe(base);
    builder.apply(started!);
    expect(builder.build().sessions['s1']?.history.map((h) => h.queryId)).toEqual(['q1']);
    expect(base).toEqual(copy);
  });

  it('folds a session with 100,000 queries in linear time', { timeout: 60_000 }, () => {
    const builder = new AppViewBuilder();
    let seq = 0;
    const at = (aggregateSeq: number) => ({ globalSeq: ++seq, aggregateType: 'QuerySession' as const, aggregateId: 's', aggregateSeq, occurredAt: 't' });
    builder.apply({ type: 'SessionOpened', payload: { title: 'long' }, ...at(1) });
    const start = performance.now();
    for (let i = 0; i < 100_000; i++) {
      const queryId = `q${i}`;
      builder.apply({ type: 'QueryStarted', payload: { queryId, sql: 'select 1' }, ...at(2 + 2 * i) });
      builder.apply({ type: 'QueryCompleted', payload: { queryId, rowCount: 1, columns: [], durationMs: 1 }, ...at(3 + 2 * i) });
    }
    const elapsed = performance.now() - start;
    const s = builder.build().sessions['s']!;
    expect(s.history).toHaveLength(100_000);
    expect(s.history.every((h) => h.phase === 'Completed')).toBe(true);
    // evolveAppView copies the history on every event: ~10^10 element copies here, minutes, not this
    // (the bound is loose on purpose: a shared CI machine can be slow, but not 100x slow).
    expect(elapsed).toBeLessThan(15_000);
  });

  it('trips if evolveSession starts doing more for a query event than the builder replays in place', () => {
    const meta = (aggregateSeq: number) => ({ globalSeq: aggregateSeq, aggregateId: 's', aggregateSeq, occurredAt: 't' });
    const opened = evolveSession(undefined, { type: 'SessionOpened', payload: { title: 'T' } }, meta(1))!;
    const started = evolveSession(opened, { type: 'QueryStarted', payload: { queryId: 'q', sql: 'x' } }, meta(2))!;
    // every field but the two the builder writes gets a value no event would produce
    const sentinel = Object.fromEntries(Object.keys(started).map((k) => [k, k === 'history' || k === 'version' ? started[k as keyof SessionView] : Symbol(k)]));
    const session = sentinel as unknown as SessionView;
    const events: Record<string, SessionEvent> = {
      QueryStarted: { type: 'QueryStarted', payload: { queryId: 'q2', sql: 'y' } },
      ExecutionBegan: { type: 'ExecutionBegan', payload: { queryId: 'q' } },
      QueryCompleted: { type: 'QueryCompleted', payload: { queryId: 'q', rowCount: 1, columns: [], durationMs: 1 } },
      QueryFailed: { type: 'QueryFailed', payload: { queryId: 'q', error: { id: 'e', code: 'SQL_ERROR', message: 'm' } } },
      QueryCancelled: { type: 'QueryCancelled', payload: { queryId: 'q', reason: 'r' } },
    };
    expect(new Set(Object.keys(events))).toEqual(QUERY_LIFE_EVENT_TYPES);
    for (const [type, event] of Object.entries(events)) {
      const next = evolveSession(session, event, meta(3))!;
      const changed = Object.keys({ ...session, ...next }).filter((k) => next[k as keyof SessionView] !== session[k as keyof SessionView]);
      expect(changed.sort(), `${type} changes`).toEqual(['history', 'version']);
      expect(next.version).toBe(3);
      // and the history changes by one appended entry, or the entry of the event's query replaced
      if (type === 'QueryStarted') expect(next.history.slice(0, -1)).toEqual(session.history);
      else expect(next.history.map((h) => h.queryId)).toEqual(session.history.map((h) => h.queryId));
    }
  });
});
