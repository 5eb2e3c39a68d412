import { describe, expect, it } from 'vitest';
import { appError } from '../../../shared/contracts/errors';
import { existingEntry } from './addRefusal';

const already = (details?: Record<string, unknown>) => appError('e1', 'DATASET_ALREADY_EXISTS', 'Already in the catalog as cars_2.', details ? { details } : {});

describe('existingEntry: the catalog entry a refused Add points at', () => {
  it('given an Add refused because the catalog reads the source already, then the entry that reads it', () => {
    expect(existingEntry({ command: 'AddDataset', error: already({ datasetId: 'd2', name: 'cars_2' }) }, ['d1', 'd2'])).toBe('d2');
  });

  it('given that entry is not in the list (removed meanwhile, or no id said), then none', () => {
    expect(existingEntry({ command: 'AddDataset', error: already({ datasetId: 'gone' }) }, ['d1'])).toBeUndefined();
    expect(existingEntry({ command: 'AddDataset', error: already() }, ['d1'])).toBeUndefined();
  });

  it('given another refusal (a full disk, a removal), then none: nothing to point at', () => {
    expect(existingEntry({ command: 'AddDataset', error: appError('e2', 'STORE_FULL', 'The disk is full.', { details: { datasetId: 'd1' } }) }, ['d1'])).toBeUndefined();
    expect(existingEntry({ command: 'RemoveDataset', error: already({ datasetId: 'd1' }) }, ['d1'])).toBeUndefined();
    expect(existingEntry(undefined, ['d1'])).toBeUndefined();
  });
});
