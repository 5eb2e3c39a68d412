import { useCallback, useEffect, useImperativeHandle, useRef, useState, type CSSProperties, type KeyboardEvent, type MouseEvent, type PointerEvent, type ReactNode, type Ref } from 'react';
import type { PageFilter } from '../../../shared/contracts/pageView';
import type { SextantApi } from '../../../shared/contracts/protocol';
import { viewKey } from '../../../shared/domain/resultView';
import { openAsSql } from '../../../shared/explore/openAsSql';
import { ContextMenu } from '../common/ContextMenu';
import { copyText } from '../common/clipboard';
import { formatCount } from '../format';
import { holdsNumbers } from '../../../shared/explore/columnKind';
import { useColumnWidths } from './columnWidths';
import { copyArea } from './gridCopy';
import { cellMenu, columnMenu, type GridMenuActions } from './gridMenu';
import { CellText } from './CellText';
import { cellTitle } from './cellText';
import { GridHeader } from './GridHeader';
import { FilterRow } from './FilterRow';
import { clamp, FILTER_ROW_HEIGHT, GUTTER_WIDTH, HEADER_HEIGHT, ROW_HEIGHT } from './gridGeometry';
import { GridToolbar } from './GridToolbar';
import { cellArea, collapsed, contains, extendedTo, keyMove, rowArea, selectActiveRow, selectAll, selectionArea, selectionAt, type Area, type Cell, type Selection } from './selection';
import { useGridScroll } from './useGridScroll';
import { useFocusHandoff } from './focusHandoff';
import { useHeaderFocus } from './useHeaderFocus';
import { useRememberedPlace } from './useRememberedPlace';
import { useResultPages, type GridResult, type ShownResult } from './useResultPages';
import { usePendingView, type RecordView } from './usePendingView';
import { PLAIN_VIEW, useResultView } from './useResultView';
import { PreviousResultNote } from './PreviousResultNote';
import { CopyIdButton } from '../status/CopyIdButton';
import { ValueViewer } from './valueViewer/ValueViewer';
import { opensViewer } from './valueViewer/viewerKeys';

/** What the app can ask of the grid from outside: a profile's "click a frequent value to filter". */
export interface ResultsGridHandle {
  /** Replaces one column's filters (an empty list removes them); recorded as the session's SetResultView. */
  setColumnFilter(column: number, filters: readonly PageFilter[]): void;
  /** Replaces several columns' filters in one SetResultView (a chart's rectangle brush is a range on two columns). */
  setColumnFilters(changes: ReadonlyMap<number, readonly PageFilter[]>): void;
  /** Puts focus in the grid (its active cell), as Tab would. */
  focus(): void;
}

const FIRST_CELL: Cell = { row: 0, col: 0 };

interface Props {
  api: SextantApi;
  result: GridResult;
  /** Rows of the result main says can be paged, from the query's progress frames: the grid fetches on it. */
  rowsAvailable: number | undefined;
  /** Says what was copied (or why not) in the app's polite announcer. */
  onNotice(message: string): void;
  /** A click or a filter changed how the result is shown: the app dispatches SetResultView. Without it, no sort or filter controls. */
  onViewChange?: RecordView;
  /** "Open as SQL": the view's SQL for the editor. */
  onOpenAsSql?(sql: string): void;
  /** Rows passing the filters once known, undefined when nothing is filtered: the status says "N of M rows". */
  onFilteredRows?(rows: number | undefined): void;
  /** Whether the rows cannot be read (the grid shows the error), reported on change: the status bar then does not say the result as a success. */
  onUnreadable?(unreadable: boolean): void;
  handle?: Ref<ResultsGridHandle>;
  /** More actions on the result (Profile, Export…), at the end of the grid's toolbar: given the rows as shown, to act on those. */
  actions?: (shown: ShownResult) => ReactNode;
  /** "Profile column" in the menu: the profile of the active cell's column (the header's menu opens on its column). */
  onProfileColumn?(column: number): void;
  /** Read-only (the past view): the view's sort and filters are shown, as the live grid shows them, with nothing to change them. */
  readOnly?: boolean;
  /** On its right edge (the sash to the panels beside it). */
  edge?: ReactNode;
}

/**
 * The results grid: rows and columns virtualized, pages fetched from main as they scroll into view
 * and again when more rows are ready, a sticky header with types, resizable columns, keyboard
 * navigation with an active cell and a rectangular selection, and copy as TSV. Follows the ARIA
 * grid pattern: aria-rowcount counts every row of the result plus the header, each row carries
 * its aria-rowindex.
 */
export function ResultsGrid({ api, result, rowsAvailable, onNotice, onViewChange, onOpenAsSql, onFilteredRows, onUnreadable, handle, actions, onProfileColumn, readOnly = false, edge }: Props) {
  const { queryId } = result;
  const view = usePendingView(result.view ?? PLAIN_VIEW, onViewChange);
  const pages = useResultPages(api, { ...result, view: view.shown }, rowsAvailable);
  const { cache, cell, running, columns, rows } = pages;
  const widths = useColumnWidths(queryId, columns, cell);
  const controls = useResultView(columns, view.shown, view.request);
  const explorable = onViewChange !== undefined && !running && columns.length > 0;
  const shown: ShownResult = { view: view.shown, rows: view.shown.filter.length > 0 ? pages.filteredRows : result.rowCount, settle: controls.settle };
  // read-only, the boxes show whenever the view filters: there is no toolbar to show them
  const filtersShown = explorable ? controls.filtersShown : readOnly && !running && columns.length > 0 && controls.view.filter.length > 0;
  const shownKey = viewKey(view.shown);
  // a tab switched back to shows the rows it was left at, as an editor tab does
  const leftAt = useRememberedPlace(queryId, shownKey);
  const scroll = useGridScroll(rows, columns.length, widths.widths, HEADER_HEIGHT + (filtersShown ? FILTER_ROW_HEIGHT : 0), leftAt, shownKey);
  useImperativeHandle(handle, () => ({ setColumnFilter: controls.setColumnFilter, setColumnFilters: controls.setColumnFilters, focus: () => scroll.scroller.current?.focus() }), [controls.setColumnFilter, controls.setColumnFilters, scroll.scroller]);
  // reported on change only: the callback is a new function on every render of the app
  const reportRows = useRef(onFilteredRows);
  reportRows.current = onFilteredRows;
  useEffect(() => reportRows.current?.(pages.filteredRows), [pages.filteredRows]);
  useEffect(() => () => reportRows.current?.(undefined), []);
  // a result re-run on demand is not unreadable while it runs: RESULT_NOT_FOUND is then only a page asked for too soon
  const loadError = cache.error && !(running && cache.error.code === 'RESULT_NOT_FOUND') ? cache.error : undefined;
  const reportUnreadable = useRef(onUnreadable);
  reportUnreadable.current = onUnreadable;
  useEffect(() => reportUnreadable.current?.(loadError !== undefined), [loadError !== undefined]);
  useEffect(() => () => reportUnreadable.current?.(false), []);
  const [picked, setPicked] = useState<Selection>(selectionAt(FIRST_CELL));
  const { active, anchor } = picked;
  // A sort or filter puts other rows at every index (and may leave fewer): the selection starts again at the first cell.
  useEffect(() => setPicked(selectionAt(FIRST_CELL)), [shownKey]);
  // `column`: opened on that column's header, which offers only the column's actions
  const [menu, setMenu] = useState<{ x: number; y: number; column?: number } | undefined>();
  // the value viewer, open: a count bumped by each "show value", which puts focus in it again
  const [viewer, setViewer] = useState<number | undefined>();
  const showValue = () => setViewer((n) => (n ?? 0) + 1);
  const wrap = useRef<HTMLDivElement>(null);
  // a new result's grid keeps the focus this one had (Ctrl/Cmd+Enter pressed in it)
  useFocusHandoff(wrap, scroll.scroller);

  const { virtualRows, virtualColumns } = scroll;
  const firstRow = virtualRows[0]?.index ?? 0;
  const lastRow = virtualRows.at(-1)?.index ?? -1;
  useEffect(() => pages.show(firstRow, lastRow));

  const selection = selectionArea(picked);
  const select = (cell: Cell, extend = false) => setPicked(extend ? extendedTo(picked, cell) : selectionAt(cell));
  const copy = useCallback(async (area: Area, withHeader: boolean) => onNotice(await copyArea(cache, columns, area, withHeader)), [cache, columns, onNotice]);
  const closeViewer = () => {
    setViewer(undefined);
    scroll.scroller.current?.focus(); // back on the cell it showed: the grid's active cell
  };
  const stepViewer = (by: number) => {
    const to = { row: clamp(active.row + by, 0, rows - 1), col: active.col };
    select(to);
    scroll.reveal(to);
  };

  const header = useHeaderFocus(
    {
      ...scroll,
      toCell: (col) => {
        const to = { row: 0, col };
        select(to);
        scroll.reveal(to);
        scroll.scroller.current?.focus();
      },
    },
    { columns: columns.length, sortable: explorable, filters: filtersShown },
  );

  const onKeyDown = (e: KeyboardEvent) => {
    // ↑ from the first row into the header, and the arrows between its controls (headerKeys.ts)
    if (header.onKey(e, active)) return;
    // Other keys of a header's sort button or a filter box are theirs (and the window's shortcuts'):
    // the grid's own keys are for the grid, focused itself with its active cell.
    if (e.target !== e.currentTarget || rows === 0 || columns.length === 0) return;
    const mod = e.ctrlKey || e.metaKey;
    const to = keyMove(e.key, mod, active, { rows, columns: columns.length, pageRows: scroll.pageRows() });
    // Escape: back to the one active cell, as a spreadsheet's selection does (after Select all, the cell it was pressed on)
    const one = e.key === 'Escape' ? collapsed(picked) : undefined;
    if (to) {
      e.preventDefault();
      select(to, e.shiftKey);
      scroll.reveal(to);
    } else if (mod && e.key.toLowerCase() === 'c') {
      e.preventDefault();
      void copy(selection, false);
    } else if (mod && e.key.toLowerCase() === 'a') {
      e.preventDefault();
      setPicked(selectAll(picked, { rows, columns: columns.length }));
    } else if (e.key === ' ' && e.shiftKey) {
      e.preventDefault();
      setPicked(selectActiveRow(picked, columns.length));
    } else if (opensViewer(e)) {
      e.preventDefault();
      showValue();
    } else if (one) {
      e.preventDefault();
      setPicked(one);
      scroll.reveal(active);
    } else if (e.key === 'Escape' && viewer !== undefined) {
      // a selection collapses first, as before; then Escape closes the viewer
      e.preventDefault();
      setViewer(undefined);
    } else if (e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey)) {
      e.preventDefault();
      const rect = scroll.scroller.current?.getBoundingClientRect();
      setMenu({ x: (rect?.left ?? 0) + 80, y: (rect?.top ?? 0) + 80 });
    }
  };

  const onCellPointerDown = (e: PointerEvent, cell: Cell) => {
    if (e.button === 0) select(cell, e.shiftKey);
  };
  /** A row number picks its whole row (Shift: from the anchor's). */
  const onGutterPointerDown = (e: PointerEvent, row: number) => {
    if (e.button !== 0) return;
    setPicked({ anchor: { row: e.shiftKey ? anchor.row : row, col: 0 }, corner: { row, col: columns.length - 1 }, active: { row, col: 0 } });
  };
  const onContextMenu = (e: MouseEvent, cell: Cell) => {
    e.preventDefault();
    if (!contains(selection, cell.row, cell.col)) select(cell);
    setMenu({ x: e.clientX, y: e.clientY });
  };

  const totalWidth = GUTTER_WIDTH + widths.widths.reduce((a, b) => a + b, 0);
  const menuActions: GridMenuActions = {
    showValue,
    copyCell: () => void copy(cellArea(active), false),
    copyRow: () => void copy(rowArea(active.row, columns.length), false),
    copySelection: (withHeader) => void copy(selection, withHeader),
    copyText: (text, said) => void copyText(text).then((ok) => onNotice(ok ? said : 'The clipboard refused the copy.')),
    ...(onProfileColumn ? { profileColumn: onProfileColumn } : {}),
    fit: widths.fit,
    resizeBy: widths.resizeBy,
  };
  const menuCol = menu?.column ?? active.col;
  const menuItems = (menu?.column === undefined ? cellMenu : columnMenu)(menuActions, menuCol, columns[menuCol]?.name ?? '');
  const cellId = (row: number, col: number) => `cell-${queryId}-${row}-${col}`;
  // a later query failed or was cancelled: the empty states say whose result this is, as the note above does
  const whose = result.previous ? 'previous ' : '';

  return (
    <div ref={wrap} className="grid-wrap">
      {result.previous && <PreviousResultNote sql={result.sql ?? ''} startedAt={result.previous.startedAt} />}
      {explorable && (
        <GridToolbar controls={controls} onFiltersShown={() => header.focusFilter(active.col)} onOpenAsSql={() => onOpenAsSql?.(openAsSql(result.sql ?? '', columns, controls.view))}>
          {actions?.(shown)}
        </GridToolbar>
      )}
      {/* no columns yet (main answers a page of none until the query's first rows): nothing of a grid to show */}
      {running && columns.length === 0 && <p className="grid-waiting muted">Waiting for the first rows…</p>}
      {!running && columns.length === 0 && <p className="grid-note muted">The {whose}statement ran; it returns no rows.</p>}
      {!running && columns.length > 0 && (result.rowCount === 0 || pages.filteredRows === 0) && (
        <p className="grid-none muted">
          {result.rowCount === 0 ? `The ${whose}query returned no rows.` : 'No rows match the filters. Change a filter, or show all rows with “Clear sort and filters”.'}
        </p>
      )}
      {loadError && (
        <p className="error grid-error">
          Could not load rows: {loadError.message} (error id {loadError.id}) <CopyIdButton id={loadError.id} onNotice={onNotice} />
        </p>
      )}
      {/* the focus ring is drawn over the cells by this frame: the scroller's own is painted under its rows */}
      <div className="grid-frame">
        <div
          ref={scroll.scroller}
          className="grid"
          style={{ '--gutter-width': `${GUTTER_WIDTH}px` } as CSSProperties}
          role="grid"
          aria-label="Results"
          aria-rowcount={rows + 1}
          aria-colcount={columns.length}
          aria-multiselectable="true"
          aria-busy={running || undefined}
          aria-activedescendant={rows > 0 && columns.length > 0 ? cellId(active.row, active.col) : undefined}
          tabIndex={header.tabIndex}
          onKeyDown={onKeyDown}
          onFocus={header.onFocus}
          onBlur={header.onBlur}
        >
          <div className="grid-sizer" style={{ height: scroll.physicalSize, width: totalWidth }}>
            {columns.length > 0 && (
              <GridHeader
                columns={columns}
                virtualColumns={virtualColumns}
                widths={widths.widths}
                totalWidth={totalWidth}
                onResize={widths.resize}
                onResizeBy={widths.resizeBy}
                onFit={widths.fit}
                sort={[...controls.view.orderBy]}
                {...(explorable ? { onSort: controls.sortBy } : {})}
                sortShown={readOnly}
                onContextMenu={(e, column) => {
                  e.preventDefault();
                  setMenu({ x: e.clientX, y: e.clientY, column });
                }}
              />
            )}
            {filtersShown && (
              <FilterRow
                idPrefix={`grid-${queryId}`}
                columns={columns}
                virtualColumns={virtualColumns}
                totalWidth={totalWidth}
                box={controls.box}
                {...(explorable ? { onType: controls.typeFilter } : {})}
                onLeave={() => scroll.scroller.current?.focus()}
              />
            )}
            {virtualRows.map((vr) => (
              <div
                key={vr.index}
                role="row"
                aria-rowindex={vr.index + 2}
                aria-selected={vr.index >= selection.top && vr.index <= selection.bottom && selection.left === 0 && selection.right === columns.length - 1 ? true : undefined}
                className={`grid-row ${vr.index % 2 ? 'odd' : ''}`}
                style={{ top: scroll.physicalTop(vr.start), width: totalWidth, height: ROW_HEIGHT }}
              >
                <div role="rowheader" className="gutter" onPointerDown={(e) => onGutterPointerDown(e, vr.index)} onContextMenu={(e) => onContextMenu(e, { row: vr.index, col: 0 })}>
                  {formatCount(vr.index + 1)}
                </div>
                {virtualColumns.map((vc) => {
                  const value = cell(vr.index, vc.index);
                  const c = columns[vc.index]!;
                  const selected = contains(selection, vr.index, vc.index);
                  const isActive = active.row === vr.index && active.col === vc.index;
                  // NULL in a number column sits where its numbers do, at the right
                  const numeric = holdsNumbers(c.type) ? 'num' : '';
                  const kind = value === undefined ? 'loading' : value === null ? `null ${numeric}` : numeric;
                  return (
                    <div
                      key={vc.key}
                      id={cellId(vr.index, vc.index)}
                      role="gridcell"
                      aria-colindex={vc.index + 1}
                      aria-selected={selected}
                      className={`grid-td ${kind} ${selected ? 'selected' : ''} ${isActive ? 'active' : ''}`}
                      style={{ left: vc.start, width: vc.size }}
                      title={cellTitle(value)}
                      onPointerDown={(e) => onCellPointerDown(e, { row: vr.index, col: vc.index })}
                      onDoubleClick={showValue}
                      onContextMenu={(e) => onContextMenu(e, { row: vr.index, col: vc.index })}
                    >
                      {value === undefined ? '' : value === null ? 'NULL' : <CellText value={value} />}
                    </div>
                  );
                })}
              </div>
            ))}
          </div>
        </div>
      </div>
      {viewer !== undefined && rows > 0 && columns[active.col] && (
        <ValueViewer
          column={columns[active.col]!}
          value={cell(active.row, active.col)}
          row={active.row}
          rows={rows}
          focusRequest={viewer}
          onStep={stepViewer}
          onClose={closeViewer}
          onNotice={onNotice}
        />
      )}
      {menu && <ContextMenu label="Result actions" x={menu.x} y={menu.y} items={menuItems} onClose={() => setMenu(undefined)} />}
      {edge}
    </div>
  );
}
