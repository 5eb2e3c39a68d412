import { useEffect, useRef, type FocusEvent } from 'react';

/**
 * Whether focus has been dropped on the page: on nothing, the body, or a control removed or disabled
 * under it (Chromium may still name a button for a moment after disabling it). A keyboard user has
 * then lost their place, so whoever removed or disabled it hands focus on.
 */
export function focusLost(active: Element | null = document.activeElement): boolean {
  return active === null || active === document.body || !active.isConnected || active.matches(':disabled');
}

/**
 * For controls that their own actions disable or remove (Cancel once the query stops, Undo with
 * nothing left, "Copy id" once the failure is gone): spread the returned handlers on the control or
 * on the element around them. When `state` changes and focus, last inside, was dropped on the page,
 * `handOff` gives it somewhere sensible. Focus the person moved elsewhere is left alone.
 */
export function useHandOffFocus(state: unknown, handOff: () => void) {
  const hadFocus = useRef(false);
  const latest = useRef(handOff);
  latest.current = handOff;
  useEffect(() => {
    if (!hadFocus.current || !focusLost()) return;
    hadFocus.current = false;
    latest.current();
  }, [state]);
  return {
    onFocus: () => void (hadFocus.current = true),
    // a blur caused by the disabling or removal itself still counts as focus inside
    onBlur: (e: FocusEvent<HTMLElement>) => {
      const gone = e.target.matches(':disabled') || !e.target.isConnected;
      if (!gone) hadFocus.current = false;
    },
  };
}
