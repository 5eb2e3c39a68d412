import { useLayoutEffect, type RefObject } from 'react';

/**
 * Focus handed from a grid that goes to the one that replaces it. A new result mounts a new grid
 * (App keys it by query): Ctrl/Cmd+Enter pressed in the grid ran the query and the old grid left
 * the page with the focus, which fell to the body. The old grid says it had focus as it goes; the
 * new one, mounted in the same commit, takes it if nothing else has. Only within that task: a grid
 * mounted later (another tab's, a query run from the editor) never takes focus by surprise.
 */
export function createFocusHandoff(later: (f: () => void) => void = queueMicrotask) {
  let handed = false;
  return {
    /** A grid goes; `hadFocus`: focus was inside it. */
    leave(hadFocus: boolean): void {
      if (!hadFocus) return;
      handed = true;
      later(() => {
        handed = false;
      });
    },
    /** A grid arrives: whether it takes the focus the last one went with, once, and only where focus was lost. */
    take(focusLost: boolean): boolean {
      const takes = handed && focusLost;
      handed = false;
      return takes;
    },
  };
}

const handoff = createFocusHandoff();

/** `root`: the whole grid (toolbar, value viewer); `target`: what takes focus in the new one (the grid, its first cell active). */
export function useFocusHandoff(root: RefObject<HTMLElement | null>, target: RefObject<HTMLElement | null>): void {
  useLayoutEffect(() => {
    const focused = document.activeElement;
    if (handoff.take(focused === null || focused === document.body)) target.current?.focus();
    const el = root.current;
    // a layout cleanup: the old grid is still on the page, the focus still inside it
    return () => handoff.leave(el !== null && el.contains(document.activeElement));
  }, []);
}
