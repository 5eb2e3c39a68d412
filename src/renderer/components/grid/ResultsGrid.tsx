import { observeElementOffset, useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useMemo, useReducer, useRef, useState, type KeyboardEvent, type MouseEvent, type PointerEvent } from 'react';
import type { Column } from '../../../shared/contracts/events';
import type { SextantApi } from '../../../shared/contracts/protocol';
import { ContextMenu, type MenuItem } from '../common/ContextMenu';
import { copyText } from '../common/clipboard';
import { formatCount } from '../format';
import { isNumericType } from './columnKind';
import { PageCache } from './pageCache';
import { scrollScale, type ScrollScale } from './scrollScale';
import { toTsv } from './tsv';

const ROW_HEIGHT = 24;
const HEADER_HEIGHT = 40;
const GUTTER_WIDTH = 64;
/** Copying more than this many rows is refused: the clipboard is no export format. */
export const COPY_LIMIT_ROWS = 50_000;
/** While a query still runs, the rows on screen are refreshed this often. */
const RUNNING_REFRESH_MS = 1000;

export interface GridResult {
  readonly queryId: string;
  /** Known once the query completed; while it runs they come with the first page. */
  readonly columns: readonly Column[] | undefined;
  /** Final row count; undefined while the query runs (the grid shows what main has so far). */
  readonly rowCount: number | undefined;
}

interface Cell {
  readonly row: number;
  readonly col: number;
}

interface Props {
  api: SextantApi;
  result: GridResult;
  /** Says what was copied (or why not) in the app's polite announcer. */
  onNotice(message: string): void;
}

/**
 * The results grid: rows and columns virtualized (TanStack Virtual), pages fetched from main as
 * they scroll into view, a sticky header with types, resizable columns, keyboard navigation with
 * an active cell and a rectangular selection, and copy as TSV. Follows the ARIA grid pattern:
 * aria-rowcount counts every row of the result plus the header, each row carries its aria-rowindex.
 */
export function ResultsGrid({ api, result, onNotice }: Props) {
  const { queryId } = result;
  const running = result.rowCount === undefined;
  const scroller = useRef<HTMLDivElement>(null);
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const cache = useMemo(() => new PageCache((offset, limit) => api.fetchPage(queryId, offset, limit), rerender), [api, queryId]);
  const columns = result.columns ?? cache.columns ?? NO_COLUMNS;
  const rows = result.rowCount ?? cache.knownRows;
  const [widths, setWidths] = useState<number[]>(() => columns.map(initialWidth));
  const fitted = useRef(false);
  const [active, setActive] = useState<Cell>({ row: 0, col: 0 });
  const [anchor, setAnchor] = useState<Cell>({ row: 0, col: 0 });
  const [menu, setMenu] = useState<{ x: number; y: number } | undefined>();
  const [viewport, setViewport] = useState(600);

  const scale = useRef<ScrollScale>(scrollScale(0, 0));
  scale.current = scrollScale(HEADER_HEIGHT + rows * ROW_HEIGHT, viewport);

  const rowVirtualizer = useVirtualizer({
    count: rows,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    paddingStart: HEADER_HEIGHT,
    overscan: 12,
    // The browser's scroll position is compressed for very tall results; the virtualizer works in real offsets.
    observeElementOffset: (instance, cb) => observeElementOffset(instance, (offset, scrolling) => cb(scale.current.toVirtual(offset), scrolling)),
  });
  const columnVirtualizer = useVirtualizer({
    horizontal: true,
    count: columns.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => widths[i] ?? 120,
    paddingStart: GUTTER_WIDTH,
    overscan: 3,
  });
  useLayoutEffect(() => columnVirtualizer.measure(), [widths, columnVirtualizer]);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setViewport(el.clientHeight));
    observer.observe(el);
    setViewport(el.clientHeight);
    return () => observer.disconnect();
  }, []);

  // New columns (the first page of a running query named them): size them afresh. The same columns
  // arriving again when the query completes change nothing, so a person scrolling meanwhile stays put.
  const columnsKey = columns.map((c) => `${c.name}\u0000${c.type}`).join('\u0001');
  useEffect(() => {
    setWidths(columns.map(initialWidth));
    fitted.current = false;
  }, [columnsKey]);

  // The query finished: pages fetched while it ran may be partial, so fetch them again.
  useEffect(() => {
    if (running) return;
    cache.refresh();
    rerender();
  }, [running, cache]);

  // While it runs, refresh the rows on screen so they fill in as DuckDB produces them.
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => {
      cache.refresh();
      rerender();
    }, RUNNING_REFRESH_MS);
    return () => clearInterval(timer);
  }, [running, cache]);

  const virtualRows = rowVirtualizer.getVirtualItems();
  const virtualColumns = columnVirtualizer.getVirtualItems();
  const firstRow = virtualRows[0]?.index ?? 0;
  const lastRow = virtualRows.at(-1)?.index ?? -1;
  useEffect(() => {
    // While running, page 0 is asked for at once: main has the first rows before the query ends.
    cache.ensure(firstRow, running ? Math.max(lastRow, 0) : lastRow);
  });

  // Fit columns to their content once the first page is here.
  const firstValue = cache.cell(0, 0);
  useEffect(() => {
    if (fitted.current || firstValue === undefined) return;
    fitted.current = true;
    setWidths(columns.map((c, i) => fitWidth(c, i, cache)));
  }, [firstValue, columns, cache]);

  const physicalTop = (virtualStart: number): number => {
    const scrollTop = scroller.current?.scrollTop ?? 0;
    return scrollTop + virtualStart - scale.current.toVirtual(scrollTop);
  };

  /** Scrolls just enough to show a cell below the sticky header and right of the row numbers. */
  const reveal = (cell: Cell) => {
    const el = scroller.current;
    if (!el) return;
    const virtualTop = scale.current.toVirtual(el.scrollTop);
    const rowTop = HEADER_HEIGHT + cell.row * ROW_HEIGHT;
    const visibleRows = el.clientHeight - HEADER_HEIGHT;
    let target = virtualTop;
    if (rowTop - HEADER_HEIGHT < virtualTop) target = rowTop - HEADER_HEIGHT;
    else if (rowTop + ROW_HEIGHT > virtualTop + HEADER_HEIGHT + visibleRows) target = rowTop + ROW_HEIGHT - HEADER_HEIGHT - visibleRows;
    if (target !== virtualTop) el.scrollTop = Math.round(scale.current.toPhysical(target));
    const colStart = GUTTER_WIDTH + widths.slice(0, cell.col).reduce((a, b) => a + b, 0);
    const colEnd = colStart + (widths[cell.col] ?? 0);
    if (colStart - GUTTER_WIDTH < el.scrollLeft) el.scrollLeft = colStart - GUTTER_WIDTH;
    else if (colEnd > el.scrollLeft + el.clientWidth) el.scrollLeft = colEnd - el.clientWidth;
  };

  const selection = {
    top: Math.min(anchor.row, active.row),
    bottom: Math.max(anchor.row, active.row),
    left: Math.min(anchor.col, active.col),
    right: Math.max(anchor.col, active.col),
  };
  const isSelected = (row: number, col: number) =>
    row >= selection.top && row <= selection.bottom && col >= selection.left && col <= selection.right;

  const moveTo = (cell: Cell, extend: boolean) => {
    const next = { row: clamp(cell.row, 0, rows - 1), col: clamp(cell.col, 0, columns.length - 1) };
    setActive(next);
    if (!extend) setAnchor(next);
    reveal(next);
  };

  const copy = useCallback(
    async (area: { top: number; bottom: number; left: number; right: number }, withHeader: boolean) => {
      const count = area.bottom - area.top + 1;
      if (count > COPY_LIMIT_ROWS) {
        onNotice(`Copy is limited to ${formatCount(COPY_LIMIT_ROWS)} rows; select fewer rows.`);
        return;
      }
      const read = await cache.read(area.top, area.bottom + 1, columns.length);
      if (!read.ok) {
        onNotice(`Could not copy: ${read.error.message} (error id ${read.error.id})`);
        return;
      }
      const picked = read.value.map((r) => r.slice(area.left, area.right + 1));
      const header = withHeader ? columns.slice(area.left, area.right + 1).map((c) => c.name) : undefined;
      const copied = await copyText(toTsv(picked, header));
      const cells = count * (area.right - area.left + 1);
      onNotice(copied ? `Copied ${cells === 1 ? '1 cell' : `${formatCount(count)} rows × ${area.right - area.left + 1} columns`} as TSV` : 'The clipboard refused the copy.');
    },
    [cache, columns, onNotice],
  );
  const wholeRow = { top: active.row, bottom: active.row, left: 0, right: columns.length - 1 };
  const activeCell = { top: active.row, bottom: active.row, left: active.col, right: active.col };

  const onKeyDown = (e: KeyboardEvent) => {
    if (rows === 0 || columns.length === 0) return;
    const mod = e.ctrlKey || e.metaKey;
    const page = Math.max(1, Math.floor(((scroller.current?.clientHeight ?? 600) - HEADER_HEIGHT) / ROW_HEIGHT) - 1);
    const moves: Record<string, () => Cell> = {
      ArrowDown: () => ({ ...active, row: mod ? rows - 1 : active.row + 1 }),
      ArrowUp: () => ({ ...active, row: mod ? 0 : active.row - 1 }),
      ArrowRight: () => ({ ...active, col: mod ? columns.length - 1 : active.col + 1 }),
      ArrowLeft: () => ({ ...active, col: mod ? 0 : active.col - 1 }),
      PageDown: () => ({ ...active, row: active.row + page }),
      PageUp: () => ({ ...active, row: active.row - page }),
      Home: () => (mod ? { row: 0, col: 0 } : { ...active, col: 0 }),
      End: () => (mod ? { row: rows - 1, col: columns.length - 1 } : { ...active, col: columns.length - 1 }),
    };
    const move = moves[e.key];
    if (move) {
      e.preventDefault();
      moveTo(move(), e.shiftKey);
    } else if (mod && e.key.toLowerCase() === 'c') {
      e.preventDefault();
      void copy(selection, false);
    } else if (mod && e.key.toLowerCase() === 'a') {
      e.preventDefault();
      setAnchor({ row: 0, col: 0 });
      setActive({ row: rows - 1, col: columns.length - 1 });
    } else if (e.key === ' ' && e.shiftKey) {
      e.preventDefault();
      setAnchor({ row: active.row, col: 0 });
      setActive({ row: active.row, col: columns.length - 1 });
    } else if (e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey)) {
      e.preventDefault();
      const rect = scroller.current?.getBoundingClientRect();
      setMenu({ x: (rect?.left ?? 0) + 80, y: (rect?.top ?? 0) + 80 });
    }
  };

  const onCellPointerDown = (e: PointerEvent, cell: Cell) => {
    if (e.button !== 0) return;
    if (e.shiftKey) setActive(cell);
    else {
      setActive(cell);
      setAnchor(cell);
    }
  };
  const onContextMenu = (e: MouseEvent, cell: Cell) => {
    e.preventDefault();
    if (!isSelected(cell.row, cell.col)) {
      setActive(cell);
      setAnchor(cell);
    }
    setMenu({ x: e.clientX, y: e.clientY });
  };

  const startResize = (e: PointerEvent, col: number) => {
    e.preventDefault();
    e.stopPropagation();
    const startX = e.clientX;
    const startWidth = widths[col] ?? 120;
    const target = e.currentTarget as HTMLElement;
    target.setPointerCapture(e.pointerId);
    const onMove = (ev: globalThis.PointerEvent) => {
      const width = clamp(startWidth + ev.clientX - startX, 40, 2000);
      setWidths((w) => w.map((x, i) => (i === col ? width : x)));
    };
    const onUp = () => {
      target.removeEventListener('pointermove', onMove);
      target.removeEventListener('pointerup', onUp);
    };
    target.addEventListener('pointermove', onMove);
    target.addEventListener('pointerup', onUp);
  };
  const resizeBy = (col: number, delta: number) => setWidths((w) => w.map((x, i) => (i === col ? clamp(x + delta, 40, 2000) : x)));

  const totalWidth = GUTTER_WIDTH + widths.reduce((a, b) => a + b, 0);
  const menuItems: MenuItem[] = [
    { label: 'Copy cell', run: () => void copy(activeCell, false) },
    { label: 'Copy row', run: () => void copy(wholeRow, false) },
    { label: 'Copy selection as TSV', run: () => void copy(selection, false) },
    { label: 'Copy selection with header', run: () => void copy(selection, true) },
  ];
  const cellId = (row: number, col: number) => `cell-${queryId}-${row}-${col}`;

  return (
    <div className="grid-wrap">
      {running && cache.columns === undefined && <p className="grid-waiting muted">Waiting for the first rows…</p>}
      {!running && columns.length === 0 && <p className="grid-note muted">The statement ran; it returns no rows.</p>}
      {cache.error && !(running && cache.error.code === 'RESULT_NOT_FOUND') && (
        <p className="error grid-error">
          Could not load rows: {cache.error.message} (error id {cache.error.id})
        </p>
      )}
      <div
        ref={scroller}
        className="grid"
        role="grid"
        aria-label="Results"
        aria-rowcount={rows + 1}
        aria-colcount={columns.length}
        aria-multiselectable="true"
        aria-busy={running || undefined}
        aria-activedescendant={rows > 0 && columns.length > 0 ? cellId(active.row, active.col) : undefined}
        tabIndex={0}
        onKeyDown={onKeyDown}
      >
        <div className="grid-sizer" style={{ height: scale.current.physicalSize, width: totalWidth }}>
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
                  className={`grid-th ${isNumericType(c.type) ? 'num' : ''}`}
                  style={{ left: vc.start, width: vc.size }}
                  title={`${c.name} · ${c.type}`}
                >
                  <span className="col-name">{c.name}</span>
                  <span className="col-type">{c.type}</span>
                  <span
                    className="resize-handle"
                    role="separator"
                    aria-orientation="vertical"
                    aria-label={`Resize ${c.name}`}
                    aria-valuenow={vc.size}
                    tabIndex={-1}
                    onPointerDown={(e) => startResize(e, vc.index)}
                    onDoubleClick={() => setWidths((w) => w.map((x, i) => (i === vc.index ? fitWidth(c, i, cache) : x)))}
                    onKeyDown={(e) => {
                      if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
                        e.preventDefault();
                        resizeBy(vc.index, e.key === 'ArrowLeft' ? -16 : 16);
                      }
                    }}
                  />
                </div>
              );
            })}
          </div>
          {virtualRows.map((vr) => (
            <div
              key={vr.index}
              role="row"
              aria-rowindex={vr.index + 2}
              aria-selected={vr.index >= selection.top && vr.index <= selection.bottom && selection.left === 0 && selection.right === columns.length - 1 ? true : undefined}
              className={`grid-row ${vr.index % 2 ? 'odd' : ''}`}
              style={{ top: physicalTop(vr.start), width: totalWidth, height: ROW_HEIGHT }}
            >
              <div
                role="rowheader"
                className="gutter"
                onPointerDown={(e) => {
                  if (e.button !== 0) return;
                  setAnchor({ row: e.shiftKey ? anchor.row : vr.index, col: 0 });
                  setActive({ row: vr.index, col: columns.length - 1 });
                }}
                onContextMenu={(e) => onContextMenu(e, { row: vr.index, col: 0 })}
              >
                {vr.index + 1}
              </div>
              {virtualColumns.map((vc) => {
                const value = cache.cell(vr.index, vc.index);
                const c = columns[vc.index]!;
                const selected = isSelected(vr.index, vc.index);
                const isActive = active.row === vr.index && active.col === vc.index;
                const kind = value === undefined ? 'loading' : value === null ? 'null' : isNumericType(c.type) ? 'num' : '';
                return (
                  <div
                    key={vc.key}
                    id={cellId(vr.index, vc.index)}
                    role="gridcell"
                    aria-colindex={vc.index + 1}
                    aria-selected={selected}
                    className={`grid-td ${kind} ${selected ? 'selected' : ''} ${isActive ? 'active' : ''}`}
                    style={{ left: vc.start, width: vc.size }}
                    title={value && value.length > 40 ? value : undefined}
                    onPointerDown={(e) => onCellPointerDown(e, { row: vr.index, col: vc.index })}
                    onContextMenu={(e) => onContextMenu(e, { row: vr.index, col: vc.index })}
                  >
                    {value === undefined ? '' : value === null ? 'NULL' : value}
                  </div>
                );
              })}
            </div>
          ))}
        </div>
      </div>
      {menu && <ContextMenu label="Result actions" x={menu.x} y={menu.y} items={menuItems} onClose={() => setMenu(undefined)} />}
    </div>
  );
}

const NO_COLUMNS: readonly Column[] = [];

const clamp = (n: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, n));

const CHAR_PX = 7.4;

function initialWidth(c: Column): number {
  const text = Math.max(c.name.length * 7.8, c.type.length * 6.2) + 28;
  return clamp(Math.round(Math.max(text, isNumericType(c.type) ? 90 : 120)), 60, 360);
}

/** Wide enough for the header and the longest value among the rows at hand, within bounds. */
function fitWidth(c: Column, col: number, cache: PageCache): number {
  let longest = 4;
  for (let r = 0; r < 200; r++) {
    const v = cache.cell(r, col);
    if (v === undefined) break;
    longest = Math.max(longest, (v ?? 'NULL').length);
  }
  return clamp(Math.round(Math.max(initialWidth(c), longest * CHAR_PX + 20)), 60, 420);
}
