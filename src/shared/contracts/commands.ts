import { z } from 'zod';
import { exportFormats } from '../explore/exportFormat';
import { appErrorSchema, validationIssues } from './errors';
import { aggregateTypes, columnSchema, datasetReadAsSchema, datasetRegisteredSchema, type AggregateType } from './events';
import { datasetFingerprintSchema, queryInputSchema } from './fingerprint';
import { pageFilterSchema, pageOrderSchema } from './pageView';
import { forkContentSchema } from './sessionForked';
import { chartSpecSchema } from '../chart/chartSpec';
import { pivotSpecSchema } from '../pivot/pivotSpec';

/** Largest SQL text a person can submit: generous for hand-written SQL, small enough to store. */
export const MAX_SQL_CHARS = 256 * 1024;
const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);
const title = z.string().trim().min(1).max(200);
const sql = z.string().max(MAX_SQL_CHARS).refine((s) => s.trim().length > 0, 'SQL is empty');
/** A draft may be empty: clearing the editor is something to remember too. */
const draft = z.string().max(MAX_SQL_CHARS);
/**
 * The session's version (its stream's last seq) the window decided on. Only edits that could
 * overwrite another window's carry it; optional, so a client without it is never refused (docs/workbench.md).
 */
const expectedVersion = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
/** The aggregateSeq of the action an Undo or Redo names. */
const undoSeq = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/**
 * The commands a person sends that reach their decider as sent: their fields, written once, over an
 * id of either kind (the client's, checked tight at the boundary; or one main minted, for the
 * decider). Those a client sends differently (OpenSession and StartQuery get minted ids, CancelQuery
 * a reason, ForkSession the original's content, Undo and Redo their aggregate's own command) are
 * written on each side below.
 */
const asSent = (ident: z.ZodString) => ({
  RenameSession: z.object({ type: z.literal('RenameSession'), sessionId: ident, title, expectedVersion: expectedVersion.optional() }),
  CloseSession: z.object({ type: z.literal('CloseSession'), sessionId: ident }),
  ReopenSession: z.object({ type: z.literal('ReopenSession'), sessionId: ident }),
  ActivateSession: z.object({ type: z.literal('ActivateSession'), sessionId: ident }),
  SaveDraft: z.object({ type: z.literal('SaveDraft'), sessionId: ident, sql: draft, expectedVersion: expectedVersion.optional() }),
  AttachDataset: z.object({ type: z.literal('AttachDataset'), sessionId: ident, datasetId: ident }),
  /** How a completed result of the session is sorted and filtered (empty lists: as it came). */
  SetResultView: z.object({ type: z.literal('SetResultView'), sessionId: ident, queryId: ident, orderBy: pageOrderSchema, filter: pageFilterSchema, expectedVersion: expectedVersion.optional() }),
  /** The chart shown beside a completed result of the session (null: none). */
  SetChart: z.object({ type: z.literal('SetChart'), sessionId: ident, queryId: ident, spec: chartSpecSchema.nullable() }),
  /** The pivot of a completed result of the session (null: the pivot is closed). */
  SetPivot: z.object({ type: z.literal('SetPivot'), sessionId: ident, queryId: ident, spec: pivotSpecSchema.nullable() }),
  RemoveDataset: z.object({ type: z.literal('RemoveDataset'), datasetId: ident }),
});
const sent = asSent(id);

/**
 * What the renderer may send. Ids of new things (sessions, queries, datasets) are minted in main,
 * never trusted from the client. `.strict()` refuses unknown keys so a typo is an error, not a no-op.
 */
export const clientCommandSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('OpenSession'), title: title.optional() }).strict(),
  sent.RenameSession.strict(),
  sent.CloseSession.strict(),
  sent.ReopenSession.strict(),
  sent.ActivateSession.strict(),
  sent.SaveDraft.strict(),
  sent.AttachDataset.strict(),
  /** `rerunOf`: the completed query of the session this runs again (its inputs changed). */
  z.object({ type: z.literal('StartQuery'), sessionId: id, sql, rerunOf: id.optional() }).strict(),
  z.object({ type: z.literal('CancelQuery'), sessionId: id }).strict(),
  sent.SetResultView.strict(),
  sent.SetChart.strict(),
  sent.SetPivot.strict(),
  z.object({ type: z.literal('AddDataset'), source: z.string().trim().min(1).max(4096) }).strict(),
  sent.RemoveDataset.strict(),
  /** A new session that starts as `sessionId` was at global seq `seq` (docs/time.md); main mints its id. */
  z.object({ type: z.literal('ForkSession'), sessionId: id, seq: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER), title: title.optional() }).strict(),
  /** Takes back (or applies again) the action recorded at `seq` in that aggregate: what nextUndo/nextRedo name. */
  z.object({ type: z.literal('Undo'), aggregateType: z.enum(aggregateTypes), aggregateId: id, seq: undoSeq }).strict(),
  z.object({ type: z.literal('Redo'), aggregateType: z.enum(aggregateTypes), aggregateId: id, seq: undoSeq }).strict(),
]);
export type ClientCommand = z.infer<typeof clientCommandSchema>;

/**
 * Every domain command, once: its schema is its type, and the handler checks each command against
 * it before a decider sees it. Commands from the system (query runner, catalog) never cross the
 * client boundary, and a bug there must be refused as INVALID_COMMAND, not crash a decider or reach
 * the log. Ids here are whatever main minted (UUIDv7), so only their kind and length are checked;
 * client input was checked tighter at the boundary (clientCommandSchema).
 */
const mintedId = z.string().min(1).max(128);
const text = z.string();
const minted = asSent(mintedId);

/** Commands of the QuerySession aggregate, as its decider sees them (ids already minted). */
const sessionCommandSchemas = {
  OpenSession: z.object({ type: z.literal('OpenSession'), sessionId: mintedId, title: text }),
  RenameSession: minted.RenameSession,
  CloseSession: minted.CloseSession,
  ReopenSession: minted.ReopenSession,
  ActivateSession: minted.ActivateSession,
  SaveDraft: minted.SaveDraft,
  AttachDataset: minted.AttachDataset,
  StartQuery: z.object({ type: z.literal('StartQuery'), sessionId: mintedId, queryId: mintedId, sql: text, rerunOf: mintedId.optional() }),
  /** `durationMs`: how long the query had run when the cancel interrupted it, as the runner measured it (none: nothing ran yet). */
  CancelQuery: z.object({ type: z.literal('CancelQuery'), sessionId: mintedId, reason: text, durationMs: z.number().nonnegative().optional() }),
  SetResultView: minted.SetResultView,
  /** `sessionId` is the fork's own (minted); main filled in the original's content at the fork's point. */
  ForkSession: forkContentSchema.extend({ type: z.literal('ForkSession'), sessionId: mintedId }),
  UndoSessionAction: z.object({ type: z.literal('UndoSessionAction'), sessionId: mintedId, seq: undoSeq }),
  RedoSessionAction: z.object({ type: z.literal('RedoSessionAction'), sessionId: mintedId, seq: undoSeq }),
  SetChart: minted.SetChart,
  SetPivot: minted.SetPivot,
  // issued by the query runner
  BeginExecution: z.object({ type: z.literal('BeginExecution'), sessionId: mintedId, queryId: mintedId }),
  CompleteQuery: z.object({
    type: z.literal('CompleteQuery'),
    sessionId: mintedId,
    queryId: mintedId,
    rowCount: z.number().int().nonnegative(),
    columns: z.array(columnSchema).readonly(),
    durationMs: z.number().nonnegative(),
    inputs: z.array(queryInputSchema).optional(),
  }),
  /**
   * `durationMs`: how long it ran, measured when it failed (its end may be stored later); none for an end found at the next start.
   * `inputs`: the catalog datasets its SQL names, as for a completion (a failure can be about them).
   */
  FailQuery: z.object({
    type: z.literal('FailQuery'),
    sessionId: mintedId,
    queryId: mintedId,
    error: appErrorSchema,
    durationMs: z.number().nonnegative().optional(),
    inputs: z.array(queryInputSchema).optional(),
  }),
  // issued by the export service once a file is in place
  RecordExport: z.object({
    type: z.literal('RecordExport'),
    sessionId: mintedId,
    queryId: mintedId,
    format: z.enum(exportFormats),
    target: text,
    rows: z.number().int().nonnegative(),
    bytes: z.number().int().nonnegative(),
  }),
};

/** Commands of the Dataset aggregate. */
const datasetCommandSchemas = {
  // alreadyAs: filled in by main when the catalog already reads this source (ready or loading), which the new dataset's decider cannot see
  RequestDataset: z.object({ type: z.literal('RequestDataset'), datasetId: mintedId, source: text, alreadyAs: z.object({ datasetId: mintedId, name: z.string().optional() }).optional() }),
  // issued by the catalog service after it inspected the source
  RegisterDataset: datasetRegisteredSchema.extend({ type: z.literal('RegisterDataset'), datasetId: mintedId }),
  FailDataset: z.object({ type: z.literal('FailDataset'), datasetId: mintedId, source: text, error: appErrorSchema }),
  RemoveDataset: minted.RemoveDataset,
  // issued by the input watcher when a dataset's file(s) changed on disk
  /** `columns`: as DuckDB describes the changed file now, when it can (catalog/inputWatcher.ts); `readAs`: how it is read now, when that changed with it. */
  MarkDatasetChanged: z.object({ type: z.literal('MarkDatasetChanged'), datasetId: mintedId, fingerprint: datasetFingerprintSchema, columns: z.array(columnSchema).optional(), readAs: datasetReadAsSchema.optional() }),
  // issued by the catalog service once a file a person located has the recorded content (docs/share.md, "Session import")
  RelocateDataset: datasetRegisteredSchema.extend({ type: z.literal('RelocateDataset'), datasetId: mintedId }),
  // nameTaken: filled in by main from the whole catalog, which the dataset's own decider cannot see
  // alreadyAs: the dataset that reads the same source now (re-added since the removal), which this one's decider cannot see
  UndoDatasetAction: z.object({ type: z.literal('UndoDatasetAction'), datasetId: mintedId, seq: undoSeq, nameTaken: z.boolean().optional(), alreadyAs: z.object({ datasetId: mintedId, name: z.string().optional() }).optional() }),
  RedoDatasetAction: z.object({ type: z.literal('RedoDatasetAction'), datasetId: mintedId, seq: undoSeq }),
};

type Inferred<T extends Record<string, z.ZodType>> = { [K in keyof T]: z.infer<T[K]> }[keyof T];
export type SessionCommand = Inferred<typeof sessionCommandSchemas>;
export type DatasetCommand = Inferred<typeof datasetCommandSchemas>;
export type Command = SessionCommand | DatasetCommand;

const commandSchemas = new Map<string, z.ZodType>([...Object.entries(sessionCommandSchemas), ...Object.entries(datasetCommandSchemas)]);

export function isSessionCommand(command: Command): command is SessionCommand {
  return Object.hasOwn(sessionCommandSchemas, command.type);
}

/** The issues that make `value` not a domain command, or none. */
export function commandIssues(value: unknown): string[] {
  const type = (value as { type?: unknown } | null)?.type;
  const schema = typeof type === 'string' ? commandSchemas.get(type) : undefined;
  if (!schema) return [`type: not a known command (${JSON.stringify(type)?.slice(0, 40)})`];
  const parsed = schema.safeParse(value);
  return parsed.success ? [] : validationIssues(parsed.error);
}

/** The version a command was decided on, when it says (only edits that could overwrite another window's do). */
export function expectedVersionOf(command: Command): number | undefined {
  return 'expectedVersion' in command ? command.expectedVersion : undefined;
}

/** Which aggregate instance a command addresses. */
export function commandTarget(command: Command): { aggregateType: AggregateType; aggregateId: string } {
  return isSessionCommand(command)
    ? { aggregateType: 'QuerySession', aggregateId: command.sessionId }
    : { aggregateType: 'Dataset', aggregateId: command.datasetId };
}

/** Who issued a command decides the conflict policy: people fail fast, the system retries. */
export type Issuer = 'user' | 'system';

export interface CommandMeta {
  readonly commandId: string;
  readonly correlationId: string;
  readonly causationId?: string;
  readonly issuedBy: Issuer;
}

/** What a dispatched command returns to its caller. */
export const commandAckSchema = z
  .object({
    aggregateId: z.string(),
    lastSeq: z.number().int().nonnegative(),
    /** The id main minted for the query a StartQuery started. */
    queryId: z.string().optional(),
    /** The aggregate's version after the command's events, when it recorded any: the next edit's expected version. */
    version: z.number().int().nonnegative().optional(),
  })
  .readonly();
export type CommandAck = z.output<typeof commandAckSchema>;
