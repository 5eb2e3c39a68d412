import type { DatasetCommand } from '../contracts/commands';
import { withoutStack, type Rejection } from '../contracts/errors';
import type { DatasetEvent } from '../contracts/events';
import { sameContent, type DatasetFingerprint } from '../contracts/fingerprint';
import { assertNever, reject, type Decider } from './decider';
import { isFailed, isInCatalog, isLoading, isReady, phaseAfter } from './datasetLifecycle';
import { sameSource } from './datasetSource';
import { CREDENTIALS_REFUSAL, hasCredentials } from './urlCredentials';
import { counted, decideRedo, decideUndo, emptyUndoLog, recorded, redone, undone, type UndoLog } from './undoable';

/**
 * In the catalog, in one of its phases (datasetLifecycle.ts). `added`: its fingerprint when first
 * registered (a Locate keeps it), what a change is compared with.
 */
type Present =
  | { readonly status: 'ready'; readonly name: string; readonly source: string; readonly added?: DatasetFingerprint }
  | { readonly status: 'failed'; readonly source: string }
  /** Being added (downloading, fingerprinting, registering): removable too, which cancels it. */
  | { readonly status: 'loading'; readonly source: string };
type Ready = Extract<Present, { status: 'ready' }>;
/** The decider's own states besides the phases: never asked for, and removed. */
type DatasetStatus =
  | { readonly status: 'unknown' }
  | Present
  /** Keeps what it was, so undoing the removal brings it back with its registration. */
  | { readonly status: 'removed'; readonly previous: Present };

/** A removal is the dataset's one undoable action (undoable.ts). */
export type DatasetUndoEntry = { readonly seq: number; readonly type: 'DatasetRemoved' };
export type DatasetState = DatasetStatus & { readonly undo: UndoLog<DatasetUndoEntry> };

function decide(command: DatasetCommand, state: DatasetState): readonly DatasetEvent[] | Rejection {
  switch (command.type) {
    case 'RequestDataset':
      // the catalog reads this source already: nothing is added, and the refusal names what reads it
      if (command.alreadyAs) return alreadyIn(command.alreadyAs);
      // refused before anything is recorded: the event would keep the password
      if (hasCredentials(command.source)) return reject('DATASET_UNSUPPORTED', CREDENTIALS_REFUSAL);
      // a failed dataset's own source asked for again is a retry of it, not a second failed entry
      return state.status === 'unknown' || (isPresent(state) && isFailed(state.status) && sameSource(state.source, command.source))
        ? [{ type: 'DatasetRequested', payload: { source: command.source } }]
        : reject('DATASET_ALREADY_EXISTS', 'This dataset was already added.');
    case 'RegisterDataset': {
      if (!isLoading(state.status)) return reject('DATASET_NOT_PENDING', 'This dataset is not waiting to be registered.');
      const { type: _type, datasetId: _id, ...payload } = command;
      return [{ type: 'DatasetRegistered', payload }];
    }
    case 'FailDataset':
      return isLoading(state.status)
        ? [{ type: 'DatasetFailed', payload: { source: command.source, error: withoutStack(command.error) } }]
        : reject('DATASET_NOT_PENDING', 'This dataset is not waiting to be registered.');
    case 'RemoveDataset':
      // one still being added too: a download that hangs must not hold the entry (the catalog service cancels it)
      return isPresent(state)
        ? [{ type: 'DatasetRemoved', payload: {} }]
        : reject('DATASET_NOT_FOUND', 'There is no such dataset.');
    case 'RelocateDataset': {
      // Registered again where it is on this machine, under the name its queries use: never renamed.
      if (!isRegistered(state)) return reject('DATASET_NOT_FOUND', 'There is no such dataset.');
      if (command.name !== state.name) return reject('INVALID_COMMAND', `A located dataset keeps its name (${state.name}).`);
      const { type: _type, datasetId: _id, ...payload } = command;
      return [{ type: 'DatasetRegistered', payload }];
    }
    case 'MarkDatasetChanged': {
      if (!isRegistered(state)) return reject('DATASET_NOT_FOUND', 'There is no such dataset.');
      const { type: _type, datasetId: _id, ...payload } = command;
      // Said on the event, not left to the view to guess: the view keeps only the last fingerprint,
      // and a file put back as it was added is no longer "changed since it was added".
      return [{ type: 'DatasetChanged', payload: state.added && sameContent(state.added, command.fingerprint) ? { ...payload, asAdded: true } : payload }];
    }
    case 'UndoDatasetAction':
      // Its file was added again since it was removed: back, the catalog would read one file twice.
      if (command.alreadyAs && state.status === 'removed') return alreadyIn(command.alreadyAs);
      // Another dataset took its name since it was removed: back under that name, two would share one view.
      if (command.nameTaken && state.status === 'removed' && isRegistered(state.previous)) {
        return reject('DATASET_NAME_TAKEN', `Another dataset is now called ${state.previous.name}; remove or rename it before bringing this one back.`);
      }
      return decideUndo(state.undo, command.seq);
    case 'RedoDatasetAction':
      return decideRedo(state.undo, command.seq);
    default:
      return assertNever(command);
  }
}

const isPresent = (state: DatasetStatus): state is Present => isInCatalog(state.status);
const isRegistered = (state: DatasetStatus): state is Ready => isReady(state.status);

/** The refusal of a source the catalog reads already, with the dataset that reads it in its details. */
function alreadyIn(existing: { readonly datasetId: string; readonly name?: string | undefined }): Rejection {
  const { datasetId, name } = existing;
  return name === undefined
    ? reject('DATASET_ALREADY_EXISTS', 'Already in the catalog: it is being added.', { datasetId })
    : reject('DATASET_ALREADY_EXISTS', `Already in the catalog as ${name}.`, { datasetId, name });
}

/** Every event counts in the undo log (its seq is the event's aggregateSeq); a removal pushes an entry. */
function evolve(state: DatasetState, event: DatasetEvent): DatasetState {
  const log = counted(state.undo);
  if (event.type === 'ActionUndone' || event.type === 'ActionRedone') {
    const back = event.type === 'ActionUndone';
    const top = (back ? log.undo : log.redo).at(-1);
    if (!top || top.seq !== event.payload.seq) return { ...state, undo: log };
    if (back) return state.status === 'removed' ? { ...state.previous, undo: undone(log) } : { ...state, undo: undone(log) };
    return isPresent(state) ? { status: 'removed', previous: state, undo: redone(log) } : { ...state, undo: redone(log) };
  }
  const next = evolveStatus(state, event);
  return { ...next, undo: event.type === 'DatasetRemoved' ? recorded(log, { seq: log.seq, type: 'DatasetRemoved' }) : log };
}

function evolveStatus(state: DatasetState, event: Exclude<DatasetEvent, { type: 'ActionUndone' | 'ActionRedone' }>): DatasetStatus {
  switch (event.type) {
    case 'DatasetRequested':
      return { status: phaseAfter.DatasetRequested, source: event.payload.source };
    case 'DatasetRegistered': {
      // located again (RelocateDataset): still compared with what was first added
      const added = isRegistered(state) ? state.added : event.payload.fingerprint;
      return { status: phaseAfter.DatasetRegistered, name: event.payload.name, source: event.payload.source, ...(added ? { added } : {}) };
    }
    case 'DatasetFailed':
      return { status: phaseAfter.DatasetFailed, source: event.payload.source };
    case 'DatasetChanged':
      return state;
    case 'DatasetRemoved':
      // undone, one removed while being added is requested again: the catalog service starts it over
      return isPresent(state) ? { status: 'removed', previous: state } : state;
    default:
      return assertNever(event);
  }
}

export const datasetDecider: Decider<DatasetCommand, DatasetEvent, DatasetState> = {
  initialState: { status: 'unknown', undo: emptyUndoLog() },
  decide,
  evolve,
};
