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
import { countOf, formatWhen } from '../format';
import { datasetQuery, datasetQueryLabel, sqlName, tableQuery } from './sqlName';
import { CopyIdButton } from '../status/CopyIdButton';
import { ColumnList, TableList } from './CatalogColumns';
import { tablesSummary, unreadableNote } from './tableKinds';
import { errorWithoutSource } from './datasetEntry';
import { useDatasetsNotHere } from './useDatasetsNotHere';
import { useLocate } from './useLocate';
import { useRemovalFocus } from './removalFocus';
import { refusalText, type CommandRefusal } from '../status/commandRefusal';
import { useAddRefusal } from './addRefusal';
import { SourceName } from './SourceName';
import { isFailed, isLoading, isReady } from '../../../shared/domain/datasetLifecycle';

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
  /** The catalog's last refused command (an Add, a Remove), said beside the Add box (addRefusal.ts). */
  refusal?: CommandRefusal | undefined;
  /**
   * A session's past is shown (the Timeline): the catalog as it was at that point, shown instead of
   * today's and read-only (its names can be copied, nothing else), with when that was.
   */
  past?: { readonly datasets: readonly DatasetView[]; readonly occurredAt: string } | undefined;
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
 * (expand with a click, Enter or the arrow keys), actions from a right-click, Shift+F10 or the ⋯
 * button (a table's own too), a dataset whose file is not on this machine marked with "Locate…" in
 * its menu, and a field to add a file path or URL. A dataset removed with focus in it hands focus to
 * its neighbour (removalFocus.ts).
 * Memoized: given stable callbacks, it renders again only when a dataset or its progress changes.
 */
export const Catalog = memo(forwardRef<CatalogHandle, Props>(function Catalog({ datasets: now, onAdd, onQuery, onCopyName, onNotice, onRemove, onProfile, progress: nowProgress, api, connected, notHere: pushed, refusal, past }, ref) {
  // the past's datasets are shown as they were: no progress, nothing "not on this machine" (that is now)
  const datasets = past?.datasets ?? now;
  const progress = past ? undefined : nowProgress;
  const [source, setSource] = useState('');
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [menu, setMenu] = useState<MenuAt | undefined>();
  const { notHere, refresh } = useDatasetsNotHere(api, now, connected, pushed);
  const locate = useLocate(api, (name, path) => {
    refresh();
    onNotice(`“${name}” now reads ${path}.`);
  });
  const input = useRef<HTMLInputElement>(null);
  useImperativeHandle(ref, () => ({ focusAdd: () => input.current?.focus() }));
  const list = useRef<HTMLUListElement>(null);
  const removalFocus = useRemovalFocus(
    datasets.map((d) => d.id),
    (id) => list.current?.querySelector<HTMLElement>(`li[data-dataset-id="${CSS.escape(id)}"] .dataset-actions`),
    () => input.current?.focus(),
  );
  const refused = useAddRefusal(refusal, datasets.map((d) => d.id), (id) => list.current?.querySelector<HTMLElement>(`li[data-dataset-id="${CSS.escape(id)}"]`));
  /** Opens a dataset's menu under its ⋯ button: its click, or Shift+F10 (the context-menu key) on its row. */
  const openMenu = (d: DatasetView, button: HTMLElement | null | undefined) => {
    const r = button?.getBoundingClientRect();
    setMenu({ dataset: d, x: r?.left ?? 0, y: r?.bottom ?? 0 });
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const typed = source;
    if (!typed.trim()) return;
    const r = await onAdd(typed.trim());
    // only the text added is cleared: a path typed while the add was on its way stays
    if (r.ok) setSource((now) => (now === typed ? '' : now));
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
    // The past is read-only. Its names can be copied; a query (and a profile) would read the dataset
    // as it is now, if it still is, and Run waits for now anyway.
    if (past) return [{ label: 'Copy name', disabled: !d.name, run: () => d.name && onCopyName(table === undefined ? d.name : tableRelation(d.name, table, sqlName)) }];
    if (table !== undefined) {
      // a view DuckDB cannot bind has nothing to query or profile: offered, it would only fail
      const readable = table.unreadable === undefined;
      const sql = readable ? tableQuery(d, table) : undefined;
      return [
        { label: 'Query this table', disabled: sql === undefined, run: () => sql && onQuery(sql) },
        { label: 'Copy name', disabled: !d.name, run: () => d.name && onCopyName(tableRelation(d.name, table, sqlName)) },
        ...(onProfile ? [{ label: 'Profile', disabled: !isReady(d.status) || !readable, run: () => onProfile(d, table) }] : []),
      ];
    }
    const sql = isReady(d.status) ? datasetQuery(d) : undefined;
    // the destructive item last, under a line (.dataset-menu in styles/catalog.css), as in VS Code
    return [
      ...(notHere.has(d.id) && api ? [{ label: 'Locate…', run: () => locate.start(d) }] : []),
      // the same source asked for again: main retries the failed entry itself, in its place (clientCommands.ts)
      ...(isFailed(d.status) ? [{ label: 'Try again', run: () => void onAdd(d.source) }] : []),
      { label: datasetQueryLabel(d), disabled: sql === undefined, run: () => sql && onQuery(sql) },
      { label: 'Copy name', disabled: !d.name, run: () => d.name && onCopyName(d.name) },
      ...(onProfile ? [{ label: 'Profile', disabled: !isReady(d.status) || d.tables !== undefined, run: () => onProfile(d) }] : []),
      // also while being added: a download that hangs is called off (catalogService.ts)
      { label: 'Remove', run: () => onRemove(d) },
    ];
  };

  return (
    <section className="catalog" aria-labelledby="catalog-heading" {...removalFocus}>
      <h2 id="catalog-heading">Datasets</h2>
      {past && (
        <p className="muted catalog-then">
          As they were at <time dateTime={past.occurredAt}>{formatWhen(past.occurredAt)}</time>
        </p>
      )}
      {datasets.length === 0 && <p className="muted catalog-empty">{past ? 'No datasets then.' : 'No datasets. Add a file (CSV, Parquet, JSON, Arrow, DuckDB), a folder or a URL below.'}</p>}
      <ul ref={list} aria-label="Datasets" className="dataset-list">
        {datasets.map((d) => {
          const name = d.name ?? d.source;
          const open = expanded.has(d.id) && isReady(d.status);
          const missing = !past && isReady(d.status) && notHere.has(d.id);
          const locateError = missing ? locate.failed[d.id] : undefined;
          const unreadable = isReady(d.status) && d.tables ? unreadableNote(d.tables) : undefined;
          return (
            <li
              key={d.id}
              data-dataset-id={d.id}
              className={`dataset ${d.status}${missing ? ' not-here' : ''}${refused.flashId === d.id ? ' flash' : ''}`}
              title={d.source}
              onContextMenu={(e) => {
                e.preventDefault();
                setMenu({ dataset: d, x: e.clientX, y: e.clientY });
              }}
            >
              <div
                className="dataset-row"
                onKeyDown={(e) => {
                  if (e.key !== 'ContextMenu' && !(e.key === 'F10' && e.shiftKey)) return;
                  e.preventDefault();
                  openMenu(d, e.currentTarget.querySelector<HTMLElement>('.dataset-actions'));
                }}
              >
                <button
                  className={`dataset-toggle ${open ? 'open' : ''}`}
                  aria-expanded={isReady(d.status) ? open : undefined}
                  disabled={!isReady(d.status)}
                  onClick={() => toggle(d.id)}
                  onKeyDown={(e) => {
                    if (e.key === 'ArrowRight') toggle(d.id, true);
                    else if (e.key === 'ArrowLeft') toggle(d.id, false);
                  }}
                >
                  {isReady(d.status) && <ChevronRight aria-hidden="true" className="chevron" />}
                  {/* each on a line of its own: the name and the meta line end in "…", a source without a name has it in the middle (the whole path is the entry's title), a note wraps */}
                  {d.name ? <span className="name">{d.name}</span> : <SourceName source={d.source} />}
                  {isLoading(d.status) && !progress?.[d.id] && <span className="meta"> loading…</span>}
                  {isReady(d.status) && (
                    <span className="meta">
                      {' '}
                      {d.format} · {d.tables ? tablesSummary(d.tables) : countOf(d.columns.length, 'column')}
                    </span>
                  )}
                  {isReady(d.status) && d.reading && <span className="meta note read-as"> {readingWords(d.reading)}</span>}
                  {isReady(d.status) && d.changedAt && <span className="meta note changed"> changed since it was added</span>}
                  {unreadable && <span className="meta note unreadable"> {unreadable}</span>}
                  {missing && <span className="meta note not-here"> not found on this machine</span>}
                </button>
                <button
                  className="dataset-actions"
                  aria-label={`Actions for ${name}`}
                  aria-haspopup="menu"
                  aria-keyshortcuts="Shift+F10"
                  title="Actions (Shift+F10)"
                  onClick={(e) => openMenu(d, e.currentTarget)}
                >
                  <Ellipsis aria-hidden="true" />
                </button>
              </div>
              {/* under the row, not in its button: a button's content is presentational, and the bar must be seen */}
              {isLoading(d.status) && progress?.[d.id] && <AddingProgress name={name} progress={progress[d.id]!} />}
              {isFailed(d.status) && d.error && (
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
      {!past && (
        <form onSubmit={(e) => void submit(e)} className="add-dataset">
          <input
            ref={input}
            aria-label="Dataset path or URL"
            placeholder="/path/to/data.parquet or https://…"
            value={source}
            aria-describedby={refused.shown ? 'add-dataset-refusal' : undefined}
            onChange={(e) => {
              setSource(e.target.value);
              refused.dismiss();
            }}
          />
          {/* nothing to add until something is typed: a click that does nothing says nothing */}
          <button type="submit" disabled={!source.trim()}>
            <Plus aria-hidden="true" />
            Add dataset
          </button>
          {/* polite, not a status role: the session's status bar is the window's one status */}
          <div aria-live="polite" className="add-refusal-region">
            {refused.shown && (
              <p id="add-dataset-refusal" className="add-refusal">
                {refusalText(refused.shown)} (error id {refused.shown.error.id}) <CopyIdButton id={refused.shown.error.id} onNotice={onNotice} />
              </p>
            )}
          </div>
          <p className="muted hint">…or drop files on the window.</p>
        </form>
      )}
      {menu && (
        // the dataset's, for useRemovalFocus: focus in its menu is focus in that dataset
        <div className={menu.table === undefined ? 'dataset-menu' : 'table-menu'} data-dataset-id={menu.dataset.id}>
          <ContextMenu
            label={`Actions for ${menu.dataset.name ?? menu.dataset.source}${menu.table === undefined ? '' : `.${tableLabel(menu.table)}`}`}
            x={menu.x}
            y={menu.y}
            onClose={() => setMenu(undefined)}
            items={menuItems(menu)}
          />
        </div>
      )}
      {locate.dialog}
    </section>
  );
}));
