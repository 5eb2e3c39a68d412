import { useCallback, useLayoutEffect, useRef, type RefObject } from 'react';

/**
 * Focus handed to `target` once a panel asked to close (the returned function) has left the page
 * (`shown` false), not as it is asked to: effects of the panel's last render may still be pending
 * then (its Done or Close button taking the focus as an export or import ends, on a busy machine),
 * and React runs them before the panel goes, taking the focus into it and dropping it on the page.
 * For the owner of a panel that names where focus goes; a panel that sends it back to whatever had
 * it when it opened, if it was lost, calls `useFocusReturn` itself.
 */
export function useFocusOnClose(shown: boolean, target: RefObject<HTMLElement | null>): () => void {
  const closing = useRef(false);
  useLayoutEffect(() => {
    // every change of `shown` settles a request: one made while closed is dropped as the panel next opens
    const asked = closing.current;
    closing.current = false;
    if (!shown && asked) target.current?.focus();
  }, [shown, target]);
  return useCallback(() => void (closing.current = true), []);
}
