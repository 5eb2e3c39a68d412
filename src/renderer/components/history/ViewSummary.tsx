import { ArrowDownWideNarrow, ArrowUpNarrowWide, ListFilter } from 'lucide-react';
import type { Column } from '../../../shared/contracts/events';
import type { ResultView } from '../../../shared/domain/resultView';
import { filterCount } from '../../../shared/explore/filterInput';
import { columnNames } from '../../../shared/explore/openAsSql';
import { countOf } from '../format';

/** Under a query in the history: how its result is shown, e.g. "Sorted by dep_delay descending, then origin · 2 filters". */
export function ViewSummary({ view, columns }: { view: ResultView; columns: readonly Column[] | undefined }) {
  // repeated names told apart as Open as SQL and exports name them (`a`, `a_1`)
  const names = columns ? columnNames(columns).names : [];
  const name = (i: number) => names[i] ?? `column ${i + 1}`;
  const [first, ...rest] = view.orderBy;
  const SortIcon = first?.descending ? ArrowDownWideNarrow : ArrowUpNarrowWide;
  return (
    <span className="view-summary">
      {first && (
        <span className="view-sort">
          <SortIcon aria-hidden="true" />
          Sorted by {[first, ...rest].map((k) => `${name(k.column)}${k.descending ? ' descending' : ''}`).join(', then ')}
        </span>
      )}
      {view.filter.length > 0 && (
        <span className="view-filter">
          <ListFilter aria-hidden="true" />
          {countOf(filterCount(view.filter), 'filter')}
        </span>
      )}
    </span>
  );
}
