import type { ClientCommand, Command } from '../../shared/contracts/commands';

type UndoOrRedo = Extract<ClientCommand, { type: 'Undo' | 'Redo' }>;

/** A client's Undo or Redo as the command of the aggregate it names (each decider keeps its own stacks). */
export function undoCommand(c: UndoOrRedo): Command {
  if (c.aggregateType === 'QuerySession') {
    return { type: c.type === 'Undo' ? 'UndoSessionAction' : 'RedoSessionAction', sessionId: c.aggregateId, seq: c.seq };
  }
  return { type: c.type === 'Undo' ? 'UndoDatasetAction' : 'RedoDatasetAction', datasetId: c.aggregateId, seq: c.seq };
}
