import type { ClientCommand, Command } from '../../shared/contracts/commands';
import { fail, ok, type AppError, type Result } from '../../shared/contracts/errors';
import { forkTitle, type ForkedHistoryEntry } from '../../shared/contracts/sessionForked';
import { isSettled } from '../../shared/domain/queryLifecycle';
import type { HistoryEntry } from '../../shared/views/appView';
import { MAX_EVENT_PAYLOAD_CHARS } from '../store/eventStore';
import type { TimeTravel } from './timeTravel';
import { grouped } from '../../shared/text/counts';

type ForkRequest = Extract<ClientCommand, { type: 'ForkSession' }>;

/**
 * The domain command a person's "Fork from here" becomes: a new session id, and the original's
 * content as it was at the chosen seq (folded by TimeTravel), so the fork's first event carries
 * everything its view needs. A query still in flight at that point is left out: it never finishes
 * in the fork. It is named after the session as it is called now (`titleNow`), as its tab reads:
 * the title it had then may since be another tab's ("Session 1").
 */
export async function forkCommand(request: ForkRequest, time: Pick<TimeTravel, 'sessionAt'>, newId: () => string, titleNow?: string): Promise<Result<Command>> {
  const past = await time.sessionAt(request.sessionId, request.seq);
  if (!past.ok) return fail(past.error);
  const { session, seq, occurredAt } = past.value;
  const history = session.history.filter(settled);
  return ok({
    type: 'ForkSession',
    sessionId: newId(),
    title: request.title ?? forkTitle(titleNow ?? session.title),
    from: { sessionId: request.sessionId, seq, title: session.title, occurredAt },
    draft: session.draft,
    datasetIds: [...session.datasetIds],
    history,
  });
}

/**
 * The fork's first event carries the whole history, so one past the store's event limit is refused
 * by the store, which measures the payload it serializes anyway (measuring it here first cost a
 * second JSON of the whole history on every fork). This says that refusal in a fork's words.
 */
export function inForkWords(error: AppError, fork: Extract<Command, { type: 'ForkSession' }>): AppError {
  if (error.code !== 'PAYLOAD_TOO_LARGE') return error;
  const size = error.details?.['size'];
  const measured = typeof size === 'number' ? `${grouped(size)} characters; ` : '';
  return {
    ...error,
    message: `This session's history at that point is too long to fork (${measured}a fork can carry about ${grouped(MAX_EVENT_PAYLOAD_CHARS)}). Nothing was stored.`,
    details: { ...error.details, sessionId: fork.from.sessionId, seq: fork.from.seq },
  };
}

const settled = (h: HistoryEntry): h is HistoryEntry & ForkedHistoryEntry => isSettled(h.phase);
