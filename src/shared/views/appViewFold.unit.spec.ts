import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DatasetEvent, SessionEvent } from '../contracts/events';
import { emptyView, evolveAppView, foldAppView, foldAppViewBatches, type AppView, type ViewEvent } from './appView';

const queryId = fc.constantFrom('q1', 'q2', 'q3');
const error = fc.record({ id: fc.uuid(), code: fc.constantFrom('SQL_ERROR', 'INTERRUPTED'), message: fc.string() });
const columns = fc.array(fc.record({ name: fc.string(), type: fc.constantFrom('INTEGER', 'VARCHAR') }), { maxLength: 3 });

const sessionEvent: fc.Arbitrary<SessionEvent> = fc.oneof(
  fc.record({ type: fc.constant('SessionOpened' as const), payload: fc.record({ title: fc.string() }) }),
  fc.record({ type: fc.constant('SessionRenamed' as const), payload: fc.record({ title: fc.string() }) }),
  fc.record({ type: fc.constant('SessionClosed' as const), payload: fc.constant({}) }),
  fc.record({ type: fc.constant('SessionReopened' as const), payload: fc.constant({}) }),
  fc.record({ type: fc.constant('SessionActivated' as const), payload: fc.constant({}) }),
  fc.record({ type: fc.constant('DraftSaved' as const), payload: fc.record({ sql: fc.string() }) }),
  fc.record({ type: fc.constant('DatasetAttached' as const), payload: fc.record({ datasetId: fc.constantFrom('d1', 'd2') }) }),
  fc.record({ type: fc.constant('QueryStarted' as const), payload: fc.record({ queryId, sql: fc.string() }) }),
  fc.record({ type: fc.constant('ExecutionBegan' as const), payload: fc.record({ queryId }) }),
  fc.record({ type: fc.constant('QueryCompleted' as const), payload: fc.record({ queryId, rowCount: fc.nat(), columns, durationMs: fc.nat() }) }),
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
);

/**
 * The events as the store hands them out: through JSON, as the log keeps them. fast-check also makes
 * objects without a prototype, which no log holds; the fold keeps one of equal column lists
 * (sharedValues.ts), so such an object would show up where an equal plain one was folded.
 */
function toViewEvents(steps: ReadonlyArray<readonly [string, SessionEvent | DatasetEvent]>): ViewEvent[] {
  const versions = new Map<string, number>();
  return (JSON.parse(JSON.stringify(steps)) as typeof steps).map(([aggregateId, event], i) => {
    const aggregateSeq = (versions.get(aggregateId) ?? 0) + 1;
    versions.set(aggregateId, aggregateSeq);
    const seq = i + 1;
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

/** Splits `events` into consecutive batches at the given cut points. */
function batches<T>(events: readonly T[], cuts: readonly number[]): T[][] {
  const at = [...new Set(cuts.map((c) => c % (events.length + 1)))].sort((a, b) => a - b);
  const out: T[][] = [];
  let from = 0;
  for (const to of [...at, events.length]) {
    out.push(events.slice(from, to));
    from = to;
  }
  return out;
}

describe('foldAppView and foldAppViewBatches', () => {
  it('given any log cut into any batches, then folding the batches gives exactly the event-by-event fold, and no view handed out ever changes', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 10, maxLength: 150, size: 'max' }), fc.array(fc.nat(), { maxLength: 8 }), (steps, cuts) => {
        const events = toViewEvents(steps);
        // event by event, each view kept with a deep copy taken when it was handed out
        const oneByOne: Array<{ view: AppView; copy: AppView }> = [];
        let single = emptyView();
        for (const e of events) {
          single = evolveAppView(single, e);
          oneByOne.push({ view: single, copy: structuredClone(single) });
        }
        const batched: Array<{ view: AppView; copy: AppView }> = [];
        let view = emptyView();
        for (const batch of batches(events, cuts)) {
          view = foldAppView(view, batch);
          batched.push({ view, copy: structuredClone(view) });
        }
        // strict: a field set (even to undefined) on one side and absent on the other is a difference
        expect(view).toStrictEqual(single);
        expect(foldAppViewBatches(emptyView(), batches(events, cuts))).toStrictEqual(single); // a rebuild's one call
        for (const { view: v, copy } of [...oneByOne, ...batched]) expect(v).toEqual(copy);
      }),
      { numRuns: 200 },
    );
  });

  it('given events that change nothing, then the view itself comes back', () => {
    const base = emptyView();
    const [orphan] = toViewEvents([['s1', { type: 'QueryStarted', payload: { queryId: 'q1', sql: 'select 1' } }]]);
    expect(foldAppView(base, [orphan!])).toBe(base);
    expect(foldAppView(base, [])).toBe(base);
  });

  // Finishing builds the entry anew (one literal when the query never finished): these pin that the
  // new object holds what growing the entry field by field held, keys in the same order (the order
  // a snapshot's JSON carries), and that a log finishing a query twice keeps both outcomes' fields.
  it('given a query that finishes, then its entry is what QueryStarted gave it plus the outcome, keys in that order', () => {
    const [opened, started, began, completed] = toViewEvents([
      ['s1', { type: 'SessionOpened', payload: { title: 't' } }],
      ['s1', { type: 'QueryStarted', payload: { queryId: 'q1', sql: 'select 1' } }],
      ['s1', { type: 'ExecutionBegan', payload: { queryId: 'q1' } }],
      ['s1', { type: 'QueryCompleted', payload: { queryId: 'q1', rowCount: 1, columns: [], durationMs: 2 } }],
    ]);
    const entry = foldAppView(emptyView(), [opened!, started!, began!, completed!]).sessions['s1']!.history[0]!;
    expect(Object.entries(entry)).toEqual([
      ['queryId', 'q1'],
      ['sql', 'select 1'],
      ['phase', 'Completed'],
      ['startedAt', started!.occurredAt],
      ['rowCount', 1],
      ['columns', []],
      ['durationMs', 2],
    ]);
  });

  it('given a query cancelled or failed, then its entry says how long it ran, from its start to its end as logged', () => {
    const events = toViewEvents([
      ['s1', { type: 'SessionOpened', payload: { title: 't' } }],
      ['s1', { type: 'QueryStarted', payload: { queryId: 'q1', sql: 'select 1' } }],
      ['s1', { type: 'ExecutionBegan', payload: { queryId: 'q1' } }],
      ['s1', { type: 'QueryCancelled', payload: { queryId: 'q1', reason: 'cancelled by user' } }],
      ['s1', { type: 'QueryStarted', payload: { queryId: 'q2', sql: 'select x' } }],
      ['s1', { type: 'QueryFailed', payload: { queryId: 'q2', error: { id: 'e1', code: 'SQL_ERROR', message: 'no' } } }],
    ]);
    const [cancelled, failed] = foldAppView(emptyView(), events).sessions['s1']!.history;
    expect([cancelled?.phase, cancelled?.durationMs, failed?.phase, failed?.durationMs]).toEqual(['Cancelled', 2000, 'Failed', 1000]);
  });

  it('given a query that failed and then completed (a log may hold anything), then its entry keeps the error and takes the completion', () => {
    const events = toViewEvents([
      ['s1', { type: 'SessionOpened', payload: { title: 't' } }],
      ['s1', { type: 'QueryStarted', payload: { queryId: 'q1', sql: 'select 1' } }],
      ['s1', { type: 'QueryFailed', payload: { queryId: 'q1', error: { id: 'e1', code: 'SQL_ERROR', message: 'no' } } }],
      ['s1', { type: 'QueryCompleted', payload: { queryId: 'q1', rowCount: 3, columns: [], durationMs: 4 } }],
    ]);
    for (const view of [foldAppView(emptyView(), events), events.reduce(evolveAppView, emptyView())]) {
      expect(Object.keys(view.sessions['s1']!.history[0]!)).toEqual(['queryId', 'sql', 'phase', 'startedAt', 'error', 'durationMs', 'rowCount', 'columns']);
      expect(view.sessions['s1']!.history[0]).toMatchObject({ phase: 'Completed', error: { id: 'e1' }, rowCount: 3, durationMs: 4 });
    }
  });

  it('folds a session with 100,000 queries in linear time in one fold (as main rebuilds)', { timeout: 60_000 }, () => {
    let seq = 0;
    const at = (aggregateSeq: number) => ({ globalSeq: ++seq, aggregateType: 'QuerySession' as const, aggregateId: 's', aggregateSeq, occurredAt: 't' });
    const events: ViewEvent[] = [{ type: 'SessionOpened', payload: { title: 'long' }, ...at(1) }];
    for (let i = 0; i < 100_000; i++) {
      const queryId = `q${i}`;
      events.push({ type: 'QueryStarted', payload: { queryId, sql: 'select 1' }, ...at(2 + 2 * i) });
      events.push({ type: 'QueryCompleted', payload: { queryId, rowCount: 1, columns: [], durationMs: 1 }, ...at(3 + 2 * i) });
    }
    const start = performance.now();
    const view = foldAppView(emptyView(), events);
    const elapsed = performance.now() - start;
    const s = view.sessions['s']!;
    expect(s.history).toHaveLength(100_000);
    expect(s.history.every((h) => h.phase === 'Completed')).toBe(true);
    // Event by event this copies the history every time: ~10^10 element copies, minutes. The bound
    // is loose on purpose (a shared CI machine can be slow, but not 100x slow).
    expect(elapsed).toBeLessThan(5_000);
  });
});
