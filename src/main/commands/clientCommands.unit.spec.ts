import { describe, expect, it } from 'vitest';
import { emptyView } from '../../shared/views/appView';
import { toDomainCommand } from './clientCommands';

describe('toDomainCommand: AddDataset', () => {
  it('given a path typed with ~, when added, then the home folder’s file is recorded', () => {
    const { command } = toDomainCommand({ type: 'AddDataset', source: ' ~/data/./trips.csv' }, emptyView(), () => 'd1', '/home/ana');
    expect(command).toEqual({ type: 'RequestDataset', datasetId: 'd1', source: '/home/ana/data/trips.csv' });
  });
});
