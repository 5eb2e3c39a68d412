import { describe, it } from 'vitest';
import type { SessionCommand } from '../contracts/commands';
import type { SessionEvent } from '../contracts/events';
import { deciderSpec } from '../../../test/support/deciderSpec';
import { querySessionDecider } from './querySession';

const spec = deciderSpec(querySessionDecider);
const opened: SessionEvent = { type: 'SessionOpened', payload: { title: 'Session 1' } };
const completed: SessionEvent[] = [
  { type: 'QueryStarted', payload: { queryId: 'q1', sql: 'select 1' } },
  { type: 'QueryCompleted', payload: { queryId: 'q1', rowCount: 3, columns: [], durationMs: 1 } },
];
const record: SessionCommand = { type: 'RecordExport', sessionId: 's1', queryId: 'q1', format: 'parquet', target: 'download', rows: 3, bytes: 420 };
const exported: SessionEvent = { type: 'ResultExported', payload: { queryId: 'q1', format: 'parquet', target: 'download', rows: 3, bytes: 420 } };

describe('session decider: recording an export', () => {
  it('given a completed result, when an export of it is recorded, then ResultExported', () => {
    spec.given([opened, ...completed]).when(record).then([exported]);
  });
  it('given a query running after the exported one, the export is still recorded (it names its own query)', () => {
    spec
      .given([opened, ...completed, { type: 'QueryStarted', payload: { queryId: 'q2', sql: 'select 2' } }])
      .when(record)
      .then([exported]);
  });
  it('given a recorded export, another query can start: an export leaves the query lifecycle alone', () => {
    spec
      .given([opened, ...completed, exported])
      .when({ type: 'StartQuery', sessionId: 's1', queryId: 'q2', sql: 'select 2' })
      .then([{ type: 'QueryStarted', payload: { queryId: 'q2', sql: 'select 2' } }]);
  });
  it('given a closed session, the export is refused like every other command', () => {
    spec.given([opened, ...completed, { type: 'SessionClosed', payload: {} }]).when(record).thenRejects('SESSION_CLOSED');
  });
});
