import { homedir } from 'node:os';
import type { ClientCommand, Command } from '../../shared/contracts/commands';
import { assertNever } from '../../shared/domain/decider';
import { homePath, normalSource, sameSource } from '../../shared/domain/datasetSource';
import { undoCommand } from './undoCommand';
import type { AppView } from '../../shared/views/appView';
import { isFailed, readsSource } from '../../shared/domain/datasetLifecycle';

/**
 * Turns what a client asked for into a domain command, minting the ids of anything new here in
 * main: ids are never trusted from the client. A fork needs the original as it was, which the
 * live view cannot say: main builds it from the log (time/forkCommand.ts).
 */
export function toDomainCommand(c: Exclude<ClientCommand, { type: 'ForkSession' }>, view: AppView, newId: () => string, home: string = homedir()): { command: Command; queryId?: string } {
  switch (c.type) {
    case 'OpenSession':
      return { command: { type: 'OpenSession', sessionId: newId(), title: c.title ?? nextSessionTitle(view) } };
    case 'StartQuery': {
      const queryId = newId();
      return { command: { type: 'StartQuery', sessionId: c.sessionId, queryId, sql: c.sql, ...(c.rerunOf ? { rerunOf: c.rerunOf } : {}) }, queryId };
    }
    case 'CancelQuery':
      return { command: { type: 'CancelQuery', sessionId: c.sessionId, reason: 'cancelled by user' } };
    case 'AddDataset': {
      // `/d/./x.csv`, `/d/x.csv ` and `/d/x.csv` are one file: recorded, and compared, as one source;
      // a typed `~/x.csv` is recorded as the home folder's, which main alone knows
      const source = normalSource(homePath(c.source, home));
      const same = Object.values(view.datasets).filter((d) => sameSource(d.source, source));
      // already read (or being read): nothing is added, as opening the file from the command line finds it (core/openFiles.ts)
      const existing = same.find((d) => readsSource(d.status));
      if (existing) return { command: { type: 'RequestDataset', datasetId: newId(), source, alreadyAs: { datasetId: existing.id, ...(existing.name ? { name: existing.name } : {}) } } };
      // added again after it failed: the failed entry tries again, rather than a second failed one beside it
      const failed = same.find((d) => isFailed(d.status));
      return { command: { type: 'RequestDataset', datasetId: failed?.id ?? newId(), source } };
    }
    case 'Undo':
    case 'Redo':
      return { command: undoCommand(c, view) };
    case 'RenameSession':
    case 'CloseSession':
    case 'ReopenSession':
    case 'ActivateSession':
    case 'SaveDraft':
    case 'AttachDataset':
    case 'SetResultView':
    case 'SetChart':
    case 'SetPivot':
    case 'RemoveDataset':
      return { command: c };
    default:
      return assertNever(c);
  }
}

/**
 * The first "Session n" no session has, open or closed: every closed session can be reopened
 * ("Reopen closed session"), and a new tab named as one would give two tabs of one name.
 */
function nextSessionTitle(view: AppView): string {
  const used = new Set(Object.values(view.sessions).map((s) => s.title));
  for (let n = 1; ; n++) if (!used.has(`Session ${n}`)) return `Session ${n}`;
}
