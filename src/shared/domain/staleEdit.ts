import type { SessionCommand } from '../contracts/commands';
import type { SessionEvent } from '../contracts/events';
import { assertNever } from './decider';

/**
 * Whether a session command decided on an older version of the session (it carries that version as
 * `expectedVersion`) would overwrite something recorded since: `later` are the session's events after
 * that version. Only an edit of the same thing conflicts: a draft saved over another window's newer
 * draft, a rename over a newer name, a result's sort and filter over newer ones of that result. A
 * query finishing, a tab switch or a draft save elsewhere never refuses a rename, and running or
 * cancelling a query never carries a version: nothing a person wrote is lost by them.
 */
export function overwritesLaterChange(command: SessionCommand, later: readonly SessionEvent[]): boolean {
  switch (command.type) {
    case 'SaveDraft':
      return later.some((e) => e.type === 'DraftSaved');
    case 'RenameSession':
      return later.some((e) => e.type === 'SessionRenamed');
    case 'SetResultView':
      return later.some((e) => e.type === 'ResultViewSet' && e.payload.queryId === command.queryId);
    case 'OpenSession':
    case 'ForkSession':
    case 'CloseSession':
    case 'ReopenSession':
    case 'ActivateSession':
    case 'AttachDataset':
    case 'StartQuery':
    case 'CancelQuery':
    case 'BeginExecution':
    case 'CompleteQuery':
    case 'FailQuery':
    case 'RecordExport':
    case 'SetChart':
    case 'SetPivot':
    case 'UndoSessionAction': // an undo names the exact action it takes back (its seq): the decider checks that instead
    case 'RedoSessionAction':
      return false;
    default:
      return assertNever(command);
  }
}
