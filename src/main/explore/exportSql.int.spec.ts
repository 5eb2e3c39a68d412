import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Column } from '../../shared/contracts/events';
import { exportFormats, type ExportFormat } from '../../shared/explore/exportFormat';
import { literal } from '../query/sql';
import { tempDir } from '../../../test/support/testCore';
import { exportSql } from './exportSql';

/** A kept result's shape: columns c0, c1, … in a table, their names and types beside it. */
const COLUMNS: ReadonlyArray<Column & { readonly values: readonly string[] }> = [
  { name: 'id', type: 'INTEGER', values: ['3', '1', '2', 'NULL'] },
  { name: 'big "int"', type: 'BIGINT', values: ['9007199254740993', '-9223372036854775808', '9223372036854775807', 'NULL'] },
  { name: 'huge, 🦆', type: 'HUGEINT', values: ['170141183460469231731687303715884105727', '-1', '0', 'NULL'] },
  { name: 'dec', type: 'DECIMAL(38,10)', values: ['1234567890123456789012345678.0123456789', '-0.0000000001', '0', 'NULL'] },
  { name: 'small dec', type: 'DECIMAL(5,2)', values: ['0.10', '-999.99', '1.00', 'NULL'] },
  { name: 'dbl', type: 'DOUBLE', values: ['0.1', '-1.5e300', '2.5e-300', 'NULL'] },
  { name: 'day', type: 'DATE', values: ["'1601-01-01'", "'9999-12-31'", "'2024-02-29'", 'NULL'] },
  { name: 'ts', type: 'TIMESTAMP', values: ["'2262-04-11 23:47:16.854775'", "'1970-01-01 00:00:00'", "'2024-05-06 07:08:09.000001'", 'NULL'] },
  { name: 'tstz', type: 'TIMESTAMP WITH TIME ZONE', values: ["'2024-01-01 12:34:56.5+02'", "'2000-01-01 00:00:00+00'", "'1999-12-31 23:59:59.999999-05'", 'NULL'] },
  { name: 'flag', type: 'BOOLEAN', values: ['true', 'false', 'true', 'NULL'] },
  {
    name: "text ');drop table t;--",
    type: 'VARCHAR',
    values: [`'say "hi", O''Brien' || chr(10) || 'next line'`, "''", `'C:\\temp\\ 🦆 ünï' || chr(0) || 'after NUL'`, 'NULL'],
  },
  { name: 'list', type: 'INTEGER[]', values: ['[1, NULL, 3]', '[]', '[-2147483648]', 'NULL'] },
  { name: 'rec', type: 'STRUCT(a INTEGER, b VARCHAR)', values: [`{'a': 1, 'b': 'x,y'}`, `{'a': NULL, 'b': ''}`, `{'a': 2, 'b': '"'}`, 'NULL'] },
  { name: 'id', type: 'VARCHAR', values: ["'same name twice'", "'b'", "'c'", 'NULL'] },
];
const UNIQUE_NAMES = COLUMNS.map((c, i) => (i === COLUMNS.length - 1 ? 'id_1' : c.name));
const ROWS = COLUMNS[0]!.values.length;

describe('export of a result through DuckDB COPY, read back by raw DuckDB', () => {
  const dir = tempDir('sextant-export-');
  /** A folder a careless builder would break on: a quote, a space, an emoji, a backslash. */
  const out = join(dir.path, "it's a 🦆 \\ folder");
  let instance: DuckDBInstance;
  let c: DuckDBConnection;

  const rows = async (sql: string) => (await c.runAndReadAll(sql)).getRowsJS() as unknown[][];

  beforeAll(async () => {
    mkdirSync(out);
    instance = await DuckDBInstance.create(join(dir.path, 'export.duckdb'));
    c = await instance.connect();
    await c.run("SET TimeZone = 'UTC'");
    await c.run(`CREATE TABLE res (${COLUMNS.map((col, i) => `c${i} ${col.type}`).join(', ')})`);
    for (let r = 0; r < ROWS; r++) await c.run(`INSERT INTO res VALUES (${COLUMNS.map((col) => `(${col.values[r]})::${col.type}`).join(', ')})`);
    // a sorted view's table: the rows land in view order, which the export must keep
    await c.run('CREATE TABLE view_sorted AS SELECT * FROM res ORDER BY c0 DESC NULLS LAST');
  });
  afterAll(() => {
    c.closeSync();
    instance.closeSync();
    dir.remove();
  });

  const columnsSpec = () => `{${COLUMNS.map((col, i) => `${literal(UNIQUE_NAMES[i]!)}: ${literal(col.type)}`).join(', ')}}`;
  const reader: Record<ExportFormat, (path: string) => string> = {
    parquet: (p) => `read_parquet(${literal(p)})`,
    csv: (p) => `read_csv(${literal(p)}, header = true, allow_quoted_nulls = false, columns = ${columnsSpec()})`,
    json: (p) => `read_json(${literal(p)}, format = 'array', columns = ${columnsSpec()})`,
    ndjson: (p) => `read_json(${literal(p)}, format = 'newline_delimited', columns = ${columnsSpec()})`,
  };

  it.each(exportFormats)('writes %s that raw DuckDB reads back with the same rows, in view order', async (format) => {
    const path = join(out, `result.${format}`);
    await c.run(exportSql('main.view_sorted', COLUMNS, format, path));
    expect(existsSync(path)).toBe(true);
    const expected = await rows(`SELECT COLUMNS(*)::VARCHAR FROM main.view_sorted ORDER BY rowid`);
    expect(expected.map((r) => r[0])).toEqual(['3', '2', '1', null]);
    const back = await rows(`SELECT COLUMNS(*)::VARCHAR FROM ${reader[format](path)}`);
    expect(back).toEqual(expected);
    const described = await rows(`DESCRIBE SELECT * FROM ${reader[format](path)}`);
    expect(described.map((d) => d[0])).toEqual(UNIQUE_NAMES);
  });

  it('keeps every type in Parquet except HUGEINT, which Parquet cannot hold and is written as its exact text', async () => {
    const path = join(out, 'types.parquet');
    await c.run(exportSql('main.res', COLUMNS, 'parquet', path));
    const types = (await rows(`DESCRIBE SELECT * FROM read_parquet(${literal(path)})`)).map((d) => d[1]);
    expect(types).toEqual(COLUMNS.map((col) => (col.type === 'HUGEINT' ? 'VARCHAR' : col.type)));
  });

  it('writes a long DECIMAL to JSON as exact text, and the rest as JSON numbers, strings and objects', async () => {
    const path = join(out, 'types.ndjson');
    await c.run(exportSql('main.res', COLUMNS, 'ndjson', path));
    const sniffed = await rows(`DESCRIBE SELECT * FROM read_json(${literal(path)}, format = 'newline_delimited')`);
    const typeOf = (name: string) => sniffed.find((d) => d[0] === name)?.[1];
    expect(typeOf('dec')).toBe('VARCHAR');
    expect(typeOf('small dec')).toBe('DOUBLE');
    expect(['BIGINT', 'HUGEINT']).toContain(typeOf('big "int"'));
    expect(typeOf('list')).toMatch(/INT\[\]$/);
  });

  /** Integers at and beyond what a JSON number is read back exactly as, beside ones DuckDB reads exactly. */
  const WIDE: ReadonlyArray<Column & { readonly values: readonly string[] }> = [
    {
      name: 'huge',
      type: 'HUGEINT',
      values: ['170141183460469231731687303715884105727', '(-170141183460469231731687303715884105728)', '9007199254740993', 'NULL'],
    },
    { name: 'uhuge', type: 'UHUGEINT', values: ['340282366920938463463374607431768211455', '0', '18446744073709551616', 'NULL'] },
    { name: 'ubig', type: 'UBIGINT', values: ['18446744073709551615', '9223372036854775808', '9007199254740993', 'NULL'] },
    { name: 'big', type: 'BIGINT', values: ['9223372036854775807', '(-9223372036854775808)', '9007199254740993', 'NULL'] },
    { name: 'bignum', type: 'BIGNUM', values: ["'123456789012345678901234567890'", "'-99999999999999999999999999999999999999999'", '0', 'NULL'] },
  ];
  const jsonReader = { json: (p: string) => `read_json(${literal(p)}, format = 'array')`, ndjson: (p: string) => `read_ndjson(${literal(p)})` };

  it.each(['json', 'ndjson'] as const)(
    'writes HUGEINT, UHUGEINT and BIGNUM to %s as exact text, so raw DuckDB reads back every digit; BIGINT and UBIGINT stay JSON numbers it reads exactly',
    async (format) => {
      await c.run(`CREATE OR REPLACE TABLE wide (${WIDE.map((col, i) => `c${i} ${col.type}`).join(', ')})`);
      for (let r = 0; r < ROWS; r++) await c.run(`INSERT INTO wide VALUES (${WIDE.map((col) => `${col.values[r]}::${col.type}`).join(', ')})`);
      const path = join(out, `wide.${format}`);
      await c.run(exportSql('main.wide', WIDE, format, path));
      const expected = await rows('SELECT COLUMNS(*)::VARCHAR FROM main.wide ORDER BY rowid');
      expect(expected[0]).toEqual(['170141183460469231731687303715884105727', '340282366920938463463374607431768211455', '18446744073709551615', '9223372036854775807', '123456789012345678901234567890']);
      // read as a person would, letting DuckDB sniff the types
      expect(await rows(`SELECT COLUMNS(*)::VARCHAR FROM ${jsonReader[format](path)}`)).toEqual(expected);
      const sniffed = new Map((await rows(`DESCRIBE SELECT * FROM ${jsonReader[format](path)}`)).map((d) => [d[0], d[1]]));
      expect(sniffed.get('huge')).toBe('VARCHAR');
      expect(sniffed.get('uhuge')).toBe('VARCHAR');
      expect(sniffed.get('bignum')).toBe('VARCHAR');
      expect(['BIGINT', 'UBIGINT', 'HUGEINT']).toContain(sniffed.get('ubig'));
      expect(['BIGINT', 'HUGEINT']).toContain(sniffed.get('big'));
      // and told the types, the text reads back as the same integers
      // (DuckDB's JSON reader cannot read a BIGNUM: that column is read as the text it is)
      const typed = `{${WIDE.map((col) => `${literal(col.name)}: ${literal(col.type === 'BIGNUM' ? 'VARCHAR' : col.type)}`).join(', ')}}`;
      const read = `read_json(${literal(path)}, format = ${literal(format === 'json' ? 'array' : 'newline_delimited')}, columns = ${typed})`;
      expect(await rows(`SELECT COLUMNS(*)::VARCHAR FROM ${read}`)).toEqual(expected);
    },
  );

  const MAX_HUGE = '170141183460469231731687303715884105727';
  const MIN_HUGE = '-170141183460469231731687303715884105728';
  const MAX_UHUGE = '340282366920938463463374607431768211455';
  const BIGNUM_VALUE = '-99999999999999999999999999999999999999999';
  const LONG_DEC = '1234567890123456789012345678.0123456789';
  const h = (digits: string, type = 'HUGEINT') => `${literal(digits)}::${type}`;
  /** Huge integers nested every way DuckDB nests, under field names a careless rewrite would break on. */
  const NESTED: ReadonlyArray<{ readonly name: string; readonly type: string; readonly value: string }> = [
    {
      name: 'rec',
      type: 'STRUCT("HUGEINT" HUGEINT, "a,b" UHUGEINT, "q""q" HUGEINT[], "sp ace 🦆" BIGINT)',
      value: `{'HUGEINT': ${h(MAX_HUGE)}, 'a,b': ${h(MAX_UHUGE, 'UHUGEINT')}, 'q"q': [${h(MIN_HUGE)}, NULL], 'sp ace 🦆': 1}`,
    },
    { name: 'list', type: 'HUGEINT[]', value: `[${h(MAX_HUGE)}, -1]` },
    { name: 'map', type: 'MAP(VARCHAR, UHUGEINT)', value: `MAP {'k': ${h(MAX_UHUGE, 'UHUGEINT')}}` },
    { name: 'arr', type: 'HUGEINT[2]', value: `[${h(MIN_HUGE)}, 0]` },
    { name: 'un', type: 'UNION("h" HUGEINT, "s" VARCHAR)', value: `union_value(h := ${h(MAX_HUGE)})` },
    { name: 'bn', type: 'BIGNUM[]', value: `[${h(BIGNUM_VALUE, 'BIGNUM')}]` },
    // JSON's rule for DECIMAL holds inside too: a long one is text, a short one a number
    { name: 'dec', type: 'STRUCT("s" DECIMAL(5,2), "l" DECIMAL(38,10))', value: `{'s': 1.5, 'l': ${h(LONG_DEC, 'DECIMAL(38,10)')}}` },
    { name: 'big', type: 'STRUCT("b" BIGINT, "u" UBIGINT, "l" BIGINT[])', value: "{'b': 9223372036854775807, 'u': 18446744073709551615, 'l': [-9223372036854775808]}" },
  ];
  /** The digits each column must still hold when read back. */
  const DIGITS: Readonly<Record<string, readonly string[]>> = {
    rec: [MAX_HUGE, MAX_UHUGE, MIN_HUGE],
    list: [MAX_HUGE],
    map: [MAX_UHUGE],
    arr: [MIN_HUGE],
    un: [MAX_HUGE],
    bn: [BIGNUM_VALUE],
    dec: [LONG_DEC],
    big: ['9223372036854775807', '18446744073709551615', '-9223372036854775808'],
  };
  const nestedReader: Record<'json' | 'ndjson' | 'parquet', (p: string) => string> = { ...jsonReader, parquet: (p) => `read_parquet(${literal(p)})` };

  it.each(['json', 'ndjson', 'parquet'] as const)(
    'writes HUGEINT, UHUGEINT and BIGNUM nested in STRUCT, LIST, MAP, ARRAY and UNION to %s as exact text; nested BIGINT stays a number',
    async (format) => {
      await c.run(`CREATE OR REPLACE TABLE nested (${NESTED.map((col, i) => `c${i} ${col.type}`).join(', ')})`);
      await c.run(`INSERT INTO nested VALUES (${NESTED.map((col) => `(${col.value})::${col.type}`).join(', ')})`);
      await c.run(`INSERT INTO nested VALUES (${NESTED.map(() => 'NULL').join(', ')})`);
      // the column types as the app has them: the node-api's DuckDBType text of a result
      const head = await c.runAndReadAll('SELECT * FROM main.nested LIMIT 0');
      const columns: Column[] = NESTED.map((col, i) => ({ name: col.name, type: head.columnType(i).toString() }));
      const path = join(out, `nested.${format}`);
      await c.run(exportSql('main.nested', columns, format, path));

      const read = nestedReader[format](path);
      const back = await rows(`SELECT COLUMNS(*)::VARCHAR FROM ${read}`);
      expect(back[1]).toEqual(NESTED.map(() => null));
      NESTED.forEach((col, i) => {
        for (const digits of DIGITS[col.name]!) expect(back[0]![i], col.name).toContain(digits);
      });
      const one = await rows(`SELECT rec."HUGEINT", rec."a,b", rec."q""q"[1], list[1], map['k'], arr[1] FROM ${read} LIMIT 1`);
      expect(one[0]).toEqual([MAX_HUGE, MAX_UHUGE, MIN_HUGE, MAX_HUGE, MAX_UHUGE, MIN_HUGE]);
      const types = new Map((await rows(`DESCRIBE SELECT * FROM ${read}`)).map((d) => [d[0], String(d[1])]));
      // a type, not a field name (one is called HUGEINT): followed by the end, a bracket or a comma;
      // DuckDB sniffs a UBIGINT beyond BIGINT as HUGEINT, exactly, so 'big' is checked on its own
      for (const [name, type] of types) if (name !== 'dec' && name !== 'big') expect(type, String(name)).not.toMatch(/\b(DOUBLE|U?HUGEINT|BIGNUM)(\[|,|\)|$)/);
      expect(types.get('big')).toMatch(/^STRUCT\(b BIGINT, u (UBIGINT|HUGEINT), l BIGINT\[\]\)$/);
      expect(types.get('dec')).toBe(format === 'parquet' ? 'STRUCT(s DECIMAL(5,2), l DECIMAL(38,10))' : 'STRUCT(s DOUBLE, l VARCHAR)');
      if (format !== 'parquet') {
        const text = readFileSync(path, 'utf8');
        expect(text).toContain(`"HUGEINT":"${MAX_HUGE}"`);
        expect(text).toContain('"big":{"b":9223372036854775807,"u":18446744073709551615,"l":[-9223372036854775808]}');
      }
    },
  );

  it.each(exportFormats)('writes %s of columns whose names differ only in case (DuckDB’s names are case-insensitive)', async (format) => {
    const columns: Column[] = [
      { name: 'Name', type: 'INTEGER' },
      { name: 'name', type: 'INTEGER' },
      { name: 'name_1', type: 'INTEGER' },
      { name: 'é', type: 'INTEGER' },
      { name: 'É', type: 'INTEGER' },
    ];
    await c.run('CREATE OR REPLACE TABLE cased AS SELECT 1 AS c0, 2 AS c1, 3 AS c2, 4 AS c3, 5 AS c4');
    const path = join(out, `cased.${format}`);
    await c.run(exportSql('main.cased', columns, format, path));
    const read = format === 'csv' ? `read_csv(${literal(path)}, header = true)` : format === 'parquet' ? `read_parquet(${literal(path)})` : `read_json(${literal(path)})`;
    expect((await rows(`DESCRIBE SELECT * FROM ${read}`)).map((d) => d[0])).toEqual(['Name', 'name_1', 'name_1_1', 'é', 'É']);
    expect(await rows(`SELECT COLUMNS(*)::INTEGER FROM ${read}`)).toEqual([[1, 2, 3, 4, 5]]);
  });

  it.each(['json', 'ndjson'] as const)('writes a float’s NaN and infinities to %s as text a strict JSON parser reads, and DuckDB reads back as the same DOUBLEs', async (format) => {
    const columns: Column[] = [
      { name: 'dbl', type: 'DOUBLE' },
      { name: 'flt', type: 'FLOAT' },
    ];
    await c.run('CREATE OR REPLACE TABLE floats (c0 DOUBLE, c1 FLOAT)');
    await c.run("INSERT INTO floats VALUES (0.1, 1.5), ('nan', 'nan'), ('inf', '-inf'), ('-inf', 'inf'), (NULL, NULL)");
    const path = join(out, `floats.${format}`);
    await c.run(exportSql('main.floats', columns, format, path));
    const text = readFileSync(path, 'utf8');
    const objects: unknown = format === 'json' ? JSON.parse(text) : text.trim().split('\n').map((line) => JSON.parse(line) as unknown);
    expect(objects).toEqual([
      { dbl: 0.1, flt: 1.5 },
      { dbl: 'NaN', flt: 'NaN' },
      { dbl: 'Infinity', flt: '-Infinity' },
      { dbl: '-Infinity', flt: 'Infinity' },
      { dbl: null, flt: null },
    ]);
    const read = `read_json(${literal(path)}, columns = {'dbl': 'DOUBLE', 'flt': 'FLOAT'})`;
    expect(await rows(`SELECT dbl::VARCHAR, flt::VARCHAR FROM ${read}`)).toEqual(await rows('SELECT c0::VARCHAR, c1::VARCHAR FROM main.floats ORDER BY rowid'));
  });

  it('refuses a path with a NUL rather than writing somewhere else', () => {
    expect(() => exportSql('main.res', COLUMNS, 'csv', join(out, 'a\u0000b.csv'))).toThrow(/NUL/);
  });
});
