import { useEffect, useState } from 'react';
import type { ClientCommand } from '../../../shared/contracts/commands';
import type { AppError } from '../../../shared/contracts/errors';
import type { SextantApi } from '../../../shared/contracts/protocol';
import type { SessionView } from '../../../shared/views/appView';
import type { TimelineEntry } from '../../../shared/views/timeline';
import { forkOpensElsewhere } from '../sessions/oneSessionWindow';
import { focusTabWhenShown } from '../sessions/SessionTabs';
import { useReconnected } from '../common/useReconnected';
import { useTimeTravel } from './useTimeTravel';

/**
 * Time travel in the shown session: the Timeline's state (useTimeTravel), and forking it at a point
 * of its timeline, the fork then shown as a tab of its own; in a window on one session, which never
 * receives the fork, the window stays where it is and says where the fork opens (oneSessionWindow.ts).
 */
export function useSessionTime(
  api: SextantApi,
  session: SessionView | undefined,
  dispatch: (command: ClientCommand) => ReturnType<SextantApi['dispatch']>,
  show: (sessionId: string) => void,
  onNotice: (message: string) => void,
  oneSession = false,
) {
  const time = useTimeTravel(api, session?.id, session?.version);
  /** A refused fork, said in the Timeline: the status bar, which says it too, is not on screen while the past is. */
  const [forkError, setForkError] = useState<AppError | undefined>();
  // Said until the session moves on (a refused fork stores nothing): a later query must not bring it back into the Timeline.
  useEffect(() => setForkError(undefined), [session?.id, session?.version]);
  // A fork refused for want of a connection: "reconnecting" is no longer true once it is back.
  useReconnected(api, () => setForkError((e) => (e?.code === 'DISCONNECTED' ? undefined : e)));
  const fork = (seq: number | undefined) => {
    if (!session) return;
    if (seq === undefined) return onNotice('That point is no longer in the timeline.');
    setForkError(undefined);
    // The control forked from goes away with the tab: focus goes to the fork's tab.
    const from = document.activeElement;
    void dispatch({ type: 'ForkSession', sessionId: session.id, seq }).then((r) => {
      if (!r.ok) return setForkError(r.error);
      // showing it would wait for a session this window is not subscribed to, and never show it
      if (oneSession) return onNotice(forkOpensElsewhere(session.title));
      show(r.value.aggregateId);
      focusTabWhenShown(r.value.aggregateId, from);
    });
  };
  return {
    ...time,
    error: forkError ?? time.error,
    select: (entry: TimelineEntry) => {
      setForkError(undefined);
      time.select(entry);
    },
    fork,
    /** "Fork from here" on a query of the history: forks where its timeline entry ends. */
    forkAtQuery: (queryId: string) => void time.pointOfQuery(queryId).then(fork),
    /** For the Timeline's own notices ("Copied error id …"). */
    onNotice,
  };
}
export type SessionTime = ReturnType<typeof useSessionTime>;
