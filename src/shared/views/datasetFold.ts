import { sameContent } from '../contracts/fingerprint';
import { phaseAfter } from '../domain/datasetLifecycle';
import { assertNever } from '../domain/decider';
import type { DatasetView, DatasetViewEvent } from './appView';
import { moveTop, pushNew, type WritableStacks } from './undoFold';
import type { ViewDraft } from './viewDraft';

/** A dataset asked for: loading, until it registers or fails. Asked for again, it starts over. */
export function requestDataset(draft: ViewDraft, e: DatasetViewEvent<'DatasetRequested'>): void {
  // asked for again ("Try again" after a failure): it starts over in the place it had in the list
  const requestedSeq = draft.dataset(e.aggregateId)?.requestedSeq ?? e.globalSeq;
  draft.writableDatasets()[e.aggregateId] = { id: e.aggregateId, source: e.payload.source, requestedSeq, status: phaseAfter.DatasetRequested, columns: [] };
}

/** What DuckDB and the file watcher learn of a dataset; nothing for one the view does not hold. */
export function updateDataset(draft: ViewDraft, e: DatasetViewEvent<'DatasetRegistered' | 'DatasetFailed' | 'DatasetChanged'>): void {
  const current = draft.dataset(e.aggregateId);
  if (current) draft.writableDatasets()[e.aggregateId] = updated(current, e);
}

function updated(view: DatasetView, e: DatasetViewEvent<'DatasetRegistered' | 'DatasetFailed' | 'DatasetChanged'>): DatasetView {
  switch (e.type) {
    case 'DatasetRegistered': {
      // registered again (located, or read anew): a reading it no longer needs is not kept from before
      const { reading: _before, ...rest } = view;
      return { ...rest, ...e.payload, status: phaseAfter.DatasetRegistered };
    }
    case 'DatasetFailed':
      return { ...view, status: phaseAfter.DatasetFailed, error: e.payload.error };
    case 'DatasetChanged': {
      const { fingerprint, columns, asAdded, readAs } = e.payload;
      // read another way now (a Windows-1252 source rewritten as UTF-8): its location and reading are replaced whole
      const { location: _location, reading: _reading, ...kept } = view;
      // its columns as DuckDB read them then, when it could; what was true before stays in the log
      const now = { ...(readAs ? { ...kept, ...readAs } : view), fingerprint, ...(columns ? { columns } : {}) };
      // Back to what was added (the decider compared): no longer "changed since it was added".
      if (asAdded) {
        const { changedAt: _was, ...back } = now;
        return back;
      }
      // A file touched but holding the same bytes gets its new time recorded, and is not "changed".
      const changed = !view.fingerprint || !sameContent(view.fingerprint, fingerprint);
      return changed ? { ...now, changedAt: e.occurredAt } : now;
    }
    default:
      return assertNever(e);
  }
}

/** A removal moves the dataset to removedDatasets; undoing it moves it back, redoing it away again. */
export function removeOrBringBack(draft: ViewDraft, e: DatasetViewEvent<'DatasetRemoved' | 'ActionUndone' | 'ActionRedone'>): void {
  const id = e.aggregateId;
  const present = draft.dataset(id);
  const removed = draft.removedDataset(id);
  const from = e.type === 'ActionUndone' ? removed : present;
  if (!from) return;
  const stacks: WritableStacks = { undo: from.undo?.undo.slice() ?? [], redo: from.undo?.redo.slice() ?? [] };
  if (e.type === 'DatasetRemoved') pushNew(stacks, { type: 'DatasetRemoved', seq: e.aggregateSeq, actionSeq: e.globalSeq, at: e.globalSeq });
  else if (!moveTop(stacks, e)) return;
  const moved = { ...from, undo: stacks };
  const gone = draft.writableRemovedDatasets();
  const datasets = draft.writableDatasets();
  if (e.type === 'ActionUndone') {
    delete gone[id];
    datasets[id] = moved;
  } else {
    delete datasets[id];
    gone[id] = moved;
  }
}
