/** What a registration records and avoids, apart from the catalog service that registers (catalogService.ts). */
import type { DatasetFingerprint } from '../../shared/contracts/fingerprint';
import type { DatasetFormat, DatasetRegistered, DatasetTable } from '../../shared/contracts/events';
import { toAppError } from '../../shared/contracts/errors';
import type { AppView, DatasetView } from '../../shared/views/appView';
import { newErrorId } from '../platform/ids';
import type { QueryWorker } from '../query/queryWorker';
import type { Registered, RegisterSpec } from '../query/workerProtocol';
import type { LocateDeps } from './locateAndFingerprint';
import { locateSettled } from './locateAndFingerprint';
import type { Located } from './sourceLocator';
import { workspaceNames } from './workspaceNames';
import { isReady } from '../../shared/domain/datasetLifecycle';

/**
 * Names DuckDB keeps for itself, which an attached database cannot take (`workspace` is Sextant's
 * own DuckDB file, `sextant` and `sextant_history_store` the history: docs/share.md).
 */
export const RESERVED = ['main', 'temp', 'system', 'memory', 'sextant', 'sextant_history_store', 'workspace', 'information_schema', 'pg_catalog'];

/** A database file's table as an event holds it: its own copy, its schema only outside main, a view marked, and why one cannot be read. */
export const copyTable = (t: DatasetTable): DatasetTable => ({
  name: t.name,
  ...(t.schema === undefined ? {} : { schema: t.schema }),
  columns: [...t.columns],
  ...(t.kind === undefined ? {} : { kind: t.kind }),
  ...(t.unreadable === undefined ? {} : { unreadable: t.unreadable }),
});

/** The names a new dataset may not take: the catalog's, what a person made in the workspace (workspaceNames.ts), and for a database file DuckDB's own. */
export async function namesTaken(view: AppView, queryWorker: QueryWorker, format: DatasetFormat): Promise<Set<string>> {
  const taken = new Set(Object.values(view.datasets).flatMap((d) => (d.name ? [d.name] : [])));
  for (const n of await workspaceNames(queryWorker)) taken.add(n);
  if (format === 'duckdb') for (const r of RESERVED) taken.add(r);
  return taken;
}

/** What DatasetRegistered records of a source DuckDB registered. */
export function registeredPayload(name: string, source: string, located: Located, registered: Registered, fingerprint: DatasetFingerprint | undefined): DatasetRegistered {
  return {
    name,
    source,
    format: located.format,
    columns: [...registered.columns],
    ...(located.location !== source ? { location: located.location } : {}),
    ...(registered.tables ? { tables: registered.tables.map(copyTable) } : {}),
    ...(registered.reading || located.reading ? { reading: { ...registered.reading, ...located.reading } } : {}),
    ...(located.download ? { download: located.download } : {}),
    ...(fingerprint ? { fingerprint } : {}),
  };
}

/**
 * An Arrow or DuckDB file whose content changed (the input watcher's ask): queries read the Parquet
 * copy made, or the database attached, when it was added, so the file's new content was marked
 * "changed" while queries answered from the old. The copy is made again, the database attached
 * again. True when it now reads the file as it is.
 */
/** The name a changed database file is attached under on trial (the underscores keep it off any dataset name). */
const PROBE_ALIAS = '__sextant_changed_file';

export async function followContent(deps: LocateDeps, ds: DatasetView | undefined, spec: RegisterSpec | undefined): Promise<boolean> {
  if (!isReady(ds?.status) || !spec || (ds.format !== 'arrow' && ds.format !== 'duckdb')) return false;
  try {
    if (ds.format === 'arrow') await locateSettled(deps, ds.id, ds.source, ds.format);
    else {
      // Attached on trial first: a file cut short or mid-copy must not leave the dataset detached while the catalog says ready.
      const trial: RegisterSpec = { ...spec, name: PROBE_ALIAS };
      await deps.queryWorker.request({ type: 'register', spec: trial });
      await deps.queryWorker.request({ type: 'unregister', spec: trial });
      await deps.queryWorker.request({ type: 'unregister', spec });
    }
    await deps.queryWorker.request({ type: 'register', spec });
    return true;
  } catch (e) {
    const error = toAppError(e, newErrorId());
    deps.log.warn({ errorId: error.id, dataset: ds.name }, `changed dataset not read anew: ${error.message}`);
    return false;
  }
}
