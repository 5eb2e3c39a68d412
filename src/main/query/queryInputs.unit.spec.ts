import { describe, expect, it } from 'vitest';
import type { DatasetFingerprint } from '../../shared/contracts/fingerprint';
import type { AppView, DatasetView } from '../../shared/views/appView';
import { queryInputs } from './queryInputs';
import { tableRefs } from './tableRefs';

/** A base table as DuckDB's json_serialize_sql writes it. */
const base = (table_name: string, schema_name = '', catalog_name = '') => ({ type: 'BASE_TABLE', alias: '', table_name, schema_name, catalog_name, column_name_alias: [] });
const select = (from_table: unknown, ctes: Record<string, unknown> = {}) => ({
  type: 'SELECT_NODE',
  cte_map: { map: Object.entries(ctes).map(([key, node]) => ({ key, value: { query: { node } } })) },
  from_table,
  where_clause: null,
});
const serialized = (...nodes: unknown[]) => JSON.stringify({ error: false, statements: nodes.map((node) => ({ node })) });

const fp = (n: number): DatasetFingerprint => ({ bytes: n, modifiedMs: n, sha256: String(n).repeat(64).slice(0, 64), duckdbVersion: 'v1.5.6' });
const ds = (id: string, name: string, format: DatasetView['format'], n: number): DatasetView => ({ id, name, source: `/d/${name}`, requestedSeq: n, status: 'ready', format, columns: [], fingerprint: fp(n) });
const datasets: AppView['datasets'] = {
  w: ds('w', 'weather', 'csv', 1),
  f: ds('f', 'flights', 'parquet', 2),
  db: ds('db', 'shop', 'duckdb', 3),
  l: { id: 'l', source: '/d/late.csv', requestedSeq: 4, status: 'loading', columns: [] },
};

describe('tables a script reads, from DuckDB’s parse tree', () => {
  it('finds both sides of a join, matched to datasets without case, each once', () => {
    const tree = select({ type: 'JOIN', left: base('Weather'), right: { type: 'JOIN', left: base('flights', 'main'), right: base('weather') } });
    expect(queryInputs(tableRefs(serialized(tree))!, datasets).map((i) => i.name)).toEqual(['weather', 'flights']);
  });

  it('a CTE that shadows a dataset is not that dataset; what the CTE reads is', () => {
    const tree = select(base('flights'), { flights: select(base('weather')) });
    expect(queryInputs(tableRefs(serialized(tree))!, datasets)).toEqual([{ datasetId: 'w', name: 'weather', fingerprint: fp(1) }]);
  });

  it('a table of an attached database file counts as that dataset; a table that is no dataset counts for nothing', () => {
    const tree = select({ type: 'JOIN', left: base('orders', 'shop'), right: { type: 'JOIN', left: base('items', 'main', 'shop'), right: base('scratch') } });
    expect(queryInputs(tableRefs(serialized(tree))!, datasets).map((i) => i.datasetId)).toEqual(['db']);
    // `weather` qualified by another schema is not the dataset view in main.
    expect(queryInputs(tableRefs(serialized(select(base('weather', 'other'))))!, datasets)).toEqual([]);
  });

  it('a dataset named through the workspace database counts, as DuckDB binds it: any case, quoted or not', () => {
    // `workspace.main.cars`, `workspace.cars` (no schema `workspace`, so DuckDB takes it for the database), `"WorkSpace"."MAIN"."Weather"`.
    for (const tree of [select(base('weather', 'main', 'workspace')), select(base('weather', 'workspace')), select(base('Weather', 'MAIN', 'WorkSpace')), select(base('WEATHER', 'WORKSPACE'))]) {
      expect(queryInputs(tableRefs(serialized(tree))!, datasets).map((i) => i.datasetId)).toEqual(['w']);
    }
    // Another schema of the workspace is not main, where the dataset views are; a CTE never answers a qualified name.
    expect(queryInputs(tableRefs(serialized(select(base('weather', 'other', 'workspace'))))!, datasets)).toEqual([]);
    expect(queryInputs(tableRefs(serialized(select(base('weather', 'workspace'), { weather: select(base('flights')) })))!, datasets).map((i) => i.datasetId).sort()).toEqual(['f', 'w']);
    // A database file's dataset is attached beside the workspace, not inside it.
    expect(queryInputs(tableRefs(serialized(select(base('shop', 'main', 'workspace'))))!, datasets)).toEqual([]);
  });

  it('a re-run keeps the fingerprint its original recorded as `before`', () => {
    const before = [{ datasetId: 'w', name: 'weather', fingerprint: fp(9) }];
    expect(queryInputs(tableRefs(serialized(select(base('weather'))))!, datasets, before)).toEqual([{ datasetId: 'w', name: 'weather', fingerprint: fp(1), before: fp(9) }]);
  });

  it('a script DuckDB could not serialize (not a SELECT), or no JSON at all, has unknown inputs', () => {
    expect(tableRefs(JSON.stringify({ error: true, error_message: 'Only SELECT statements can be serialized to json!' }))).toBeUndefined();
    expect(tableRefs('not json')).toBeUndefined();
  });
});
