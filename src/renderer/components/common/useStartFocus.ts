import { useEffect, useRef } from 'react';

/**
 * The caret where work starts, as VS Code opens with it in its editor: once `ready` (the SQL editor
 * is mounted, the first time a session is shown), `focus` runs if nothing has focus yet, once per
 * page load (a reload too). Focus the person already put somewhere (a click, a Tab while the
 * window loaded) is left alone.
 */
export function useStartFocus(ready: boolean, focus: () => void): void {
  const done = useRef(false);
  useEffect(() => {
    if (!ready || done.current) return;
    done.current = true;
    if (document.activeElement === null || document.activeElement === document.body) focus();
  }, [ready]);
}
