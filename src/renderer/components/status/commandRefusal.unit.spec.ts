import { describe, expect, it } from 'vitest';
import { clientCommandSchema, type ClientCommand } from '../../../shared/contracts/commands';
import { appError } from '../../../shared/contracts/errors';
import { COMMAND_NOUNS, refusalAfter, refusalPlace, refusalText } from './commandRefusal';

const types = clientCommandSchema.options.map((o) => o.shape.type.value);

describe('COMMAND_NOUNS: every command a window can send has words for its refusal', () => {
  it('given the client command union, then each command is named, and no name is given to a command that does not exist', () => {
    expect(Object.keys(COMMAND_NOUNS).sort()).toEqual([...types].sort());
  });

  it('given two commands, then their names differ: a refusal never leaves doubt about which action it was', () => {
    const nouns = Object.values(COMMAND_NOUNS);
    expect(new Set(nouns).size).toBe(nouns.length);
  });
});

describe('refusalText: a refused command says what was not saved, then why', () => {
  it('given a rename refused as stale, then it names the rename', () => {
    expect(refusalText({ command: 'RenameSession', error: appError('e1', 'VERSION_CONFLICT', 'This session changed in another window.') })).toBe(
      'Rename not saved: This session changed in another window.',
    );
  });

  it('given a new session refused for a full disk, then it names the new session, with the store’s own words', () => {
    const full = appError('e2', 'STORE_FULL', 'The disk holding the event store /d/events.sqlite is full: nothing was stored. Free some space and try again; everything saved before is intact.');
    expect(refusalText({ command: 'OpenSession', error: full })).toBe(
      'New session not saved: The disk holding the event store /d/events.sqlite is full: nothing was stored. Free some space and try again; everything saved before is intact.',
    );
  });
});

describe('refusalText: a query refused because DuckDB is not running says it was not run, not that something was lost', () => {
  const down = appError('e3', 'WORKER_CRASHED', 'DuckDB could not start: IO Error: Could not set lock on file "/d/duckdb/workspace.duckdb": Conflicting lock is held in node (PID 7).');

  it('given a StartQuery refused as the failed start of DuckDB, then "Query not run", with DuckDB’s words', () => {
    expect(refusalText({ command: 'StartQuery', error: down })).toBe(`Query not run: ${down.message}`);
  });

  it('given a StartQuery held for the start and refused as Sextant shut down, then "Query not run" too', () => {
    expect(refusalText({ command: 'StartQuery', error: appError('e4', 'INTERRUPTED', 'Sextant is shutting down.') })).toBe('Query not run: Sextant is shutting down.');
  });

  it('given a StartQuery the store refused, or another command refused as DuckDB is down, then still "not saved": that is what happened', () => {
    expect(refusalText({ command: 'StartQuery', error: appError('e5', 'STORE_FULL', 'The disk is full.') })).toBe('Query not saved: The disk is full.');
    expect(refusalText({ command: 'RenameSession', error: down })).toBe(`Rename not saved: ${down.message}`);
  });
});

describe('refusalPlace: where a refusal is said', () => {
  it('given the catalog’s own commands, then beside the catalog; given any other, then in the session’s status bar', () => {
    expect(refusalPlace('AddDataset')).toBe('catalog');
    expect(refusalPlace('RemoveDataset')).toBe('catalog');
    expect(types.filter((t) => refusalPlace(t) === 'status')).toEqual(types.filter((t) => t !== 'AddDataset' && t !== 'RemoveDataset'));
  });
});

describe('refusalAfter: a refusal stays until the next command to its session is accepted', () => {
  const stale = appError('e1', 'VERSION_CONFLICT', 'This session changed in another window.');
  const rename = (sessionId: string) => ({ type: 'RenameSession', sessionId, title: 'Mine' }) as const;
  const sort = (sessionId: string): ClientCommand => ({ type: 'SetResultView', sessionId, queryId: 'q1', orderBy: [], filter: [] });
  const refusedRename = { command: 'RenameSession', error: stale, sessionId: 's1' } as const;

  it('given a command refused, then it is said, named, with the session it was to', () => {
    expect(refusalAfter(undefined, rename('s1'), stale)).toEqual(refusedRename);
    expect(refusalAfter(undefined, { type: 'OpenSession' }, stale)).toEqual({ command: 'OpenSession', error: stale });
  });

  it('given the next command to that session accepted (the same or another), then nothing is said', () => {
    expect(refusalAfter(refusedRename, rename('s1'), undefined)).toBeUndefined();
    expect(refusalAfter(refusedRename, sort('s1'), undefined)).toBeUndefined();
  });

  it('given a command to another session accepted, then the refusal about this one stays', () => {
    expect(refusalAfter(refusedRename, rename('s2'), undefined)).toBe(refusedRename);
    expect(refusalAfter(refusedRename, { type: 'OpenSession' }, undefined)).toBe(refusedRename);
  });

  it('given a refusal about no session (a new session, the catalog’s), then any accepted command there clears it', () => {
    expect(refusalAfter({ command: 'OpenSession', error: stale }, rename('s2'), undefined)).toBeUndefined();
    expect(refusalAfter({ command: 'AddDataset', error: stale }, { type: 'AddDataset', source: '/d/cars.csv' }, undefined)).toBeUndefined();
  });
});
