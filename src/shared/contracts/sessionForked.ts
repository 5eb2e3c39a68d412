import { z } from 'zod';
import { chartSpecSchema } from '../chart/chartSpec';
import { exportFormats } from '../explore/exportFormat';
import { pivotSpecSchema } from '../pivot/pivotSpec';
import { settledPhaseSchema } from '../domain/queryLifecycle';
import { columnSchema } from './column';
import { appErrorSchema } from './errors';
import { queryInputSchema } from './fingerprint';
import { pageFilterSchema, pageOrderSchema } from './pageView';

/*
 * What a SessionForked event carries: the original session's content at the fork's point, so the
 * fork's own stream folds without looking anything up. Its own module because both the events and
 * the commands use it.
 */

/** A history entry as the app view holds it (views/appView.ts HistoryEntry); only settled queries are carried. */
export const forkedHistoryEntrySchema = z.object({
  queryId: z.string(),
  sql: z.string(),
  phase: settledPhaseSchema,
  startedAt: z.string(),
  rowCount: z.number().int().nonnegative().optional(),
  columns: z.array(columnSchema).optional(),
  durationMs: z.number().nonnegative().optional(),
  error: appErrorSchema.optional(),
  cancelReason: z.string().optional(),
  exports: z
    .array(z.object({ format: z.enum(exportFormats), target: z.string(), rows: z.number().int().nonnegative(), bytes: z.number().int().nonnegative(), exportedAt: z.string() }))
    .optional(),
  view: z.object({ orderBy: pageOrderSchema, filter: pageFilterSchema }).optional(),
  chart: chartSpecSchema.optional(),
  pivot: pivotSpecSchema.optional(),
  // Its provenance too: the stored event keeps only what this names, and a fork without it could not
  // say "Input changed since this ran" or which query a re-run repeated.
  inputs: z.array(queryInputSchema).optional(),
  rerunOf: z.string().optional(),
});
export type ForkedHistoryEntry = z.infer<typeof forkedHistoryEntrySchema>;

/** Where a fork came from: the original session, the global seq it was forked at, and what it was called then. */
export const forkOriginSchema = z.object({
  sessionId: z.string(),
  seq: z.number().int().nonnegative(),
  title: z.string(),
  /** When the original's last event up to `seq` happened: the moment the fork starts from. */
  occurredAt: z.string(),
});
export type ForkOrigin = z.infer<typeof forkOriginSchema>;

/** A fork's name when none is asked for: the original's as it is called now, marked. Main names it so; a window on one session says it. */
export const forkTitle = (titleNow: string): string => `${titleNow} (fork)`;

export const sessionForkedSchema = z.object({
  title: z.string(),
  from: forkOriginSchema,
  draft: z.string(),
  datasetIds: z.array(z.string()),
  history: z.array(forkedHistoryEntrySchema),
});
export type SessionForkedPayload = z.infer<typeof sessionForkedSchema>;

/**
 * The same content as the ForkSession command main builds from its own view (never from the wire:
 * a window sends only the session and the seq). Its history is checked entry by entry once, as the
 * SessionForked event it becomes (the command handler parses every event before it is stored);
 * checking thousands of entries here as well doubled the cost of a fork for nothing.
 */
export const forkContentSchema = sessionForkedSchema.extend({
  history: z.array(z.custom<ForkedHistoryEntry>((entry) => typeof entry === 'object' && entry !== null && !Array.isArray(entry), 'a history entry')),
});
