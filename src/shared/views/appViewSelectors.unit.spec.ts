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

  it('given tabs, when another session’s draft, query or activation is folded in, then the tabs are the very same array', () => {
    const view = opened();
    const tabs = sessionTabs(openSessions(view));
    let next = apply(view, 't2', { type: 'DraftSaved', payload: { sql: 'select 1' } });
    next = apply(next, 't3', { type: 'QueryStarted', payload: { queryId: 'q1', sql: 'select 1' } });
    next = apply(next, 't1', { type: 'SessionActivated', payload: {} });
    expect(openSessions(next)).not.toBe(openSessions(view)); // a new array every time: what memoization cannot compare
    expect(sessionTabs(openSessions(next), tabs)).toBe(tabs);
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
