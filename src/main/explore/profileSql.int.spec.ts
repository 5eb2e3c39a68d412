import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ColumnProfile, ProfileBatch } from '../../shared/explore/columnProfile';
import { quoteIdent } from '../../shared/sql/sqlIdentifier';
import { tempDir } from '../../../test/support/testCore';
import { EXACT_DISTINCT_VALUES } from './profileAggregates';
import { profileSql, readProfile, summarizeSql, summaryPassSql, type ProfileColumn, type ProfileRequest } from './profileSql';

const LONG = 'n'.repeat(10_000);
/** Hostile names on purpose: each must reach DuckDB as one quoted identifier. */
const COLUMNS: ReadonlyArray<readonly [name: string, type: string, expr: string]> = [
  ['big "quoted" int', 'BIGINT', `CASE WHEN i % 10 = 0 THEN NULL ELSE 9007199254740993 + i * 3 END`],
  ['dec with space', 'DECIMAL(38,10)', `(i * 12345678901.0123456789)::DECIMAL(38,10)`],
  ["'); drop table t; --", 'DOUBLE', `CASE WHEN i % 7 = 0 THEN NULL ELSE sqrt(i) * 1.5 END`],
  ['ünïcødé 🦆', 'VARCHAR', `CASE WHEN i % 5 = 0 THEN NULL ELSE ['a''b', 'c\\d', '🦆', '', 'x' || chr(0) || 'y', 'tail'][1 + (i * 7 + i // 3) % 6] END`],
  [LONG, 'DATE', `DATE '1601-01-01' + (i * 37)::INTEGER`],
  ['ts', 'TIMESTAMP', `TIMESTAMP '2024-01-01 00:00:00.000001' + to_microseconds(i * 7919 * 1000003)`],
  ['tstz', 'TIMESTAMP WITH TIME ZONE', `TIMESTAMPTZ '2024-06-01 12:00:00+02' + to_seconds(i * 3607)`],
  ['flag', 'BOOLEAN', `CASE WHEN i % 11 = 0 THEN NULL ELSE i % 3 = 0 END`],
  ['list', 'INTEGER[]', `[i % 4, NULL]`],
  ['nothing', 'INTEGER', `NULL::INTEGER`],
];
const ROWS = 5_000;

describe('one query profiles a batch of columns, statistic by statistic as raw DuckDB computes it', () => {
  const dir = tempDir('sextant-profile-');
  let instance: DuckDBInstance;
  let c: DuckDBConnection;
  const columns: ProfileColumn[] = COLUMNS.map(([name, type]) => ({ name, type, ref: name }));
  const request: ProfileRequest = { relation: 'main.t', columns, topK: 4, bins: 7 };
  let batch: ProfileBatch;

  async function rows(sql: string): Promise<unknown[][]> {
    return (await c.runAndReadAll(sql)).getRowsJS() as unknown[][];
  }
  async function one(sql: string): Promise<unknown> {
    return (await rows(sql))[0]![0];
  }
  const profileOf = (name: string): ColumnProfile => batch.columns.find((p) => p.name === name)!;

  beforeAll(async () => {
    instance = await DuckDBInstance.create(join(dir.path, 'profile.duckdb'));
    c = await instance.connect();
    await c.run("SET TimeZone = 'UTC'");
    const select = COLUMNS.map(([name, type, expr]) => `(${expr})::${type} AS ${quoteIdent(name)}`).join(', ');
    await c.run(`CREATE TABLE t AS SELECT ${select} FROM (SELECT range AS i FROM range(${ROWS}))`);
    expect((await rows('DESCRIBE t')).map((r) => r[1])).toEqual(COLUMNS.map(([, type]) => type));
    const answer = await rows(profileSql(request));
    expect(answer).toHaveLength(1);
    batch = readProfile(answer[0]!, request);
  });
  afterAll(() => {
    c.closeSync();
    instance.closeSync();
    dir.remove();
  });

  it('counts rows, nulls and their share, and distinct values: exactly where there are few (up to EXACT_DISTINCT_VALUES)', async () => {
    expect(batch.rows).toBe(ROWS);
    expect(batch.sample).toBeUndefined();
    for (const [name] of COLUMNS) {
      const q = quoteIdent(name);
      const p = profileOf(name);
      const nulls = Number(await one(`SELECT count(*) - count(${q}) FROM t`));
      expect(p.nulls, name).toBe(nulls);
      expect(p.nullShare, name).toBe(nulls / ROWS);
      // HyperLogLog was 6 % off here (4,249 of 4,500): a few thousand values are counted
      expect([p.distinct, p.distinctExact], name).toEqual([Number(await one(`SELECT count(DISTINCT ${q}) FROM t`)), true]);
      expect(p.sampled, name).toBeUndefined();
    }
    expect(profileOf('nothing')).toMatchObject({ nulls: ROWS, nullShare: 1, distinct: 0 });
  });

  it('estimates distinct values where there are many, never above the non-null count, and says so', async () => {
    await c.run(`CREATE TABLE many AS SELECT range AS n, range::VARCHAR AS s FROM range(${EXACT_DISTINCT_VALUES * 2})`);
    const r: ProfileRequest = { relation: 'many', columns: ['n', 's'].map((name, i) => ({ name, type: ['BIGINT', 'VARCHAR'][i]!, ref: name })) };
    const [n, text] = readProfile((await rows(profileSql(r)))[0]!, r).columns;
    // a number's estimate is HyperLogLog's; a text's comes from grouping its values, exact
    expect(n).toMatchObject({ distinctExact: false });
    expect(n!.distinct).toBeLessThanOrEqual(EXACT_DISTINCT_VALUES * 2);
    expect(Math.abs(n!.distinct - EXACT_DISTINCT_VALUES * 2)).toBeLessThan(EXACT_DISTINCT_VALUES * 0.4);
    expect(text).toMatchObject({ distinct: EXACT_DISTINCT_VALUES * 2, distinctExact: true });
  });

  it('asked to count distinct values exactly (a small relation), counts them as count(DISTINCT) does, and says so', async () => {
    const exactRequest: ProfileRequest = { ...request, exactDistinct: true };
    const exact = readProfile((await rows(profileSql(exactRequest)))[0]!, exactRequest);
    for (const [name] of COLUMNS) {
      const p = exact.columns.find((x) => x.name === name)!;
      expect(p.distinct, name).toBe(Number(await one(`SELECT count(DISTINCT ${quoteIdent(name)}) FROM t`)));
      expect(p.distinctExact, name).toBe(true);
    }
  });

  it('gives numbers exact min, max and quartiles, and mean and standard deviation', async () => {
    for (const name of ['big "quoted" int', 'dec with space', "'); drop table t; --", 'nothing']) {
      const q = quoteIdent(name);
      const p = profileOf(name);
      if (p.kind !== 'number') throw new Error(`${name} is profiled as ${p.kind}`);
      const [min, max, q1, q2, q3, mean, sd] = (await rows(
        `SELECT min(${q})::VARCHAR, max(${q})::VARCHAR, quantile_disc(${q}, 0.25)::VARCHAR, quantile_disc(${q}, 0.5)::VARCHAR, ` +
          `quantile_disc(${q}, 0.75)::VARCHAR, avg(${q}), stddev_samp(${q} - (SELECT min(${q}) FROM t)) FROM t`,
      ))[0]!;
      expect([p.min, p.max], name).toEqual([min, max]);
      expect(p.quartiles, name).toEqual(q1 === null ? null : [q1, q2, q3]);
      if (mean === null) expect([p.mean, p.stddev]).toEqual([null, null]);
      else {
        // a DECIMAL(38,10)'s mean is a Kahan sum of DOUBLEs (favg: avg's HUGEINT sum overflows near
        // 1e38), as close as a DOUBLE gets to avg's exact one, its last bit up to the threads' order
        expect(Number(p.mean) / Number(mean), name).toBeCloseTo(1, 14);
        expect(Number(p.stddev) / Number(sd)).toBeCloseTo(1, 6);
      }
    }
    // beyond 2^53 and at DECIMAL(38,10), the text is DuckDB's, digit for digit
    const big = profileOf('big "quoted" int');
    expect(big.kind === 'number' && big.max).toBe(String(9007199254740993n + BigInt(ROWS - 1) * 3n));
    const dec = profileOf('dec with space');
    expect(dec.kind === 'number' && dec.max).toBe('61716048826160.7160488211');
  });

  it('draws each number’s and date’s histogram over equal widths, every bar counted as raw DuckDB counts it', async () => {
    for (const name of ['big "quoted" int', 'dec with space', "'); drop table t; --", LONG, 'ts', 'tstz']) {
      const q = quoteIdent(name);
      const p = profileOf(name);
      if (p.kind !== 'number' && p.kind !== 'temporal') throw new Error(`${name} is profiled as ${p.kind}`);
      expect(p.histogram, name).toHaveLength(7);
      const nonNull = ROWS - p.nulls;
      expect(p.histogram.reduce((s, b) => s + b.count, 0), name).toBe(nonNull);
      const cast = p.kind === 'number' ? 'DOUBLE' : p.type === 'TIMESTAMP WITH TIME ZONE' ? 'TIMESTAMPTZ' : 'TIMESTAMP';
      const x = `${q}::${cast}`;
      const [lo, hi] = (await rows(`SELECT min(${x})::VARCHAR, max(${x})::VARCHAR FROM t`))[0]! as string[];
      if (p.kind === 'number') {
        expect([Number(p.histogram[0]!.low), Number(p.histogram.at(-1)!.high)]).toEqual([Number(lo), Number(hi)]);
      } else {
        expect([p.histogram[0]!.low, p.histogram.at(-1)!.high], name).toEqual([lo, hi]);
      }
      for (const [b, bar] of p.histogram.entries()) {
        const upper = b === p.histogram.length - 1 ? '<=' : '<';
        const raw = await one(`SELECT count(*) FROM t WHERE ${x} >= '${bar.low}'::${cast} AND ${x} ${upper} '${bar.high}'::${cast}`);
        expect(bar.count, `${name.slice(0, 20)} bar ${b}`).toBe(Number(raw));
      }
    }
  });

  it('gives dates and timestamps their exact min and max', async () => {
    for (const name of [LONG, 'ts', 'tstz']) {
      const q = quoteIdent(name);
      const p = profileOf(name);
      expect(p.kind).toBe('temporal');
      expect(p.kind === 'temporal' && [p.min, p.max]).toEqual((await rows(`SELECT min(${q})::VARCHAR, max(${q})::VARCHAR FROM t`))[0]);
    }
  });

  it('lists the most frequent values of text, booleans and other types, with the rest as "other"', async () => {
    for (const name of ['ünïcødé 🦆', 'flag', 'list']) {
      const q = quoteIdent(name);
      const p = profileOf(name);
      if (p.kind !== 'categorical') throw new Error(`${name} is profiled as ${p.kind}`);
      const raw = await rows(`SELECT ${q}::VARCHAR, count(*) AS k FROM t WHERE ${q} IS NOT NULL GROUP BY ${q} ORDER BY k DESC, ${q}::VARCHAR LIMIT 4`);
      expect(p.top, name).toEqual(raw.map(([value, k]) => ({ value, count: Number(k) })));
      expect(p.other, name).toBe(ROWS - p.nulls - p.top.reduce((s, t) => s + t.count, 0));
    }
    // hostile values come back as the values they are
    const text = profileOf('ünïcødé 🦆');
    const values = text.kind === 'categorical' ? text.top.map((t) => t.value) : [];
    expect(values.filter((v) => ["a'b", 'c\\d', '🦆', '', 'x\u0000y', 'tail'].includes(v))).toEqual(values);
    expect(text.kind === 'categorical' && text.other).toBeGreaterThan(0);
  });

  it('profiles an empty table without failing', async () => {
    await c.run('CREATE TABLE empty AS SELECT * FROM t LIMIT 0');
    const r = { ...request, relation: 'empty' };
    const empty = readProfile((await rows(profileSql(r)))[0]!, r);
    expect(empty.rows).toBe(0);
    for (const p of empty.columns) {
      expect(p).toMatchObject({ nulls: 0, nullShare: 0, distinct: 0 });
      if (p.kind === 'categorical') expect([p.top, p.other]).toEqual([[], 0]);
      else expect(p.histogram).toEqual([]);
    }
  });

  it('profiles a sample over large tables and says so, with nulls, distinct values, min, max and mean over all rows', async () => {
    // one row of each column holds its extreme, which a 10 % sample most likely misses (as flights' 00:01 and -1,116 were)
    await c.run(
      `CREATE TABLE big AS SELECT range AS n, CASE WHEN range % 4 = 0 THEN NULL ELSE range END AS m, ` +
        `CASE WHEN range = 77777 THEN -1116 ELSE range % 500 END AS delay, ['ORD', 'DFW', 'ATL'][1 + range % 3] || CASE WHEN range % 1000 = 3 THEN range::VARCHAR ELSE '' END AS origin, ` +
        `TIMESTAMP '2001-01-01 00:02:00' + to_minutes(range) - CASE WHEN range = 123457 THEN INTERVAL 1 MINUTE * 123458 ELSE INTERVAL 0 MINUTE END AS ts, ` +
        `CASE WHEN range = 5 THEN 'nan'::DOUBLE WHEN range = 6 THEN 'inf' ELSE range / 8 END AS d FROM range(200000)`,
    );
    const types = { n: 'BIGINT', m: 'BIGINT', delay: 'BIGINT', origin: 'VARCHAR', ts: 'TIMESTAMP', d: 'DOUBLE' };
    const r: ProfileRequest = { relation: 'big', columns: Object.entries(types).map(([name, type]) => ({ name, type, ref: name })), sample: { rows: 40_000, of: 200_000 } };
    const sampled = readProfile((await rows(profileSql(r)))[0]!, r);
    // a Bernoulli sample: about the size asked for, and the same rows every time for one seed
    expect(sampled.rows).toBeGreaterThan(38_000);
    expect(sampled.rows).toBeLessThan(42_000);
    expect(sampled.sample).toEqual({ rows: sampled.rows, of: 200_000 });
    // (compared by counts: a mean's last digits may differ with the order threads add in)
    const again = readProfile((await rows(profileSql(r)))[0]!, r);
    const counts = (b: ProfileBatch) => b.columns.map((p) => [p.nulls, p.sampled, p.kind === 'number' && p.histogram.map((x) => x.count)]);
    expect(counts(again)).toEqual(counts(sampled));
    for (const [name] of Object.entries(types)) {
      const p = sampled.columns.find((x) => x.name === name)!;
      const fin = name === 'origin' ? 'true' : name === 'ts' ? `isfinite(${name})` : `isfinite(${name}::DOUBLE)`;
      const inSample = `FROM (SELECT * FROM big USING SAMPLE ${r.sample!.rows / 2000} PERCENT (bernoulli, 42))`;
      const [nulls, distinct, min, max, mean, sampleNonNull, sampleFinite] = (await rows(
        `SELECT count(*) - count(${name}), count(DISTINCT ${name}), (min(${name}) FILTER (WHERE ${fin}))::VARCHAR, (max(${name}) FILTER (WHERE ${fin}))::VARCHAR, ` +
          `${name === 'origin' || name === 'ts' ? 'NULL' : `avg(${name}) FILTER (WHERE ${fin})`}, (SELECT count(${name}) ${inSample}), (SELECT count(${name}) FILTER (WHERE ${fin}) ${inSample}) FROM big`,
      ))[0]!;
      expect([p.nulls, p.nullShare], name).toEqual([Number(nulls), Number(nulls) / 200_000]);
      expect(p.sampled, name).toEqual({ rows: sampled.rows, nonNull: Number(sampleNonNull), of: 200_000 });
      if (name === 'n' || name === 'm' || name === 'ts' || name === 'd') {
        // many distinct values: the sample's estimate, said to be the sample's, never above its values
        expect([p.distinctExact, p.distinctInSample], name).toEqual([false, true]);
        expect(p.distinct, name).toBeLessThanOrEqual(Number(sampleNonNull));
      } else expect([p.distinct, p.distinctExact, p.distinctInSample], name).toEqual([Number(distinct), true, undefined]);
      if (p.kind === 'categorical') {
        // the sample chooses the most frequent values (its 20 first), all rows count them
        const candidates = `SELECT origin ${inSample} GROUP BY origin ORDER BY count(*) DESC, origin LIMIT 20`;
        const top = await rows(`SELECT origin, count(*) AS k FROM big WHERE origin IN (${candidates}) GROUP BY origin ORDER BY k DESC, origin LIMIT 10`);
        expect(p.top, name).toEqual(top.map(([value, k]) => ({ value, count: Number(k) })));
        expect(p.other, name).toBe(200_000 - Number(nulls) - p.top.reduce((sum, t) => sum + t.count, 0));
        continue;
      }
      expect([p.min, p.max], name).toEqual([min, max]);
      // the bars span the column's min and max over all rows; they count the sample's finite values
      expect([p.histogram[0]!.low, p.histogram.at(-1)!.high].map((x) => (p.kind === 'number' ? Number(x) : x)), name).toEqual(p.kind === 'number' ? [Number(min), Number(max)] : [min, max]);
      expect(p.histogram.reduce((sum, b) => sum + b.count, 0), name).toBe(Number(sampleFinite));
      if (p.kind === 'number') expect(Number(p.mean) / Number(mean), name).toBeCloseTo(1, 12);
    }
    expect(sampled.columns.find((p) => p.name === 'delay')).toMatchObject({ min: '-1116', max: '499' });
    expect(sampled.columns.find((p) => p.name === 'ts')).toMatchObject({ min: '2001-01-01 00:01:00' });
    expect(sampled.columns.find((p) => p.name === 'd')).toMatchObject({ nonFinite: { nan: 1, inf: 1, negInf: 0 } });
  });

  it('computes the same statistics for many columns in one SUMMARIZE-like pass', async () => {
    const pass = `(${summaryPassSql('main.t', columns)})`;
    expect(Number(await one(`SELECT n FROM ${pass}`))).toBe(ROWS);
    for (const [i, p] of batch.columns.entries()) {
      expect(ROWS - Number(await one(`SELECT nn${i} FROM ${pass}`))).toBe(p.nulls);
      if (p.kind !== 'categorical') expect(await one(`SELECT mn${i}::VARCHAR FROM ${pass}`)).toBe(p.min);
    }
    const summarized = await rows(summarizeSql('main.t', columns));
    expect(summarized.map((r) => r[0])).toEqual(['v0', 'v1', 'v2', 'v3', 'v4', 'v5', 'v6', 'v7', 'v8', 'v9']);
  });

  it('takes a batch of a hundred columns in one query', async () => {
    const many: ProfileColumn[] = Array.from({ length: 100 }, (_, k) => columns[k % columns.length]!);
    const r = { ...request, columns: many };
    const wide = readProfile((await rows(profileSql(r)))[0]!, r);
    expect(wide.columns.map((p) => p.nulls)).toEqual(many.map((m) => profileOf(m.name).nulls));
  });
});

/** Numbers at the edges of their types among ordinary ones: their squares (and ±1.7e308's distance) overflow a DOUBLE. */
const EXTREMES: ReadonlyArray<readonly [name: string, type: string, values: string]> = [
  ['one 1e308', 'DOUBLE', '1e308'],
  ['one -1e308', 'DOUBLE', '-1e308'],
  ['±1.7e308', 'DOUBLE', '1.7e308, -1.7e308'],
  ['1.7e308 and inf', 'DOUBLE', "1.7e308, 'inf'"],
  ['float edges', 'FLOAT', '3.4e38, -3.4e38'],
  ['decimal edges', 'DECIMAL(38,0)', '99999999999999999999999999999999999999, -99999999999999999999999999999999999999'],
  ['hugeint edges', 'HUGEINT', '170141183460469231731687303715884105727, -170141183460469231731687303715884105728'],
];

describe('numbers whose spread overflows a DOUBLE profile like any others', () => {
  const dir = tempDir('sextant-profile-extremes-');
  let instance: DuckDBInstance;
  let c: DuckDBConnection;
  const columns: ProfileColumn[] = [...EXTREMES.map(([name, type]) => ({ name, type, ref: name })), { name: 'label', type: 'VARCHAR', ref: 'label' }];
  const request: ProfileRequest = { relation: 'x', columns, bins: 5 };
  const rows = async (sql: string) => (await c.runAndReadAll(sql)).getRowsJS() as unknown[][];

  beforeAll(async () => {
    instance = await DuckDBInstance.create(join(dir.path, 'extremes.duckdb'));
    c = await instance.connect();
    // 200 ordinary values per column, then each column's extremes in rows of their own
    const ordinary = EXTREMES.map(([name, type]) => `(i * 1.25 - 40)::${type} AS ${quoteIdent(name)}`).join(', ');
    const extremes = EXTREMES.flatMap(([, type, values], k) =>
      values.split(', ').map((value) => `SELECT ${EXTREMES.map((_, j) => (j === k ? `(${value})::${type}` : 'NULL')).join(', ')}, 'x'`),
    );
    await c.run(`CREATE TABLE x AS SELECT ${ordinary}, ['a', 'b', 'c'][1 + i % 3] AS label FROM range(200) r(i) UNION ALL ${extremes.join(' UNION ALL ')}`);
  });
  afterAll(() => {
    c.closeSync();
    instance.closeSync();
    dir.remove();
  });

  it('answers every column, each figure as raw DuckDB computes it, the deviation scaled down and back up', async () => {
    // what used to fail the whole query: "Out of Range Error: STDDEV_SAMP is out of range!", "Overflow in HUGEINT addition"
    await expect(rows(`SELECT stddev_samp(${quoteIdent('one 1e308')}) FROM x`)).rejects.toThrow(/STDDEV_SAMP is out of range/);
    await expect(rows(`SELECT avg(${quoteIdent('hugeint edges')}) FROM x`)).rejects.toThrow(/Overflow in HUGEINT addition/);
    const batch = readProfile((await rows(profileSql(request)))[0]!, request);
    expect(batch.rows).toBe(200 + EXTREMES.reduce((n, [, , values]) => n + values.split(', ').length, 0));
    for (const [name, type] of EXTREMES) {
      const q = quoteIdent(name);
      const p = batch.columns.find((col) => col.name === name)!;
      if (p.kind !== 'number') throw new Error(`${name} is profiled as ${p.kind}`);
      // floats: DuckDB's own avg, to the digit; integers and decimals: an exact sum (BIGNUM), as DuckDB's avg
      // overflows its HUGEINT sum, met to a DOUBLE's precision of the column's largest magnitude (±1e38 cancel out)
      const float = type === 'DOUBLE' || type === 'FLOAT';
      const exactMean = float ? `(avg(${q}) FILTER (WHERE isfinite(${q})))::VARCHAR` : `sum(${q}::HUGEINT::BIGNUM)::DOUBLE / count(${q})`;
      const [nulls, min, max, q1, q2, q3, mean, sd] = (await rows(
        `SELECT count(*) - count(${q}), ${[`min(${q})`, `max(${q})`, `quantile_disc(${q}, 0.25)`, `quantile_disc(${q}, 0.5)`, `quantile_disc(${q}, 0.75)`].map((f) => `(${f} FILTER (WHERE isfinite(${q}::DOUBLE)))::VARCHAR`).join(', ')}, ` +
          // scaled by the largest magnitude itself, not a power of two: an independent oracle
          `${exactMean}, stddev_samp(${q}::DOUBLE / s) FILTER (WHERE isfinite(${q}::DOUBLE)) * any_value(s) ` +
          `FROM x, (SELECT max(abs(${q}::DOUBLE)) FILTER (WHERE isfinite(${q}::DOUBLE)) AS s FROM x)`,
      ))[0]!;
      expect([p.nulls, p.min, p.max, p.quartiles], name).toEqual([Number(nulls), min, max, [q1, q2, q3]]);
      if (float) expect(p.mean, name).toBe(mean);
      else expect(Math.abs(Number(p.mean) - Number(mean)), name).toBeLessThan(Math.max(Math.abs(Number(min)), Math.abs(Number(max))) * 1e-15);
      expect(Number(p.stddev) / Number(sd), name).toBeCloseTo(1, 9);
      expect(p.histogram.reduce((s, b) => s + b.count, 0), name).toBe(Number(await rows(`SELECT count(*) FROM x WHERE isfinite(${q}::DOUBLE)`).then((r) => r[0]![0])));
      expect(p.histogram.every((b) => Number.isFinite(Number(b.low)) && Number.isFinite(Number(b.high))), name).toBe(true);
    }
    const label = batch.columns.find((col) => col.name === 'label')!;
    expect(label.kind === 'categorical' && label.top.map((t) => t.value)).toEqual(['a', 'b', 'c', 'x']);
  });

  it('gives a column with NaN, inf and -inf every figure over its finite values, and counts what it left out', async () => {
    await c.run("CREATE TABLE odd AS SELECT * FROM (VALUES ('nan'::DOUBLE), ('nan'), ('inf'), ('-inf'), (NULL), (1.5), (2), (400), (-7), (12)) v(x)");
    const r: ProfileRequest = { relation: 'odd', columns: [{ name: 'x', type: 'DOUBLE', ref: 'x' }], bins: 4 };
    const [p] = readProfile((await rows(profileSql(r)))[0]!, r).columns;
    if (p?.kind !== 'number') throw new Error('x is not profiled as a number');
    const [min, max, q1, q2, q3, mean, sd, finite] = (await rows(
      `SELECT min(x)::VARCHAR, max(x)::VARCHAR, quantile_disc(x, 0.25)::VARCHAR, quantile_disc(x, 0.5)::VARCHAR, quantile_disc(x, 0.75)::VARCHAR, avg(x)::VARCHAR, stddev_samp(x), count(x) FROM odd WHERE isfinite(x)`,
    ))[0]!;
    // before, min and mean were of the finite values but the quartiles (and max: NaN sorts last) of all
    expect([p.min, p.max, p.quartiles, p.mean]).toEqual([min, max, [q1, q2, q3], mean]);
    expect(Number(p.stddev) / Number(sd)).toBeCloseTo(1, 9);
    expect(p.histogram.reduce((s, b) => s + b.count, 0)).toBe(Number(finite));
    expect([p.nonFinite, p.nulls, p.distinct]).toEqual([{ nan: 2, inf: 1, negInf: 1 }, 1, Number((await rows('SELECT count(DISTINCT x) FROM odd'))[0]![0])]);
  });

  it('gives no standard deviation where it is itself beyond the DOUBLE range, and a tiny one where squares underflow', async () => {
    await c.run('CREATE TABLE edges AS SELECT * FROM (VALUES (1.7e308, 1e-200), (-1.7e308, 2e-200), (NULL, 3e-200)) v(d, t)');
    const r: ProfileRequest = { relation: 'edges', columns: ['d', 't'].map((name) => ({ name, type: 'DOUBLE', ref: name })), bins: 5 };
    const [d, t] = readProfile((await rows(profileSql(r)))[0]!, r).columns;
    const [huge, tiny, underflowed] = (await rows('SELECT stddev_samp(d * 1e-300) * 1e300, stddev_samp(t * 1e200) / 1e200, stddev_samp(t) FROM edges'))[0]! as number[];
    expect([huge, underflowed]).toEqual([Infinity, 0]);
    expect(d).toMatchObject({ kind: 'number', min: '-1.7e+308', max: '1.7e+308', stddev: null });
    expect(t?.kind === 'number' && Number(t.stddev) / tiny!).toBeCloseTo(1, 12);
  });
});
