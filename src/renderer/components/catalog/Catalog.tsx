import { forwardRef, memo, useImperativeHandle, useRef, useState, type FormEvent } from 'react';
import type { Result } from '../../../shared/contracts/errors';
import type { SextantApi } from '../../../shared/contracts/protocol';
import type { DatasetTable } from '../../../shared/contracts/events';
import { readingWords } from '../../../shared/domain/csvReading';
import { tableLabel, tableRelation } from '../../../shared/domain/datasetRelation';
import type { DatasetView } from '../../../shared/views/appView';
import { ContextMenu, type MenuItem } from '../common/ContextMenu';
import { ChevronRight, Ellipsis, Plus } from 'lucide-react';
import type { CatalogProgress } from '../../state/streamClient';
import { countOf } from '../format';
import { datasetQuery, datasetQueryLabel, sqlName, tableQuery } from './sqlName';
import { CopyIdButton } from '../status/CopyIdButton';
import { ColumnList, TableList } from './CatalogColumns';
import { tablesSummary, unreadableNote } from './tableKinds';
import { errorWithoutSource } from './datasetEntry';
import { useDatasetsNotHere } from './useDatasetsNotHere';
import { useLocate } from './useLocate';

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
  /** Opens the "Column profiles" region of a ready dataset, or of one table of a database file. */
  onProfile?(dataset: DatasetView, table?: DatasetTable): void;
  /** Datasets being added: how far their download or fingerprint has got. */
  progress?: Readonly<Record<string, CatalogProgress>>;
  /** Asks main which datasets' files are not on this machine, and locates them ("Locate…"). */
  api?: SextantApi;
  /** Whether the window is connected to main: on connecting, the catalog asks again. */
  connected?: boolean;
  /** The datasets not on this machine as main last told the window (a file gone or back), if it has. */
  notHere?: readonly string[] | undefined;
}

/** What a menu was opened on: a dataset, or one table of a DuckDB database file. */
interface MenuAt {
  readonly dataset: DatasetView;
  readonly table?: DatasetTable;
  readonly x: number;
  readonly y: number;
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

/**
 * The catalog: every dataset with its columns and types, or a database file's tables and views and theirs
 * (expand with a click, Enter or the arrow keys), actions from a right-click or the ⋯ button (a
 * table's own too), a dataset whose file is not on this machine marked with "Locate…" in its menu,
 * and a field to add a file path or URL.
 * Memoized: given stable callbacks, it renders again only when a dataset or its progress changes.
 */
export const Catalog = memo(forwardRef<CatalogHandle, Props>(function Catalog({ datasets, onAdd, onQuery, onCopyName, onNotice, onRemove, onProfile, progress, api, connected, notHere: pushed }, ref) {
  const [source, setSource] = useState('');
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [menu, setMenu] = useState<MenuAt | undefined>();
  const { notHere, refresh } = useDatasetsNotHere(api, datasets, connected, pushed);
  const locate = useLocate(api, (name, path) => {
    refresh();
    onNotice(`“${name}” now reads ${path}.`);
  });
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

  const menuItems = (m: MenuAt): MenuItem[] => {
    const { dataset: d, table } = m;
    if (table !== undefined) {
      // a view DuckDB cannot bind has nothing to query or profile: offered, it would only fail
      const readable = table.unreadable === undefined;
      const sql = readable ? tableQuery(d, table) : undefined;
      return [
        { label: 'Query this table', disabled: sql === undefined, run: () => sql && onQuery(sql) },
        { label: 'Copy name', disabled: !d.name, run: () => d.name && onCopyName(tableRelation(d.name, table, sqlName)) },
        ...(onProfile ? [{ label: 'Profile', disabled: d.status !== 'ready' || !readable, run: () => onProfile(d, table) }] : []),
      ];
    }
    const sql = d.status === 'ready' ? datasetQuery(d) : undefined;
    return [
      ...(notHere.has(d.id) && api ? [{ label: 'Locate…', run: () => locate.start(d) }] : []),
      { label: datasetQueryLabel(d), disabled: sql === undefined, run: () => sql && onQuery(sql) },
      { label: 'Copy name', disabled: !d.name, run: () => d.name && onCopyName(d.name) },
      { label: 'Remove', disabled: d.status === 'loading', run: () => onRemove(d) },
      ...(onProfile ? [{ label: 'Profile', disabled: d.status !== 'ready' || d.tables !== undefined, run: () => onProfile(d) }] : []),
    ];
  };

  return (
    <section className="catalog" aria-labelledby="catalog-heading">
      <h2 id="catalog-heading">Datasets</h2>
      <ul aria-label="Datasets" className="dataset-list">
        {datasets.map((d) => {
          const name = d.name ?? d.source;
          const open = expanded.has(d.id) && d.status === 'ready';
          const missing = d.status === 'ready' && notHere.has(d.id);
          const locateError = missing ? locate.failed[d.id] : undefined;
          const unreadable = d.status === 'ready' && d.tables ? unreadableNote(d.tables) : undefined;
          return (
            <li
              key={d.id}
              className={`dataset ${d.status}${missing ? ' not-here' : ''}`}
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
                  {/* each on a line of its own: the name and the meta line end in "…" (the whole path is the entry's title), a note wraps */}
                  <span className="name">{name}</span>
                  {d.status === 'loading' && !progress?.[d.id] && <span className="meta"> loading…</span>}
                  {d.status === 'ready' && (
                    <span className="meta">
                      {' '}
                      {d.format} · {d.tables ? tablesSummary(d.tables) : countOf(d.columns.length, 'column')}
                    </span>
                  )}
                  {d.status === 'ready' && d.reading && <span className="meta note read-as"> {readingWords(d.reading)}</span>}
                  {d.status === 'ready' && d.changedAt && <span className="meta note changed"> changed since it was added</span>}
                  {unreadable && <span className="meta note unreadable"> {unreadable}</span>}
                  {missing && <span className="meta note not-here"> not found on this machine</span>}
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
                  {errorWithoutSource(d.error.message, d.source)} (error id {d.error.id}) <CopyIdButton id={d.error.id} onNotice={onNotice} />
                </span>
              )}
              {locateError && (
                <span className="meta error">
                  {' '}
                  {locateError.message} (error id {locateError.id}) <CopyIdButton id={locateError.id} onNotice={onNotice} />
                </span>
              )}
              {open &&
                (d.tables ? (
                  <TableList name={name} tables={d.tables} onActions={(table, x, y) => setMenu({ dataset: d, table, x, y })} />
                ) : (
                  <ColumnList label={`Columns of ${name}`} columns={d.columns} />
                ))}
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
          label={`Actions for ${menu.dataset.name ?? menu.dataset.source}${menu.table === undefined ? '' : `.${tableLabel(menu.table)}`}`}
          x={menu.x}
          y={menu.y}
          onClose={() => setMenu(undefined)}
          items={menuItems(menu)}
        />
      )}
      {locate.dialog}
    </section>
  );
}));
