import type { QueryInput } from '../../shared/contracts/fingerprint';
import { isReady } from '../../shared/domain/datasetLifecycle';
import type { AppView, DatasetView } from '../../shared/views/appView';
import type { TableRef } from '../../shared/sql/tableRef';
import { WORKSPACE_DATABASE } from './databaseFile';
import type { ParsedRefs } from './tableRefs';

/**
 * The catalog datasets a parsed script reads, each with its fingerprint in `datasets`; `before`: the
 * fingerprints the re-run query recorded (by dataset), kept beside the new ones. DuckDB folds
 * no case when it looks names up (quoted or not), so names are matched without case.
 */
export function queryInputs(parsed: ParsedRefs, datasets: AppView['datasets'], before?: readonly QueryInput[]): QueryInput[] {
  const ready = Object.values(datasets).filter((d) => isReady(d.status) && d.name);
  const found = new Map<string, DatasetView>();
  for (const ref of parsed.tables) {
    const ds = datasetOf(ref, ready, parsed.ctes);
    if (ds) found.set(ds.id, ds);
  }
  return [...found.values()].map((ds) => {
    const earlier = before?.find((i) => i.datasetId === ds.id)?.fingerprint;
    return { datasetId: ds.id, name: ds.name ?? '', ...(ds.fingerprint ? { fingerprint: ds.fingerprint } : {}), ...(earlier ? { before: earlier } : {}) };
  });
}

function datasetOf(ref: TableRef, ready: readonly DatasetView[], ctes: ReadonlySet<string>): DatasetView | undefined {
  const table = ref.table.toLowerCase();
  const schema = ref.schema.toLowerCase();
  const catalog = ref.catalog.toLowerCase();
  const named = (name: string) => ready.find((d) => d.name?.toLowerCase() === name);
  // A file read through a view in the workspace's main schema.
  const viewed = (name: string) => {
    const ds = named(name);
    return ds && ds.format !== 'duckdb' ? ds : undefined;
  };
  // A database file attached under its name: `db.table` (parsed as schema.table) or `db.main.table`.
  const attached = (name: string) => {
    const ds = named(name);
    return ds?.format === 'duckdb' ? ds : undefined;
  };
  // The workspace named as DuckDB binds it: `workspace.main.t`, or `workspace.t` (no schema has
  // that name, so DuckDB takes it for the database). Without these, such a result never learnt
  // that its input changed.
  if (catalog === WORKSPACE_DATABASE) return schema === 'main' ? viewed(table) : undefined;
  if (catalog) return attached(catalog);
  if (schema === WORKSPACE_DATABASE) return viewed(table);
  if (schema && schema !== 'main') return attached(schema);
  if (!schema && ctes.has(table)) return undefined;
  return viewed(table);
}
