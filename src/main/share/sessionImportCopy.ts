import { appError, fail, ok, type AppError, type Result } from '../../shared/contracts/errors';
import type { SessionEvent } from '../../shared/contracts/events';
import { querySessionDecider } from '../../shared/domain/querySession';
import { copyTitle, sessionCopy } from '../../shared/share/sessionCopy';
import type { AppView } from '../../shared/views/appView';
import { newId } from '../platform/ids';
import type { ImportedEvent } from '../store/eventStore';
import { checkSessionHistory } from './sessionHistoryCheck';
import type { SessionLog } from './sessionLogReader';

/**
 * Whether a refusal is one "Import as a copy" answers: an IMPORT_CONFLICT over the file's session
 * (another history under its id, or its events' ids held by other events). A dataset's conflict is
 * not: a copy keeps the datasets' ids, as every import does.
 */
export function offersCopy(error: AppError, sessionId: string): boolean {
  if (error.code !== 'IMPORT_CONFLICT' || error.details === undefined) return false;
  const d = error.details;
  if (d['aggregateType'] === 'QuerySession' && d['aggregateId'] === sessionId) return true;
  const file = d['file'] as { aggregateType?: unknown } | undefined;
  return file?.aggregateType === 'QuerySession';
}

/**
 * The checked log with its session re-keyed as a new one (shared/share/sessionCopy.ts), titled
 * "<title> (copy)" ("(copy 2)" and on while a tab here has that title already). The copy is checked
 * as the file was (`checkSessionHistory`): re-keying must not make a history no decider would write.
 */
export function copyOfLog(log: SessionLog, view: AppView, errorId: () => string): Result<SessionLog> {
  const titles = new Set(Object.values(view.sessions).map((s) => s.title));
  const title = titleInFile(log);
  let suffix = ' (copy)';
  for (let n = 2; titles.has(copyTitle(title, suffix)); n++) suffix = ` (copy ${n})`;
  const copy = sessionCopy(log.events, log.header.sessionId, { newId, title: (t) => copyTitle(t, suffix) });
  const events = copy.events as ImportedEvent[];
  const checked = checkSessionHistory(events);
  if (!checked.ok) {
    return fail(appError(errorId(), 'IMPORT_MALFORMED', `The copy of the session is not a history Sextant could have written: its event ${checked.seq} ${checked.reason}. Nothing was imported.`, { details: { seq: checked.seq } }));
  }
  return ok({ ...log, header: { ...log.header, sessionId: copy.sessionId, title: copyTitle(title, suffix) }, events });
}

/**
 * The session's title as the file's events leave it (folded by the session's decider, so an undone
 * rename counts as undone). The header says the title at export, which a file that went on
 * elsewhere may have renamed since.
 */
export function titleInFile(log: SessionLog): string {
  const { initialState, evolve } = querySessionDecider;
  let state = initialState;
  for (const e of log.events) if (e.aggregateType === 'QuerySession') state = evolve(state, { type: e.type, payload: e.payload } as SessionEvent);
  return state.status === 'Unopened' ? log.header.title : state.title;
}
