import { useLayoutEffect, useRef, type CSSProperties } from 'react';
import type { VirtualItem } from '@tanstack/react-virtual';
import { ListFilter } from 'lucide-react';
import type { Column } from '../../../shared/contracts/events';
import { filterHint } from './filterBoxText';
import { FILTER_ROW_HEIGHT } from './gridGeometry';
import type { FilterBox } from './useResultView';

interface Props {
  /** Ids are unique per result, so two grids never share an aria-describedby target. */
  idPrefix: string;
  columns: readonly Column[];
  virtualColumns: readonly VirtualItem[];
  totalWidth: number;
  box(column: number): FilterBox;
  /** Typing in a box; without it the boxes are read-only (the past view shows its filters, unchangeable). */
  onType?(column: number, text: string): void;
  /** Escape: back to the grid, where arrows move between cells again (↓ too: headerKeys.ts). */
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
        const { text, error, summary } = box(vc.index);
        const errorId = `${idPrefix}-filter-error-${vc.index}`;
        const anchor = `--filter-box-${vc.index}`;
        // what can be typed, by the column's type; a read-only box (the past view) takes none
        const hint = onType ? filterHint(c.type) : { placeholder: 'Filter', title: undefined };
        return (
          <div key={vc.key} className="grid-filter" style={{ left: vc.start, width: vc.size }}>
            <input
              type="text"
              spellCheck={false}
              aria-label={`Filter ${c.name}`}
              // reached by arrows from its column's header or first row, not by Tab (headerKeys.ts)
              tabIndex={-1}
              data-grid-control="filter"
              data-col={vc.index}
              aria-invalid={error !== undefined}
              aria-describedby={error !== undefined ? errorId : undefined}
              className={summary !== undefined ? 'summarized' : undefined}
              placeholder={summary ?? hint.placeholder}
              title={summary !== undefined ? `Filtered: ${summary}. Typing here replaces it.${hint.title ? `\n\n${hint.title}` : ''}` : hint.title}
              style={{ anchorName: anchor } as CSSProperties}
              value={text}
              readOnly={!onType}
              onChange={(e) => onType?.(vc.index, e.target.value)}
              onKeyDown={(e) => {
                // Typing keys are the box's own (↑ and ↓ leave it: headerKeys.ts). The
                // window's shortcuts still work here (Ctrl+Enter runs the editor's query, Alt+T opens a
                // tab), and Ctrl+Z undoes the typing, as in any text field (UndoRedo leaves it to the field).
                if (e.key === 'Escape') {
                  e.preventDefault();
                  onLeave();
                }
              }}
            />
            {error !== undefined && <FilterError id={errorId} anchor={anchor} text={error} />}
          </div>
        );
      })}
    </div>
  );
}

/**
 * Why a filter box's text is not a filter, under the box. In the top layer (a manual popover placed
 * by CSS anchor positioning): inside the grid's scroller it was cut at the grid's edge, or hidden
 * under the Chart or Pivot panel beside it.
 */
function FilterError({ id, anchor, text }: { id: string; anchor: string; text: string }) {
  const bubble = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    const el = bubble.current;
    if (el && !el.matches(':popover-open')) el.showPopover();
  }, []);
  return (
    <span ref={bubble} id={id} className="filter-error" role="alert" popover="manual" style={{ positionAnchor: anchor } as CSSProperties}>
      {text}
    </span>
  );
}
