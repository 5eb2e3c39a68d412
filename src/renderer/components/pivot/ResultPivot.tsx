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
}

/**
 * The result's pivot beside the grid, while the session records one; another result gets a panel of
 * its own. It pivots the rows the grid shows: the view's filters (not its sort, which a pivot ignores).
 * When "Pivot" asks for a pivot, it reads the result's first rows and proposes one from them.
 */
export function ResultPivot({ api, result, pivot, onOpenAsSql }: Props) {
  const latest = useRef(pivot);
  latest.current = pivot;
  const proposing = pivot.proposing === result.queryId;
  useEffect(() => {
    if (!proposing) return;
    let live = true;
    const { queryId, columns = [] } = result;
    // the result as it came (no view): the same rows, so the same proposal, every time
    void api.fetchPage(queryId, 0, PROPOSAL_SAMPLE_ROWS).then((r) => {
      // a failed read still opens a pivot, proposed from the column types alone
      if (live) latest.current.propose(queryId, proposePivot(columns, r.ok ? r.value.values : undefined));
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
    />
  );
}
