import { ArrowDownWideNarrow, ArrowUpDown, ArrowUpNarrowWide } from 'lucide-react';
import type { Column } from '../../../shared/contracts/events';
import { sortButtonName, sortRank, type SortKeys } from '../../../shared/explore/sortCycle';

interface Props {
  column: Column;
  index: number;
  sort: SortKeys;
  onSort(col: number, shift: boolean): void;
}

/**
 * A column header's name and type, as one button "Sort by <column>": a click steps ascending →
 * descending → off, Shift+click adds a further key. The icon shows the direction and, when more
 * than one column sorts, the rank.
 */
export function SortButton({ column, index, sort, onSort }: Props) {
  const sorted = sortRank(sort, index) !== undefined;
  return (
    <button
      type="button"
      className={`sort-button ${sorted ? 'sorted' : ''}`}
      aria-label={sortButtonName(column.name)}
      // reached by arrows in the header, not by Tab: the grid is one Tab stop (headerKeys.ts)
      tabIndex={-1}
      data-grid-control="sort"
      data-col={index}
      title={`${column.name} · ${column.type}\nClick to sort, Shift+click to add a further sort`}
      // its Enter and Space are the button's (Shift+Enter's click is a Shift+click); the window's shortcuts still reach the window
      onClick={(e) => onSort(index, e.shiftKey)}
    >
      <SortLabel column={column} index={index} sort={sort} />
    </button>
  );
}

/**
 * A sorted column's header without the button (a read-only grid: the past view): the same name,
 * type, direction and rank, in the same place, with nothing to click.
 */
export function SortShown({ column, index, sort }: Omit<Props, 'onSort'>) {
  return (
    <span className="sort-button sorted">
      <SortLabel column={column} index={index} sort={sort} />
    </span>
  );
}

function SortLabel({ column, index, sort }: Omit<Props, 'onSort'>) {
  const rank = sortRank(sort, index);
  const key = rank === undefined ? undefined : sort[rank - 1];
  const Icon = !key ? ArrowUpDown : key.descending ? ArrowDownWideNarrow : ArrowUpNarrowWide;
  return (
    <>
      <span className="col-label">
        <span className="col-name">{column.name}</span>
        <span className="col-type">{column.type}</span>
      </span>
      <span className="sort-state" aria-hidden="true">
        <Icon />
        {rank !== undefined && sort.length > 1 && <span className="sort-rank">{rank}</span>}
      </span>
    </>
  );
}
