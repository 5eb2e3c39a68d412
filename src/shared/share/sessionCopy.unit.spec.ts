import { describe, expect, it } from 'vitest';
import { copyTitle, sessionCopy, type LogEvent } from './sessionCopy';

/** Events as a log file gives them: the session's numbered from 1, a dataset's kept apart. */
function log(...events: [string, unknown, Partial<LogEvent>?][]): LogEvent[] {
  let seq = 0;
  return events.map(([type, payload, over], i) => {
    const dataset = type.startsWith('Dataset') && type !== 'DatasetAttached';
    return {
      eventId: `e${i + 1}`,
      aggregateType: dataset ? 'Dataset' : 'QuerySession',
      aggregateId: dataset ? 'd1' : 's',
      aggregateSeq: dataset ? 1 : ++seq,
      schemaVersion: 1,
      topic: dataset ? 'catalog' : 'session/s',
      metadata: { commandId: `c${i + 1}`, correlationId: `c${i + 1}`, issuedBy: 'user' },
      occurredAt: '2026-01-01T00:00:00.000Z',
      type,
      payload,
      ...over,
    } as LogEvent;
  });
}

/** Ids drawn in order, so a spec can say which is which. */
function counter() {
  let n = 0;
  return { newId: () => `n${++n}`, title: (t: string) => copyTitle(t) };
}

const ran = (queryId: string, extra: object = {}): [string, unknown][] => [
  ['QueryStarted', { queryId, sql: 'select 1', ...extra }],
  ['ExecutionBegan', { queryId }],
  ['QueryCompleted', { queryId, rowCount: 1, columns: [], durationMs: 1 }],
];

const payloads = (events: readonly LogEvent[]) => events.map((e) => e.payload as Record<string, unknown>);
const ids = (events: readonly LogEvent[]) => new Set(events.flatMap((e) => [e.eventId, e.aggregateId, ...Object.values(e.payload).filter((v): v is string => typeof v === 'string')]));

describe('copying a session log’s session as a new session', () => {
  it('given a session that ran queries, re-ran one and charted it, then the copy has its own session, event and query ids, each reference re-keyed alike', () => {
    const file = log(['SessionOpened', { title: 'Cars' }], ...ran('q1'), ...ran('q2', { rerunOf: 'q1' }), ['ChartSet', { queryId: 'q2', spec: null }], ['ResultViewSet', { queryId: 'q1', orderBy: [], filter: [] }], ['PivotSet', { queryId: 'q1', spec: null }]);
    const copy = sessionCopy(file, 's', counter());
    expect(copy.sessionId).not.toBe('s');
    for (const e of copy.events) expect(e).toMatchObject({ aggregateId: copy.sessionId, topic: `session/${copy.sessionId}` });
    const [q1, q2] = [payloads(copy.events)[1]!['queryId'], payloads(copy.events)[4]!['queryId']];
    expect(q1).not.toBe('q1');
    expect(q2).not.toBe('q2');
    expect(payloads(copy.events).slice(1, 4).map((p) => p['queryId'])).toEqual([q1, q1, q1]);
    expect(payloads(copy.events)[4]).toMatchObject({ queryId: q2, rerunOf: q1 });
    expect(payloads(copy.events).slice(7).map((p) => p['queryId'])).toEqual([q2, q1, q1]);
    // nothing of the file's ids is left in the copy's session events
    const original = ids(file);
    for (const id of ids(copy.events)) if (id !== 'select 1' && id !== 'Cars (copy)') expect(original.has(id)).toBe(false);
    expect(new Set(copy.events.map((e) => e.eventId)).size).toBe(file.length);
  });

  it('given titles in its opening and renames, then each reads as the copy’s', () => {
    const copy = sessionCopy(log(['SessionOpened', { title: 'Cars' }], ['SessionRenamed', { title: 'Cars by origin' }]), 's', counter());
    expect(payloads(copy.events).map((p) => p['title'])).toEqual(['Cars (copy)', 'Cars by origin (copy)']);
  });

  it('given an undo, then it names the same seq: the copy’s events keep their aggregate seqs', () => {
    const file = log(['SessionOpened', { title: 'T' }], ...ran('q1'), ['ResultViewSet', { queryId: 'q1', orderBy: [], filter: [] }], ['ActionUndone', { seq: 5 }]);
    const copy = sessionCopy(file, 's', counter());
    expect(copy.events.map((e) => e.aggregateSeq)).toEqual(file.map((e) => e.aggregateSeq));
    expect(copy.events.at(-1)!.payload).toEqual({ seq: 5 });
  });

  it('given a fork, then its carried history’s queries are re-keyed like the rest, its origin elsewhere kept', () => {
    const from = { sessionId: 'o', seq: 3, title: 'O', occurredAt: 'x' };
    const history = [
      { queryId: 'q0', sql: 's', phase: 'Completed', startedAt: 'x' },
      { queryId: 'q1', sql: 's', phase: 'Completed', startedAt: 'x', rerunOf: 'q0' },
    ];
    const copy = sessionCopy(log(['SessionForked', { title: 'F', from, draft: '', datasetIds: ['d1'], history }], ['ChartSet', { queryId: 'q0', spec: null }]), 's', counter());
    const forked = copy.events[0]!.payload as { title: string; from: unknown; datasetIds: string[]; history: { queryId: string; rerunOf?: string }[] };
    expect(forked).toMatchObject({ title: 'F (copy)', from, datasetIds: ['d1'] });
    const [h0, h1] = forked.history;
    expect(h0!.queryId).not.toBe('q0');
    expect(h1).toMatchObject({ rerunOf: h0!.queryId });
    expect(copy.events[1]!.payload).toMatchObject({ queryId: h0!.queryId });
  });

  it('given a dataset’s events among the session’s, then they are left as they are and the session’s keep pointing at its id', () => {
    const file = log(['DatasetRegistered', { name: 'cars', source: '/c.json', columns: [] }], ['SessionOpened', { title: 'T' }], ['DatasetAttached', { datasetId: 'd1' }]);
    const copy = sessionCopy(file, 's', counter());
    expect(copy.events[0]).toBe(file[0]);
    expect(copy.events[2]!.payload).toEqual({ datasetId: 'd1' });
  });

  it('given events of one command caused by an earlier one, then commands, correlations and causes are re-keyed together; a cause outside the session stays', () => {
    const meta = (commandId: string, causationId?: string) => ({ metadata: { commandId, correlationId: 'c1', issuedBy: 'system' as const, ...(causationId ? { causationId } : {}) } });
    const file = log(['SessionOpened', { title: 'T' }, meta('c1')], ['DraftSaved', { sql: 'x' }, meta('c2', 'e1')], ['DraftSaved', { sql: 'y' }, meta('c2', 'elsewhere')]);
    const [a, b, c] = sessionCopy(file, 's', counter()).events;
    expect(b!.metadata.causationId).toBe(a!.eventId);
    expect(b!.metadata.correlationId).toBe(a!.metadata.commandId);
    expect(c!.metadata.commandId).toBe(b!.metadata.commandId);
    expect(c!.metadata.causationId).toBe('elsewhere');
    expect(a!.metadata.commandId).not.toBe('c1');
  });
});
