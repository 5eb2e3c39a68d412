import type { DatasetCommand } from '../contracts/commands';
import type { Rejection } from '../contracts/errors';
import type { DatasetEvent } from '../contracts/events';
import { assertNever, reject, type Decider } from './decider';

export type DatasetState =
  | { readonly status: 'Unknown' }
  | { readonly status: 'Requested'; readonly source: string }
  | { readonly status: 'Registered'; readonly name: string; readonly source: string }
  | { readonly status: 'Failed'; readonly source: string }
  | { readonly status: 'Removed' };

function decide(command: DatasetCommand, state: DatasetState): readonly DatasetEvent[] | Rejection {
  switch (command.type) {
    case 'RequestDataset':
      return state.status === 'Unknown'
        ? [{ type: 'DatasetRequested', payload: { source: command.source } }]
        : reject('DATASET_ALREADY_EXISTS', 'This dataset was already added.');
    case 'RegisterDataset': {
      if (state.status !== 'Requested') return reject('DATASET_NOT_PENDING', 'This dataset is not waiting to be registered.');
      const { type: _type, datasetId: _id, ...payload } = command;
      return [{ type: 'DatasetRegistered', payload }];
    }
    case 'FailDataset':
      return state.status === 'Requested'
        ? [{ type: 'DatasetFailed', payload: { source: command.source, error: command.error } }]
        : reject('DATASET_NOT_PENDING', 'This dataset is not waiting to be registered.');
    case 'RemoveDataset':
      return state.status === 'Registered' || state.status === 'Failed'
        ? [{ type: 'DatasetRemoved', payload: {} }]
        : reject('DATASET_NOT_FOUND', 'There is no such dataset.');
    default:
      return assertNever(command);
  }
}

function evolve(state: DatasetState, event: DatasetEvent): DatasetState {
  switch (event.type) {
    case 'DatasetRequested':
      return { status: 'Requested', source: event.payload.source };
    case 'DatasetRegistered':
      return { status: 'Registered', name: event.payload.name, source: event.payload.source };
    case 'DatasetFailed':
      return { status: 'Failed', source: event.payload.source };
    case 'DatasetRemoved':
      return { status: 'Removed' };
    default:
      return assertNever(event);
  }
}

export const datasetDecider: Decider<DatasetCommand, DatasetEvent, DatasetState> = {
  initialState: { status: 'Unknown' },
  decide,
  evolve,
};
