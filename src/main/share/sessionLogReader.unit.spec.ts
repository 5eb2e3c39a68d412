import { describe, expect, it } from 'vitest';
import { SESSION_LOG_FORMAT, SESSION_LOG_VERSION } from '../../shared/contracts/sessionLog';
import { upcasters } from '../store/upcasters';
import { readSessionLog } from './sessionLogReader';

const SESSION = 'session-1';

/** One event line as an export writes it, with `change` laid over it (a key set to undefined is left out). */
function line(seq: number, type: string, payload: unknown, change: Record<string, unknown> = {}): string {
  return JSON.stringify({
    type,
    payload,
    globalSeq: 40 + seq,
    eventId: `event-${seq}`,
    aggregateType: 'QuerySession',
    aggregateId: SESSION,
    aggregateSeq: seq,
    schemaVersion: 1,
    topic: `session/${SESSION}`,
    metadata: { commandId: 'c', correlationId: 'c', issuedBy: 'user' },
    occurredAt: '2026-01-01T00:00:00.000Z',
    ...change,
  });
}

const file = (lines: readonly string[]): string =>
  [JSON.stringify({ format: SESSION_LOG_FORMAT, version: SESSION_LOG_VERSION, sessionId: SESSION, title: 'T', exportedAt: 'now', eventCount: lines.length }), ...lines].join('\n') + '\n';

const opened = line(1, 'SessionOpened', { title: 'T' });
const started = (change: Record<string, unknown> = {}, payload: unknown = { queryId: 'q', sql: 'select 1' }) => line(2, 'QueryStarted', payload, change);
const read = (lines: readonly string[]) => readSessionLog(file(lines), upcasters, () => 'error-id');

describe('reading a session log', () => {
  it('keeps each line’s checked parts only: this build’s topic, no global seq of the file’s, no key the schemas do not name', async () => {
    const log = await read([opened, started({ topic: 'session/another', extra: 1, metadata: { commandId: 'c', correlationId: 'c', issuedBy: 'user', sneaky: true } }, { queryId: 'q', sql: 'select 1', extra: 'x' }), line(3, 'QueryCancelled', { queryId: 'q', reason: 'r' })]);
    if (!log.ok) throw new Error(log.error.message);
    expect(log.value.events[1]).toStrictEqual({
      eventId: 'event-2',
      aggregateType: 'QuerySession',
      aggregateId: SESSION,
      aggregateSeq: 2,
      schemaVersion: 1,
      topic: `session/${SESSION}`,
      metadata: { commandId: 'c', correlationId: 'c', issuedBy: 'user' },
      occurredAt: '2026-01-01T00:00:00.000Z',
      type: 'QueryStarted',
      payload: { queryId: 'q', sql: 'select 1' },
    });
  });

  // Each is caught by the line's check alone: none breaks the order, the ids or the session.
  it.each([
    ['an envelope without metadata’s issuedBy', started({ metadata: { commandId: 'c', correlationId: 'c' } })],
    ['metadata issued by someone unknown', started({ metadata: { commandId: 'c', correlationId: 'c', issuedBy: 'admin' } })],
    ['a time that is not text', started({ occurredAt: 12 })],
    ['a time that is text but no time', started({ occurredAt: 'garbage' })],
    ['a history no decider allows (a query ending twice)', line(2, 'QueryCompleted', { queryId: 'q0', rowCount: 1, columns: [], durationMs: 1 })],
    ['a schema version that is not a positive integer', started({ schemaVersion: 0 })],
    ['no event id', started({ eventId: undefined })],
    ['an aggregate type this build does not know', started({ aggregateType: 'Account' })],
    ['a payload that breaks its event’s schema', started({}, { queryId: 'q', sql: 42 })],
    ['no payload', started({ payload: undefined })],
    ['an event type this build does not know', line(2, 'QueryTeleported', { queryId: 'q' })],
    ['a session’s event filed as a dataset’s', started({ aggregateType: 'Dataset', aggregateId: 'd-1', aggregateSeq: 1 })],
  ])('refuses %s, naming its line', async (_, bad) => {
    const log = await read([opened, bad, line(3, 'ExecutionBegan', { queryId: 'q' })]);
    expect(log.ok ? 'read' : [log.error.code, log.error.details?.['line']]).toEqual(['IMPORT_MALFORMED', 3]);
  });
});

describe('reading a session exported while a query ran', () => {
  it('leaves out the running query and what followed it, and says how many events that was', async () => {
    const log = await read([opened, started(), line(3, 'ExecutionBegan', { queryId: 'q' }), line(4, 'DraftSaved', { sql: 'select 2' })]);
    if (!log.ok) throw new Error(log.error.message);
    expect(log.value.events.map((e) => e.type)).toEqual(['SessionOpened']);
    expect(log.value.leftRunning).toBe(3);
  });

  it('keeps every event when the last query has ended', async () => {
    const log = await read([opened, started(), line(3, 'QueryCancelled', { queryId: 'q', reason: 'cancelled by user' })]);
    expect(log.ok && [log.value.events.length, log.value.leftRunning]).toEqual([3, 0]);
  });
});

describe('reading an empty file', () => {
  it.each([
    ['0 bytes', ''],
    ['a byte-order mark alone', '\uFEFF'],
    ['blank lines only', '\n\r\n  \n'],
  ])('given %s, then it says the file is empty, with an error id, and nothing is imported', async (_, text) => {
    const log = await readSessionLog(text, upcasters, () => 'error-id');
    expect(log.ok ? 'read' : { code: log.error.code, id: log.error.id, message: log.error.message }).toEqual({
      code: 'IMPORT_FOREIGN',
      id: 'error-id',
      message: 'The file is empty: a session log starts with a line naming its format. Nothing was imported.',
    });
  });
});
