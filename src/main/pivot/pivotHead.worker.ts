import type { DuckDBConnection } from '@duckdb/node-api';
import { boundPivotSql, hasEmptyCells, pivotColumnNames, pivotHeadSql, readPivotHead, readsRows } from '../../shared/pivot/pivotBound';
import { readPivotKeys } from '../../shared/pivot/pivotSql';
import type { PivotKeys } from '../../shared/pivot/pivotSpec';
import type { ReplyOf, WorkerRequest } from '../query/workerProtocol';

type PivotHeadRequest = Extract<WorkerRequest, { type: 'pivotHead' }>;

/**
 * A new pivot's first steps in one request (on the connection that holds its temp table): the
 * partial groups into their temp table, the column keys counted from them, then (when asked) the
 * first page with those keys bound, so the first page waits for no trip back to main between them.
 */
export async function runPivotHead(conn: DuckDBConnection, request: PivotHeadRequest): Promise<ReplyOf['pivotHead']> {
  const { spec, source, head } = request;
  // the rows are read through the filters, whose values are bound: by the partial groups, or by the keys without them
  const filterParams = source.params.length > 0 ? [...source.params] : undefined;
  if (request.partialSql !== undefined) await conn.run(request.partialSql, filterParams);
  const keysParams = readsRows(source) ? filterParams : undefined;
  const keys: PivotKeys = request.keysSql === undefined ? { keys: [], distinct: 0 } : readPivotKeys(spec, (await conn.runAndReadAll(request.keysSql, keysParams)).getRowObjectsJS());
  if (head === undefined) return { keys, head: undefined };
  const names = pivotColumnNames(spec, keys);
  const { sql, params } = boundPivotSql(spec, source, keys, head);
  // with column fields, which of each row's keys have rows: a cell of none is drawn empty
  const present = hasEmptyCells(spec);
  const rows = (await conn.runAndReadAll(pivotHeadSql(names, sql, present), params)).getRowObjectsJS();
  return { keys, head: readPivotHead(names, rows, present ? keys : undefined) };
}
