import { describe, expect, it } from 'vitest';
import type { DatasetEvent } from '../contracts/events';
import { emptyView, foldAppView, type ViewEvent } from '../views/appView';
import { datasetDecider } from './dataset';
import { datasetPhaseSchema, isFailed, isInCatalog, isLoading, isReady, phaseAfter, readsSource, type DatasetPhase } from './datasetLifecycle';
import { fold } from './decider';

const phases: DatasetPhase[] = ['loading', 'ready', 'failed'];
/** The decider's own states, which are no phase: never asked for, and removed. */
const notInCatalog = ['unknown', 'removed', undefined];

const source = '/d/cars.csv';
const columns = [{ name: 'Name', type: 'VARCHAR' }];
const fingerprint = { bytes: 10, modifiedMs: 1, sha256: 'a'.repeat(64), duckdbVersion: 'v1.5.6' };
const requested: DatasetEvent = { type: 'DatasetRequested', payload: { source } };
const registered: DatasetEvent = { type: 'DatasetRegistered', payload: { name: 'cars', source, format: 'csv', columns, fingerprint } };
const located: DatasetEvent = { type: 'DatasetRegistered', payload: { name: 'cars', source: '/here/cars.csv', format: 'csv', columns } };
const failed: DatasetEvent = { type: 'DatasetFailed', payload: { source, error: { id: 'e1', code: 'DATASET_MISSING', message: 'No file at /d/cars.csv' } } };
const changed: DatasetEvent = { type: 'DatasetChanged', payload: { fingerprint: { ...fingerprint, bytes: 12 } } };
const removed: DatasetEvent = { type: 'DatasetRemoved', payload: {} };
/** Undo and redo name the removal by its seq in the dataset's events. */
const undone = (seq: number): DatasetEvent => ({ type: 'ActionUndone', payload: { seq } });
const redone = (seq: number): DatasetEvent => ({ type: 'ActionRedone', payload: { seq } });

/** Where the decider and the view each say a dataset is, after the same events. */
function both(events: readonly DatasetEvent[]): { decider: string; view: string | undefined; removedInView: boolean } {
  const view = foldAppView(
    emptyView(),
    events.map((e, i): ViewEvent => ({ ...e, globalSeq: i + 1, aggregateType: 'Dataset', aggregateId: 'd1', aggregateSeq: i + 1, occurredAt: '2026-01-01T00:00:00.000Z' }) as ViewEvent),
  );
  return { decider: fold(datasetDecider, events).status, view: view.datasets['d1']?.status, removedInView: view.removedDatasets?.['d1'] !== undefined };
}

describe('the dataset lifecycle', () => {
  it('moves a dataset to one phase per event: asked for, it loads; then it is ready or failed', () => {
    expect(phaseAfter).toEqual({ DatasetRequested: 'loading', DatasetRegistered: 'ready', DatasetFailed: 'failed' });
  });

  it('tells each phase apart by what it means, and the decider\'s own states are none of them', () => {
    expect(phases.filter(isLoading)).toEqual(['loading']);
    expect(phases.filter(isReady)).toEqual(['ready']);
    expect(phases.filter(isFailed)).toEqual(['failed']);
    for (const selector of [isLoading, isReady, isFailed, isInCatalog, readsSource]) expect(notInCatalog.filter(selector)).toEqual([]);
  });

  it('keeps a dataset in the catalog in every phase, and says it reads its source unless it failed', () => {
    expect(phases.filter(isInCatalog)).toEqual(phases);
    expect(phases.filter(readsSource)).toEqual(['loading', 'ready']);
  });

  it('reads a phase, and only one, from a stored snapshot of the view', () => {
    expect([...phases, 'Registered', 'unknown', 'removed'].filter((p) => datasetPhaseSchema.safeParse(p).success)).toEqual(phases);
  });
});

describe('the decider and the view, given the same events', () => {
  const stories: ReadonlyArray<readonly [string, readonly DatasetEvent[], DatasetPhase]> = [
    ['asked for', [requested], 'loading'],
    ['registered', [requested, registered], 'ready'],
    ['failed', [requested, failed], 'failed'],
    ['failed, then asked for again ("Try again")', [requested, failed, requested], 'loading'],
    ['registered, then located where it is on this machine', [requested, registered, located], 'ready'],
    ['registered, then changed on disk', [requested, registered, changed], 'ready'],
    ['registered, removed, and the removal undone', [requested, registered, removed, undone(3)], 'ready'],
    ['failed, removed, and the removal undone', [requested, failed, removed, undone(3)], 'failed'],
    ['removed while loading, and the removal undone', [requested, removed, undone(2)], 'loading'],
  ];

  for (const [story, events, phase] of stories) {
    it(`when ${story}, then both say it is ${phase}`, () => {
      expect(both(events)).toEqual({ decider: phase, view: phase, removedInView: false });
    });
  }

  it('when removed (or the undone removal redone), then the decider says removed and the view holds it among the removed, not in the catalog', () => {
    for (const events of [[requested, registered, removed], [requested, registered, removed, undone(3), redone(3)]]) {
      expect(both(events)).toEqual({ decider: 'removed', view: undefined, removedInView: true });
    }
  });

  it('when nothing happened yet, then the decider knows it as unknown and the view does not hold it', () => {
    expect(both([])).toEqual({ decider: 'unknown', view: undefined, removedInView: false });
  });
});
