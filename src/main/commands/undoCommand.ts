import type { ClientCommand, Command } from '../../shared/contracts/commands';
import type { AppView } from '../../shared/views/appView';

type UndoOrRedo = Extract<ClientCommand, { type: 'Undo' | 'Redo' }>;

/**
 * A client's Undo or Redo as the command of the aggregate it names (each decider keeps its own
 * stacks). Undoing a dataset's removal also says whether a present dataset has its name now: only
 * main's view of the whole catalog knows, and a stale window may not.
 */
export function undoCommand(c: UndoOrRedo, view: AppView): Command {
  if (c.aggregateType === 'QuerySession') {
    return { type: c.type === 'Undo' ? 'UndoSessionAction' : 'RedoSessionAction', sessionId: c.aggregateId, seq: c.seq };
  }
  if (c.type === 'Redo') return { type: 'RedoDatasetAction', datasetId: c.aggregateId, seq: c.seq };
  const name = view.removedDatasets?.[c.aggregateId]?.name;
  const nameTaken = name !== undefined && Object.values(view.datasets).some((d) => d.name === name);
  return { type: 'UndoDatasetAction', datasetId: c.aggregateId, seq: c.seq, ...(nameTaken ? { nameTaken } : {}) };
}
