import { useEffect, useState } from 'react';
import { activeSession, openSessions, type AppView, type SessionView } from '../../shared/views/appView';

/**
 * Which tab is shown. The store remembers it (SessionActivated), so it survives a restart; a click
 * shows the tab at once and the event catches up a moment later. When the store's answer changes
 * (another tab was opened, the shown one closed, a menu command), it wins.
 */
export function useActiveSession(view: AppView, activate: (sessionId: string) => void) {
  const sessions = openSessions(view);
  const remembered = activeSession(view);
  const [chosen, setChosen] = useState<string | undefined>();
  const rememberedKey = remembered ? `${remembered.id}@${remembered.activatedSeq}` : '';
  useEffect(() => setChosen(undefined), [rememberedKey]);
  const active: SessionView | undefined = sessions.find((s) => s.id === chosen) ?? remembered ?? sessions[0];
  const select = (sessionId: string) => {
    if (sessionId === active?.id) return;
    setChosen(sessionId);
    activate(sessionId);
  };
  return { sessions, active, select };
}
