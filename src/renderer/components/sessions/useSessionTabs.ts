import { useEffect, useRef } from 'react';
import { sessionTabs, type SessionTab, type SessionView } from '../../../shared/views/appView';

/** The tab strip's tabs, the same array from render to render while no tab is opened, closed, moved or renamed. */
export function useSessionTabs(sessions: readonly SessionView[]): readonly SessionTab[] {
  const previous = useRef<readonly SessionTab[] | undefined>(undefined);
  const tabs = sessionTabs(sessions, previous.current);
  useEffect(() => {
    previous.current = tabs;
  });
  return tabs;
}
