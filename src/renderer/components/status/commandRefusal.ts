import type { ClientCommand } from '../../../shared/contracts/commands';
import type { AppError } from '../../../shared/contracts/errors';

export type CommandType = ClientCommand['type'];

/** A command the person issued that main refused, which command it was, and the session it was to (none: the catalog's, a new session). */
export interface CommandRefusal {
  readonly command: CommandType;
  readonly error: AppError;
  readonly sessionId?: string;
}

const sessionOf = (command: ClientCommand): string | undefined => ('sessionId' in command ? command.sessionId : undefined);

/**
 * What a place says once a command sent there is answered (`refused`: main's refusal, else it was
 * accepted): its own refusal, or, accepted, nothing if the refusal said there was about the same
 * session or about none; else that refusal still. A sort accepted in this session clears "Rename
 * not saved" about it; a tab renamed in another session does not.
 */
export function refusalAfter(said: CommandRefusal | undefined, command: ClientCommand, refused: AppError | undefined): CommandRefusal | undefined {
  const sessionId = sessionOf(command);
  if (refused) return { command: command.type, error: refused, ...(sessionId !== undefined ? { sessionId } : {}) };
  return said?.sessionId === undefined || said.sessionId === sessionId ? undefined : said;
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

/**
 * Refusals of a query that say DuckDB was not there to run it: its start failed (the readiness
 * gate's WORKER_CRASHED), or Sextant was shutting down while it waited for that start. Nothing was
 * lost, so "not saved" would say the wrong thing.
 */
const NOT_RUN: ReadonlySet<string> = new Set(['WORKER_CRASHED', 'INTERRUPTED']);

/**
 * "Rename not saved: This session changed in another window." (the error id goes beside it); a query
 * refused because DuckDB is not running: "Query not run: DuckDB could not start: …".
 */
export function refusalText({ command, error }: CommandRefusal): string {
  const outcome = command === 'StartQuery' && NOT_RUN.has(error.code) ? 'not run' : 'not saved';
  return `${COMMAND_NOUNS[command]} ${outcome}: ${error.message}`;
}

/** Where a refusal is said: the catalog's own commands beside the catalog's Add box, all others in the session's status bar. */
export type RefusalPlace = 'catalog' | 'status';

const PLACES: { readonly [T in CommandType]?: RefusalPlace } = { AddDataset: 'catalog', RemoveDataset: 'catalog' };

export function refusalPlace(command: CommandType): RefusalPlace {
  return PLACES[command] ?? 'status';
}
