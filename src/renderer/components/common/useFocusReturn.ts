import { useEffect } from 'react';

/**
 * For a panel that takes focus or holds it: when it closes with focus inside it (Escape, its close
 * button), focus goes back to what had it when the panel opened (its toggle, the grid), so it is never
 * dropped on the page. Call it before the panel's own focus effect; focus the person already moved
 * elsewhere is left alone.
 */
export function useFocusReturn(): void {
  useEffect(() => {
    const opener = document.activeElement;
    return () => {
      const lost = document.activeElement === null || document.activeElement === document.body;
      if (lost && opener instanceof HTMLElement && opener !== document.body && opener.isConnected) opener.focus();
    };
  }, []);
}
