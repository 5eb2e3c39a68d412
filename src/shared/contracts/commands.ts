import { z } from 'zod';
import { appErrorSchema } from './errors';
import { columnSchema, type AggregateType, type DatasetRegistered } from './events';

/** Largest SQL text a person can submit: generous for hand-written SQL, small enough to store. */
export const MAX_SQL_CHARS = 256 * 1024;
const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);
const title = z.string().trim().min(1).max(200);
const sql = z.string().max(MAX_SQL_CHARS).refine((s) => s.trim().length > 0, 'SQL is empty');
/** A draft may be empty: clearing the editor is something to remember too. */
const draft = z.string().max(MAX_SQL_CHARS);

/**
 * What the renderer may send. Ids of new things (sessions, queries, datasets) are minted in main,
 * never trusted from the client. `.strict()` refuses unknown keys so a typo is an error, not a no-op.
 */
export const clientCommandSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('OpenSession'), title: title.optional() }).strict(),
  z.object({ type: z.literal('RenameSession'), sessionId: id, title }).strict(),
  z.object({ type: z.literal('CloseSession'), sessionId: id }).strict(),
  z.object({ type: z.literal('ReopenSession'), sessionId: id }).strict(),
  z.object({ type: z.literal('ActivateSession'), sessionId: id }).strict(),
  z.object({ type: z.literal('SaveDraft'), sessionId: id, sql: draft }).strict(),
  z.object({ type: z.literal('AttachDataset'), sessionId: id, datasetId: id }).strict(),
  z.object({ type: z.literal('StartQuery'), sessionId: id, sql }).strict(),
  z.object({ type: z.literal('CancelQuery'), sessionId: id }).strict(),
  z.object({ type: z.literal('AddDataset'), source: z.string().trim().min(1).max(4096) }).strict(),
  z.object({ type: z.literal('RemoveDataset'), datasetId: id }).strict(),
]);
export type ClientCommand = z.infer<typeof clientCommandSchema>;

/** Commands of the QuerySession aggregate, as its decider sees them (ids already minted). */
export type SessionCommand =
  | { type: 'OpenSession'; sessionId: string; title: string }
  | { type: 'RenameSession'; sessionId: string; title: string }
  | { type: 'CloseSession'; sessionId: string }
  | { type: 'ReopenSession'; sessionId: string }
  | { type: 'ActivateSession'; sessionId: string }
  | { type: 'SaveDraft'; sessionId: string; sql: string }
  | { type: 'AttachDataset'; sessionId: string; datasetId: string }
  | { type: 'StartQuery'; sessionId: string; queryId: string; sql: string }
  | { type: 'CancelQuery'; sessionId: string; reason: string }
  // issued by the query runner
  | { type: 'BeginExecution'; sessionId: string; queryId: string }
  | {
      type: 'CompleteQuery';
      sessionId: string;
      queryId: string;
      rowCount: number;
      columns: readonly z.infer<typeof columnSchema>[];
      durationMs: number;
    }
  | { type: 'FailQuery'; sessionId: string; queryId: string; error: z.infer<typeof appErrorSchema> };

/** Commands of the Dataset aggregate. */
export type DatasetCommand =
  | { type: 'RequestDataset'; datasetId: string; source: string }
  // issued by the catalog service after it inspected the source
  | ({ type: 'RegisterDataset'; datasetId: string } & DatasetRegistered)
  | { type: 'FailDataset'; datasetId: string; source: string; error: z.infer<typeof appErrorSchema> }
  | { type: 'RemoveDataset'; datasetId: string };

export type Command = SessionCommand | DatasetCommand;

const sessionCommandTypes = new Set<string>([
  'OpenSession',
  'RenameSession',
  'CloseSession',
  'ReopenSession',
  'ActivateSession',
  'SaveDraft',
  'AttachDataset',
  'StartQuery',
  'CancelQuery',
  'BeginExecution',
  'CompleteQuery',
  'FailQuery',
] satisfies SessionCommand['type'][]);

export function isSessionCommand(command: Command): command is SessionCommand {
  return sessionCommandTypes.has(command.type);
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
export interface CommandAck {
  readonly aggregateId: string;
  readonly lastSeq: number;
  readonly queryId?: string;
}
