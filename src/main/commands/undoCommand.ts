import type { ClientCommand, Command } from '../../shared/contracts/commands';
import { sameSource } from '../../shared/domain/datasetSource';
import type { AppView } from '../../shared/views/appView';
import { readsSource } from '../../shared/domain/datasetLifecycle';

type UndoOrRedo = Extract<ClientCommand, { type: 'Undo' | 'Redo' }>;

/**
 * A client's Undo or Redo as the command of the aggregate it names (each decider keeps its own
 * stacks). Undoing a dataset's removal also says whether a present dataset has its name, or reads
 * its file, now: only main's view of the whole catalog knows, and a stale window may not.
 */
export function undoCommand(c: UndoOrRedo, view: AppView): Command {
  if (c.aggregateType === 'QuerySession') {
    return { type: c.type === 'Undo' ? 'UndoSessionAction' : 'RedoSessionAction', sessionId: c.aggregateId, seq: c.seq };
  }
  if (c.type === 'Redo') return { type: 'RedoDatasetAction', datasetId: c.aggregateId, seq: c.seq };
  const removed = view.removedDatasets?.[c.aggregateId];
  const name = removed?.name;
  const nameTaken = name !== undefined && Object.values(view.datasets).some((d) => d.name === name);
  // its file added again since (ready, or still being added): bringing it back would read it twice
  const again = removed && Object.values(view.datasets).find((d) => d.id !== removed.id && readsSource(d.status) && sameSource(d.source, removed.source));
  const alreadyAs = again && { datasetId: again.id, ...(again.name ? { name: again.name } : {}) };
  return { type: 'UndoDatasetAction', datasetId: c.aggregateId, seq: c.seq, ...(nameTaken ? { nameTaken } : {}), ...(alreadyAs ? { alreadyAs } : {}) };
}
