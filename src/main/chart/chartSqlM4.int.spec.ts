import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { chartSql } from '../../shared/chart/chartSql';

/**
 * M4 over a real series in DuckDB: 100,000 points, x = i, y a wave with spikes. In each of the 1,000
 * pixel buckets the line must keep the first, last, lowest and highest point (computed here in JS),
 * so the reduced line has the same silhouette.
 */
describe('chartSql: a line reduced per pixel bucket (M4)', () => {
  it('keeps every bucket’s first, last, min and max vertex, and no more than four per bucket', async () => {
    const n = 100_000;
    const y = (i: number) => Math.round(Math.sin(i / 500) * 1000) + (i % 7919 === 0 ? 50_000 : 0) - (i % 6007 === 0 ? 50_000 : 0);
    const instance = await DuckDBInstance.create(':memory:');
    const c = await instance.connect();
    try {
      await c.run(`CREATE TABLE t AS SELECT i AS "x ✈", round(sin(i / 500) * 1000)::BIGINT + CASE WHEN i % 7919 = 0 THEN 50000 ELSE 0 END - CASE WHEN i % 6007 = 0 THEN 50000 ELSE 0 END AS "y'" FROM range(${n}) r(i)`);
      const q = chartSql({ mark: 'Line', x: 'x ✈', y: "y'", aggregate: 'Sum' }, 't', [
        { name: 'x ✈', type: 'BIGINT' },
        { name: "y'", type: 'BIGINT' },
      ]);
      const rows = (await c.runAndReadAll(q.sql)).getRowsJS().map((r) => [Number(r[0]), Number(r[1])] as const);
      const kept = new Set(rows.map(([x]) => x));
      const buckets = new Map<number, number[]>();
      for (let i = 0; i < n; i++) {
        const px = Math.min(Math.floor((i / (n - 1)) * 1000), 999);
        buckets.set(px, [...(buckets.get(px) ?? []), i]);
      }
      for (const xs of buckets.values()) {
        const lowest = xs.reduce((a, b) => (y(b) < y(a) ? b : a));
        const highest = xs.reduce((a, b) => (y(b) > y(a) ? b : a));
        for (const x of [xs[0]!, xs.at(-1)!, lowest, highest]) expect(kept.has(x), `bucket of x=${xs[0]} keeps ${x}`).toBe(true);
      }
      expect(rows.length).toBeLessThanOrEqual(4 * buckets.size);
      expect(rows.every(([x, v]) => v === y(x))).toBe(true);
    } finally {
      c.closeSync();
      instance.closeSync();
    }
  });
});
