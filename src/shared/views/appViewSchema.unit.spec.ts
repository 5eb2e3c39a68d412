import { describe, expect, it } from 'vitest';
import { datasetEventSchema, sessionEventSchema, type DatasetEvent, type SessionEvent } from '../contracts/events';
import type { DatasetFingerprint } from '../contracts/fingerprint';
import type { PivotSpec } from '../pivot/pivotSpec';
import { emptyView, foldAppView, type ViewEvent } from './appView';
import { APP_VIEW_SCHEMA_VERSION } from './appViewSchema';

/**
 * APP_VIEW_SCHEMA_VERSION must change whenever the fold does (appViewSchema.ts): a snapshot written
 * by the old fold would otherwise be read as the new one's. This folds one fixed story with every
 * event type (payloads as the fold specs use them) and pins a hash of the view next to the version,
 * so a fold that now produces something else fails here until both are bumped together.
 */
const PINNED = { version: 5, viewHash: '1b1321cc9754e1dc' };

const added: DatasetFingerprint = { bytes: 10, modifiedMs: 1, sha256: 'a'.repeat(64), duckdbVersion: 'v1.5.6' };
const rewritten: DatasetFingerprint = { ...added, bytes: 12, modifiedMs: 9, sha256: 'b'.repeat(64) };
const columns = [{ name: 'origin', type: 'VARCHAR' }, { name: 'delay', type: 'INTEGER' }];
const error = { id: 'e1', code: 'SQL_ERROR', message: 'Parser Error: syntax error at or near "SELEC"' };
const bar = { mark: 'Bar', x: 'origin', y: 'delay', aggregate: 'Sum' } as const;
const pivot: PivotSpec = { rows: ['origin'], columns: [], values: 'delay', aggregate: 'Average' };
const inputs = [{ datasetId: 'd1', name: 'flights', fingerprint: added }];

const story: ReadonlyArray<readonly [string, SessionEvent | DatasetEvent]> = [
  ['d1', { type: 'DatasetRequested', payload: { source: '/d/flights.csv' } }],
  ['d1', { type: 'DatasetRegistered', payload: { name: 'flights', source: '/d/flights.csv', format: 'csv', columns, fingerprint: added } }],
  ['d2', { type: 'DatasetRequested', payload: { source: '/d/missing.parquet' } }],
  ['d2', { type: 'DatasetFailed', payload: { source: '/d/missing.parquet', error: { ...error, code: 'IO_ERROR', message: 'No such file' } } }],
  ['s1', { type: 'SessionOpened', payload: { title: 'Delays' } }],
  ['s1', { type: 'SessionActivated', payload: {} }],
  ['s1', { type: 'DatasetAttached', payload: { datasetId: 'd1' } }],
  ['s1', { type: 'DraftSaved', payload: { sql: 'SELECT origin, delay FROM flights' } }],
  ['s1', { type: 'QueryStarted', payload: { queryId: 'q1', sql: 'SELECT origin, delay FROM flights' } }],
  ['s1', { type: 'ExecutionBegan', payload: { queryId: 'q1' } }],
  ['s1', { type: 'QueryCompleted', payload: { queryId: 'q1', rowCount: 3000, columns, durationMs: 12, inputs } }],
  ['s1', { type: 'ResultViewSet', payload: { queryId: 'q1', orderBy: [{ column: 1, descending: true }], filter: [{ column: 0, op: 'eq', value: 'SEA' }] } }],
  ['s1', { type: 'ChartSet', payload: { queryId: 'q1', spec: bar } }],
  ['s1', { type: 'PivotSet', payload: { queryId: 'q1', spec: pivot } }],
  ['s1', { type: 'ActionUndone', payload: { seq: 10 } }],
  ['s1', { type: 'ActionRedone', payload: { seq: 10 } }],
  ['s1', { type: 'ResultExported', payload: { queryId: 'q1', format: 'parquet', target: 'download', rows: 3000, bytes: 16_000 } }],
  ['s1', { type: 'QueryStarted', payload: { queryId: 'q2', sql: 'SELEC 1' } }],
  ['s1', { type: 'QueryFailed', payload: { queryId: 'q2', error, durationMs: 1 } }],
  ['s1', { type: 'QueryStarted', payload: { queryId: 'q3', sql: 'SELECT * FROM flights', rerunOf: 'q1' } }],
  ['s1', { type: 'ExecutionBegan', payload: { queryId: 'q3' } }],
  ['s1', { type: 'QueryCancelled', payload: { queryId: 'q3', reason: 'user', durationMs: 400 } }],
  ['s1', { type: 'SessionRenamed', payload: { title: 'Delays by origin' } }],
  ['d1', { type: 'DatasetChanged', payload: { fingerprint: rewritten, columns: [...columns, { name: 'dest', type: 'VARCHAR' }] } }],
  [
    's2',
    {
      type: 'SessionForked',
      payload: {
        title: 'Delays (fork)',
        from: { sessionId: 's1', seq: 11, title: 'Delays', occurredAt: '2026-01-01T00:00:11.000Z' },
        draft: 'SELECT origin, delay FROM flights',
        datasetIds: ['d1'],
        history: [{ queryId: 'q1', sql: 'SELECT origin, delay FROM flights', phase: 'Completed', startedAt: '2026-01-01T00:00:09.000Z', rowCount: 3000, columns, durationMs: 12 }],
      },
    },
  ],
  ['s2', { type: 'SessionClosed', payload: {} }],
  ['s2', { type: 'SessionReopened', payload: {} }],
  ['s3', { type: 'SessionOpened', payload: { title: 'Scratch' } }],
  ['s3', { type: 'SessionClosed', payload: {} }],
  ['d2', { type: 'DatasetRemoved', payload: {} }],
  ['d1', { type: 'ActionUndone', payload: { seq: 3 } }],
  ['d1', { type: 'ActionRedone', payload: { seq: 3 } }],
];

function toViewEvents(steps: typeof story): ViewEvent[] {
  const versions = new Map<string, number>();
  return steps.map(([aggregateId, event], i) => {
    const aggregateSeq = (versions.get(aggregateId) ?? 0) + 1;
    versions.set(aggregateId, aggregateSeq);
    const globalSeq = i + 1;
    const aggregateType = aggregateId.startsWith('s') ? 'QuerySession' : 'Dataset';
    return { ...event, globalSeq, aggregateType, aggregateId, aggregateSeq, occurredAt: `2026-01-01T00:00:${String(globalSeq).padStart(2, '0')}.000Z` } as ViewEvent;
  });
}

/** JSON with object keys sorted, so the hash depends on what the view holds, not on key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/** 64-bit FNV-1a, hex: stable across runs and machines (no node:crypto in src/shared). */
function fnv1a64(text: string): string {
  let h = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) h = BigInt.asUintN(64, (h ^ BigInt(byte)) * 0x100000001b3n);
  return h.toString(16).padStart(16, '0');
}

describe('the view schema version', () => {
  it('tells a story with every event type of both aggregates', () => {
    const told = (prefix: string) => new Set(story.filter(([id]) => id.startsWith(prefix)).map(([, e]) => e.type));
    const types = (schema: typeof sessionEventSchema | typeof datasetEventSchema) => new Set(schema.options.map((o) => o.shape.type.value));
    expect(told('s')).toEqual(types(sessionEventSchema));
    expect(told('d')).toEqual(types(datasetEventSchema));
  });

  it('changes with the fold: the pinned hash of a fixed story is the fold of this version', () => {
    const viewHash = fnv1a64(canonical(foldAppView(emptyView(), toViewEvents(story))));
    const bumped = APP_VIEW_SCHEMA_VERSION !== PINNED.version;
    const todo = bumped
      ? `APP_VIEW_SCHEMA_VERSION moved: if the fold changed with it, set PINNED in appViewSchema.unit.spec.ts to { version: ${APP_VIEW_SCHEMA_VERSION}, viewHash: '${viewHash}' }.`
      : 'The fold now builds another view from the same events. Bump APP_VIEW_SCHEMA_VERSION in appViewSchema.ts (snapshots of the old fold are then rebuilt ' +
        `from the log instead of read as this one's), then set PINNED in appViewSchema.unit.spec.ts to { version: ${APP_VIEW_SCHEMA_VERSION + 1}, viewHash: '${viewHash}' }.`;
    expect({ version: APP_VIEW_SCHEMA_VERSION, viewHash }, todo).toEqual(PINNED);
  });
});
