import { forwardRef, memo, useImperativeHandle, useRef, useState, type FormEvent } from 'react';
import type { Result } from '../../../shared/contracts/errors';
import type { Column, DatasetTable } from '../../../shared/contracts/events';
import type { DatasetView } from '../../../shared/views/appView';
import { ContextMenu } from '../common/ContextMenu';
import { ChevronRight, Ellipsis, Plus } from 'lucide-react';
import type { CatalogProgress } from '../../state/streamClient';
import { countOf } from '../format';
import { datasetQuery } from './sqlName';
import { CopyIdButton } from '../status/CopyIdButton';

export interface CatalogHandle {
  /** Puts the caret in "Dataset path or URL" (Ctrl/Cmd+O where no native dialog exists). */
  focusAdd(): void;
}

interface Props {
  datasets: readonly DatasetView[];
  onAdd(source: string): Promise<Result<unknown>>;
  /** Runs "Query this dataset"'s SQL. */
  onQuery(sql: string): void;
  onCopyName(name: string): void;
  /** Says what was copied (an error id), in the app's polite announcer. */
  onNotice(message: string): void;
  onRemove(dataset: DatasetView): void;
  /** Opens the "Column profiles" region for a ready dataset. */
  onProfile?(dataset: DatasetView): void;
  /** Datasets being added: how far their download or fingerprint has got. */
  progress?: Readonly<Record<string, CatalogProgress>>;
}

/** What a dataset being added is doing, in words and a bar: "downloading 45%", "fingerprinting 12%". */
function AddingProgress({ name, progress }: { name: string; progress: CatalogProgress }) {
  const doing = progress.kind === 'download' ? 'Downloading' : 'Fingerprinting';
  return (
    <span className="meta adding-progress">
      {doing.toLowerCase()}
      {progress.percent === undefined ? '…' : ` ${progress.percent}%`}
      {progress.percent !== undefined && <progress aria-label={`${doing} ${name}`} max={100} value={progress.percent} />}
    </span>
  );
}

function ColumnList({ label, columns }: { label: string; columns: readonly Column[] }) {
  return (
    <ul className="columns" aria-label={label}>
      {columns.map((c) => (
        <li key={c.name} className="column">
          <span className="column-name">{c.name}</span> <span className="column-type">{c.type}</span>
        </li>
      ))}
    </ul>
  );
}

/** A DuckDB database file's tables, each with its columns: the database itself has none. */
function TableList({ name, tables }: { name: string; tables: readonly DatasetTable[] }) {
  return (
    <ul className="columns" aria-label={`Tables of ${name}`}>
      {tables.map((t) => (
        <li key={t.name}>
          <div className="column">
            <span className="column-name">{t.name}</span> <span className="column-type">{countOf(t.columns.length, 'column')}</span>
          </div>
          <ColumnList label={`Columns of ${name}.${t.name}`} columns={t.columns} />
        </li>
      ))}
    </ul>
  );
}

/**
 * The catalog: every dataset with its columns and types, or a database file's tables and theirs
 * (expand with a click, Enter or the arrow keys), actions from a right-click or the ⋯ button, and a
 * field to add a file path or URL.
 * Memoized: given stable callbacks, it renders again only when a dataset or its progress changes.
 */
export const Catalog = memo(forwardRef<CatalogHandle, Props>(function Catalog({ datasets, onAdd, onQuery, onCopyName, onNotice, onRemove, onProfile, progress }, ref) {
  const [source, setSource] = useState('');
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [menu, setMenu] = useState<{ dataset: DatasetView; x: number; y: number } | undefined>();
  const input = useRef<HTMLInputElement>(null);
  useImperativeHandle(ref, () => ({ focusAdd: () => input.current?.focus() }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!source.trim()) return;
    const r = await onAdd(source.trim());
    if (r.ok) setSource('');
  };
  const toggle = (id: string, open?: boolean) =>
    setExpanded((s) => {
      const next = new Set(s);
      if (open ?? !s.has(id)) next.add(id);
      else next.delete(id);
      return next;
    });

  const menuQuery = menu?.dataset.status === 'ready' ? datasetQuery(menu.dataset) : undefined;

  return (
    <section className="catalog" aria-labelledby="catalog-heading">
      <h2 id="catalog-heading">Datasets</h2>
      <ul aria-label="Datasets" className="dataset-list">
        {datasets.map((d) => {
          const name = d.name ?? d.source;
          const open = expanded.has(d.id) && d.status === 'ready';
          return (
            <li
              key={d.id}
              className={`dataset ${d.status}`}
              title={d.source}
              onContextMenu={(e) => {
                e.preventDefault();
                setMenu({ dataset: d, x: e.clientX, y: e.clientY });
              }}
            >
              <div className="dataset-row">
                <button
                  className={`dataset-toggle ${open ? 'open' : ''}`}
                  aria-expanded={d.status === 'ready' ? open : undefined}
                  disabled={d.status !== 'ready'}
                  onClick={() => toggle(d.id)}
                  onKeyDown={(e) => {
                    if (e.key === 'ArrowRight') toggle(d.id, true);
                    else if (e.key === 'ArrowLeft') toggle(d.id, false);
                  }}
                >
                  {d.status === 'ready' && <ChevronRight aria-hidden="true" className="chevron" />}
                  <span className="name">{name}</span>
                  {d.status === 'loading' && !progress?.[d.id] && <span className="meta"> loading…</span>}
                  {d.status === 'ready' && (
                    <span className="meta">
                      {' '}
                      {d.format} · {d.tables ? countOf(d.tables.length, 'table') : countOf(d.columns.length, 'column')}
                    </span>
                  )}
                  {d.status === 'ready' && d.changedAt && <span className="meta changed"> · changed since it was added</span>}
                </button>
                <button
                  className="dataset-actions"
                  aria-label={`Actions for ${name}`}
                  aria-haspopup="menu"
                  onClick={(e) => {
                    const r = e.currentTarget.getBoundingClientRect();
                    setMenu({ dataset: d, x: r.left, y: r.bottom });
                  }}
                >
                  <Ellipsis aria-hidden="true" />
                </button>
              </div>
              {/* under the row, not in its button: a button's content is presentational, and the bar must be seen */}
              {d.status === 'loading' && progress?.[d.id] && <AddingProgress name={name} progress={progress[d.id]!} />}
              {d.status === 'failed' && d.error && (
                <span className="meta error">
                  {' '}
                  {d.error.message} (error id {d.error.id}) <CopyIdButton id={d.error.id} onNotice={onNotice} />
                </span>
              )}
              {open && (d.tables ? <TableList name={name} tables={d.tables} /> : <ColumnList label={`Columns of ${name}`} columns={d.columns} />)}
            </li>
          );
        })}
      </ul>
      <form onSubmit={(e) => void submit(e)} className="add-dataset">
        <input
          ref={input}
          aria-label="Dataset path or URL"
          placeholder="/path/to/data.parquet or https://…"
          value={source}
          onChange={(e) => setSource(e.target.value)}
        />
        {/* nothing to add until something is typed: a click that does nothing says nothing */}
        <button type="submit" disabled={!source.trim()}>
          <Plus aria-hidden="true" />
          Add dataset
        </button>
        <p className="muted hint">…or drop files on the window.</p>
      </form>
      {menu && (
        <ContextMenu
          label={`Actions for ${menu.dataset.name ?? menu.dataset.source}`}
          x={menu.x}
          y={menu.y}
          onClose={() => setMenu(undefined)}
          items={[
            { label: 'Query this dataset', disabled: menuQuery === undefined, run: () => menuQuery && onQuery(menuQuery) },
            { label: 'Copy name', disabled: !menu.dataset.name, run: () => menu.dataset.name && onCopyName(menu.dataset.name) },
            { label: 'Remove', disabled: menu.dataset.status === 'loading', run: () => onRemove(menu.dataset) },
            ...(onProfile ? [{ label: 'Profile', disabled: menu.dataset.status !== 'ready' || menu.dataset.tables !== undefined, run: () => onProfile(menu.dataset) }] : []),
          ]}
        />
      )}
    </section>
  );
}));
