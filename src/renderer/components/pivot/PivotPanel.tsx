import { Clock, CodeXml, X } from 'lucide-react';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Column } from '../../../shared/contracts/events';
import type { PageFilter } from '../../../shared/contracts/pageView';
import { leftOutNote } from '../../../shared/explore/finiteValues';
import type { SextantApi } from '../../../shared/contracts/protocol';
import type { PivotPage } from '../../../shared/pivot/pivotPage';
import { pivotOpenAsSql } from '../../../shared/pivot/pivotOpenAsSql';
import type { PivotSpec } from '../../../shared/pivot/pivotSpec';
import { useFocusReturn } from '../common/useFocusReturn';
import { formatCount } from '../format';
import { CopyIdButton } from '../status/CopyIdButton';
import { PivotBuilder } from './PivotBuilder';
import { PivotGrid } from './PivotGrid';
import { pivotCountText } from './pivotLayout';
import { pivotTitle } from './pivotText';
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
  /** A changed layout or sort: the app records it as the session's SetPivot. Absent: read-only. */
  onChange?(spec: PivotSpec): void;
  /** Absent on a read-only pivot, which has no Close and leaves Escape alone. */
  onClose?(): void;
  /** Absent on a read-only pivot: the past view has no editor to put its SQL in. */
  onOpenAsSql?(sql: string): void;
  /** Just opened by "Pivot": focus goes to its first field, as an opened chart or profile takes focus. */
  takeFocus?: boolean;
  /** Says what a copy from the grid did, in the app's polite announcer. */
  onNotice?(message: string): void;
}

/** The region "Pivot table" beside the grid: the builder, a line on its size, and the grid "Pivot". Escape closes it. */
export function PivotPanel({ api, queryId, sql, columns, filter, spec, onChange, onClose, onOpenAsSql, takeFocus = false, onNotice }: Props) {
  const pages = usePivotPages(api, queryId, spec, filter);
  // the Timeline's past view (docs/time.md): the pivot as it was, nothing here changes it
  const readOnly = onChange === undefined;
  useFocusReturn();
  const region = useRef<HTMLElement>(null);
  // its first field, where the work starts (the head's "Open as SQL" is disabled while the pivot computes)
  useEffect(() => {
    if (takeFocus) region.current?.querySelector<HTMLElement>('.pivot-builder :is(select, button, input):enabled')?.focus();
  }, []);
  // the last pivot stays on screen while a changed one computes, so a collapse keeps the scroll
  const last = useRef<{ page: PivotPage; spec: PivotSpec }>(undefined);
  if (pages.page) last.current = { page: pages.page, spec };
  const page = pages.page ?? last.current?.page;
  // once the changed one has failed, what stays is said to be the previous pivot, as the grid
  // says of the previous result under a failed query
  const previous = pages.error && !pages.page ? last.current : undefined;
  const [copied, setCopied] = useState<{ id: string; text: string }>();
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || e.defaultPrevented || !onClose) return;
    e.preventDefault();
    onClose();
  };
  const capped = !previous && page && page.keys.distinct > page.keys.values.length;
  const count = !previous && page && pivotCountText(page.groups, page.columns.slice(1, 1 + page.rowFields).map((c) => c.name));
  const capNote = capped ? `${formatCount(page.keys.values.length)} of ${formatCount(page.keys.distinct)} column values shown, the rest in “Other”` : undefined;
  // the NaNs and infinities the cells on screen left out (the last pivot's while a changed one computes), in a profile card's words
  const shown = previous ? undefined : last.current;
  const leftOut = shown && leftOutNote(shown.page.leftOut, columns.find((c) => c.name === shown.spec.values)?.type ?? 'VARCHAR', `${shown.spec.aggregate.toLowerCase()} of ${shown.spec.values}`);
  const note = [capNote, leftOut].filter(Boolean).join(' · ') || undefined;
  // the Values column of the pivot whose page is shown (the last one while a changed one computes)
  const valueType = columns.find((c) => c.name === last.current?.spec.values)?.type;
  return (
    <section ref={region} className="pivot-panel" aria-label="Pivot table" onKeyDown={onKeyDown}>
      <div className="pivot-head">
        <h3 className="pivot-title">Pivot</h3>
        {/* the count gives way last: the note, then "Open as SQL"'s label shrink first (styles/chart-pivot.css) */}
        <span className="pivot-meta muted" aria-live="polite" title={count ? count.title : undefined}>
          {count ? count.text : pages.error ? 'Failed' : 'Computing…'}
        </span>
        <span className="pivot-note muted" aria-live="polite" title={note}>
          {note && `· ${note}`}
        </span>
        {/* the keys of this spec and filter's own pivot, not of the last one still on screen */}
        {onOpenAsSql && (
          <button type="button" className="pivot-open-sql" disabled={!pages.page} onClick={() => pages.page && onOpenAsSql(pivotOpenAsSql(spec, sql, { keys: pages.page.keys.values, distinct: pages.page.keys.distinct }, columns, filter))} title="Put this pivot's SQL in the editor">
            <CodeXml aria-hidden="true" />
            <span>Open as SQL</span>
          </button>
        )}
        {onClose && (
          <button type="button" className="icon-button" aria-label="Close pivot" title="Close pivot (Escape)" onClick={onClose}>
            <X aria-hidden="true" />
          </button>
        )}
      </div>
      {onChange ? (
        <PivotBuilder columns={columns} spec={spec} onChange={onChange} />
      ) : (
        // its fields as they were, every control disabled
        <fieldset className="pivot-readonly" disabled>
          <PivotBuilder columns={columns} spec={spec} onChange={() => undefined} />
        </fieldset>
      )}
      {pages.error && <PivotError error={pages.error} copied={copied?.id === pages.error.id ? copied.text : undefined} onCopied={setCopied} />}
      {previous && (
        <p className="grid-previous pivot-previous muted" role="note" aria-label="Previous pivot" title={pivotTitle(previous.spec)}>
          <Clock aria-hidden="true" />
          <span className="grid-previous-text">Showing the previous pivot: {pivotTitle(previous.spec)}</span>
        </p>
      )}
      {page && <PivotGrid key={layoutKey(spec)} page={page} spec={previous?.spec ?? spec} keyFields={last.current?.spec.columns ?? []} valueType={valueType} previous={previous !== undefined} row={pages.row} isEmpty={pages.isEmpty} loaded={pages.loaded} show={pages.show} readOnly={readOnly} onSort={(sort) => onChange?.(withSort(spec, sort))} onToggleGroup={(group) => onChange?.(toggled(spec, group))} onNotice={onNotice} />}
    </section>
  );
}

/** The pivot's failure and its id, which can be copied; the copy is said here (the panel has no app notice to hand). */
function PivotError({ error, copied, onCopied }: { error: { id: string; message: string }; copied: string | undefined; onCopied(c: { id: string; text: string }): void }) {
  return (
    <>
      <p className="error pivot-error" role="alert">
        Could not compute the pivot: {error.message} (error id {error.id}) <CopyIdButton id={error.id} onNotice={(text) => onCopied({ id: error.id, text })} />
      </p>
      {copied && (
        <p className="pivot-error muted" aria-live="polite">
          {copied}
        </p>
      )}
    </>
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
