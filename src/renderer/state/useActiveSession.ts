import { useEffect, useState } from 'react';
import { activeSession, openSessions, type AppView, type SessionView } from '../../shared/views/appView';

/**
 * Which tab this window shows. The choice is the window's own: another window creating, reopening
 * or switching tabs never moves it. The store's last activated tab (SessionActivated) only seeds it,
 * on the first load (so a restart opens where the person left off) and when the shown tab closes
 * (falling back to the tab used before it). A click shows the tab at once and records it for a restart.
 */
export function useActiveSession(view: AppView, activate: (sessionId: string) => void) {
  const sessions = openSessions(view);
  const [chosen, setChosen] = useState<string | undefined>();
  // A tab this window just opened or reopened, until the view shows it open: its command's answer
  // can arrive before its event, and a reopened one still reads closed meanwhile.
  const [arriving, setArriving] = useState<string | undefined>();
  const fallback = activeSession(view) ?? sessions[0];
  const chosenSession = chosen === undefined ? undefined : view.sessions[chosen];
  // A chosen session not in the view yet, or not yet reopened in it, keeps its place until it arrives.
  const active: SessionView | undefined = chosenSession && !chosenSession.closed ? chosenSession : fallback;
  const needsPin = chosen === undefined || (chosenSession?.closed === true && chosen !== arriving);
  useEffect(() => {
    if (arriving !== undefined && view.sessions[arriving]?.closed === false) setArriving(undefined);
  }, [arriving, view.sessions[arriving ?? '']?.closed]);
  useEffect(() => {
    if (needsPin && fallback) setChosen(fallback.id);
  }, [needsPin, fallback?.id]);
  /** Shows a tab in this window and records it as the last one (for a restart). */
  const select = (sessionId: string) => {
    if (sessionId === active?.id) return;
    setArriving(undefined);
    setChosen(sessionId);
    activate(sessionId);
  };
  /** Shows a tab this window just opened or reopened (its event already records it). */
  const show = (sessionId: string) => {
    setArriving(sessionId);
    setChosen(sessionId);
  };
  return { sessions, active, select, show };
}
