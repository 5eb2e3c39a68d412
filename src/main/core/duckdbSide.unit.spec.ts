import { describe, expect, it } from 'vitest';
import { needsDuckDb } from './duckdbSide';

describe('which commands need DuckDB’s side', () => {
  it('given an undo or redo, then it needs DuckDB for a dataset (the catalog follows it), not for a session', () => {
    expect(needsDuckDb({ type: 'Undo', aggregateType: 'Dataset', aggregateId: 'd', seq: 1 })).toBe(true);
    expect(needsDuckDb({ type: 'Redo', aggregateType: 'Dataset', aggregateId: 'd', seq: 1 })).toBe(true);
    expect(needsDuckDb({ type: 'Undo', aggregateType: 'QuerySession', aggregateId: 's', seq: 1 })).toBe(false);
    expect(needsDuckDb({ type: 'Redo', aggregateType: 'QuerySession', aggregateId: 's', seq: 1 })).toBe(false);
  });

  it('given what the runner or the catalog reacts to, then it needs DuckDB; a draft, a tab, a result’s view do not', () => {
    expect(needsDuckDb({ type: 'StartQuery', sessionId: 's', sql: 'select 1' })).toBe(true);
    expect(needsDuckDb({ type: 'CancelQuery', sessionId: 's' })).toBe(true);
    expect(needsDuckDb({ type: 'AddDataset', source: '/d/x.csv' })).toBe(true);
    expect(needsDuckDb({ type: 'RemoveDataset', datasetId: 'd' })).toBe(true);
    expect(needsDuckDb({ type: 'SaveDraft', sessionId: 's', sql: '' })).toBe(false);
    expect(needsDuckDb({ type: 'RenameSession', sessionId: 's', title: 't' })).toBe(false);
    expect(needsDuckDb({ type: 'CloseSession', sessionId: 's' })).toBe(false);
    expect(needsDuckDb({ type: 'SetChart', sessionId: 's', queryId: 'q', spec: null })).toBe(false);
  });
});
