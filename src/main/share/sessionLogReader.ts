import { appError, fail, ok, validationIssues, type ErrorCode, type Result } from '../../shared/contracts/errors';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { z } from 'zod';
import { envelopeFieldsSchema, type AggregateType } from '../../shared/contracts/events';
import { SESSION_LOG_FORMAT, SESSION_LOG_VERSION, sessionLogHeaderSchema, type SessionLogHeader } from '../../shared/contracts/sessionLog';
import { aggregates } from '../commands/aggregates';
import { checkSessionHistory } from './sessionHistoryCheck';
import type { ImportedEvent } from '../store/eventStore';
import type { UpcasterRegistry } from '../store/upcasters';
import { countText, grouped } from '../../shared/text/counts';

/** A session log read whole and checked, ready to append: nothing in it was written yet. */
export interface SessionLog {
  readonly header: SessionLogHeader;
  /** In file order (catalog first), each with the topic this build gives its aggregate. */
  readonly events: readonly ImportedEvent[];
  /** The file's events left out: those of a query still running when it was exported, and what followed it (checkSessionHistory). */
  readonly leftRunning: number;
}

/**
 * `sessionLogEventSchema` in two steps, each a part of it: the envelope's fields, then the event
 * with its own aggregate's schema (so a Dataset event filed as a session's is refused too). Zod's
 * intersection of unions takes several times as long on a 30,000-event log for the same answer.
 */
const envelopeFields = envelopeFieldsSchema.extend({ type: z.string() });

function parseEventLine(json: unknown): { ok: true; event: ImportedEvent } | { ok: false; issues: string[] } {
  const fields = envelopeFields.safeParse(json);
  if (!fields.success) return { ok: false, issues: validationIssues(fields.error) };
  const { eventId, aggregateType, aggregateId, aggregateSeq, schemaVersion, metadata, occurredAt, type } = fields.data;
  const aggregate = aggregates[aggregateType];
  const domain = aggregate.eventSchema.safeParse({ type, payload: (json as { payload?: unknown }).payload });
  if (!domain.success) return { ok: false, issues: validationIssues(domain.error) };
  // Built once from the checked parts (the file's global seq is dropped). The topic is this build's
  // for the aggregate, never the file's: a file cannot file an event under another session.
  const event = { eventId, aggregateType, aggregateId, aggregateSeq, schemaVersion, topic: aggregate.topic(aggregateId), metadata, occurredAt, type: domain.data.type, payload: domain.data.payload };
  return { ok: true, event: event as ImportedEvent };
}

/** Lines checked between turns of main's event loop: a 30,000-event log is about a second of parsing. */
const LINES_PER_TURN = 1000;

/**
 * Reads a session-log file's text (docs/share.md) and checks every line before anything is written,
 * letting main's event loop run every LINES_PER_TURN lines:
 * a file that is not a session log (IMPORT_FOREIGN), of a newer format or event schema
 * (IMPORT_TOO_NEW), cut short (IMPORT_TRUNCATED) or otherwise wrong (IMPORT_MALFORMED, naming the
 * line) is refused whole.
 */
export async function readSessionLog(text: string, upcasters: UpcasterRegistry, errorId: () => string): Promise<Result<SessionLog>> {
  const refuse = (code: ErrorCode, message: string, details?: Record<string, unknown>): Result<SessionLog> =>
    fail<SessionLog>(appError(errorId(), code, `${message} Nothing was imported.`, details ? { details } : {}));
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  // 0 bytes (or blank lines only): there is no first line to name a format, so say what it is
  if (body.trim() === '') return refuse('IMPORT_FOREIGN', 'The file is empty: a session log starts with a line naming its format.');
  const complete = body.endsWith('\n');
  const lines = body.split('\n');
  if (complete) lines.pop();
  for (let i = 0; i < lines.length; i++) if (lines[i]!.endsWith('\r')) lines[i] = lines[i]!.slice(0, -1);

  const first = parseJson(lines[0] ?? '');
  const format = typeof first === 'object' && first !== null ? (first as { format?: unknown }).format : undefined;
  if (format !== SESSION_LOG_FORMAT) return refuse('IMPORT_FOREIGN', 'This file is not a Sextant session log (its first line does not name the format).');
  const version = (first as { version?: unknown }).version;
  if (typeof version === 'number' && version > SESSION_LOG_VERSION) {
    return refuse('IMPORT_TOO_NEW', `This session log is of format version ${version}; this build of Sextant reads up to version ${SESSION_LOG_VERSION}. Update Sextant.`, {
      version,
      known: SESSION_LOG_VERSION,
    });
  }
  const header = sessionLogHeaderSchema.safeParse(first);
  if (!header.success) return refuse('IMPORT_MALFORMED', 'The session log’s header is malformed.', { line: 1, issues: validationIssues(header.error) });
  const { eventCount, sessionId } = header.data;
  const eventLines = lines.length - 1;
  // A last line without its newline that does not parse was cut mid-write: the file is short.
  const cut = !complete && eventLines > 0 && parseJson(lines[lines.length - 1]!) === undefined;
  if (eventLines < eventCount || (cut && eventLines <= eventCount)) {
    return refuse('IMPORT_TRUNCATED', `The session log is cut short: its header announces ${countText(eventCount, 'event')}, the file holds ${grouped(cut ? eventLines - 1 : eventLines)} whole.`, {
      eventCount,
      found: cut ? eventLines - 1 : eventLines,
    });
  }
  if (eventLines > eventCount) return refuse('IMPORT_MALFORMED', `The session log holds ${countText(eventLines, 'event line')}; its header announces ${grouped(eventCount)}.`, { eventCount, found: eventLines });

  const events: ImportedEvent[] = [];
  // Each aggregate's last seq so far, by type then id (no key string built per line).
  const lastSeq: Record<AggregateType, Map<string, number>> = { QuerySession: new Map(), Dataset: new Map() };
  const ids = new Set<string>();
  let sessionEvents = 0;
  /** The file's line of each session event, by its seq (less 1): a broken history is named by its line. */
  const sessionLines: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (i % LINES_PER_TURN === 0) await nextTurn();
    const line = i + 1;
    const json = parseJson(lines[i]!);
    if (json === undefined) return refuse('IMPORT_MALFORMED', `Line ${line} of the session log is not JSON.`, { line });
    const parsed = parseEventLine(json);
    if (!parsed.ok) return refuse('IMPORT_MALFORMED', `Line ${line} of the session log is not an event this build knows.`, { line, issues: parsed.issues });
    const e = parsed.event;
    const known = upcasters.currentVersion(e.type);
    if (e.schemaVersion > known) {
      return refuse('IMPORT_TOO_NEW', `Line ${line} holds a ${e.type} event of schema version ${e.schemaVersion}; this build knows version ${known}. Update Sextant.`, { line });
    }
    if (e.aggregateType === 'QuerySession' && e.aggregateId !== sessionId) {
      return refuse('IMPORT_MALFORMED', `Line ${line} belongs to another session than the one the header names.`, { line });
    }
    if (ids.has(e.eventId)) return refuse('IMPORT_MALFORMED', `Line ${line} repeats an event id an earlier line has.`, { line });
    ids.add(e.eventId);
    const seqs = lastSeq[e.aggregateType];
    const previous = seqs.get(e.aggregateId);
    const expected = previous === undefined ? (e.aggregateType === 'QuerySession' ? 1 : e.aggregateSeq) : previous + 1;
    if (e.aggregateSeq !== expected) return refuse('IMPORT_MALFORMED', `Line ${line} is out of order: event ${e.aggregateSeq} where ${expected} was due.`, { line });
    seqs.set(e.aggregateId, e.aggregateSeq);
    if (e.aggregateType === 'QuerySession') sessionLines[sessionEvents++] = line;
    events.push(e);
  }
  if (sessionEvents === 0) return refuse('IMPORT_MALFORMED', 'The session log holds no event of its session.');
  const checked = checkSessionHistory(events);
  if (!checked.ok) {
    const line = sessionLines[checked.seq - 1];
    return refuse('IMPORT_MALFORMED', `Line ${line} of the session log is not a history Sextant could have written: ${checked.reason}.`, { line });
  }
  // A query running when the file was written cannot run here, and ending it here would be an
  // event of this log's own that a later export of the session could not continue: it is left out
  // with what followed it, for a later export to bring once it has ended.
  const from = checked.runningFrom;
  const kept = from === undefined ? events : events.filter((e) => e.aggregateType !== 'QuerySession' || e.aggregateSeq < from);
  return ok({ header: header.data, events: kept, leftRunning: events.length - kept.length });
}

function parseJson(line: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return undefined;
  }
}
