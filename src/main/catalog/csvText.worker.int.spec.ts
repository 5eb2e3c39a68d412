import { statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portableChecks, TextScanner } from '../../shared/domain/csvText';
import { tempDir } from '../../../test/support/testCore';
import { lineAt, nodeChecks, scanOf, verdictOf } from './csvText.worker';
import { fingerprintSource } from './fingerprint.worker';

/** The whole-file check of a CSV's bytes, on real files: in the fingerprint's hash pass, or on its own. */
describe('a CSV’s bytes read whole (real files, real DuckDB)', () => {
  const dir = tempDir('sextant-csv-text-');
  let instance: DuckDBInstance;
  let admin: DuckDBConnection;
  const file = (name: string, content: string | Buffer) => {
    const path = join(dir.path, name);
    writeFileSync(path, content);
    return path;
  };

  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
    admin = await instance.connect();
  });
  afterAll(() => {
    admin.closeSync();
    instance.closeSync();
    dir.remove();
  });

  it('given a file fingerprinted, then its scan comes from the hash pass: registering right after reads nothing again', async () => {
    const rows = 'id,name\n' + Array.from({ length: 50_000 }, (_, i) => `${i},n${i}\n`).join('');
    const path = file('late.csv', Buffer.concat([Buffer.from(rows), Buffer.from('50000,Jos\xe9\n', 'latin1')]));
    await fingerprintSource(admin, { path, parquet: false, content: true });
    // the same size and time but UTF-8 bytes now: an answer that is still Latin-1's came from the hash pass
    const { mtimeMs } = statSync(path);
    writeFileSync(path, Buffer.concat([Buffer.from(rows), Buffer.from('50000,Jose\n', 'latin1')]));
    utimesSync(path, mtimeMs / 1000, mtimeMs / 1000);
    expect(await scanOf(path)).toMatchObject({ notUtf8At: Buffer.byteLength(rows) + 9, utf8Before: false });
  });

  it('given a Windows-1252 file fingerprinted, then main’s question (verdictOf) is answered from the hash pass, reading nothing', async () => {
    const rows = 'id,price\n' + Array.from({ length: 50_000 }, (_, i) => `${i},5\n`).join('');
    const path = file('prices.csv', Buffer.concat([Buffer.from(rows), Buffer.from('50000,\x805\n', 'latin1')]));
    await fingerprintSource(admin, { path, parquet: false, content: true });
    // UTF-8 bytes now, at the same size and time: a Windows-1252 answer came from the hash pass
    const { mtimeMs } = statSync(path);
    writeFileSync(path, Buffer.concat([Buffer.from(rows), Buffer.from('50000,E5\n')]));
    utimesSync(path, mtimeMs / 1000, mtimeMs / 1000);
    expect(await verdictOf(path)).toEqual({ kind: 'windows-1252', bytes: [0x80], at: Buffer.byteLength(rows) + 6 });
    writeFileSync(path, 'a\n€5\n'); // changed: scanned now
    expect(await verdictOf(path)).toEqual({ kind: 'utf-8' });
    expect(await verdictOf(file('p.csv.gz', Buffer.from('\x1f\x8b\x80', 'latin1')))).toEqual({ kind: 'unknown' });
  });

  it('given a file never fingerprinted, or changed since, then it is scanned itself', async () => {
    const path = file('fresh.csv', Buffer.from('a\n\xe9\n\x92\n', 'latin1'));
    expect(await scanOf(path)).toEqual({ notUtf8At: 2, utf8Before: false, binary: false, c1: [0x92], c1At: 4 });
    writeFileSync(path, 'a,b\nJosé,1\n'); // another size
    expect(await scanOf(path)).toEqual({ utf8Before: true, binary: false, c1: [] });
  });

  it('given a Parquet file, then the hash pass scans nothing (its bytes are no text)', async () => {
    const path = join(dir.path, 't.parquet');
    await admin.run(`COPY (SELECT 'é' AS s) TO '${path}' (FORMAT parquet)`);
    await fingerprintSource(admin, { path, parquet: true, content: true });
    // text of the same size and time now: a scan left by the hash pass would say the Parquet bytes are not UTF-8
    const { mtimeMs, size } = statSync(path);
    writeFileSync(path, 'x'.repeat(size));
    utimesSync(path, mtimeMs / 1000, mtimeMs / 1000);
    expect((await scanOf(path)).notUtf8At).toBeUndefined();
  });

  it('given node:buffer’s native checks, then they answer as the portable ones, chunk by chunk', () => {
    const data = Buffer.concat([Buffer.from('ab\nJosé\n'.repeat(100)), Buffer.from('\xe9\x80x\x9f\x80\n'.repeat(100), 'latin1')]);
    for (const size of [1, 3, 1000]) {
      const fast = new TextScanner(nodeChecks);
      const portable = new TextScanner(portableChecks);
      for (let i = 0; i < data.length; i += size) {
        fast.feed(data.subarray(i, i + size));
        portable.feed(data.subarray(i, i + size));
      }
      expect(fast.result()).toEqual(portable.result());
    }
    const latin = Buffer.from('ab\n\xe9\n\x9f\x80', 'latin1'); // not \xe9\x9f\x80: that is UTF-8's 韀
    expect(new TextScanner(nodeChecks).result()).toEqual({ utf8Before: false, binary: false, c1: [] });
    const scanner = new TextScanner(nodeChecks);
    scanner.feed(latin);
    expect(scanner.result().c1).toEqual([0x9f, 0x80]);
  });

  it('given an offset, then its line and byte, as a person counts lines', async () => {
    const path = file('lines.csv', Buffer.from('a\nbb\n\ncc\xe9\n', 'latin1'));
    expect(await lineAt(path, 0)).toEqual({ line: 1, byte: 0x61 });
    expect(await lineAt(path, 1)).toEqual({ line: 1, byte: 0x0a });
    expect(await lineAt(path, 8)).toEqual({ line: 4, byte: 0xe9 });
  });
});
