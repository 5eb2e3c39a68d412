import type { ClientCommand } from '../../../shared/contracts/commands';
import type { AppError } from '../../../shared/contracts/errors';

export type CommandType = ClientCommand['type'];

/** A command the person issued that main refused, and which command it was. */
export interface CommandRefusal {
  readonly command: CommandType;
  readonly error: AppError;
}

/**
 * What each command is, in the words of the control that issued it, so a refusal says what was not
 * saved ("Rename not saved: …"). Keyed by every command type: a new command does not compile until it is named here.
 */
export const COMMAND_NOUNS: { readonly [T in CommandType]: string } = {
  OpenSession: 'New session',
  RenameSession: 'Rename',
  CloseSession: 'Close tab',
  ReopenSession: 'Reopen tab',
  ActivateSession: 'Tab switch',
  SaveDraft: 'Draft',
  AttachDataset: 'Dataset attachment',
  StartQuery: 'Query',
  CancelQuery: 'Cancel',
  SetResultView: 'Sort and filter',
  SetChart: 'Chart',
  SetPivot: 'Pivot',
  AddDataset: 'New dataset',
  RemoveDataset: 'Dataset removal',
  ForkSession: 'Fork',
  Undo: 'Undo',
  Redo: 'Redo',
};

/** "Rename not saved: This session changed in another window." (the error id goes beside it). */
export function refusalText({ command, error }: CommandRefusal): string {
  return `${COMMAND_NOUNS[command]} not saved: ${error.message}`;
}

/** Where a refusal is said: the catalog's own commands beside the catalog's Add box, all others in the session's status bar. */
export type RefusalPlace = 'catalog' | 'status';

const PLACES: { readonly [T in CommandType]?: RefusalPlace } = { AddDataset: 'catalog', RemoveDataset: 'catalog' };

export function refusalPlace(command: CommandType): RefusalPlace {
  return PLACES[command] ?? 'status';
}
