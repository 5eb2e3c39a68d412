import { z } from 'zod';
import type { Command } from '../../shared/contracts/commands';
import { appErrorSchema } from '../../shared/contracts/errors';
import { columnSchema, datasetRegisteredSchema } from '../../shared/contracts/events';

/**
 * The shape of every domain command, checked by the handler before the decider sees it: commands
 * from the system (query runner, catalog) do not cross the client boundary, and a bug there must be
 * refused as INVALID_COMMAND, not crash a decider or reach the log. Ids here are whatever main
 * minted (UUIDv7), so only their kind and length are checked; client input was checked tighter at
 * the boundary (clientCommandSchema).
 */
const id = z.string().min(1).max(128);
const text = z.string();

export const commandSchemas = {
  OpenSession: z.object({ type: z.literal('OpenSession'), sessionId: id, title: text }),
  RenameSession: z.object({ type: z.literal('RenameSession'), sessionId: id, title: text }),
  CloseSession: z.object({ type: z.literal('CloseSession'), sessionId: id }),
  ReopenSession: z.object({ type: z.literal('ReopenSession'), sessionId: id }),
  ActivateSession: z.object({ type: z.literal('ActivateSession'), sessionId: id }),
  SaveDraft: z.object({ type: z.literal('SaveDraft'), sessionId: id, sql: text }),
  AttachDataset: z.object({ type: z.literal('AttachDataset'), sessionId: id, datasetId: id }),
  StartQuery: z.object({ type: z.literal('StartQuery'), sessionId: id, queryId: id, sql: text }),
  CancelQuery: z.object({ type: z.literal('CancelQuery'), sessionId: id, reason: text }),
  BeginExecution: z.object({ type: z.literal('BeginExecution'), sessionId: id, queryId: id }),
  CompleteQuery: z.object({
    type: z.literal('CompleteQuery'),
    sessionId: id,
    queryId: id,
    rowCount: z.number().int().nonnegative(),
    columns: z.array(columnSchema),
    durationMs: z.number().nonnegative(),
  }),
  FailQuery: z.object({ type: z.literal('FailQuery'), sessionId: id, queryId: id, error: appErrorSchema }),
  RequestDataset: z.object({ type: z.literal('RequestDataset'), datasetId: id, source: text }),
  RegisterDataset: datasetRegisteredSchema.extend({ type: z.literal('RegisterDataset'), datasetId: id }),
  FailDataset: z.object({ type: z.literal('FailDataset'), datasetId: id, source: text, error: appErrorSchema }),
  RemoveDataset: z.object({ type: z.literal('RemoveDataset'), datasetId: id }),
  // A command type added to the contract without a schema here, or one whose schema no longer
  // produces its type, fails the typecheck.
} satisfies { [T in Command['type']]: z.ZodType<Extract<Command, { type: T }>> };

const byType = new Map<string, z.ZodType>(Object.entries(commandSchemas));

/** The issues that make `value` not a command, or none. */
export function commandIssues(value: unknown): string[] {
  const type = (value as { type?: unknown } | null)?.type;
  const schema = typeof type === 'string' ? byType.get(type) : undefined;
  if (!schema) return [`type: not a known command (${JSON.stringify(type)?.slice(0, 40)})`];
  const parsed = schema.safeParse(value);
  return parsed.success ? [] : parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`);
}
