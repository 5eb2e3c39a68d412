import { z } from 'zod';
import { columnSchema } from '../contracts/events';

/**
 * Instant preview: the result of the statement under the cursor while a person types, down to the
 * CTE the cursor is in. Previews are transient: they are not commands, store no events and never
 * enter a session's history; only Run does that (docs/instant.md).
 */

/** Rows a preview shows at most. */
export const PREVIEW_ROWS = 100;
/** The longest editor text a preview request may carry. */
export const MAX_PREVIEW_SQL_CHARS = 200_000;

/** A stretch of the editor's text, as character offsets [from, to). */
export const textSpanSchema = z.object({ from: z.number().int().nonnegative(), to: z.number().int().nonnegative() }).strict();
export type TextSpan = z.infer<typeof textSpanSchema>;

export const previewRequestSchema = z
  .object({
    sessionId: z.string().min(1).max(64),
    /** The editor's whole text; main picks the statement (and CTE) that holds `cursor`. */
    sql: z.string().max(MAX_PREVIEW_SQL_CHARS),
    cursor: z.number().int().nonnegative(),
  })
  .strict();
export type PreviewRequest = z.infer<typeof previewRequestSchema>;

/**
 * What a preview answers. A newer request of the same session interrupts the older one, whose call
 * then fails with INTERRUPTED (the UI ignores it: a newer answer is on its way).
 */
export const previewAnswerSchema = z.discriminatedUnion('kind', [
  /** The rows of the statement under the cursor, or of the CTE the cursor is in. */
  z
    .object({
      kind: z.literal('rows'),
      statement: textSpanSchema,
      /** The breadcrumb: the statement's CTEs the cursor is inside, outermost first; empty for the whole statement. */
      steps: z.array(z.string()).readonly(),
      columns: z.array(columnSchema).readonly(),
      /** Column-major DuckDB text per cell (as pages carry it), cut as the grid cuts a cell (CELL_CHARS and "…"), at most PREVIEW_ROWS rows. */
      values: z.array(z.array(z.string().nullable()).readonly()).readonly(),
      /** Set when the statement has rows past those PREVIEW_ROWS (the preview reads one more to know). */
      more: z.literal(true).optional(),
      /** Set when rows were left out (`more` is set too) because their text would have passed the preview's budget. */
      overBudget: z.literal(true).optional(),
      /** Set when the preview ran on a sample of its inputs rather than on all of them; `rows` is the size the sample aims at, not a count. */
      sample: z.object({ rows: z.number().int().nonnegative() }).strict().readonly().optional(),
    })
    .strict()
    .readonly(),
  /** A statement a preview never runs (it writes, changes settings or reads files outside the catalog): why, in plain words. */
  z.object({ kind: z.literal('refused'), statement: textSpanSchema, reason: z.string() }).strict().readonly(),
  /** The statement does not parse or bind: DuckDB's message, and where in the editor's text when DuckDB says. */
  z
    .object({
      kind: z.literal('invalid'),
      statement: textSpanSchema,
      errorId: z.string(),
      message: z.string(),
      position: z.number().int().nonnegative().optional(),
    })
    .strict()
    .readonly(),
  /** The cursor is on no statement (empty text, only comments). */
  z.object({ kind: z.literal('none') }).strict().readonly(),
]);
export type PreviewAnswer = z.output<typeof previewAnswerSchema>;
