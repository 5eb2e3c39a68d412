import { describe, expect, it } from 'vitest';
import type { DatasetCommand } from '../contracts/commands';
import type { ErrorCode } from '../contracts/errors';
import type { DatasetEvent } from '../contracts/events';
import { deciderSpec } from '../../../test/support/deciderSpec';
import { datasetDecider } from './dataset';

const spec = deciderSpec(datasetDecider);
const datasetId = 'd1';
const source = '/data/cars.json';
const columns = [{ name: 'Name', type: 'VARCHAR' }];
const error = { id: 'e1', code: 'DATASET_MISSING', message: 'No file at /data/cars.json' };

const requested: DatasetEvent = { type: 'DatasetRequested', payload: { source } };
const registered: DatasetEvent = { type: 'DatasetRegistered', payload: { name: 'cars', source, format: 'json', columns } };
const failedEvent: DatasetEvent = { type: 'DatasetFailed', payload: { source, error } };
const removed: DatasetEvent = { type: 'DatasetRemoved', payload: {} };
/** Located on this machine (docs/share.md, "Session import"): registered again, where the file is here. */
const relocated: DatasetEvent = { type: 'DatasetRegistered', payload: { name: 'cars', source: '/here/cars.json', format: 'json', columns, location: '/here/cars.json' } };

/** Every state a dataset can be in, as the events that lead there. */
const states = {
  Unknown: [],
  Requested: [requested],
  Registered: [requested, registered],
  Failed: [requested, failedEvent],
  RemovedAfterRegistering: [requested, registered, removed],
  RemovedAfterFailing: [requested, failedEvent, removed],
  RemovedWhileAdding: [requested, removed],
} satisfies Record<string, DatasetEvent[]>;
type State = keyof typeof states;
type Row = Record<State, readonly DatasetEvent[] | ErrorCode>;

const matrix: Array<[string, DatasetCommand, Row]> = [
  [
    'RequestDataset',
    { type: 'RequestDataset', datasetId, source },
    {
      Unknown: [requested],
      Requested: 'DATASET_ALREADY_EXISTS',
      Registered: 'DATASET_ALREADY_EXISTS',
      // its own source again: a retry
      Failed: [requested],
      RemovedAfterRegistering: 'DATASET_ALREADY_EXISTS',
      RemovedAfterFailing: 'DATASET_ALREADY_EXISTS',
      RemovedWhileAdding: 'DATASET_ALREADY_EXISTS',
    },
  ],
  [
    'RegisterDataset',
    { type: 'RegisterDataset', datasetId, name: 'cars', source, format: 'json', columns },
    {
      Unknown: 'DATASET_NOT_PENDING',
      Requested: [registered],
      Registered: 'DATASET_NOT_PENDING',
      Failed: 'DATASET_NOT_PENDING',
      RemovedAfterRegistering: 'DATASET_NOT_PENDING',
      RemovedAfterFailing: 'DATASET_NOT_PENDING',
      RemovedWhileAdding: 'DATASET_NOT_PENDING',
    },
  ],
  [
    'FailDataset',
    { type: 'FailDataset', datasetId, source, error },
    {
      Unknown: 'DATASET_NOT_PENDING',
      Requested: [failedEvent],
      Registered: 'DATASET_NOT_PENDING',
      Failed: 'DATASET_NOT_PENDING',
      RemovedAfterRegistering: 'DATASET_NOT_PENDING',
      RemovedAfterFailing: 'DATASET_NOT_PENDING',
      RemovedWhileAdding: 'DATASET_NOT_PENDING',
    },
  ],
  [
    'RemoveDataset',
    { type: 'RemoveDataset', datasetId },
    {
      Unknown: 'DATASET_NOT_FOUND',
      // still being added: removed all the same, and the catalog service cancels its download
      Requested: [removed],
      Registered: [removed],
      Failed: [removed],
      RemovedAfterRegistering: 'DATASET_NOT_FOUND',
      RemovedAfterFailing: 'DATASET_NOT_FOUND',
      RemovedWhileAdding: 'DATASET_NOT_FOUND',
    },
  ],
  [
    'RelocateDataset',
    { type: 'RelocateDataset', datasetId, name: 'cars', source: '/here/cars.json', format: 'json', columns, location: '/here/cars.json' },
    {
      Unknown: 'DATASET_NOT_FOUND',
      Requested: 'DATASET_NOT_FOUND',
      Registered: [relocated],
      Failed: 'DATASET_NOT_FOUND',
      RemovedAfterRegistering: 'DATASET_NOT_FOUND',
      RemovedAfterFailing: 'DATASET_NOT_FOUND',
      RemovedWhileAdding: 'DATASET_NOT_FOUND',
    },
  ],
];

describe('Dataset: every command in every state (Requested → Registered | Failed → Removed)', () => {
  for (const [name, command, row] of matrix) {
    describe(name, () => {
      for (const state of Object.keys(states) as State[]) {
        const outcome = row[state];
        const label = typeof outcome === 'string' ? `refuses with ${outcome}` : `records ${outcome.map((e) => e.type).join(', ')}`;
        it(`given ${state}, then it ${label}`, () => {
          const when = spec.given(states[state]).when(command);
          if (typeof outcome === 'string') when.thenRejects(outcome);
          else when.then(outcome);
        });
      }
    });
  }
});

describe('Dataset: what the state remembers', () => {
  it('retries a failed dataset only for its own source: another is another dataset', () =>
    spec.given([requested, failedEvent]).when({ type: 'RequestDataset', datasetId, source: '/data/other.json' }).thenRejects('DATASET_ALREADY_EXISTS'));


  it('given a failed dataset, when its source comes spelled otherwise (`./`, a trailing space), then it is its retry', () =>
    spec.given([requested, failedEvent]).when({ type: 'RequestDataset', datasetId, source: '/data/./cars.json ' }).then([{ type: 'DatasetRequested', payload: { source: '/data/./cars.json ' } }]));

  it('given a source the catalog reads already, then nothing is recorded and the refusal names the dataset', () => {
    const already = datasetDecider.decide({ type: 'RequestDataset', datasetId, source, alreadyAs: { datasetId: 'd0', name: 'cars' } }, datasetDecider.initialState);
    expect(already).toEqual({ code: 'DATASET_ALREADY_EXISTS', message: 'Already in the catalog as cars.', details: { datasetId: 'd0', name: 'cars' } });
  });

  it('given a URL with user:password@, new or a failed one’s retry, then nothing is recorded: the event would keep the password', () => {
    const url = 'https://ana:hunter2@example.com/data.csv';
    spec.given([]).when({ type: 'RequestDataset', datasetId, source: url }).thenRejects('DATASET_UNSUPPORTED');
    spec.given([{ type: 'DatasetRequested', payload: { source: url } }]).when({ type: 'FailDataset', datasetId, source: url, error: { id: 'e1', code: 'DOWNLOAD_FAILED', message: 'x' } }).then([{ type: 'DatasetFailed', payload: { source: url, error: { id: 'e1', code: 'DOWNLOAD_FAILED', message: 'x' } } }]);
    spec.given([{ type: 'DatasetRequested', payload: { source: url } }, { type: 'DatasetFailed', payload: { source: url, error: { id: 'e1', code: 'DOWNLOAD_FAILED', message: 'x' } } }]).when({ type: 'RequestDataset', datasetId, source: url }).thenRejects('DATASET_UNSUPPORTED');
  });

  it('given a source still being added, then the refusal says so and names the dataset by id', () => {
    const already = datasetDecider.decide({ type: 'RequestDataset', datasetId, source, alreadyAs: { datasetId: 'd0' } }, datasetDecider.initialState);
    expect(already).toEqual({ code: 'DATASET_ALREADY_EXISTS', message: 'Already in the catalog: it is being added.', details: { datasetId: 'd0' } });
  });

  it('given a dataset removed while being added, when the removal is undone, then it is being added again and can register', () => {
    spec.given([requested, removed]).when({ type: 'UndoDatasetAction', datasetId, seq: 2 }).then([{ type: 'ActionUndone', payload: { seq: 2 } }]);
    spec.given([requested, removed, { type: 'ActionUndone', payload: { seq: 2 } }]).when({ type: 'RegisterDataset', datasetId, name: 'cars', source, format: 'json', columns }).then([registered]);
  });

  it('given a dataset being added, when it fails with a stack, then the failure is recorded without it (the log line of its id has it)', () =>
    spec.given([requested]).when({ type: 'FailDataset', datasetId, source, error: { ...error, stack: 'Error: No file\n    at open (/opt/Sextant/out/main/index.js:9:9)' } }).then([failedEvent]));

  it('given a dataset removed while being added, when its download fails after all, then nothing is recorded', () =>
    spec.given([requested, removed]).when({ type: 'FailDataset', datasetId, source, error }).thenRejects('DATASET_NOT_PENDING'));

  it('given a failed dataset, when its menu\'s "Try again" asks for its source again, then the same dataset is requested again and can register', () => {
    spec.given([requested, failedEvent]).when({ type: 'RequestDataset', datasetId, source }).then([requested]);
    spec.given([requested, failedEvent, requested]).when({ type: 'RegisterDataset', datasetId, name: 'cars', source, format: 'json', columns }).then([registered]);
  });

  it('registers with the columns and name the command carries, not the request’s', () =>
    spec.given([requested]).when({ type: 'RegisterDataset', datasetId, name: 'cars_2', source: '/abs/cars.json', format: 'json', columns: [] }).then([
      { type: 'DatasetRegistered', payload: { name: 'cars_2', source: '/abs/cars.json', format: 'json', columns: [] } },
    ]));
});

describe('Dataset: what a registration records', () => {
  it('records where a downloaded, converted or multi-table source is read from', () => {
    const db: DatasetCommand = {
      type: 'RegisterDataset',
      datasetId,
      name: 'shop',
      source: 'https://example.com/shop.duckdb',
      format: 'duckdb',
      columns: [],
      location: '/cache/shop.duckdb',
      tables: [{ name: 'orders', columns: [{ name: 'id', type: 'BIGINT' }] }],
      download: { bytes: 12288, sha256: 'a'.repeat(64) },
    };
    const { type: _t, datasetId: _d, ...payload } = db;
    spec.given([requested]).when(db).then([{ type: 'DatasetRegistered', payload }]);
  });
});

describe('Dataset: locating its file on this machine', () => {
  const locate: DatasetCommand = { type: 'RelocateDataset', datasetId, name: 'cars', source: '/here/cars.json', format: 'json', columns, location: '/here/cars.json' };
  it('keeps the name its queries use: a located file under another name is refused', () =>
    spec.given([requested, registered]).when({ ...locate, name: 'cars_2' }).thenRejects('INVALID_COMMAND'));
  it('can be located again, and the state then names the new source', () =>
    spec.given([requested, registered, relocated]).when({ ...locate, source: '/elsewhere/cars.json', location: '/elsewhere/cars.json' }).then([
      { type: 'DatasetRegistered', payload: { name: 'cars', source: '/elsewhere/cars.json', format: 'json', columns, location: '/elsewhere/cars.json' } },
    ]));
});
