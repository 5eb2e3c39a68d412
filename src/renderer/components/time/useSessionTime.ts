import type { ClientCommand } from '../../../shared/contracts/commands';
import type { SextantApi } from '../../../shared/contracts/protocol';
import type { SessionView } from '../../../shared/views/appView';
import { useTimeTravel } from './useTimeTravel';

/**
 * Time travel in the shown session: the Timeline's state (useTimeTravel), and forking it at a point
 * of its timeline, the fork then shown as a tab of its own.
 */
export function useSessionTime(
  api: SextantApi,
  session: SessionView | undefined,
  dispatch: (command: ClientCommand) => ReturnType<SextantApi['dispatch']>,
  show: (sessionId: string) => void,
  onNotice: (message: string) => void,
) {
  const time = useTimeTravel(api, session?.id, session?.version);
  const fork = (seq: number | undefined) => {
    if (!session) return;
    if (seq === undefined) return onNotice('That point is no longer in the timeline.');
    void dispatch({ type: 'ForkSession', sessionId: session.id, seq }).then((r) => r.ok && show(r.value.aggregateId));
  };
  return {
    ...time,
    fork,
    /** "Fork from here" on a query of the history: forks where its timeline entry ends. */
    forkAtQuery: (queryId: string) => void time.pointOfQuery(queryId).then(fork),
  };
}
export type SessionTime = ReturnType<typeof useSessionTime>;
