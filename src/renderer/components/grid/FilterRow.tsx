import type { VirtualItem } from '@tanstack/react-virtual';
import { ListFilter } from 'lucide-react';
import type { Column } from '../../../shared/contracts/events';
import { FILTER_ROW_HEIGHT } from './gridGeometry';
import type { FilterBox } from './useResultView';

interface Props {
  /** Ids are unique per result, so two grids never share an aria-describedby target. */
  idPrefix: string;
  columns: readonly Column[];
  virtualColumns: readonly VirtualItem[];
  totalWidth: number;
  box(column: number): FilterBox;
  onType(column: number, text: string): void;
  /** Escape: back to the grid, where arrows move between cells again. */
  onLeave(): void;
}

/**
 * One "Filter <column>" box per column, under the sticky header and scrolling sideways with it:
 * only the columns on screen have a box (the same column virtualization as the cells), so a table
 * of 500 columns draws a handful. Text that does not read as a filter is marked and explained.
 */
export function FilterRow({ idPrefix, columns, virtualColumns, totalWidth, box, onType, onLeave }: Props) {
  return (
    <div className="grid-filters" role="group" aria-label="Column filters" style={{ width: totalWidth, height: FILTER_ROW_HEIGHT }}>
      <div className="gutter corner" aria-hidden="true">
        <ListFilter />
      </div>
      {virtualColumns.map((vc) => {
        const c = columns[vc.index]!;
        const { text, error } = box(vc.index);
        const errorId = `${idPrefix}-filter-error-${vc.index}`;
        return (
          <div key={vc.key} className="grid-filter" style={{ left: vc.start, width: vc.size }}>
            <input
              type="text"
              spellCheck={false}
              aria-label={`Filter ${c.name}`}
              aria-invalid={error !== undefined}
              aria-describedby={error !== undefined ? errorId : undefined}
              placeholder="Filter"
              value={text}
              onChange={(e) => onType(vc.index, e.target.value)}
              onKeyDown={(e) => {
                // typing keys belong to the box, not to the grid's cell navigation
                e.stopPropagation();
                if (e.key === 'Escape') {
                  e.preventDefault();
                  onLeave();
                }
              }}
            />
            {error !== undefined && (
              <span id={errorId} className="filter-error" role="alert">
                {error}
              </span>
            )}
          </div>
        );
      })}
    </div>
  );
}
