import { useEffect, useRef } from 'react';
import type { SextantApi } from '../../../shared/contracts/protocol';

/**
 * Calls `onBack` each time the window is connected to main again after being disconnected (not on
 * the first connection): what waited for the connection is asked again, and what said it was lost
 * stops saying so.
 */
export function useReconnected(api: SextantApi, onBack: () => void): void {
  const latest = useRef(onBack);
  latest.current = onBack;
  useEffect(() => {
    let lost = false;
    return api.onConnection((connected) => {
      if (!connected) lost = true;
      else if (lost) {
        lost = false;
        latest.current();
      }
    });
  }, [api]);
}
