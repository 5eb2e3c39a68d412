import { useEffect, useRef } from 'react';

export interface WindowShortcutActions {
  newSession(): void;
  reopen(): void;
  /** Absent while no tab is open: Ctrl+W is then left to the browser. */
  closeActive: (() => void) | undefined;
  cycleTab(step: number): void;
  focusAddDataset(): void;
  runEditor(): void;
}

/**
 * Shortcuts for the whole window. A browser keeps Ctrl+T/W/PageUp/PageDown for itself, so Alt+… works
 * too. The listener is added once and calls the latest actions.
 */
export function useWindowShortcuts(actions: WindowShortcutActions): void {
  const latest = useRef(actions);
  latest.current = actions;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => onShortcut(e, latest.current);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

function onShortcut(e: KeyboardEvent, actions: WindowShortcutActions): void {
  if (e.defaultPrevented) return;
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.toLowerCase();
  const act = (f: () => void) => {
    e.preventDefault();
    f();
  };
  const { closeActive } = actions;
  if ((mod || e.altKey) && key === 't' && e.shiftKey) act(actions.reopen);
  else if ((mod || e.altKey) && key === 't') act(actions.newSession);
  else if ((mod || e.altKey) && key === 'w' && !e.shiftKey && closeActive) act(closeActive);
  else if ((mod || e.altKey) && (e.key === 'PageDown' || e.key === 'PageUp')) act(() => actions.cycleTab(e.key === 'PageDown' ? 1 : -1));
  else if (mod && key === 'o') act(actions.focusAddDataset);
  else if (mod && key === 'enter') act(actions.runEditor);
}
