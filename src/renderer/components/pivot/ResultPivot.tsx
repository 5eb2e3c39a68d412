import type { PageFilter } from '../../../shared/contracts/pageView';
import type { SextantApi } from '../../../shared/contracts/protocol';
import type { GridResult } from '../grid/useResultPages';
import { PivotPanel } from './PivotPanel';
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
 */
export function ResultPivot({ api, result, pivot, onOpenAsSql }: Props) {
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
