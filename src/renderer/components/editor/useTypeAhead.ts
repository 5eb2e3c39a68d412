import { useEffect, useRef, type RefObject } from 'react';
import type { EditorView } from '@codemirror/view';

/**
 * Keys typed while a tab this window asked for is on its way are for the new tab. The editor is
 * inert meanwhile (useTabOpening: the old tab must not take them), which left them typed into
 * nothing: Alt+T then "select" gave a tab holding "elect". They are held as typed (text, Enter,
 * Backspace; a shortcut acts as it would) while nothing else that takes keys has the focus, and
 * typed into the new tab's editor once it is shown; dropped if the opening failed and the old tab is
 * still shown. The focus stays on the inert editor until the browser next renders, so a key on it
 * counts as nothing focused (it was lost: "select" gave "elect"). Must be called after the effect
 * that swaps the editor's state for the shown session.
 */
export function useTypeAhead(inert: boolean, sessionId: string, view: RefObject<EditorView | undefined>): void {
  const held = useRef<{ from: string; text: string } | undefined>(undefined);
  useEffect(() => {
    if (!inert) return;
    const typed = { from: sessionId, text: '' };
    held.current = typed;
    const onKey = (e: KeyboardEvent) => {
      const active = document.activeElement;
      // another control takes its own keys; an inert one (the old tab's editor) takes none
      if (active !== null && active !== document.body && active.closest('[inert]') === null) return;
      if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
      if ([...e.key].length === 1) typed.text += e.key;
      else if (e.key === 'Enter') typed.text += '\n';
      else if (e.key === 'Backspace') typed.text = [...typed.text].slice(0, -1).join('');
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [inert]);
  useEffect(() => {
    const typed = held.current;
    const v = view.current;
    if (inert || !typed || !v) return;
    held.current = undefined;
    if (typed.from === sessionId || typed.text === '') return;
    v.dispatch(v.state.replaceSelection(typed.text), { userEvent: 'input.type', scrollIntoView: true });
    v.focus();
  }, [inert, sessionId]);
}
