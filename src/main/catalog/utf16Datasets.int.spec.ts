import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDataset, resultRows } from '../../../test/support/coreDatasets';
import { openSession } from '../../../test/support/coreEvents';
import { tempDir } from '../../../test/support/testCore';
import { useRawTable } from '../../../test/support/useRawTable';
import { useTestCore } from '../../../test/support/useTestCore';
import { UTF16_SNIFF_BYTES, utf16Unmarked } from '../../shared/domain/utf16Bytes';
import type { DatasetView } from '../../shared/views/appView';
import { literal } from '../query/sql';

/**
 * UTF-16 text datasets through the real core (docs/query-engine.md, "CSV that DuckDB's defaults
 * misread"): a folder or pattern of UTF-16 files reads as one of them alone does, and UTF-16 without
 * its byte-order mark is told by its bytes. The grid's rows are checked against what was written.
 */
describe('UTF-16 datasets (real core, real DuckDB, real files)', () => {
  const { core } = useTestCore('all');
  const dir = tempDir('sextant-utf16-');
  const raw = useRawTable('CREATE TABLE t AS SELECT 1 AS unused');
  let sessionId: string;
  beforeAll(async () => {
    sessionId = await openSession(core());
  });

  const write = (path: string, bytes: Buffer) => {
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, bytes);
    return path;
  };
  /** UTF-16 little-endian after its byte-order mark, as Excel's "Unicode Text" and Windows tools write it. */
  const marked = (text: string) => Buffer.from(`\ufeff${text}`, 'utf16le');
  const unmarked = (text: string) => Buffer.from(text, 'utf16le');
  const bigEndian = (text: string) => Buffer.from(text, 'utf16le').swap16();
  const rowsOf = (dataset: DatasetView) => resultRows(core(), sessionId, `select * from ${dataset.name} order by name`);

  it('given a folder of UTF-16 CSV files with CRLF line ends, then it is added and reads every file’s rows', async () => {
    const folder = join(dir.path, 'crlf');
    write(join(folder, 'a.csv'), marked('name,n\r\nJosé,1\r\nZoë,2\r\n'));
    write(join(folder, 'b.csv'), marked('name,n\r\nÅsa,3\r\n'));
    const dataset = await addDataset(core(), folder);
    expect(dataset.error).toBeUndefined();
    expect(dataset.status).toBe('ready');
    expect(dataset.reading).toEqual({ encoding: 'utf-16' });
    expect(dataset.columns.map((c) => c.name)).toEqual(['name', 'n']);
    expect(await rowsOf(dataset)).toEqual([['José', '1'], ['Zoë', '2'], ['Åsa', '3']]);
  });

  it('given a pattern of UTF-16 files with LF line ends, then they are read as UTF-16, not misread as Latin-1', async () => {
    const folder = join(dir.path, 'lf');
    write(join(folder, 'a.csv'), marked('name,n\nJosé,1\n'));
    write(join(folder, 'b.csv'), marked('name,n\nZoë,2\n'));
    const dataset = await addDataset(core(), join(folder, '*.csv'));
    expect(dataset.status).toBe('ready');
    expect(dataset.reading).toEqual({ encoding: 'utf-16' });
    expect(await rowsOf(dataset)).toEqual([['José', '1'], ['Zoë', '2']]);
  });

  it('given a folder of UTF-16 TSV files, then it is read as UTF-16 with tabs', async () => {
    const folder = join(dir.path, 'tsv');
    write(join(folder, 'a.tsv'), marked('name\tcity\r\nJosé\tMünchen\r\n'));
    write(join(folder, 'b.tsv'), marked('name\tcity\r\nZoë\tZürich\r\n'));
    const dataset = await addDataset(core(), folder);
    expect(dataset.status).toBe('ready');
    expect(await rowsOf(dataset)).toEqual([['José', 'München'], ['Zoë', 'Zürich']]);
  });

  it('given a folder of UTF-16 and UTF-8 files, which DuckDB reads in one encoding, then it is refused in words naming one of each (the folder named by its files’ paths)', async () => {
    const folder = join(dir.path, 'mixed');
    write(join(folder, 'a.csv'), marked('name,n\r\nJosé,1\r\n'));
    write(join(folder, 'b.csv'), Buffer.from('name,n\r\nZoë,2\r\n'));
    const dataset = await addDataset(core(), folder);
    expect(dataset.status).toBe('failed');
    expect(dataset.error).toMatchObject({ code: 'DATASET_UNSUPPORTED' });
    expect(dataset.error?.message).toBe(
      `The files are in different encodings: ${join(folder, 'a.csv')} is UTF-16, ${join(folder, 'b.csv')} is not, and Sextant reads all of a folder’s or pattern’s files in one encoding. Save them all as UTF-8 (or all as UTF-16) and add it again.`,
    );
    expect(dataset.error?.id).toMatch(/\S/);
    const pattern = join(folder, '*.csv');
    const matched = await addDataset(core(), pattern);
    expect(matched.error?.message).toBe(`${pattern}: ${dataset.error?.message}`);
  });

  it('given a folder with a UTF-16 big-endian file, then it is refused as one file of it is', async () => {
    const folder = join(dir.path, 'big');
    write(join(folder, 'a.csv'), marked('name,n\r\nJosé,1\r\n'));
    write(join(folder, 'b.csv'), Buffer.concat([Buffer.from([0xfe, 0xff]), bigEndian('name,n\r\nZoë,2\r\n')]));
    const dataset = await addDataset(core(), folder);
    expect(dataset.status).toBe('failed');
    expect(dataset.error).toMatchObject({ code: 'DATASET_UNSUPPORTED' });
    expect(dataset.error?.message).toBe(
      `${join(folder, 'b.csv')} is UTF-16 big-endian, which DuckDB cannot read (it reads UTF-16 little-endian only). Save it as UTF-8, or as UTF-16 little-endian, and add it again.`,
    );
  });

  it('given UTF-16 little-endian without a byte-order mark (.csv with LF or CRLF, .txt), then each is read as UTF-16 and the catalog says so', async () => {
    for (const [name, text] of [
      ['plain16.csv', 'name,n\nJosé,1\nZoë,2\n'],
      ['crlf16.csv', 'name,n\r\nJosé,1\r\nZoë,2\r\n'],
      ['Unicode Text.txt', 'name\tn\r\nJosé\t1\r\nZoë\t2\r\n'],
    ] as const) {
      const dataset = await addDataset(core(), write(join(dir.path, 'unmarked', name), unmarked(text)));
      expect(dataset.error, name).toBeUndefined();
      expect(dataset.format, name).toBe('csv');
      expect(dataset.reading, name).toEqual({ encoding: 'utf-16' });
      expect(dataset.columns.map((c) => c.name), name).toEqual(['name', 'n']);
      expect(await rowsOf(dataset), name).toEqual([['José', '1'], ['Zoë', '2']]);
    }
  });

  it('given ASCII in UTF-16 without a mark, which DuckDB’s defaults read without error as text full of NULs, then it is read as UTF-16', async () => {
    const path = write(join(dir.path, 'unmarked', 'ascii.csv'), unmarked('name,n\nAnna,1\nBo,2\n'));
    const misread = await raw.raw().runAndReadAll(`SELECT * FROM read_csv(${literal(path)})`);
    expect(misread.columnNames()).toEqual(['n']); // DuckDB stops the header's name at its first NUL
    expect(misread.getRowsJS()[0]).toEqual(['\0A\0n\0n\0a\0,\u00001\0']);
    const dataset = await addDataset(core(), path);
    expect(dataset.reading).toEqual({ encoding: 'utf-16' });
    expect(dataset.columns.map((c) => c.name)).toEqual(['name', 'n']);
    expect(await rowsOf(dataset)).toEqual([['Anna', '1'], ['Bo', '2']]);
  });

  it('given Cyrillic in UTF-16 without a mark, less than a quarter of it ASCII, which DuckDB’s defaults fail to sniff, then it is read as UTF-16', async () => {
    // ~12 % of its units are ASCII (commas, line ends, spaces): fewer than a CSV of Latin letters holds
    const rows = [['Иван Петрович Сидоров', 'Москва'], ['Анна Сергеевна Смирнова', 'Санкт-Петербург'], ['Ёлка Жукова', 'Екатеринбург']];
    const path = write(join(dir.path, 'unmarked', 'cyrillic.csv'), unmarked(`имя,город\r\n${rows.map((r) => `${r.join(',')}\r\n`).join('')}`));
    const dataset = await addDataset(core(), path);
    expect(dataset.error).toBeUndefined();
    expect(dataset.reading).toEqual({ encoding: 'utf-16' });
    expect(dataset.columns.map((c) => c.name)).toEqual(['имя', 'город']);
    expect(await resultRows(core(), sessionId, `select * from ${dataset.name} order by "имя"`)).toEqual([...rows].sort(([a], [b]) => (a! < b! ? -1 : 1)));
  });

  it('given a binary file’s first bytes (Parquet, Arrow, PNG), whatever it is named, then they are not taken for UTF-16', () => {
    const data = join(__dirname, '../../../node_modules/vega-datasets/data');
    for (const file of ['flights-3m.parquet', 'flights-200k.arrow', '7zip.png', 'ffox.png', 'gimp.png']) {
      expect(utf16Unmarked(readFileSync(join(data, file)).subarray(0, UTF16_SNIFF_BYTES)), file).toBeUndefined();
    }
  });

  it('given UTF-16 big-endian without a mark, then it is refused in words, as with its mark', async () => {
    const path = write(join(dir.path, 'unmarked', 'big.csv'), bigEndian('name,n\r\nJosé,1\r\n'));
    const dataset = await addDataset(core(), path);
    expect(dataset.status).toBe('failed');
    expect(dataset.error).toMatchObject({ code: 'DATASET_UNSUPPORTED' });
    expect(dataset.error?.message).toBe(`${path}: This file is UTF-16 big-endian, which DuckDB cannot read (it reads UTF-16 little-endian only). Save it as UTF-8, or as UTF-16 little-endian, and add it again.`);
  });

  it('given a folder of UTF-16 files without marks, then it is read as UTF-16', async () => {
    const folder = join(dir.path, 'unmarkedFolder');
    write(join(folder, 'a.csv'), unmarked('name,n\r\nJosé,1\r\n'));
    write(join(folder, 'b.csv'), unmarked('name,n\r\nZoë,2\r\n'));
    const dataset = await addDataset(core(), folder);
    expect(dataset.reading).toEqual({ encoding: 'utf-16' });
    expect(await rowsOf(dataset)).toEqual([['José', '1'], ['Zoë', '2']]);
  });
});
