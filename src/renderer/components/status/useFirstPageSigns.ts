import { useEffect, useState } from 'react';
import type { SextantApi } from '../../../shared/contracts/protocol';
import type { RerunSigns } from './rerunNote';

type FirstPageSigns = Pick<RerunSigns, 'firstPageIncomplete' | 'firstPageRerun'>;

const NONE: FirstPageSigns = {};

/**
 * What a completed result's first page says of its rows (rerunNote.ts): still being produced
 * (main runs its SQL again, a first frame may not have come yet), or produced so (main marks a
 * re-run's pages, which frames said only while it ran: after a reload only the page does). Asked
 * again as rows arrive; one row of the plain result, whatever sort and filters the grid shows.
 */
export function useFirstPageSigns(api: SextantApi, queryId: string | undefined, completed: boolean, rowsAvailable: number | undefined): FirstPageSigns {
  const [signs, setSigns] = useState<{ readonly queryId: string; readonly signs: FirstPageSigns }>();
  useEffect(() => {
    if (queryId === undefined || !completed) return;
    let live = true;
    void api.fetchPage(queryId, 0, 1).then((r) => live && setSigns({ queryId, signs: r.ok ? { firstPageIncomplete: !r.value.complete, firstPageRerun: r.value.rerun === true } : NONE }));
    return () => {
      live = false;
    };
  }, [api, queryId, completed, rowsAvailable]);
  // another query's answer says nothing of this one
  return completed && signs !== undefined && signs.queryId === queryId ? signs.signs : NONE;
}
