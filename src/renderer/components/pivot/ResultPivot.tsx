import type { SextantApi } from '../../../shared/contracts/protocol';
import type { GridResult } from '../grid/useResultPages';
import { PivotPanel } from './PivotPanel';
import type { SessionPivot } from './useSessionPivot';

interface Props {
  api: SextantApi;
  result: GridResult;
  pivot: SessionPivot;
  onOpenAsSql(sql: string): void;
}

/** The result's pivot beside the grid, while the session records one; another result gets a panel of its own. */
export function ResultPivot({ api, result, pivot, onOpenAsSql }: Props) {
  if (!pivot.spec) return null;
  return (
    <PivotPanel
      key={`pivot-${result.queryId}`}
      api={api}
      queryId={result.queryId}
      sql={result.sql ?? ''}
      columns={result.columns ?? []}
      spec={pivot.spec}
      onChange={pivot.set}
      onClose={pivot.close}
      onOpenAsSql={onOpenAsSql}
    />
  );
}
