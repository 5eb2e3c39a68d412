import { describe, expect, it } from 'vitest';
import type { ClientRequest } from '../../shared/contracts/protocol';
import type { AppView, HistoryEntry, SessionView } from '../../shared/views/appView';
import { outsideScope, type ConnectionScope } from './connectionScope';

const entry = (queryId: string): HistoryEntry => ({ queryId, sql: 'select 1', phase: 'Completed', startedAt: '2026-12-01T00:00:00Z' });
const session = (id: string, queryIds: string[]): SessionView => ({
  id,
  title: id,
  closed: false,
  version: 1,
  openedSeq: 1,
  activatedSeq: 1,
  draft: '',
  datasetIds: [],
  history: queryIds.map(entry),
});
const view: AppView = { sessions: { mine: session('mine', ['q-mine']), theirs: session('theirs', ['q-theirs']) }, datasets: {} };
const scoped: ConnectionScope = { kind: 'session', sessionId: 'mine' };
const noExports = (_exportId: string) => false;
const reach = (request: ClientRequest, scope: ConnectionScope = scoped, ownExport: (exportId: string) => boolean = noExports) => outsideScope(scope, request, view, ownExport);

describe('what a connection scoped to one session may reach', () => {
  it('given the overview window, then nothing is outside', () => {
    expect(reach({ method: 'subscribe', subscriptionId: 's', pattern: '**' }, { kind: 'all' })).toBeUndefined();
    expect(reach({ method: 'fetchPage', queryId: 'q-theirs', offset: 0, limit: 10 }, { kind: 'all' })).toBeUndefined();
  });

  it('given a session window, then it may follow its session and the catalog, and nothing wider', () => {
    expect(reach({ method: 'subscribe', subscriptionId: 's', pattern: 'session/mine' })).toBeUndefined();
    expect(reach({ method: 'subscribe', subscriptionId: 's', pattern: 'catalog' })).toBeUndefined();
    for (const pattern of ['**', 'session/*', 'session/theirs', 'session/mine/**'])
      expect(reach({ method: 'subscribe', subscriptionId: 's', pattern }), pattern).toMatch(/topics/);
  });

  it('given a session window, then its own results page, export and profile, and another session’s do not', () => {
    expect(reach({ method: 'fetchPage', queryId: 'q-mine', offset: 0, limit: 10 })).toBeUndefined();
    expect(reach({ method: 'fetchPage', queryId: 'q-theirs', offset: 0, limit: 10 })).toMatch(/another session/);
    expect(reach({ method: 'fetchPage', queryId: 'q-unknown', offset: 0, limit: 10 })).toMatch(/another session/);
    expect(reach({ method: 'profileColumns', requestId: 'r', target: { kind: 'result', queryId: 'q-theirs' }, columns: [0] })).toMatch(/another session/);
    expect(reach({ method: 'profileColumns', requestId: 'r', target: { kind: 'dataset', datasetId: 'd' }, columns: [0] })).toBeUndefined();
    const spec = { rows: ['a'], columns: [], values: 'a', aggregate: 'Count' } as const;
    expect(reach({ method: 'pivotPage', queryId: 'q-theirs', spec: { ...spec, rows: [...spec.rows], columns: [] }, offset: 0, limit: 10 })).toMatch(/another session/);
    expect(reach({ method: 'pivotPage', queryId: 'q-mine', spec: { ...spec, rows: [...spec.rows], columns: [] }, offset: 0, limit: 10 })).toBeUndefined();
    expect(reach({ method: 'startExport', sessionId: 'mine', queryId: 'q-theirs', format: 'csv', target: { kind: 'download' } })).toMatch(/another session/);
    expect(reach({ method: 'startExport', sessionId: 'mine', queryId: 'q-mine', format: 'csv', target: { kind: 'download' } })).toBeUndefined();
  });

  it('given a session window, then commands on another session (a cancel, a view of its result) are outside; the catalog and a new session are not', () => {
    expect(reach({ method: 'dispatch', command: { type: 'CancelQuery', sessionId: 'theirs' } })).toMatch(/another session/);
    expect(reach({ method: 'dispatch', command: { type: 'SetResultView', sessionId: 'mine', queryId: 'q-theirs', orderBy: [], filter: [] } })).toMatch(/another session/);
    expect(reach({ method: 'dispatch', command: { type: 'CancelQuery', sessionId: 'mine' } })).toBeUndefined();
    expect(reach({ method: 'dispatch', command: { type: 'AddDataset', source: '/data/a.csv' } })).toBeUndefined();
    expect(reach({ method: 'dispatch', command: { type: 'OpenSession' } })).toBeUndefined();
  });

  it('given a session window, then it undoes and redoes in its own session and the catalog, not in another session', () => {
    for (const type of ['Undo', 'Redo'] as const) {
      expect(reach({ method: 'dispatch', command: { type, aggregateType: 'QuerySession', aggregateId: 'theirs', seq: 3 } })).toMatch(/another session/);
      expect(reach({ method: 'dispatch', command: { type, aggregateType: 'QuerySession', aggregateId: 'mine', seq: 3 } })).toBeUndefined();
      expect(reach({ method: 'dispatch', command: { type, aggregateType: 'Dataset', aggregateId: 'd', seq: 3 } })).toBeUndefined();
    }
    expect(reach({ method: 'previewSql', sessionId: 'theirs', sql: 'select 1', cursor: 0 })).toMatch(/another session/);
  });

  it('given a session window, then only exports it started can be awaited or cancelled', () => {
    expect(reach({ method: 'cancelExport', exportId: 'e1' })).toMatch(/export/);
    expect(reach({ method: 'exportOutcome', exportId: 'e1' }, scoped, (id) => id === 'e1')).toBeUndefined();
  });
});

describe('connection scope: charts', () => {
  const histogram = { mark: 'Histogram', x: 'n', aggregate: 'Count' } as const;
  it('given a session window, then it charts its own results only, naming its own session', () => {
    expect(reach({ method: 'chartData', sessionId: 'mine', queryId: 'q-mine', spec: histogram })).toBeUndefined();
    expect(reach({ method: 'chartData', sessionId: 'mine', queryId: 'q-theirs', spec: histogram })).toMatch(/another session/);
    expect(reach({ method: 'chartData', sessionId: 'theirs', queryId: 'q-theirs', spec: histogram })).toMatch(/another session/);
    expect(reach({ method: 'cancelChart', sessionId: 'theirs' })).toMatch(/another session/);
  });
});

describe('connection scope: session export', () => {
  it('given a session window, then it exports its own session only', () => {
    expect(reach({ method: 'exportSession', sessionId: 'mine', format: 'eventLog', target: { kind: 'download' } })).toBeUndefined();
    expect(reach({ method: 'exportSession', sessionId: 'theirs', format: 'sql', target: { kind: 'download' } })).toMatch(/another session/);
  });
});

describe('connection scope: locating a dataset', () => {
  it('given a session window, then it may locate a dataset’s file: the catalog is every window’s, as adding to it is', () => {
    expect(reach({ method: 'locateDataset', datasetId: 'd1', file: { kind: 'path', path: '/data/cars.json' } })).toBeUndefined();
  });
});
