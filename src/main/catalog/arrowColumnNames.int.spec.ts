import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Field, Int32, makeData, RecordBatch, Schema, Struct, Table, tableToIPC, Utf8, vectorFromArray, type Vector } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { addDataset, resultRows } from '../../../test/support/coreDatasets';
import { startTestCore, type TestCore } from '../../../test/support/testCore';
import { useTempDataDir } from '../../../test/support/useTempDataDir';
import { openSessions } from '../../shared/views/appView';
import { arrowColumnNames } from './arrowImport.worker';

/** An Arrow IPC file of two rows whose columns are named `names`. */
function arrowFile(path: string, names: string[], columns: Vector[]): void {
  const schema = new Schema(names.map((n, i) => new Field(n, columns[i]!.type)));
  const batch = new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: 2, nullCount: 0, children: columns.map((c) => c.data[0]!) }));
  writeFileSync(path, tableToIPC(new Table([batch]), 'file'));
}

describe('Arrow column names DuckDB would not take as they are', () => {
  it('given missing, empty and repeated names, then they are named as DuckDB’s readers name them', () => {
    expect(arrowColumnNames(['a', '', null, 'a', 'A', 'a_1'])).toEqual(['a', 'column1', 'column2', 'a_1', 'A_2', 'a_1_1']);
  });

  const dir = useTempDataDir<TestCore>();
  it('given files with an empty and a repeated column name, then both are added and read (real core)', async () => {
    const core = dir.keep(await startTestCore(join(dir.path(), 'data')));
    const empty = join(dir.path(), 'emptyname.arrow');
    const repeated = join(dir.path(), 'dupname.arrow');
    arrowFile(empty, ['a', ''], [vectorFromArray([1, 2], new Int32()), vectorFromArray(['x', 'y'], new Utf8())]);
    arrowFile(repeated, ['a', 'a'], [vectorFromArray([1, 2], new Int32()), vectorFromArray([3, 4], new Int32())]);
    const [e, r] = [await addDataset(core, empty), await addDataset(core, repeated)];
    expect([e.status, e.error?.message]).toEqual(['ready', undefined]);
    expect(e.columns.map((c) => c.name)).toEqual(['a', 'column1']);
    expect(r.columns.map((c) => c.name)).toEqual(['a', 'a_1']);
    const sessionId = openSessions(core.projections.current.view)[0]!.id;
    expect(await resultRows(core, sessionId, `select a, a_1 from ${r.name} order by a`)).toEqual([
      ['1', '3'],
      ['2', '4'],
    ]);
  });
});
