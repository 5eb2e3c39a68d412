import { describe, expect, it } from 'vitest';
import { clientCommandSchema } from '../../../shared/contracts/commands';
import { appError } from '../../../shared/contracts/errors';
import { COMMAND_NOUNS, refusalPlace, refusalText } from './commandRefusal';

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

describe('refusalPlace: where a refusal is said', () => {
  it('given the catalog’s own commands, then beside the catalog; given any other, then in the session’s status bar', () => {
    expect(refusalPlace('AddDataset')).toBe('catalog');
    expect(refusalPlace('RemoveDataset')).toBe('catalog');
    expect(types.filter((t) => refusalPlace(t) === 'status')).toEqual(types.filter((t) => t !== 'AddDataset' && t !== 'RemoveDataset'));
  });
});
