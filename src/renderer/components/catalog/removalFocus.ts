import { useEffect, useRef, type FocusEvent } from 'react';
import { focusLost } from '../common/focusLost';

/**
 * Which dataset takes focus when the one that had it leaves the catalog: the first after it that is
 * still there, else the nearest before it; undefined when none is left (the path box takes it then).
 */
export function focusAfterRemoval(before: readonly string[], after: readonly string[], removed: string): string | undefined {
  const left = new Set(after);
  const at = before.indexOf(removed);
  if (at < 0) return after[0];
  return before.slice(at + 1).find((id) => left.has(id)) ?? before.slice(0, at).reverse().find((id) => left.has(id));
}

/**
 * For the catalog's list: when the dataset focus was in goes away (its menu's "Remove", or another
 * window removing it), focus goes to the next dataset's Actions button, never to the page. Spread
 * the returned handlers on the list; `actions(id)` finds a dataset's Actions button, `none()` takes
 * focus when no dataset is left.
 */
export function useRemovalFocus(ids: readonly string[], actions: (id: string) => HTMLElement | null | undefined, none: () => void) {
  /** The dataset focus was last in, while it is still there (or gone with its entry). */
  const inside = useRef<string | undefined>(undefined);
  const before = useRef(ids);
  const latest = useRef({ actions, none });
  latest.current = { actions, none };
  const key = ids.join('\n');
  useEffect(() => {
    const was = before.current;
    before.current = ids;
    const removed = inside.current;
    if (removed === undefined || ids.includes(removed) || !focusLost()) return;
    inside.current = undefined;
    const next = focusAfterRemoval(was, ids, removed);
    const target = next === undefined ? undefined : latest.current.actions(next);
    if (target) target.focus();
    else latest.current.none();
  }, [key]);
  const entryOf = (e: FocusEvent<HTMLElement>) => e.target.closest<HTMLElement>('[data-dataset-id]')?.dataset['datasetId'];
  return {
    onFocus: (e: FocusEvent<HTMLElement>) => void (inside.current = entryOf(e)),
    // a blur caused by the entry's removal (or a control disabled under focus) still counts as focus inside
    onBlur: (e: FocusEvent<HTMLElement>) => {
      const gone = e.target.matches(':disabled') || !e.target.isConnected;
      if (!gone) inside.current = undefined;
    },
  };
}
