import { useCallback, useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import { panesShown, rememberPane, type Pane, type PanesShown } from './paneMemory';

export interface Panes {
  readonly shown: PanesShown;
  toggle(pane: Pane): void;
  /** Shows the pane, then runs `then` with it in the DOM (Ctrl/Cmd+O focuses "Dataset path or URL" in it). */
  reveal(pane: Pane, then?: () => void): void;
  /** For the app's frame: `datasets-hidden`, `history-hidden`. */
  readonly className: string;
}

/**
 * The side panes' shown or hidden state, remembered in this browser (paneMemory.ts). `historyNeeded`:
 * the Timeline lives in the history pane, so opening it shows that pane.
 */
export function usePanes(historyNeeded: boolean): Panes {
  const [shown, setShown] = useState<PanesShown>(() => panesShown());
  const set = useCallback((pane: Pane, on: boolean) => {
    rememberPane(pane, on);
    setShown((s) => (s[pane] === on ? s : { ...s, [pane]: on }));
  }, []);
  useEffect(() => {
    if (historyNeeded) set('history', true);
  }, [historyNeeded, set]);
  return {
    shown,
    toggle: (pane) => set(pane, !shown[pane]),
    reveal: (pane, then) => {
      if (!shown[pane]) flushSync(() => set(pane, true));
      then?.();
    },
    className: `${shown.datasets ? '' : 'datasets-hidden'} ${shown.history ? '' : 'history-hidden'}`.trim(),
  };
}
