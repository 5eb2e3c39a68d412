import { useEffect, useState } from 'react';

/**
 * A tab this window asks for (New, Reopen) is shown after a round trip to main. Until then the tab
 * still shown must not take what the person types for the new one (Ctrl+T, then Ctrl+A and Delete,
 * would empty the old tab): its editor is inert and Run waits, until this window shows another tab
 * or the request fails.
 */
export function useTabOpening(activeId: string | undefined, show: (sessionId: string) => void) {
  const [pending, setPending] = useState<{ from: string | undefined }>();
  useEffect(() => {
    if (pending && pending.from !== activeId) setPending(undefined);
  }, [activeId]);
  /** `request` resolves to the id of the tab to show, or undefined if it was refused. */
  const open = (request: Promise<string | undefined>) => {
    const mine = { from: activeId };
    setPending(mine);
    const refused = () => setPending((p) => (p === mine ? undefined : p));
    void request.then((sessionId) => (sessionId !== undefined ? show(sessionId) : refused()), refused);
  };
  return { opening: pending !== undefined && pending.from === activeId, open };
}
