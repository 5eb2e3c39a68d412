import { useEffect, useRef } from 'react';
import type { PageFilter } from '../../../shared/contracts/pageView';
import type { SextantApi } from '../../../shared/contracts/protocol';
import type { GridResult } from '../grid/useResultPages';
import { PivotPanel } from './PivotPanel';
import { PROPOSAL_SAMPLE_ROWS, proposePivot } from './pivotProposal';
import type { SessionPivot } from './useSessionPivot';

const NO_FILTER: readonly PageFilter[] = [];

interface Props {
  api: SextantApi;
  result: GridResult;
  pivot: SessionPivot;
  onOpenAsSql(sql: string): void;
  onNotice(message: string): void;
}

/**
 * The result's pivot beside the grid, while the session records one; another result gets a panel of
 * its own. It pivots the rows the grid shows: the view's filters (not its sort, which a pivot ignores).
 * When "Pivot" asks for a pivot, it reads the result's first rows and proposes one from them.
 */
export function ResultPivot({ api, result, pivot, onOpenAsSql, onNotice }: Props) {
  const latest = useRef(pivot);
  latest.current = pivot;
  const proposing = pivot.proposing === result.queryId;
  // the pivot "Pivot" opens takes focus, as an opened chart or profile does; not one shown again (a reload, a tab switch)
  const focusOnOpen = useRef<string>(undefined);
  useEffect(() => {
    if (focusOnOpen.current && pivot.spec) focusOnOpen.current = undefined;
  });
  useEffect(() => {
    if (!proposing) return;
    let live = true;
    const { queryId, columns = [] } = result;
    const asker = document.activeElement;
    // the result as it came (no view): the same rows, so the same proposal, every time
    void api.fetchPage(queryId, 0, PROPOSAL_SAMPLE_ROWS).then((r) => {
      if (!live) return;
      // a failed read still opens a pivot, proposed from the column types alone
      const proposal = proposePivot(columns, r.ok ? r.value.values : undefined);
      // unless the person moved on while it was proposed
      const stayed = document.activeElement === asker || document.activeElement === document.body;
      focusOnOpen.current = proposal && stayed ? queryId : undefined;
      latest.current.propose(queryId, proposal);
    });
    return () => {
      live = false;
    };
  }, [proposing, api, result.queryId]);
  if (!pivot.spec) return null;
  return (
    <PivotPanel
      key={`pivot-${result.queryId}`}
      api={api}
      queryId={result.queryId}
      sql={result.sql ?? ''}
      columns={result.columns ?? []}
      filter={result.view?.filter ?? NO_FILTER}
      spec={pivot.spec}
      onChange={pivot.set}
      onClose={pivot.close}
      onOpenAsSql={onOpenAsSql}
      takeFocus={focusOnOpen.current === result.queryId}
      onNotice={onNotice}
    />
  );
}
