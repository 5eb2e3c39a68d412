import { CodeXml, X } from 'lucide-react';
import { useRef, type KeyboardEvent } from 'react';
import type { Column } from '../../../shared/contracts/events';
import type { PageFilter } from '../../../shared/contracts/pageView';
import type { SextantApi } from '../../../shared/contracts/protocol';
import { pivotOpenAsSql } from '../../../shared/pivot/pivotOpenAsSql';
import type { PivotSpec } from '../../../shared/pivot/pivotSpec';
import { useFocusReturn } from '../common/useFocusReturn';
import { formatCount } from '../format';
import { PivotBuilder } from './PivotBuilder';
import { PivotGrid } from './PivotGrid';
import { pivotCountText } from './pivotLayout';
import { usePivotPages } from './usePivotPages';

interface Props {
  api: SextantApi;
  queryId: string;
  /** The result's SQL, which "Open as SQL" wraps. */
  sql: string;
  columns: readonly Column[];
  /** The result's view filters: the pivot is of the rows the grid shows. */
  filter: readonly PageFilter[];
  /** The session's pivot of this result (PivotSet). */
  spec: PivotSpec;
  /** A changed layout or sort: the app records it as the session's SetPivot. */
  onChange(spec: PivotSpec): void;
  onClose(): void;
  onOpenAsSql(sql: string): void;
}

/** The region "Pivot table" beside the grid: the builder, a line on its size, and the grid "Pivot". Escape closes it. */
export function PivotPanel({ api, queryId, sql, columns, filter, spec, onChange, onClose, onOpenAsSql }: Props) {
  const pages = usePivotPages(api, queryId, spec, filter);
  useFocusReturn();
  // the last pivot stays on screen while a changed one computes, so a collapse keeps the scroll
  const last = useRef(pages.page);
  if (pages.page) last.current = pages.page;
  const page = pages.page ?? last.current;
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || e.defaultPrevented) return;
    e.preventDefault();
    onClose();
  };
  const capped = page && page.keys.distinct > page.keys.values.length;
  const count = page && pivotCountText(page.groups, page.columns.slice(1, 1 + page.rowFields).map((c) => c.name));
  const note = capped ? `${formatCount(page.keys.values.length)} of ${formatCount(page.keys.distinct)} column values shown, the rest in “Other”` : undefined;
  return (
    <section className="pivot-panel" aria-label="Pivot table" onKeyDown={onKeyDown}>
      <div className="pivot-head">
        <h3 className="pivot-title">Pivot</h3>
        {/* the count gives way last: the note, then "Open as SQL"'s label shrink first (styles.css) */}
        <span className="pivot-meta muted" aria-live="polite" title={count?.title}>
          {count ? count.text : 'Computing…'}
        </span>
        <span className="pivot-note muted" aria-live="polite" title={note}>
          {note && `· ${note}`}
        </span>
        {/* the keys of this spec and filter's own pivot, not of the last one still on screen */}
        <button type="button" className="pivot-open-sql" disabled={!pages.page} onClick={() => pages.page && onOpenAsSql(pivotOpenAsSql(spec, sql, { keys: pages.page.keys.values, distinct: pages.page.keys.distinct }, columns, filter))} title="Put this pivot's SQL in the editor">
          <CodeXml aria-hidden="true" />
          <span>Open as SQL</span>
        </button>
        <button type="button" className="icon-button" aria-label="Close pivot" title="Close pivot (Escape)" onClick={onClose}>
          <X aria-hidden="true" />
        </button>
      </div>
      <PivotBuilder columns={columns} spec={spec} onChange={onChange} />
      {pages.error && (
        <p className="error pivot-error" role="alert">
          {pages.error.message} <span className="muted">({pages.error.id})</span>
        </p>
      )}
      {page && <PivotGrid key={layoutKey(spec)} page={page} spec={spec} row={pages.row} loaded={pages.loaded} show={pages.show} onSort={(sort) => onChange(withSort(spec, sort))} onToggleGroup={(group) => onChange(toggled(spec, group))} />}
    </section>
  );
}

function withSort(spec: PivotSpec, sort: PivotSpec['sort']): PivotSpec {
  const { sort: _old, ...rest } = spec;
  return sort ? { ...rest, sort } : rest;
}

function toggled(spec: PivotSpec, group: string | null): PivotSpec {
  const collapsed = spec.collapsed ?? [];
  const next = collapsed.includes(group) ? collapsed.filter((g) => g !== group) : [...collapsed, group];
  const { collapsed: _old, ...rest } = spec;
  return next.length > 0 ? { ...rest, collapsed: next } : rest;
}

/** What a grid is remounted (scrolled to the top) for: a new layout or sort, not a collapsed group. */
function layoutKey(spec: PivotSpec): string {
  const { collapsed: _c, ...layout } = spec;
  return JSON.stringify(layout);
}
