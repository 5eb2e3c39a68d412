import { useEffect, useRef } from 'react';
import { Redo2, Undo2 } from 'lucide-react';
import type { ClientCommand } from '../../../shared/contracts/commands';
import type { AppView } from '../../../shared/views/appView';
import { nextRedo, nextUndo, type UndoTarget } from '../../../shared/views/undoTarget';
import { useHandOffFocus } from '../common/focusLost';
import { PAST_PAUSED } from '../time/pastPaused';
import { editsText, undoKeyOf } from './undoKeys';

interface Props {
  view: AppView;
  /** The session this window shows: whose actions Undo and Redo reach (docs/undo.md). */
  sessionId: string | undefined;
  dispatch(command: ClientCommand): Promise<{ readonly ok: boolean }>;
  /** Shows a session this window brought back (an undone close). */
  onShow(sessionId: string): void;
  /** Says what was done when nothing in sight changes (an action on an earlier result). */
  onNotice(message: string): void;
  /** While the window shows the past (Timeline), nothing is undone: the past is read-only. */
  paused?: boolean;
}


/**
 * The session's "Undo" and "Redo" buttons, and their keys (Ctrl/Cmd+Z, Ctrl/Cmd+Shift+Z, Ctrl/Cmd+Y)
 * whenever the focus is not in the SQL editor or a text field. Each says what it will do.
 */
export function UndoRedo({ view, sessionId, dispatch, onShow, onNotice, paused = false }: Props) {
  const undo = paused ? undefined : nextUndo(view, sessionId);
  const redo = paused ? undefined : nextRedo(view, sessionId);
  // paused, there may well be something to undo: "Nothing to undo" would be untrue
  const undoText = paused ? PAST_PAUSED : (undo?.label ?? 'Nothing to undo');
  const redoText = paused ? PAST_PAUSED : (redo?.label ?? 'Nothing to redo');

  /** `byKey`: pressed, not clicked, so no button's tooltip said what it would do: the notice says what it did, or why nothing. */
  const act = (target: UndoTarget | undefined, type: 'Undo' | 'Redo', byKey = false) => {
    if (!target) {
      if (byKey) onNotice(type === 'Undo' ? undoText : redoText);
      return;
    }
    const { action, label, unseen } = target;
    void dispatch({ type, ...action }).then((r) => {
      if (r.ok && action.aggregateType === 'QuerySession' && action.aggregateId !== sessionId) onShow(action.aggregateId);
      // done to a result not on screen, nothing in sight changed: the window says what was done
      else if (r.ok && (unseen || byKey)) onNotice(`${type === 'Undo' ? 'Undone' : 'Redone'}: ${label.slice(type.length + 1)}`);
    });
  };

  // Undoing the last action disables Undo under the focus: it goes to Redo, which can take it back (and the other way round).
  const group = useRef<HTMLDivElement>(null);
  const focus = useHandOffFocus(`${!undo} ${!redo}`, () => group.current?.querySelector<HTMLElement>('button:enabled')?.focus());

  const onKey = useRef<(e: KeyboardEvent) => void>(() => {});
  onKey.current = (e: KeyboardEvent) => {
    const which = e.defaultPrevented ? undefined : undoKeyOf(e);
    if (!which || editsText(e.target)) return;
    e.preventDefault();
    if (which === 'undo') act(undo, 'Undo', true);
    else act(redo, 'Redo', true);
  };
  useEffect(() => {
    const listener = (e: KeyboardEvent) => onKey.current(e);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  return (
    <div ref={group} className="undo-redo" role="group" aria-label="Undo and redo" {...focus}>
      <button
        type="button"
        className="icon-button"
        aria-label="Undo"
        aria-description={undoText}
        title={`${undoText} (Ctrl/Cmd+Z)`}
        disabled={!undo}
        onClick={() => act(undo, 'Undo')}
      >
        <Undo2 aria-hidden="true" />
      </button>
      <button
        type="button"
        className="icon-button"
        aria-label="Redo"
        aria-description={redoText}
        title={`${redoText} (Ctrl/Cmd+Shift+Z)`}
        disabled={!redo}
        onClick={() => act(redo, 'Redo')}
      >
        <Redo2 aria-hidden="true" />
      </button>
    </div>
  );
}
