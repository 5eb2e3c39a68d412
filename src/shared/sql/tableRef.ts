/**
 * A table a statement names, as DuckDB's parser reads it (a `BASE_TABLE` of `json_serialize_sql`:
 * `catalog.schema.table`, parts not written left empty). What Run's inputs (main/query/tableRefs.ts)
 * and the instant preview's check (previewTree.worker.ts) both read from DuckDB's parse tree.
 */
export interface TableRef {
  readonly catalog: string;
  readonly schema: string;
  readonly table: string;
}
