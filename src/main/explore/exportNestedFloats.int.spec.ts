import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Column } from '../../shared/contracts/events';
import { literal } from '../query/sql';
import { tempDir } from '../../../test/support/testCore';
import { exportSql } from './exportSql';

const MAX_HUGE = '170141183460469231731687303715884105727';

/** Floats nested every way DuckDB nests, beside values a careless rewrite would change. */
const NESTED: ReadonlyArray<{ readonly name: string; readonly type: string; readonly values: readonly string[] }> = [
  { name: 'list', type: 'DOUBLE[]', values: ["[1.5, 'nan'::DOUBLE, 'inf'::DOUBLE, '-inf'::DOUBLE, NULL]", '[]'] },
  { name: 'rec', type: 'STRUCT("a b" DOUBLE, "n" INTEGER, "q""q" FLOAT)', values: [`{'a b': 'inf', 'n': 1, 'q"q': 'nan'}`, `{'a b': NULL, 'n': NULL, 'q"q': -0.5}`] },
  { name: 'los', type: 'STRUCT(x DOUBLE, tag VARCHAR)[]', values: ["[{'x': 'nan'::DOUBLE, 'tag': 'NaN'}, NULL, {'x': 0.1, 'tag': 'Infinity'}]", "[{'x': '-inf'::DOUBLE, 'tag': NULL}]"] },
  { name: 'lol', type: 'DOUBLE[][]', values: ["[['inf'::DOUBLE, 2], NULL]", '[[]]'] },
  { name: 'map', type: 'MAP(VARCHAR, DOUBLE)', values: ["MAP {'k': '-inf'::DOUBLE, 'f': 2.5}", 'MAP {}'] },
  { name: 'arr', type: 'FLOAT[2]', values: ["['nan'::FLOAT, 1]", "[NULL, 'inf'::FLOAT]"] },
  { name: 'un', type: 'UNION(f DOUBLE, s VARCHAR)', values: ["union_value(f := 'inf'::DOUBLE)", "union_value(s := 'NaN')"] },
  // the rule for huge integers holds beside it: the HUGEINT is text, the float a number or text
  { name: 'mixed', type: 'STRUCT(h HUGEINT, d DOUBLE[])', values: [`{'h': ${literal(MAX_HUGE)}::HUGEINT, 'd': ['nan'::DOUBLE]}`, "{'h': -1, 'd': [3.25]}"] },
];

/** What JSON.parse must read: the same spellings as a top-level float, numbers still numbers. */
const EXPECTED = [
  {
    list: [1.5, 'NaN', 'Infinity', '-Infinity', null],
    rec: { 'a b': 'Infinity', n: 1, 'q"q': 'NaN' },
    los: [{ x: 'NaN', tag: 'NaN' }, null, { x: 0.1, tag: 'Infinity' }],
    lol: [['Infinity', 2], null],
    map: { k: '-Infinity', f: 2.5 },
    arr: ['NaN', 1],
    un: { f: 'Infinity' },
    mixed: { h: MAX_HUGE, d: ['NaN'] },
  },
  {
    list: [],
    rec: { 'a b': null, n: null, 'q"q': -0.5 },
    los: [{ x: '-Infinity', tag: null }],
    lol: [[]],
    map: {},
    arr: [null, 'Infinity'],
    un: { s: 'NaN' },
    mixed: { h: '-1', d: [3.25] },
  },
  Object.fromEntries(NESTED.map((col) => [col.name, null])),
];

describe('export to JSON of floats nested in LIST, STRUCT, MAP, ARRAY and UNION', () => {
  const dir = tempDir('sextant-export-floats-');
  let instance: DuckDBInstance;
  let c: DuckDBConnection;
  let columns: Column[];

  beforeAll(async () => {
    instance = await DuckDBInstance.create(join(dir.path, 'floats.duckdb'));
    c = await instance.connect();
    await c.run(`CREATE TABLE nested (${NESTED.map((col, i) => `c${i} ${col.type}`).join(', ')})`);
    for (let r = 0; r < 2; r++) await c.run(`INSERT INTO nested VALUES (${NESTED.map((col) => `(${col.values[r]})::${col.type}`).join(', ')})`);
    await c.run(`INSERT INTO nested VALUES (${NESTED.map(() => 'NULL').join(', ')})`);
    // the column types as the app has them: the node-api's DuckDBType text of a result
    const head = await c.runAndReadAll('SELECT * FROM main.nested LIMIT 0');
    columns = NESTED.map((col, i) => ({ name: col.name, type: head.columnType(i).toString() }));
  });
  afterAll(() => {
    c.closeSync();
    instance.closeSync();
    dir.remove();
  });

  const parsed = (format: 'json' | 'ndjson', text: string): unknown =>
    format === 'json' ? JSON.parse(text) : text.trim().split('\n').map((line) => JSON.parse(line) as unknown);

  it.each(['json', 'ndjson'] as const)('writes %s that JSON.parse reads, NaN and infinities at any depth as "NaN", "Infinity", "-Infinity"', async (format) => {
    const path = join(dir.path, `nested.${format}`);
    await c.run(exportSql('main.nested', columns, format, path));
    expect(parsed(format, readFileSync(path, 'utf8'))).toEqual(EXPECTED);
  });

  it('writes JSON that raw DuckDB, told the types, reads back as the same floats', async () => {
    const path = join(dir.path, 'back.ndjson');
    const kept = columns.filter((col) => col.name !== 'un' && col.name !== 'mixed');
    await c.run(`CREATE OR REPLACE TABLE kept AS SELECT ${kept.map((col) => `c${columns.indexOf(col)} AS c${kept.indexOf(col)}`).join(', ')} FROM main.nested ORDER BY rowid`);
    await c.run(exportSql('main.kept', kept, 'ndjson', path));
    const typed = `{${kept.map((col) => `${literal(col.name)}: ${literal(col.type)}`).join(', ')}}`;
    const back = await c.runAndReadAll(`SELECT COLUMNS(*)::VARCHAR FROM read_json(${literal(path)}, format = 'newline_delimited', columns = ${typed})`);
    const expected = await c.runAndReadAll('SELECT COLUMNS(*)::VARCHAR FROM main.kept ORDER BY rowid');
    expect(back.getRowsJS()).toEqual(expected.getRowsJS());
  });
});
