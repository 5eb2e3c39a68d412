import type { VirtualItem } from '@tanstack/react-virtual';
import type { MouseEvent, PointerEvent } from 'react';
import type { Column } from '../../../shared/contracts/events';
import { ariaSort, sortRank, type SortKeys } from '../../../shared/explore/sortCycle';
import { holdsNumbers } from '../../../shared/explore/columnKind';
import { MAX_WIDTH, MIN_WIDTH } from './columnWidths';
import { HEADER_HEIGHT, clamp } from './gridGeometry';
import { SortButton, SortShown } from './SortButton';

interface Props {
  columns: readonly Column[];
  virtualColumns: readonly VirtualItem[];
  widths: readonly number[];
  totalWidth: number;
  onResize(col: number, width: number): void;
  onResizeBy(col: number, delta: number): void;
  onFit(col: number): void;
  /** The result's sort keys (the session's view), and a header click: Shift adds a further key. */
  sort?: SortKeys;
  onSort?(col: number, shift: boolean): void;
  /** Without `onSort`, still show which columns sort and how (a read-only grid: the past view). */
  sortShown?: boolean;
  /** The header's menu (right-click) for a column. */
  onContextMenu?(e: MouseEvent, col: number): void;
}

/** The sticky header: name and DuckDB type per column, and a handle to resize it (drag, arrows, double-click to fit). */
export function GridHeader({ columns, virtualColumns, widths, totalWidth, onResize, onResizeBy, onFit, sort = [], onSort, sortShown = false, onContextMenu }: Props) {
  const startResize = (e: PointerEvent, col: number) => {
    e.preventDefault();
    e.stopPropagation();
    const startX = e.clientX;
    const startWidth = widths[col] ?? 120;
    const target = e.currentTarget as HTMLElement;
    target.setPointerCapture(e.pointerId);
    const onMove = (ev: globalThis.PointerEvent) => onResize(col, clamp(startWidth + ev.clientX - startX, MIN_WIDTH, MAX_WIDTH));
    const onUp = () => {
      target.removeEventListener('pointermove', onMove);
      target.removeEventListener('pointerup', onUp);
    };
    target.addEventListener('pointermove', onMove);
    target.addEventListener('pointerup', onUp);
  };

  return (
    <div role="row" aria-rowindex={1} className="grid-header" style={{ width: totalWidth, height: HEADER_HEIGHT }}>
      <div className="gutter corner" aria-hidden="true">
        #
      </div>
      {virtualColumns.map((vc) => {
        const c = columns[vc.index]!;
        return (
          <div
            key={vc.key}
            role="columnheader"
            aria-colindex={vc.index + 1}
            aria-sort={ariaSort(sort, vc.index)}
            className={`grid-th ${holdsNumbers(c.type) ? 'num' : ''}`}
            style={{ left: vc.start, width: vc.size }}
            title={`${c.name} · ${c.type}`}
            onContextMenu={onContextMenu && ((e) => onContextMenu(e, vc.index))}
          >
            {onSort ? (
              <SortButton column={c} index={vc.index} sort={sort} onSort={onSort} />
            ) : sortShown && sortRank(sort, vc.index) !== undefined ? (
              <SortShown column={c} index={vc.index} sort={sort} />
            ) : (
              <>
                <span className="col-name">{c.name}</span>
                <span className="col-type">{c.type}</span>
              </>
            )}
            <span
              className="resize-handle"
              role="separator"
              aria-orientation="vertical"
              aria-label={`Resize ${c.name}`}
              aria-valuenow={vc.size}
              tabIndex={-1}
              onPointerDown={(e) => startResize(e, vc.index)}
              onDoubleClick={() => onFit(vc.index)}
              onKeyDown={(e) => {
                if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
                  e.preventDefault();
                  onResizeBy(vc.index, e.key === 'ArrowLeft' ? -16 : 16);
                }
              }}
            />
          </div>
        );
      })}
    </div>
  );
}
