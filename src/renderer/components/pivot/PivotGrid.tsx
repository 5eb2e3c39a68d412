import { useVirtualizer } from '@tanstack/react-virtual';
import { ArrowDownWideNarrow, ArrowUpDown, ArrowUpNarrowWide, ChevronDown, ChevronRight } from 'lucide-react';
import { useEffect, useMemo, useRef } from 'react';
import type { PivotPage } from '../../../shared/pivot/pivotPage';
import type { PivotSpec } from '../../../shared/pivot/pivotSpec';
import { columnLefts, pivotColumnWidths } from './pivotLayout';
import { pivotCellText } from './pivotText';

const ROW_HEIGHT = 24;

interface Props {
  page: PivotPage;
  spec: PivotSpec;
  row(r: number): ReadonlyArray<string | null> | undefined;
  show(first: number, last: number): void;
  onSort(sort: PivotSpec['sort']): void;
  /** Collapses or expands a first-level group (by its first field's text; null: the NULL group). */
  onToggleGroup(group: string | null): void;
}

/** Next sort of a value column on a header click: ascending → descending → none. */
function nextSort(current: PivotSpec['sort'], valueColumn: number): PivotSpec['sort'] {
  if (current?.valueColumn !== valueColumn) return { valueColumn, descending: false };
  return current.descending ? undefined : { valueColumn, descending: true };
}

/**
 * The grid named "Pivot": row fields, then one column per column value and "Total". Rows are
 * virtualized and fetched by page as they come into view; a subtotal row heads its group (bold),
 * the grand total comes first. A value column's header sorts the groups by it.
 */
export function PivotGrid({ page, spec, row, show, onSort, onToggleGroup }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const fields = page.rowFields;
  const names = page.columns.slice(1).map((c) => c.name);
  const namesKey = JSON.stringify(names);
  // measured once per set of headers, before the first paint: a header that fits is never shown cut
  const widths = useMemo(() => pivotColumnWidths(names, fields), [namesKey, fields]);
  const lefts = columnLefts(widths);
  const virtualizer = useVirtualizer({ count: page.totalRows, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 10 });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  useEffect(() => show(first, last), [first, last, show]);
  const width = widths.reduce((sum, w) => sum + w, 0);

  return (
    <div ref={scroller} className="grid pivot-grid" role="grid" aria-label="Pivot" aria-rowcount={page.totalRows + 1} aria-colcount={names.length} tabIndex={0}>
      <div className="grid-header pivot-header" role="row" aria-rowindex={1} style={{ width, height: 30 }}>
        {page.columns.slice(1).map((c, i) => {
          const isValue = i >= fields;
          const v = i - fields;
          const sorted = isValue && spec.sort?.valueColumn === v ? (spec.sort.descending ? 'descending' : 'ascending') : 'none';
          const Icon = sorted === 'ascending' ? ArrowUpNarrowWide : sorted === 'descending' ? ArrowDownWideNarrow : ArrowUpDown;
          return (
            <div key={i} className={`grid-th ${isValue ? 'num' : ''}`} role="columnheader" aria-colindex={i + 1} aria-sort={isValue ? sorted : undefined} style={{ left: lefts[i], width: widths[i] }}>
              {isValue ? (
                <button type="button" className="pivot-sort" aria-label={`Sort by ${c.name}`} title={`Sort the groups by ${c.name}`} onClick={() => onSort(nextSort(spec.sort, v))}>
                  <span className="col-name">{c.name}</span>
                  <Icon aria-hidden="true" />
                </button>
              ) : (
                <span className="col-name" title={c.name}>
                  {c.name}
                </span>
              )}
            </div>
          );
        })}
      </div>
      <div className="grid-sizer" style={{ height: virtualizer.getTotalSize(), width }}>
        {items.map((vr) => {
          const cells = row(vr.index);
          const level = cells ? Number(cells[0]) : fields;
          return (
            <div key={vr.key} role="row" aria-rowindex={vr.index + 2} className={`grid-row pivot-row ${level < fields ? 'pivot-subtotal' : ''} ${vr.index % 2 ? 'odd' : ''}`} style={{ top: vr.start, height: ROW_HEIGHT, width }}>
              {page.columns.slice(1).map((c, i) => {
                const text = cells?.[i + 1] ?? null;
                const label = i < fields ? fieldLabel(text, i, level) : pivotCellText(text, c.type);
                return (
                  <div key={i} role="gridcell" aria-colindex={i + 1} className={`grid-td ${i >= fields ? 'num' : ''} ${cells ? '' : 'loading'}`} style={{ left: lefts[i], width: widths[i], paddingLeft: i < fields && i === level - 1 ? 8 + 10 * i : undefined }} title={i < fields && label ? label : undefined}>
                    {i === 0 && level === 1 && fields > 1 && cells ? <GroupToggle group={text} collapsed={(spec.collapsed ?? []).includes(text)} onToggle={onToggleGroup} /> : null}
                    {label}
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

/** A row field's cell: its value on rows at or below its level, "Total" on the grand total's first cell, blank where rolled up. */
function fieldLabel(text: string | null, field: number, level: number): string {
  if (level === 0) return field === 0 ? 'Total' : '';
  if (field >= level) return '';
  return text ?? 'null';
}

/** The chevron before a first-level group: collapses it to its subtotal row, or expands it again. */
function GroupToggle({ group, collapsed, onToggle }: { group: string | null; collapsed: boolean; onToggle(group: string | null): void }) {
  const Icon = collapsed ? ChevronRight : ChevronDown;
  return (
    <button type="button" className="pivot-toggle" aria-expanded={!collapsed} aria-label={`${collapsed ? 'Expand' : 'Collapse'} ${group ?? 'null'}`} onClick={() => onToggle(group)}>
      <Icon aria-hidden="true" />
    </button>
  );
}
