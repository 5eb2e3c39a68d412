import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brushStep, chartCube, snapBrush, stepIndex } from '../../shared/chart/chartCube';
import { chartSql } from '../../shared/chart/chartSql';
import { filterCondition } from '../../shared/explore/filterSql';

/*
 * Number bins against an oracle that knows only decimals (docs/charts.md, "Number bins"): a bin's
 * edges are the decimal multiples of its step, written as their decimal text, and a value is in
 * [lo, hi) compared as DOUBLEs with those decimals read as DOUBLE, as a brush's range filter reads
 * them. The values sit exactly on edges where floor(x / step) is one bin off (1.4 / 0.2, 0.3 / 0.1).
 */

/** Each table: one DOUBLE column `v` of values on decimal edges (made by exact decimal division), and the step its span gives. */
const TABLES: Readonly<Record<string, { readonly sql: string; readonly step: string }>> = {
  // movies.json's IMDB Rating, in miniature: 1.2 … 9.2 by 0.1, more on 1.4, 1.5, 2.2 and 2.4; span 8 → 0.2
  ratings: { sql: `SELECT (k / 10)::DOUBLE AS v FROM range(12, 93) r(k) UNION ALL SELECT unnest([1.4, 1.5, 2.2, 2.4, 2.4, 2.3])::DOUBLE`, step: '0.2' },
  // -0.2 … 3 by 0.1: span 3.2 → 0.1, and 0.3 / 0.1 is 2.9999999999999996
  tenths: { sql: `SELECT (k / 10)::DOUBLE AS v FROM range(-2, 31) r(k)`, step: '0.1' },
  // multiples of 1e-7: span 3e-6 → 1e-7
  tiny: { sql: `SELECT (k / 10000000)::DOUBLE AS v FROM range(0, 31) r(k)`, step: '0.0000001' },
  // around a million by 0.1: 1000000.3 and friends, span 3.9 → 0.1
  million: { sql: `SELECT ((10000000 + k) / 10)::DOUBLE AS v FROM range(0, 40) r(k)`, step: '0.1' },
  // large: multiples of 1e18 from -2e18, span 4.2e19 → 2e18
  large: { sql: `SELECT k::DOUBLE * 1e18 AS v FROM range(-2, 41) r(k)`, step: '2000000000000000000' },
};

/** k × step as decimal text, exactly (BigInt digits), from the step's own text. */
function decimalEdge(k: bigint, step: string): string {
  const [whole = '', frac = ''] = step.split('.');
  const digits = BigInt(`${whole}${frac}`) * k;
  if (frac.length === 0) return digits.toString();
  const sign = digits < 0n ? '-' : '';
  const abs = (digits < 0n ? -digits : digits).toString().padStart(frac.length + 1, '0');
  return `${sign}${abs.slice(0, -frac.length)}.${abs.slice(-frac.length)}`;
}

describe('number bins: decimal edges, [lo, hi) as DOUBLEs', () => {
  let instance: DuckDBInstance;
  let c: DuckDBConnection;
  const rows = async (sql: string) => (await c.runAndReadAll(sql)).getRowsJS().map((r) => r.map(String));
  const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;

  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
    c = await instance.connect();
    for (const [name, t] of Object.entries(TABLES)) await c.run(`CREATE TABLE ${name} AS ${t.sql}`);
  });
  afterAll(() => {
    c.closeSync();
    instance.closeSync();
  });

  /** The oracle: per decimal edge pair around the values, the rows in [lo, hi) with both read as DOUBLE from their text. */
  async function oracle(table: string, step: string): Promise<string[][]> {
    const [[min, max]] = (await rows(`SELECT min(v), max(v) FROM ${table}`)) as [[string, string]];
    const first = BigInt(Math.floor(Number(min) / Number(step))) - 2n;
    const last = BigInt(Math.floor(Number(max) / Number(step))) + 2n;
    const edges: string[] = [];
    for (let k = first; k <= last; k++) edges.push(`(${k}, ${quote(decimalEdge(k, step))}, ${quote(decimalEdge(k + 1n, step))})`);
    return rows(
      `SELECT lo::DOUBLE::VARCHAR, hi::DOUBLE::VARCHAR, count(*) FROM ${table} JOIN (VALUES ${edges.join(', ')}) e(k, lo, hi) ON v >= lo::DOUBLE AND v < hi::DOUBLE GROUP BY k, lo, hi ORDER BY k`,
    );
  }

  const histogram = (table: string) => chartSql({ mark: 'Histogram', x: 'v', aggregate: 'Count' }, table, [{ name: 'v', type: 'DOUBLE' }]).sql;

  it('given values on decimal edges, when binned, then each bin counts the values of its decimal [lo, hi) and its edges read as decimals', async () => {
    for (const [table, { step }] of Object.entries(TABLES)) {
      const expected = await oracle(table, step);
      expect(await rows(histogram(table)), table).toEqual(expected);
    }
    // the repro: 1.4 and 1.5 in [1.4, 1.6), no bin below 1.4, 2.2 and 2.3 (and 2.2, 2.3 of the range) in [2.2, 2.4)
    const ratings = await rows(histogram('ratings'));
    expect(ratings[0]).toEqual(['1.2', '1.4', '2']);
    expect(ratings.find((r) => r[0] === '1.4')).toEqual(['1.4', '1.6', '4']);
    expect(ratings.find((r) => r[0] === '2.2')).toEqual(['2.2', '2.4', '4']);
  });

  it('given a bin, when its edges are a range filter [lo, hi), then the filter counts exactly the rows the bin counted', async () => {
    for (const table of Object.keys(TABLES)) {
      for (const [lo = '', hi = '', n] of await rows(histogram(table))) {
        const where = filterCondition({ column: 0, op: 'range', lo, hi }, 'v', 'DOUBLE', quote);
        expect(await rows(`SELECT count(*) FROM ${table} WHERE ${where}`), `${table} [${lo}, ${hi})`).toEqual([[n]]);
      }
    }
  });

  it('given a brush snapped to brush steps, when a histogram is answered from the cube, then it counts the rows the range filter passes', async () => {
    for (const table of Object.keys(TABLES)) {
      const [[min, max]] = (await rows(`SELECT min(v), max(v) FROM ${table}`)) as [[string, string]];
      const step = brushStep(Number(min), Number(max), false);
      const cube = chartCube({ mark: 'Histogram', x: 'v', aggregate: 'Count' }, table, [{ name: 'v', type: 'DOUBLE' }], 'v', step);
      await c.run(cube.create(`cube_${table}`));
      // brushes whose edges are the histogram's own edges (a drag from one bin edge to another)
      const bins = await rows(histogram(table));
      for (const [i, j] of [[0, 1], [1, 3], [2, bins.length - 1]] as const) {
        const { lo, hi } = snapBrush(Number(bins[i]?.[0]), Number(bins[j]?.[1]), step);
        expect([lo, hi], `${table} brush edges are the bins' edges`).toEqual([bins[i]?.[0], bins[j]?.[1]].map((t) => String(Number(t))));
        const k0 = stepIndex(lo, step);
        const k1 = stepIndex(hi, step);
        expect(k0 !== undefined && k1 !== undefined, `${table} [${lo}, ${hi}) on whole brush steps`).toBe(true);
        const fromCube = await rows(cube.marks(`cube_${table}`, k0 ?? 0, k1 ?? 0).sql);
        const where = filterCondition({ column: 0, op: 'range', lo, hi }, 'v', 'DOUBLE', quote);
        const direct = await rows(chartSql({ mark: 'Histogram', x: 'v', aggregate: 'Count' }, table, [{ name: 'v', type: 'DOUBLE' }], { filter: where }).sql);
        expect(fromCube, `${table} [${lo}, ${hi})`).toEqual(direct.filter((r) => r[2] !== '0'));
        const counted = fromCube.reduce((s, r) => s + Number(r[2]), 0);
        expect([[String(counted)]]).toEqual(await rows(`SELECT count(*) FROM ${table} WHERE ${where}`));
      }
    }
  });
});

/**
 * Integers near their type's limits: the outer bins' edges lie beyond the type (-9.5e18 for a BIGINT
 * from -2^63, ±1.8e38 for a HUGEINT), so edges are kept in a type that holds them. Values on an edge
 * (±9e18) land in the bin above it, as the brush's [lo, hi) does.
 */
const LIMITS: Readonly<Record<string, { readonly type: string; readonly sql: string }>> = {
  big: {
    type: 'BIGINT',
    sql: `SELECT (i::HUGEINT * 1844674407370955161 - 9223372036854775807)::BIGINT AS v FROM range(0, 11) t(i)
      UNION ALL SELECT unnest([-9223372036854775807 - 1, 9223372036854775807, -9000000000000000000, 9000000000000000000])::BIGINT`,
  },
  huge: {
    type: 'HUGEINT',
    sql: `SELECT (i - 5)::HUGEINT * 34028236692093846346337460743176821145 AS v FROM range(0, 11) t(i)
      UNION ALL SELECT unnest([-170141183460469231731687303715884105727::HUGEINT - 1, 170141183460469231731687303715884105727::HUGEINT])`,
  },
  uhuge: { type: 'UHUGEINT', sql: `SELECT i::UHUGEINT * 34028236692093846346337460743176821145 AS v FROM range(0, 11) t(i) UNION ALL SELECT 340282366920938463463374607431768211455::UHUGEINT` },
};

describe('number bins of integers near their type\'s limits', () => {
  let instance: DuckDBInstance;
  let c: DuckDBConnection;
  const rows = async (sql: string) => (await c.runAndReadAll(sql)).getRowsJS().map((r) => r.map(String));
  const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;
  const chart = (table: string, mark: 'Histogram' | 'Heatmap', filter?: string) =>
    chartSql({ mark, x: 'v', y: 'v', aggregate: 'Count' }, table, [{ name: 'v', type: LIMITS[table]?.type ?? '' }], { filter }).sql;
  /** Raw DuckDB's values in [lo, hi), compared as exact integers (BigInt: DuckDB narrows `v::BIGNUM >= -9.5e18` to BIGINT and fails). */
  const rawCount = async (table: string, lo: string, hi: string) =>
    String((await rows(`SELECT v FROM ${table}`)).filter(([v = '']) => BigInt(v) >= BigInt(lo) && BigInt(v) < BigInt(hi)).length);

  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
    c = await instance.connect();
    for (const [name, t] of Object.entries(LIMITS)) await c.run(`CREATE TABLE ${name} AS ${t.sql}`);
  });
  afterAll(() => {
    c.closeSync();
    instance.closeSync();
  });

  it('given a BIGINT from -2^63 to 2^63 - 1, when binned, then the outer bins reach past its range and count as raw DuckDB does', async () => {
    const bins = await rows(chart('big', 'Histogram'));
    expect(bins[0]).toEqual(['-9500000000000000000', '-9000000000000000000', '2']);
    expect(bins[1]).toEqual(['-9000000000000000000', '-8500000000000000000', '1']);
    expect(bins.at(-1)).toEqual(['9000000000000000000', '9500000000000000000', '3']);
  });

  it('given integers near their limits, when a histogram, a heatmap and a brush over them are counted, then each is raw DuckDB\'s count', async () => {
    for (const table of Object.keys(LIMITS)) {
      const [[total]] = (await rows(`SELECT count(*) FROM ${table}`)) as [[string]];
      const bins = await rows(chart(table, 'Histogram'));
      expect(bins.reduce((s, r) => s + Number(r[2]), 0), table).toBe(Number(total));
      for (const [lo = '', hi = '', n] of bins) {
        expect(await rawCount(table, lo, hi), `${table} [${lo}, ${hi})`).toBe(n);
        // the brush over the bin keeps its rows, and a chart filtered by it counts them in the same bin
        const where = filterCondition({ column: 0, op: 'range', lo, hi }, 'v', LIMITS[table]?.type ?? '', quote);
        expect(await rows(`SELECT count(*) FROM ${table} WHERE ${where}`), `${table} brush [${lo}, ${hi})`).toEqual([[n]]);
        expect((await rows(chart(table, 'Histogram', where))).filter((r) => r[2] !== '0'), `${table} filtered [${lo}, ${hi})`).toEqual([[lo, hi, n]]);
      }
      // a heatmap of v by v: its cells are the histogram's bins, on the diagonal
      expect(await rows(chart(table, 'Heatmap')), table).toEqual(bins.map(([lo, hi, n]) => [lo, hi, lo, hi, n]));
      // a brush over the outer bins answered from the cube, whose histogram bins are chartSql's
      const step = brushStep(Number(bins[0]?.[0]), Number(bins.at(-1)?.[1]), true);
      const type = LIMITS[table]?.type ?? '';
      const cube = chartCube({ mark: 'Histogram', x: 'v', aggregate: 'Count' }, table, [{ name: 'v', type }], 'v', step);
      await c.run(cube.create(`cube_${table}`));
      for (const [a, b] of [[bins[0]?.[0], bins[1]?.[1]], [bins.at(-2)?.[0], bins.at(-1)?.[1]]]) {
        const { lo, hi } = snapBrush(Number(a), Number(b), step);
        const fromCube = await rows(cube.marks(`cube_${table}`, stepIndex(lo, step) ?? 0, stepIndex(hi, step) ?? 0).sql);
        const where = filterCondition({ column: 0, op: 'range', lo, hi }, 'v', type, quote);
        expect(fromCube, `${table} cube [${lo}, ${hi})`).toEqual((await rows(chart(table, 'Histogram', where))).filter((r) => r[2] !== '0'));
        expect(fromCube.length, `${table} cube [${lo}, ${hi})`).toBeGreaterThan(0);
      }
    }
  });
});

describe('number bins at the edges of a DOUBLE', () => {
  let instance: DuckDBInstance;
  let c: DuckDBConnection;
  const rows = async (sql: string) => (await c.runAndReadAll(sql)).getRowsJS().map((r) => r.map(String));
  const histogram = (table: string, type: string) => chartSql({ mark: 'Histogram', x: 'v', aggregate: 'Count' }, table, [{ name: 'v', type }]).sql;

  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
    c = await instance.connect();
    await c.run('CREATE TABLE extreme AS SELECT unnest([-1.7e308, 1.7e308, 0.0])::DOUBLE AS v');
    await c.run('CREATE TABLE ids AS SELECT (1500000000000000000 + i)::BIGINT AS v FROM range(0, 100) t(i)');
  });
  afterAll(() => {
    c.closeSync();
    instance.closeSync();
  });

  it('given DOUBLEs spanning ±1.7e308, when binned, then the edges are numbers in order (only the outer ones past DOUBLE, as ±inf) and the rows are counted once', async () => {
    const bins = await rows(histogram('extreme', 'DOUBLE'));
    // before, max - min overflowed: one bin from -inf to nan
    expect(bins.map(([lo = '', hi = '']) => [lo, hi])).toEqual([['-1.7e+308', '-1.6e+308'], ['0.0', '1e+307'], ['1.7e+308', 'inf']]);
    expect(bins.reduce((s, r) => s + Number(r[2]), 0)).toBe(3);
  });

  it('given BIGINTs near 1.5e18 that a DOUBLE cannot tell apart, when binned, then it is refused in words, not with log10(0)', async () => {
    await expect(rows(histogram('ids', 'BIGINT'))).rejects.toThrow(/These values are too close together for their size to be binned: at about 1\.5e\+18 a DOUBLE/);
  });
});
