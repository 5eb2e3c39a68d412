import { describe, expect, it } from 'vitest';
import type { DomainEvent, EventEnvelope } from '../contracts/events';
import { emptyView, evolveAppView, openSessions, sessionTabs, type AppView } from './appView';

let seq = 0;
const versions = new Map<string, number>();
const envelope = (aggregateId: string, event: DomainEvent): EventEnvelope => {
  const aggregateSeq = (versions.get(aggregateId) ?? 0) + 1;
  versions.set(aggregateId, aggregateSeq);
  return { ...event, globalSeq: ++seq, eventId: `e${seq}`, aggregateType: 'QuerySession', aggregateId, aggregateSeq, schemaVersion: 1, topic: `session/${aggregateId}`, metadata: { commandId: 'c', correlationId: 'c', issuedBy: 'user' }, occurredAt: '2026-01-01T00:00:00.000Z' } as EventEnvelope;
};
const apply = (view: AppView, id: string, event: DomainEvent) => evolveAppView(view, envelope(id, event));

describe('the tab strip’s tabs', () => {
  const opened = () => {
    let view = emptyView();
    for (const id of ['t1', 't2', 't3']) view = apply(view, id, { type: 'SessionOpened', payload: { title: `Tab ${id}` } });
    return view;
  };

  it('given tabs, when another session’s draft, activation or running query’s progress is folded in, then the tabs are the very same array', () => {
    const started = apply(opened(), 't3', { type: 'QueryStarted', payload: { queryId: 'q1', sql: 'select 1' } });
    const tabs = sessionTabs(openSessions(started));
    let next = apply(started, 't2', { type: 'DraftSaved', payload: { sql: 'select 1' } });
    next = apply(next, 't3', { type: 'ExecutionBegan', payload: { queryId: 'q1' } });
    next = apply(next, 't1', { type: 'SessionActivated', payload: {} });
    expect(openSessions(next)).not.toBe(openSessions(started)); // a new array every time: what memoization cannot compare
    expect(sessionTabs(openSessions(next), tabs)).toBe(tabs);
  });

  it('given tabs, when a query starts in one and when it ends, then new tabs say which runs', () => {
    const view = opened();
    const tabs = sessionTabs(openSessions(view));
    expect(tabs.map((t) => t.running)).toEqual([false, false, false]);
    const started = apply(view, 't3', { type: 'QueryStarted', payload: { queryId: 'q1', sql: 'select 1' } });
    const running = sessionTabs(openSessions(started), tabs);
    expect(running.map((t) => t.running)).toEqual([false, false, true]);
    const ended = apply(started, 't3', { type: 'QueryCancelled', payload: { queryId: 'q1', reason: 'user' } });
    expect(sessionTabs(openSessions(ended), running).map((t) => t.running)).toEqual([false, false, false]);
  });

  it('given tabs, when one is renamed, opened or closed, then new tabs say so', () => {
    const view = opened();
    const tabs = sessionTabs(openSessions(view));
    const renamed = apply(view, 't2', { type: 'SessionRenamed', payload: { title: 'Delays' } });
    expect(sessionTabs(openSessions(renamed), tabs).map((t) => t.title)).toEqual(['Tab t1', 'Delays', 'Tab t3']);
    const closed = apply(view, 't1', { type: 'SessionClosed', payload: {} });
    expect(sessionTabs(openSessions(closed), tabs).map((t) => t.id)).toEqual(['t2', 't3']);
    const more = apply(view, 't4', { type: 'SessionOpened', payload: { title: 'Tab t4' } });
    expect(sessionTabs(openSessions(more), tabs).map((t) => t.id)).toEqual(['t1', 't2', 't3', 't4']);
  });
});
