/**
 * Whether each side pane (the catalog's "Datasets", the "History") is shown. A person's taste for
 * this browser, not part of any session: it lives in localStorage, never in the event log. Shown
 * unless hidden on purpose, so a first start (and every e2e run) has both.
 */
export type Pane = 'datasets' | 'history';
export type PanesShown = Readonly<Record<Pane, boolean>>;

const key = (pane: Pane): string => `sextant.pane.${pane}`;

/** Storage as the page has it; absent or throwing (a locked-down profile) means "shown, not remembered". */
type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function panesShown(store: Store | undefined = globalThis.localStorage): PanesShown {
  const shown = (pane: Pane): boolean => {
    try {
      return store?.getItem(key(pane)) !== 'hidden';
    } catch {
      return true;
    }
  };
  return { datasets: shown('datasets'), history: shown('history') };
}

export function rememberPane(pane: Pane, shown: boolean, store: Store | undefined = globalThis.localStorage): void {
  try {
    if (shown) store?.removeItem(key(pane));
    else store?.setItem(key(pane), 'hidden');
  } catch {
    // not remembered; the toggle still works for this page
  }
}

/** The toggle's words, which are its accessible name: what a press does. */
export const paneToggleLabel = (pane: Pane, shown: boolean): string => `${shown ? 'Hide' : 'Show'} ${pane}`;
