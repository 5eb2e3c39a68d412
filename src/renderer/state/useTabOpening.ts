import { useEffect, useState } from 'react';

/**
 * A tab this window asks for (New, Reopen) is shown after a round trip to main. Until then the tab
 * still shown must not take what the person types for the new one (Ctrl+T, then Ctrl+A and Delete,
 * would empty the old tab): its editor is inert and Run waits, until this window shows another tab
 * or the request fails. A close asked meanwhile (Ctrl+T, Ctrl+W) is for the new tab: it waits for it.
 */
export function useTabOpening(activeId: string | undefined, show: (sessionId: string) => void) {
  const [pending, setPending] = useState<{ from: string | undefined; request: Promise<string | undefined> }>();
  useEffect(() => {
    if (pending && pending.from !== activeId) setPending(undefined);
  }, [activeId]);
  /** `request` resolves to the id of the tab to show, or undefined if it was refused. */
  const open = (request: Promise<string | undefined>) => {
    const asked = request.catch(() => undefined);
    const mine = { from: activeId, request: asked };
    setPending(mine);
    void asked.then((sessionId) => (sessionId !== undefined ? show(sessionId) : setPending((p) => (p === mine ? undefined : p))));
  };
  const opening = pending !== undefined && pending.from === activeId;
  /** Does `act` with the tab being opened once it is shown, or else at once with `fallback`. */
  const withOpened = (act: (sessionId: string) => void, fallback: string | undefined) => {
    if (pending === undefined || pending.from !== activeId) {
      if (fallback !== undefined) act(fallback);
      return;
    }
    // registered after open's own `then`, so the tab is shown before `act` runs
    void pending.request.then((sessionId) => sessionId !== undefined && act(sessionId));
  };
  return { opening, open, withOpened };
}
