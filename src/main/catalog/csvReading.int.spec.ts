import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDataset, resultRows } from '../../../test/support/coreDatasets';
import { openSession } from '../../../test/support/coreEvents';
import { useRawTable } from '../../../test/support/useRawTable';
import { startTestCore, tempDir, type TestCore } from '../../../test/support/testCore';
import { literal } from '../query/sql';

/**
 * CSV files DuckDB's defaults misread (shared/domain/csvReading.ts): not UTF-8, or ragged. The app
 * reads each as raw DuckDB does with the options a person would have had to find, and says which.
 */
describe('CSV that DuckDB’s defaults misread (real core, real DuckDB, real files)', () => {
  const dir = tempDir('sextant-csv-reading-');
  const raw = useRawTable('CREATE TABLE t AS SELECT 1 AS unused');
  let core: TestCore;
  let sessionId: string;
  const file = (name: string, content: string | Buffer) => {
    const path = join(dir.path, name);
    writeFileSync(path, content);
    return path;
  };

  beforeAll(async () => {
    core = await startTestCore(join(dir.path, 'data'));
    sessionId = await openSession(core);
  }, 60_000);
  afterAll(async () => {
    await core.close();
    dir.remove();
  });

  /** Every row through the app, against raw DuckDB reading the file with `options`, both as text. */
  async function sameAsRaw(path: string, options: string) {
    const dataset = await addDataset(core, path);
    expect(dataset.status).toBe('ready');
    const app = await resultRows(core, sessionId, `select * from ${dataset.name}`);
    const expected = (await raw.raw().runAndReadAll(`SELECT COLUMNS(*)::VARCHAR FROM read_csv(${literal(path)}${options})`)).getRowsJS();
    expect(app).toEqual(expected.map((r) => r.map((v) => (v === null ? null : String(v)))));
    return { dataset, app };
  }

  it('given a Latin-1 CSV, then it is read as Latin-1 and the catalog says so', async () => {
    const { dataset, app } = await sameAsRaw(file('ete.csv', Buffer.from('name,city\nJosé,München\nAna,Zürich\n', 'latin1')), ", encoding = 'latin-1'");
    expect(app).toEqual([['José', 'München'], ['Ana', 'Zürich']]);
    expect(dataset.reading).toEqual({ encoding: 'latin-1' });
  });

  it('given a UTF-16 CSV with its byte-order mark, then it is read as UTF-16', async () => {
    const { dataset, app } = await sameAsRaw(file('wide.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('name,n\nJosé,1\n', 'utf16le')])), ", encoding = 'utf-16'");
    expect(app).toEqual([['José', '1']]);
    expect(dataset.reading).toEqual({ encoding: 'utf-16' });
  });

  it('given a ragged CSV, which DuckDB reads as one column "a,b,c", then its rows are padded', async () => {
    const { dataset, app } = await sameAsRaw(file('ragged.csv', 'a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n'), ", delim = ',', null_padding = true");
    expect(app).toEqual([['1', '2', '3', null], ['4', '5', null, null], ['6', '7', '8', '9'], ['10', '11', '12', null]]);
    expect(dataset.columns.map((c) => c.name)).toEqual(['a', 'b', 'c', 'column3']);
    expect(dataset.reading).toEqual({ ragged: true });
  });

  it('given a ragged TSV, whose header and first rows DuckDB skips, then every row is kept', async () => {
    const { app } = await sameAsRaw(file('ragged.tsv', 'a\tb\tc\n1\t2\t3\n4\t5\n6\t7\t8\t9\n'), ", delim = '\\t', null_padding = true");
    expect(app).toHaveLength(3);
  });

  it('given a CSV DuckDB reads as it is, or one with a title line before its header, then it is read as DuckDB reads it', async () => {
    const plain = await sameAsRaw(file('plain.csv', 'a,b\n1,x\n2,y\n'), '');
    expect(plain.dataset.reading).toBeUndefined();
    const titled = await sameAsRaw(file('titled.csv', 'Sales report 2024\n\na,b\n1,x\n2,y\n'), '');
    expect(titled.dataset.reading).toBeUndefined();
  });
});
