import { describe, expect, it } from 'vitest';
import { rerunOf } from './rerunNote';

const done = { phase: 'Completed' as const, rowCount: 5 };

describe('rerunOf: whether the rows shown come from running the query again', () => {
  it('given a completed query with no frame from main and a complete first page, then its rows are the recorded run’s: nothing to say', () => {
    expect(rerunOf(done, { rowsAvailable: undefined })).toBeUndefined();
    expect(rerunOf(done, { rowsAvailable: undefined, firstPageIncomplete: false })).toBeUndefined();
  });

  it('given its first page came back incomplete, or frames count fewer rows than it recorded, then it is running again', () => {
    expect(rerunOf(done, { rowsAvailable: undefined, firstPageIncomplete: true })).toBe('running');
    expect(rerunOf(done, { rowsAvailable: 0 })).toBe('running');
    expect(rerunOf(done, { rowsAvailable: 4 })).toBe('running');
  });

  it('given frames of a completed query with all its rows back, then the rows shown come from the re-run', () => {
    expect(rerunOf(done, { rowsAvailable: 5 })).toBe('shown');
    // a first page asked while it ran, not asked again since (no frame changed the count): the frames say it is over
    expect(rerunOf(done, { rowsAvailable: 5, firstPageIncomplete: true })).toBe('shown');
    expect(rerunOf({ phase: 'Completed', rowCount: 0 }, { rowsAvailable: 0 })).toBe('shown');
  });

  it('given no frame (a reload after the re-run ended) but a complete first page marked as a re-run’s, then the rows shown come from the re-run', () => {
    expect(rerunOf(done, { rowsAvailable: undefined, firstPageRerun: true })).toBe('shown');
    expect(rerunOf(done, { rowsAvailable: undefined, firstPageIncomplete: true, firstPageRerun: true })).toBe('running');
    expect(rerunOf({ phase: 'Failed' }, { rowsAvailable: undefined, firstPageRerun: true })).toBeUndefined();
  });

  it('given the grid cannot read the rows (the re-run failed or gave other rows), then it says why itself: nothing here', () => {
    expect(rerunOf(done, { rowsAvailable: 0, unreadable: true })).toBeUndefined();
  });

  it('given a query not completed (running, failed, none), then its frames are its own run’s: nothing to say', () => {
    expect(rerunOf({ phase: 'Executing' }, { rowsAvailable: 3 })).toBeUndefined();
    expect(rerunOf({ phase: 'Failed' }, { rowsAvailable: 0, firstPageIncomplete: true })).toBeUndefined();
    expect(rerunOf(undefined, { rowsAvailable: 5 })).toBeUndefined();
  });
});
