import { useEffect, useRef } from 'react';

/**
 * Ctrl/Cmd+. cancels the running query, from anywhere in the window (the editor, the grid, the
 * history). Cmd+. is macOS's own "stop" key; Ctrl+. is free in Chromium, Electron, CodeMirror's
 * keymaps and ours. Not Escape: it already closes completion, menus and panels, and a stray one must
 * not throw away a long run. Not DataGrip's Ctrl+F2 (macOS keeps it for the menu bar), DBeaver's
 * Ctrl+\ (AltGr on many layouts) or SSMS's Alt+Break (no Break key on most laptops).
 * Cancel's tooltip names it (status/StatusBar.tsx).
 */
export function isCancelKey(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey' | 'defaultPrevented'>): boolean {
  return !e.defaultPrevented && (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key === '.';
}

/** Listens for the cancel key while `cancel` is given (a query of the session shown runs); otherwise the key is left alone. */
export function useCancelKey(cancel: (() => void) | undefined): void {
  const latest = useRef(cancel);
  latest.current = cancel;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!latest.current || !isCancelKey(e)) return;
      e.preventDefault();
      latest.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
