import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDataset, resultRows } from '../../../test/support/coreDatasets';
import { openSession } from '../../../test/support/coreEvents';
import { startTestCore, tempDir, type TestCore } from '../../../test/support/testCore';
import { copyPath, removeCopies } from './datasetCopies';
import { followSource, windows1252Copy } from './windows1252Copy';

/** A Windows-1252 CSV read through its UTF-8 copy (windows1252Copy.ts), on real files and a real core. */
describe('a Windows-1252 CSV read through a UTF-8 copy (real files, real core)', () => {
  const dir = tempDir('sextant-cp1252-');
  const data = join(dir.path, 'data');
  let core: TestCore;
  let sessionId: string;
  const file = (name: string, content: Buffer) => {
    const path = join(dir.path, name);
    writeFileSync(path, content);
    return path;
  };
  const cp1252 = (s: string) => Buffer.from(s.replace(/€/g, '\x80').replace(/“/g, '\x93').replace(/”/g, '\x94'), 'latin1');
  /** 200,000 rows: "€5", "“quoted”", "naïve" on row 3 and row 200,000 (the file's lines 4 and 200,001), ASCII between. */
  const rows = (price: string) => {
    const special = (id: number) => `${id},${price},“quoted”,naïve\n`;
    const plain = Array.from({ length: 199_996 }, (_, i) => `${i + 4},5,plain,text\n`).join('');
    return cp1252(`id,price,quote,word\n1,5,a,b\n2,5,a,b\n${special(3)}${plain}${special(200_000)}`);
  };
  const EXPECTED = (price: string) => [
    ['3', price, '“quoted”', 'naïve'],
    ['200000', price, '“quoted”', 'naïve'],
  ];

  beforeAll(async () => {
    core = await startTestCore(data);
    sessionId = await openSession(core);
  }, 60_000);
  afterAll(async () => {
    await core.close();
    dir.remove();
  });

  it('given "€5", "“quoted”", "naïve" in Windows-1252 on rows 3 and 200,000, then the dataset registers and reads them as UTF-8 from its copy', async () => {
    const path = file('sales.csv', rows('€5'));
    const dataset = await addDataset(core, path);
    expect(dataset.status).toBe('ready');
    expect(dataset.location).toBe(copyPath(data, dataset.id, 'csv'));
    expect(existsSync(copyPath(data, dataset.id, 'csv'))).toBe(true);
    expect(await resultRows(core, sessionId, `select id::VARCHAR, price, quote, word from ${dataset.name} where word <> 'text' and id > 2 order by id`)).toEqual(EXPECTED('€5'));
    expect(await resultRows(core, sessionId, `select count(*)::VARCHAR from ${dataset.name}`)).toEqual([['200000']]);
  }, 60_000);

  it('given a Windows-1252 TSV, then it is copied as a TSV', async () => {
    const dataset = await addDataset(core, file('sales.tsv', cp1252('a\tb\n€5\t“q”\n')));
    expect(dataset.location).toBe(copyPath(data, dataset.id, 'tsv'));
    expect(await resultRows(core, sessionId, `select * from ${dataset.name}`)).toEqual([['€5', '“q”']]);
  });

  it('given a file that is UTF-8, Latin-1 or binary, then no copy: it is read as before', async () => {
    expect(await windows1252Copy(core.queryWorker, data, 'u', file('u.csv', Buffer.from('a\n€5\n')), 'csv')).toBeUndefined();
    expect(await windows1252Copy(core.queryWorker, data, 'l', file('l.csv', Buffer.from('a\nna\xefve\n', 'latin1')), 'csv')).toBeUndefined();
    expect(await windows1252Copy(core.queryWorker, data, 'b', file('b.csv', Buffer.from('a\n\x80\x00\n', 'latin1')), 'csv')).toBeUndefined();
    for (const id of ['u', 'l', 'b']) expect(existsSync(copyPath(data, id, 'csv'))).toBe(false);
  });

  it('given its source rewritten, then the copy follows it: converted again, or none needed once the source is UTF-8', async () => {
    const path = file('follow.csv', rows('€5'));
    const target = await windows1252Copy(core.queryWorker, data, 'f', path, 'csv');
    expect(target).toBe(copyPath(data, 'f', 'csv'));
    const before = statSync(target!).mtimeMs;
    writeFileSync(path, rows('€7'));
    expect(await followSource(core.queryWorker, data, 'f', path, 'csv', true)).toBe(target);
    const text = readFileSync(target!, 'utf8');
    expect(statSync(target!).mtimeMs).toBeGreaterThanOrEqual(before);
    expect(text.split('\n')[3]).toBe('3,€7,“quoted”,naïve');
    expect(text.split('\n')[200_000]).toBe('200000,€7,“quoted”,naïve');
    writeFileSync(path, 'a\n€9\n');
    expect(await followSource(core.queryWorker, data, 'f', path, 'csv', true)).toBeUndefined();
    expect(readFileSync(target!, 'utf8').split('\n')[3]).toBe('3,€7,“quoted”,naïve'); // the catalog deletes it once the view reads the source
  }, 60_000);

  it('given a dataset removed, then its copy is deleted (and nothing fails without one)', async () => {
    const target = await windows1252Copy(core.queryWorker, data, 'r', file('remove.csv', cp1252('a\n€5\n')), 'csv');
    expect(existsSync(target!)).toBe(true);
    await removeCopies(data, 'r');
    expect(existsSync(target!)).toBe(false);
    await removeCopies(data, 'r');
  });
});
