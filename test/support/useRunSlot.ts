import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, beforeEach } from 'vitest';
import { openRunSlot, type RunSlot } from '../../src/main/query/resultWriter.worker';
import { RESULTS_SCHEMA } from '../../src/main/query/sql';

/**
 * An in-memory DuckDB and a query's slot on it, as the worker opens one (`openRunSlot`), with the
 * results schema made: fresh for each test, closed after it. For specs of `runIntoTable` itself.
 */
export function useRunSlot(): { readonly instance: () => DuckDBInstance; readonly slot: () => RunSlot } {
  let instance: DuckDBInstance | undefined;
  let slot: RunSlot | undefined;
  beforeEach(async () => {
    instance = await DuckDBInstance.create(':memory:');
    slot = await openRunSlot(instance);
    await slot.writer.run(`CREATE SCHEMA ${RESULTS_SCHEMA}`);
  });
  afterEach(() => {
    slot?.query.closeSync();
    slot?.writer.closeSync();
    instance?.closeSync();
  });
  return {
    instance: () => instance ?? outsideTest(),
    slot: () => slot ?? outsideTest(),
  };
}

function outsideTest(): never {
  throw new Error('useRunSlot: only inside a test');
}
