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
 *
 * An undo or redo since changes what its action changed (a name, a result's view): `actionAt` gives
 * the session's event at an aggregate seq, the action that ActionUndone or ActionRedone names.
 */
export function overwritesLaterChange(command: SessionCommand, later: readonly SessionEvent[], actionAt: (seq: number) => SessionEvent | undefined = () => undefined): boolean {
  const changed = (e: SessionEvent): SessionEvent | undefined => (e.type === 'ActionUndone' || e.type === 'ActionRedone' ? actionAt(e.payload.seq) : e);
  switch (command.type) {
    case 'SaveDraft':
      return later.some((e) => changed(e)?.type === 'DraftSaved');
    case 'RenameSession':
      return later.some((e) => changed(e)?.type === 'SessionRenamed');
    case 'SetResultView':
      return later.some((e) => {
        const c = changed(e);
        return c?.type === 'ResultViewSet' && c.payload.queryId === command.queryId;
      });
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
