import { describe, expect, it } from 'vitest';
import { sessionEventSchema, type SessionEvent } from '../contracts/events';
import type { SessionForkedPayload } from '../contracts/sessionForked';
import { emptyView, foldAppView, openSessions, sessionTabs, type ViewEvent } from './appView';

const columns = [{ name: 'x', type: 'INTEGER' }];
const content: SessionForkedPayload = {
  title: 'Delays (fork)',
  from: { sessionId: 'orig', seq: 12, title: 'Delays', occurredAt: '2026-01-01T10:00:00.000Z' },
  draft: 'select 2',
  datasetIds: ['d1'],
  history: [{ queryId: 'q1', sql: 'select 1', phase: 'Completed', startedAt: 't', rowCount: 1, columns }],
};
const at = (seq: number, aggregateSeq: number, e: SessionEvent): ViewEvent => ({ ...e, globalSeq: seq, aggregateType: 'QuerySession', aggregateId: 'f1', aggregateSeq, occurredAt: 't' }) as ViewEvent;

describe('app view: a fork', () => {
  it('given SessionForked beside an opened session, then the fork’s tab is marked as one and the other’s is not', () => {
    const opened = at(19, 1, { type: 'SessionOpened', payload: { title: 'Delays' } });
    const view = foldAppView(emptyView(), [{ ...opened, aggregateId: 'orig' }, at(20, 1, { type: 'SessionForked', payload: content })]);
    expect(sessionTabs(openSessions(view)).map((t) => [t.title, t.forked])).toEqual([
      ['Delays', false],
      ['Delays (fork)', true],
    ]);
  });

  it('given SessionForked, then the fork is an opened session with the carried content and where it came from', () => {
    const view = foldAppView(emptyView(), [at(20, 1, { type: 'SessionForked', payload: content })]);
    expect(view.sessions['f1']).toEqual({
      id: 'f1',
      title: 'Delays (fork)',
      closed: false,
      version: 1,
      openedSeq: 20,
      activatedSeq: 20,
      draft: 'select 2',
      datasetIds: ['d1'],
      history: content.history,
      forkedFrom: content.from,
    });
  });

  it('given later events of the fork, then they fold onto it and the event they came from is never written', () => {
    const event = at(20, 1, { type: 'SessionForked', payload: content });
    const before = JSON.stringify(event);
    const view = foldAppView(emptyView(), [
      event,
      at(21, 2, { type: 'ResultViewSet', payload: { queryId: 'q1', orderBy: [{ column: 0, descending: true }], filter: [] } }),
      at(22, 3, { type: 'DatasetAttached', payload: { datasetId: 'd2' } }),
      at(23, 4, { type: 'DraftSaved', payload: { sql: 'select 4' } }),
    ]);
    expect(view.sessions['f1']).toMatchObject({ version: 4, draft: 'select 4', datasetIds: ['d1', 'd2'] });
    expect(view.sessions['f1']?.history[0]?.view).toEqual({ orderBy: [{ column: 0, descending: true }], filter: [] });
    expect(JSON.stringify(event)).toBe(before);
  });

  it('given a fork of a re-run with recorded inputs, as the store checks it, then the fork keeps that provenance', () => {
    const inputs = [{ datasetId: 'd1', name: 'cars', fingerprint: { bytes: 10, modifiedMs: 1, sha256: 'a'.repeat(64), duckdbVersion: 'v1.1.3' } }];
    const rerun = { ...content.history[0]!, queryId: 'q2', rerunOf: 'q1', inputs };
    // What the command handler stores is the event as its contract parses it.
    const stored = sessionEventSchema.parse({ type: 'SessionForked', payload: { ...content, history: [rerun] } });
    const view = foldAppView(emptyView(), [at(20, 1, stored)]);
    expect(view.sessions['f1']?.history[0]).toEqual(rerun);
  });
});
