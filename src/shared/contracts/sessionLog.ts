import { z } from 'zod';
import { eventEnvelopeSchema } from './events';

/**
 * A session's event log as a file (docs/share.md): one JSON object a line. The first line is the
 * header; every other line is one stored event, in log order: the catalog events the session's
 * queries depend on first, then the session's own. Export writes it and import reads it, so both
 * derive from this one definition.
 */
export const SESSION_LOG_FORMAT = 'sextant-session-log';
/** Raise it when a line's shape changes; an importer refuses a file newer than it knows. */
export const SESSION_LOG_VERSION = 1;
/** The file extension exported logs get, and that the desktop shell opens as an import. */
export const SESSION_LOG_EXTENSION = '.sextant.ndjson';

export const sessionLogHeaderSchema = z.object({
  format: z.literal(SESSION_LOG_FORMAT),
  version: z.number().int().positive(),
  /** The exported session's id (the imported session keeps it). */
  sessionId: z.string().min(1),
  title: z.string(),
  exportedAt: z.string(),
  /** How many event lines follow: a file with fewer is truncated and refused. */
  eventCount: z.number().int().nonnegative(),
});
export type SessionLogHeader = z.infer<typeof sessionLogHeaderSchema>;

/**
 * One event line: the stored envelope as the exporting store held it. `globalSeq` is the exporting
 * log's and is informational only: an import appends under new global sequences and keeps the
 * event's id, aggregate sequence, time and metadata (causation, correlation).
 */
export const sessionLogEventSchema = eventEnvelopeSchema;
