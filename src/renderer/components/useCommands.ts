import { useCallback, useEffect, useRef, useState } from 'react';
import type { ClientCommand } from '../../shared/contracts/commands';
import type { SextantApi } from '../../shared/contracts/protocol';
import { refusalAfter, refusalPlace, type CommandRefusal, type RefusalPlace } from './status/commandRefusal';

type Refusals = { readonly [P in RefusalPlace]: CommandRefusal | undefined };

/**
 * The window's one way to send a command, and what was last refused where it is said: the
 * catalog's commands (AddDataset, RemoveDataset) beside its Add box, every other one in the
 * session's status bar (status/commandRefusal.ts). A command that goes through clears its own
 * place's refusal only, and only one about its session (refusalAfter): a query run does not hide
 * "Already in the catalog", nor an Add a refused rename, nor another tab's rename this one's.
 */
export function useCommands(api: SextantApi, connected: boolean) {
  const [refused, setRefused] = useState<Refusals>({ status: undefined, catalog: undefined });
  // Queries run while the page has no connection: sent once it is back, or refused a few seconds on
  // (apiClient's connect wait); until then the status bar says so, where it said nothing for 5 s.
  const [sending, setSending] = useState(0);
  const isConnected = useRef(connected);
  isConnected.current = connected;
  const dispatch = useCallback(
    async (command: ClientCommand) => {
      const waits = command.type === 'StartQuery' && !isConnected.current;
      if (waits) setSending((n) => n + 1);
      const result = await api.dispatch(command).finally(() => waits && setSending((n) => n - 1));
      const place = refusalPlace(command.type);
      setRefused((r) => {
        const now = refusalAfter(r[place], command, result.ok ? undefined : result.error);
        return r[place] === now ? r : { ...r, [place]: now };
      });
      return result;
    },
    [api],
  );
  // "Not connected" stops being true when the page is: connected again, each place shows its own state
  useEffect(() => {
    if (!connected) return;
    const gone = (r: CommandRefusal | undefined) => (r?.error.code === 'DISCONNECTED' ? undefined : r);
    setRefused((r) => (r.status?.error.code === 'DISCONNECTED' || r.catalog?.error.code === 'DISCONNECTED' ? { status: gone(r.status), catalog: gone(r.catalog) } : r));
  }, [connected]);
  /** Another session shown: the status bar's refusal was about the one before. */
  const clearStatus = useCallback(() => setRefused((r) => (r.status ? { ...r, status: undefined } : r)), []);
  return { dispatch, statusRefusal: refused.status, catalogRefusal: refused.catalog, clearStatus, sending: sending > 0 };
}
