import { z } from 'zod';
import { columnSchema, type Column } from '../contracts/events';

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
export type PreviewAnswer =
  /** The rows of the statement under the cursor, or of the CTE the cursor is in. */
  | {
      readonly kind: 'rows';
      readonly statement: TextSpan;
      /** The breadcrumb: the statement's CTEs the cursor is inside, outermost first; empty for the whole statement. */
      readonly steps: readonly string[];
      readonly columns: readonly Column[];
      /** Column-major DuckDB text per cell (as pages carry it), cut as the grid cuts a cell (CELL_CHARS and "…"), at most PREVIEW_ROWS rows. */
      readonly values: ReadonlyArray<ReadonlyArray<string | null>>;
      /** Set when the statement has rows past those PREVIEW_ROWS (the preview reads one more to know). */
      readonly more?: true;
      /** Set when rows were left out (`more` is set too) because their text would have passed the preview's budget. */
      readonly overBudget?: true;
      /** Set when the preview ran on a sample of its inputs rather than on all of them; `rows` is the size the sample aims at, not a count. */
      readonly sample?: { readonly rows: number };
    }
  /** A statement a preview never runs (it writes, changes settings or reads files outside the catalog): why, in plain words. */
  | { readonly kind: 'refused'; readonly statement: TextSpan; readonly reason: string }
  /** The statement does not parse or bind: DuckDB's message, and where in the editor's text when DuckDB says. */
  | { readonly kind: 'invalid'; readonly statement: TextSpan; readonly errorId: string; readonly message: string; readonly position?: number }
  /** The cursor is on no statement (empty text, only comments). */
  | { readonly kind: 'none' };

export const previewAnswerSchema: z.ZodType<PreviewAnswer> = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('rows'),
      statement: textSpanSchema,
      steps: z.array(z.string()),
      columns: z.array(columnSchema),
      values: z.array(z.array(z.string().nullable())),
      more: z.literal(true).optional(),
      overBudget: z.literal(true).optional(),
      sample: z.object({ rows: z.number().int().nonnegative() }).strict().optional(),
    })
    .strict(),
  z.object({ kind: z.literal('refused'), statement: textSpanSchema, reason: z.string() }).strict(),
  z
    .object({
      kind: z.literal('invalid'),
      statement: textSpanSchema,
      errorId: z.string(),
      message: z.string(),
      position: z.number().int().nonnegative().optional(),
    })
    .strict(),
  z.object({ kind: z.literal('none') }).strict(),
]);
