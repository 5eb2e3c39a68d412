import { useEffect, useRef } from 'react';

export interface WindowShortcutActions {
  newSession(): void;
  reopen(): void;
  /** Absent while no tab is open: Ctrl+W is then left to the browser. */
  closeActive: (() => void) | undefined;
  cycleTab(step: number): void;
  focusAddDataset(): void;
  runEditor(): void;
  /** Ctrl/Cmd+Shift+Enter: the statement at the editor's caret. */
  runStatement(): void;
}

/** The tab actions bound to Ctrl/Cmd or Alt with a letter: the one table both the listener and the tooltips read. */
const TAB_KEYS = {
  reopen: { key: 't', shift: true },
  newSession: { key: 't', shift: false },
  closeActive: { key: 'w', shift: false },
} as const;
export type TabShortcut = keyof typeof TAB_KEYS;

/**
 * The shortcut a tooltip names for a tab action, where the app runs: a browser keeps Ctrl/Cmd+T, W
 * and Shift+T for itself, so there only Alt+… reaches the app (the desktop window, whose preload
 * exposes `window.sextant`, takes both).
 */
export function shortcutText(action: TabShortcut, inBrowser = !('sextant' in window)): string {
  const { key, shift } = TAB_KEYS[action];
  return `${inBrowser ? 'Alt' : 'Ctrl/Cmd'}+${shift ? 'Shift+' : ''}${key.toUpperCase()}`;
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

type ShortcutKey = Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey' | 'defaultPrevented' | 'preventDefault'>;

export function onShortcut(e: ShortcutKey, actions: WindowShortcutActions): void {
  if (e.defaultPrevented) return;
  const mod = e.ctrlKey || e.metaKey;
  // with Alt the physical key: macOS's Option turns T into "†" and W into "∑"
  const key = e.altKey && /^Key[A-Z]$/.test(e.code) ? e.code.slice(3).toLowerCase() : e.key.toLowerCase();
  const act = (f: () => void) => {
    e.preventDefault();
    f();
  };
  const tab = (action: TabShortcut) => (mod || e.altKey) && key === TAB_KEYS[action].key && e.shiftKey === TAB_KEYS[action].shift;
  const { closeActive } = actions;
  if (tab('reopen')) act(actions.reopen);
  else if (tab('newSession')) act(actions.newSession);
  else if (tab('closeActive') && closeActive) act(closeActive);
  else if ((mod || e.altKey) && (e.key === 'PageDown' || e.key === 'PageUp')) act(() => actions.cycleTab(e.key === 'PageDown' ? 1 : -1));
  else if (mod && key === 'o') act(actions.focusAddDataset);
  else if (mod && key === 'enter') act(e.shiftKey ? actions.runStatement : actions.runEditor);
}
