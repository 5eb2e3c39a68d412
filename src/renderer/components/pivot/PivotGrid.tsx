import { useVirtualizer } from '@tanstack/react-virtual';
import { ArrowDownWideNarrow, ArrowUpDown, ArrowUpNarrowWide, ChevronDown, ChevronRight } from 'lucide-react';
import { Fragment, useEffect, useMemo, useRef, type ReactNode } from 'react';
import type { PivotPage } from '../../../shared/pivot/pivotPage';
import type { PivotSpec } from '../../../shared/pivot/pivotSpec';
import { cellShown, EMPTY_TEXT } from '../grid/cellText';
import { CellText } from '../grid/CellText';
import { measureText } from '../grid/columnWidths';
import { PIVOT_ROW_HEIGHT as ROW_HEIGHT } from './pivotCursor';
import { columnLefts, pivotColumnWidths, TOTAL_LABEL_WIDTH, valueTextWidths } from './pivotLayout';
import { NULL_TEXT, pivotValueLabel, valueName } from './pivotText';
import { usePivotCursor } from './usePivotCursor';

interface Props {
  page: PivotPage;
  spec: PivotSpec;
  /** The column fields of the pivot whose page is shown, named over their values' columns. */
  keyFields: readonly string[];
  /** The DuckDB type of that pivot's Values column: an Average of integers reads as their profile's mean (pivotCellText). */
  valueType?: string;
  /** A pivot kept on screen after a later one failed: dimmed, its sort and collapse buttons off (they would change the failed spec). */
  previous?: boolean;
  /** The Timeline's past view: drawn as it was, its sort and groups not changed from here. */
  readOnly?: boolean;
  row(r: number): ReadonlyArray<string | null> | undefined;
  /** Whether row r's value column v (0-based among them) has no rows: drawn empty, not NULL. */
  isEmpty(r: number, v: number): boolean;
  /** The pages whose rows are shown: the value columns are as wide as their widest value in them. */
  loaded: readonly PivotPage[];
  show(first: number, last: number): void;
  onSort(sort: PivotSpec['sort']): void;
  /** Collapses or expands a first-level group (by its first field's text; null: the NULL group). */
  onToggleGroup(group: string | null): void;
  /** Says what a copy did, in the app's polite announcer. */
  onNotice?(message: string): void;
}

/** Next sort of a value column on a header click: ascending → descending → none. */
function nextSort(current: PivotSpec['sort'], valueColumn: number): PivotSpec['sort'] {
  if (current?.valueColumn !== valueColumn) return { valueColumn, descending: false };
  return current.descending ? undefined : { valueColumn, descending: true };
}

/**
 * The grid named "Pivot": row fields, then one column per column value and "Total". Rows are
 * virtualized and fetched by page as they come into view; a subtotal row heads its group (bold),
 * the grand total comes first (alone, headed "Total", without row fields). A value column's header
 * sorts the groups by it. The keys move an active cell as in the results grid (usePivotCursor).
 */
export function PivotGrid({ page, spec, keyFields, valueType, previous = false, readOnly = false, row, isEmpty, loaded, show, onSort, onToggleGroup, onNotice }: Props) {
  const fixed = previous || readOnly;
  const scroller = useRef<HTMLDivElement>(null);
  const fields = page.rowFields;
  // no row field: the one row, the grand total, is headed "Total" in a column of its own (Excel's
  // "Grand Total" row); it has no group to sort, so its value headers are not sort buttons
  const lead = fields === 0 ? 1 : 0;
  const labels = fields + lead;
  const columns = page.columns.slice(1).map((c, i) => headerOf(c.name, i >= fields ? page.keys.values[i - fields] : undefined));
  const heads = [...(lead ? [TOTAL_COLUMN] : []), ...columns];
  const shownKey = JSON.stringify(columns.map((h) => h.shown));
  const values = useMemo(() => valueTextWidths(loaded, measureText, valueType), [loaded, valueType]);
  // measured before the first paint, once per set of headers and pages: a header that fits, or a number, is never shown cut
  const widths = useMemo(() => [...(lead ? [TOTAL_LABEL_WIDTH] : []), ...pivotColumnWidths(columns.map((h) => h.shown), fields, values)], [shownKey, fields, values, lead]);
  const lefts = columnLefts(widths);
  const virtualizer = useVirtualizer({ count: page.totalRows, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 10 });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  useEffect(() => show(first, last), [first, last, show]);
  const width = widths.reduce((sum, w) => sum + w, 0);
  // the column fields' names over their values' columns (and "Other"), as a header row of its own
  const keyColumns = page.keys.values.length > 0 ? heads.length - labels - 1 : 0;
  const headRows = keyColumns > 0 ? 2 : 1;

  /** Column `at`'s cell of row `r` as drawn (null: SQL NULL) and its group level; undefined while the row loads. */
  const cellAt = (r: number, at: number) => {
    const cells = row(r);
    if (!cells) return undefined;
    const level = Number(cells[0]);
    if (at < lead) return { label: 'Total', text: 'Total', level, isGroup: true };
    const i = at - lead;
    const text = cells[i + 1] ?? null;
    const isGroup = i < fields;
    return { label: isGroup ? fieldLabel(text, i, level) : pivotValueLabel(text, page.columns[i + 1]?.type ?? '', isEmpty(r, i - fields), valueType), text, level, isGroup };
  };
  const cursor = usePivotCursor({
    scroller,
    rows: page.totalRows,
    columns: heads.length,
    headerHeight: keyColumns > 0 ? 52 : 30,
    lefts,
    widths,
    // a group as drawn, a figure as DuckDB wrote it (blank with no rows), NULL as nothing, as the grid copies it
    textOf: ({ row: r, col }) => {
      const cell = cellAt(r, col);
      return cell && ((cell.isGroup || cell.label === '' ? cell.label : cell.text) ?? '');
    },
    toggleOf: ({ row: r, col }) => {
      const cell = cellAt(r, col);
      return cell && !fixed && col === 0 && cell.level === 1 && fields > 1 ? () => onToggleGroup(cell.text) : undefined;
    },
    onNotice,
  });
  const cellProps = (r: number, col: number) => ({ id: cursor.cellId({ row: r, col }), onPointerDown: () => cursor.pick({ row: r, col }) });
  const activeClass = (r: number, col: number) => (cursor.active.row === r && cursor.active.col === col ? 'active' : '');
  const activeShown = page.totalRows > 0 && cursor.active.row >= first && cursor.active.row <= last;

  return (
    <div ref={scroller} className={`grid pivot-grid ${previous ? 'pivot-stale' : ''}`} role="grid" aria-label="Pivot" aria-rowcount={page.totalRows + headRows} aria-colcount={heads.length} tabIndex={0}
      aria-activedescendant={activeShown ? cursor.cellId(cursor.active) : undefined}
      onKeyDown={cursor.onKeyDown}
    >
      <div className="grid-header pivot-header" role="rowgroup" style={{ width }}>
        {keyColumns > 0 && <KeyFieldsRow fields={keyFields} left={lefts[labels] ?? 0} width={widths.slice(labels, labels + keyColumns).reduce((sum, w) => sum + w, 0)} colIndex={labels + 1} span={keyColumns} />}
        <div className="pivot-head-row" role="row" aria-rowindex={headRows} style={{ height: 30 }}>
          {heads.map((head, i) => {
            const isValue = i >= labels;
            const sortable = isValue && fields > 0;
            const v = i - labels;
            const sorted = sortable && spec.sort?.valueColumn === v ? (spec.sort.descending ? 'descending' : 'ascending') : 'none';
            const Icon = sorted === 'ascending' ? ArrowUpNarrowWide : sorted === 'descending' ? ArrowDownWideNarrow : ArrowUpDown;
            return (
              <div key={i} className={`grid-th ${isValue ? 'num' : ''}`} role="columnheader" aria-colindex={i + 1} aria-sort={sortable ? sorted : undefined} style={{ left: lefts[i], width: widths[i] }}>
                {sortable ? (
                  <button type="button" className="pivot-sort" disabled={fixed} aria-label={`Sort by ${head.name}`} title={`Sort the groups by ${head.name}`} onClick={() => onSort(nextSort(spec.sort, v))}>
                    <span className="col-name">{head.content}</span>
                    <Icon aria-hidden="true" />
                  </button>
                ) : (
                  <span className="col-name" title={head.name}>
                    {head.content}
                  </span>
                )}
              </div>
            );
          })}
        </div>
      </div>
      <div className="grid-sizer" style={{ height: virtualizer.getTotalSize(), width }}>
        {items.map((vr) => {
          const cells = row(vr.index);
          const level = cells ? Number(cells[0]) : fields;
          return (
            <div key={vr.key} role="row" aria-rowindex={vr.index + headRows + 1} className={`grid-row pivot-row ${level < labels ? 'pivot-subtotal' : ''} ${vr.index % 2 ? 'odd' : ''}`} style={{ top: vr.start, height: ROW_HEIGHT, width }}>
              {lead > 0 && (
                <div {...cellProps(vr.index, 0)} role="gridcell" aria-colindex={1} className={`grid-td ${cells ? '' : 'loading'} ${activeClass(vr.index, 0)}`} style={{ left: 0, width: widths[0] }}>
                  {cells ? 'Total' : ''}
                </div>
              )}
              {page.columns.slice(1).map((_, i) => {
                const at = i + lead;
                const cell = cellAt(vr.index, at);
                const text = cell?.text ?? null;
                // null is SQL NULL, drawn as the grid draws it; a cell with no rows and a row still on its way are blank
                const label = cell ? cell.label : '';
                return (
                  <div key={i} {...cellProps(vr.index, at)} role="gridcell" aria-colindex={at + 1} className={`grid-td ${i >= fields ? 'num' : ''} ${cells ? '' : 'loading'} ${activeClass(vr.index, at)}`} style={{ left: lefts[at], width: widths[at], paddingLeft: i < fields && i === level - 1 ? 8 + 10 * i : undefined }} title={cellTitle(label, text, i < fields)}>
                    {i === 0 && level === 1 && fields > 1 && cells ? <GroupToggle group={text} collapsed={(spec.collapsed ?? []).includes(text)} disabled={fixed} onToggle={onToggleGroup} /> : null}
                    {/* a group's value is drawn as the results grid draws a cell: line breaks as ↵, cut after CELL_CHARS */}
                    {label === null ? <NullText /> : i < fields ? cell?.text === '' && label === '' && i < level ? <EmptyText /> : <CellText value={label} /> : label}
                  </div>
                );
              })}
            </div>
          );
        })}
      </div>
    </div>
  );
}

/** The column heading a pivot with no row field: its one row reads "Total" (the corner above it is blank). */
const TOTAL_COLUMN = { content: '', shown: '', name: '' };

/** A cell's tooltip: a group's value (cut as a grid cell is), a figure's exact DuckDB text where it is drawn rounded or grouped; none on a blank cell. */
function cellTitle(label: string | null, text: string | null, isGroup: boolean): string | undefined {
  if (label === '') return undefined;
  if (isGroup) return valueName(label);
  return text !== null && label !== text ? text : undefined;
}

/** A row field's cell: its value on rows at or below its level (null: SQL NULL), "Total" on the grand total's first cell, blank where rolled up. */
function fieldLabel(text: string | null, field: number, level: number): string | null {
  if (level === 0) return field === 0 ? 'Total' : '';
  if (field >= level) return '';
  return text;
}

/**
 * The header row over the column values' columns: the column fields' names ("Cylinders", several
 * joined by " · " as their values are), one header spanning those columns, so "3 4 5 6 8" say what
 * they are values of (a screen reader reads it with each of them).
 */
function KeyFieldsRow({ fields, left, width, colIndex, span }: { fields: readonly string[]; left: number; width: number; colIndex: number; span: number }) {
  const name = fields.join(' · ');
  return (
    <div className="pivot-head-row pivot-key-fields" role="row" aria-rowindex={1} style={{ height: 22 }}>
      <div className="grid-th" role="columnheader" aria-colindex={colIndex} aria-colspan={span} style={{ left, width }}>
        <span className="col-name" title={name}>
          {name}
        </span>
      </div>
    </div>
  );
}

/** SQL NULL as the results grid shows it: muted, italic, so a text 'NULL' (plain) is told apart. */
const NullText = () => <span className="pivot-null">{NULL_TEXT}</span>;
/** The empty text as a group or a column's value, muted and italic as NULL is: blank, it read as a cell with no value. */
const EmptyText = () => <span className="pivot-null">{EMPTY_TEXT}</span>;

/**
 * A column's header: a column key's values (SQL NULL as NullText) joined by " · ", or the column's
 * name; `shown` is its text as drawn (measured for its width), `name` as a button or title names it.
 */
function headerOf(name: string, key: ReadonlyArray<string | null> | undefined): { content: ReactNode; shown: string; name: string } {
  if (!key) return { content: name, shown: name, name };
  // cut as a grid cell is: a 1 MB value is not measured, drawn and read out whole in every header
  const cut = key.map((v) => (v === null ? null : cellShown(v)));
  const content = cut.map((v, j) => (
    <Fragment key={j}>
      {j > 0 && ' · '}
      {v === null ? <NullText /> : v === '' ? <EmptyText /> : <CellText value={v} />}
    </Fragment>
  ));
  return { content, shown: cut.map((v) => (v === null ? NULL_TEXT : v === '' ? EMPTY_TEXT : v)).join(' · '), name: key.map(valueName).join(' · ') };
}

/** The chevron before a first-level group: collapses it to its subtotal row, or expands it again. */
function GroupToggle({ group, collapsed, disabled, onToggle }: { group: string | null; collapsed: boolean; disabled: boolean; onToggle(group: string | null): void }) {
  const Icon = collapsed ? ChevronRight : ChevronDown;
  return (
    <button type="button" className="pivot-toggle" disabled={disabled} aria-expanded={!collapsed} aria-label={`${collapsed ? 'Expand' : 'Collapse'} ${valueName(group)}`} onClick={() => onToggle(group)}>
      <Icon aria-hidden="true" />
    </button>
  );
}
