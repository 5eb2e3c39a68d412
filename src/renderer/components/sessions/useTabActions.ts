import { useEffect, useRef, type RefObject } from 'react';
import type { ClientCommand, CommandAck } from '../../../shared/contracts/commands';
import type { Result } from '../../../shared/contracts/errors';
import { lastClosedSession, type AppView, type SessionView } from '../../../shared/views/appView';
import { useTabOpening } from '../../state/useTabOpening';
import { useStableCallback } from '../common/useStableCallback';
import type { SqlEditorHandle } from '../editor/SqlEditor';
import { newSessionElsewhere, noSessionText } from './oneSessionWindow';

interface Tabs {
  view: AppView;
  sessions: readonly SessionView[];
  active: SessionView | undefined;
  /** useActiveSession's: show a tab and record it; show a tab this window just opened. */
  select(sessionId: string): void;
  show(sessionId: string): void;
  dispatch(command: ClientCommand): Promise<Result<CommandAck>>;
  /** A tab left behind has its pending draft saved at once. */
  flushDraft(sessionId: string): void;
  editor: RefObject<SqlEditorHandle | null>;
  /** The window follows one session only (`?session=<id>`): it opens no other (oneSessionWindow.ts). */
  oneSession: boolean;
  notice(text: string): void;
}

/**
 * What the tab strip and the window's shortcuts do with tabs: switch, cycle, open, close, reopen,
 * rename. Stable callbacks, so the memoized tab strip is not rendered again by each event.
 */
export function useTabActions({ view, sessions, active, select, show, dispatch, flushDraft, editor, oneSession, notice }: Tabs) {
  const reopenable = lastClosedSession(view);
  const opening = useTabOpening(active?.id, show);
  // A tab made by New or Reopen is for typing: the caret goes to its editor.
  const focusEditorNext = useRef(false);
  useEffect(() => {
    if (focusEditorNext.current) editor.current?.focus();
    focusEditorNext.current = false;
  }, [active?.id]);

  const switchTo = useStableCallback((sessionId: string) => {
    if (active) flushDraft(active.id);
    select(sessionId);
  });
  const newSession = useStableCallback(() => {
    if (oneSession) return notice(newSessionElsewhere());
    focusEditorNext.current = true;
    opening.open(dispatch({ type: 'OpenSession' }).then((r) => (r.ok ? r.value.aggregateId : undefined)));
  });
  const cycleTab = (step: number) => {
    const i = sessions.findIndex((s) => s.id === active?.id);
    const next = sessions[(i + step + sessions.length) % sessions.length];
    if (next) switchTo(next.id);
  };
  const closeSession = useStableCallback((sessionId: string) => {
    flushDraft(sessionId);
    void dispatch({ type: 'CloseSession', sessionId });
  });
  /** Ctrl/Cmd+W: a tab still opening is the one the person means. */
  const closeActive = useStableCallback(() => opening.withOpened(closeSession, active?.id));
  const reopen = useStableCallback(() => {
    if (!reopenable) return;
    focusEditorNext.current = true;
    opening.open(dispatch({ type: 'ReopenSession', sessionId: reopenable.id }).then((r) => (r.ok ? reopenable.id : undefined)));
  });
  const rename = useStableCallback((sessionId: string, title: string, expectedVersion: number) => void dispatch({ type: 'RenameSession', sessionId, title, expectedVersion }));
  return {
    opening: opening.opening,
    canReopen: reopenable !== undefined,
    emptyText: noSessionText(oneSession, reopenable),
    switchTo,
    newSession,
    /** The strip's "New session" button: none in a window on one session. */
    onNew: oneSession ? undefined : newSession,
    cycleTab,
    closeSession,
    closeActive,
    reopen,
    rename,
  };
}
