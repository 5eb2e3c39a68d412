import type { ClientCommand, Command } from '../../shared/contracts/commands';
import { fail, ok, type Result } from '../../shared/contracts/errors';
import type { ForkedHistoryEntry } from '../../shared/contracts/sessionForked';
import { isSettled } from '../../shared/domain/queryLifecycle';
import type { HistoryEntry } from '../../shared/views/appView';
import type { TimeTravel } from './timeTravel';

type ForkRequest = Extract<ClientCommand, { type: 'ForkSession' }>;

/**
 * The domain command a person's "Fork from here" becomes: a new session id, and the original's
 * content as it was at the chosen seq (folded by TimeTravel), so the fork's first event carries
 * everything its view needs. A query still in flight at that point is left out: it never finishes
 * in the fork.
 */
export async function forkCommand(request: ForkRequest, time: Pick<TimeTravel, 'sessionAt'>, newId: () => string): Promise<Result<Command>> {
  const past = await time.sessionAt(request.sessionId, request.seq);
  if (!past.ok) return fail(past.error);
  const { session, seq, occurredAt } = past.value;
  return ok({
    type: 'ForkSession',
    sessionId: newId(),
    title: request.title ?? `${session.title} (fork)`,
    from: { sessionId: request.sessionId, seq, title: session.title, occurredAt },
    draft: session.draft,
    datasetIds: [...session.datasetIds],
    history: session.history.filter(settled),
  });
}

const settled = (h: HistoryEntry): h is HistoryEntry & ForkedHistoryEntry => isSettled(h.phase);
