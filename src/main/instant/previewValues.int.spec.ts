import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CELL_CHARS } from '../../shared/explore/cellChars';
import type { PreviewAnswer } from '../../shared/instant/preview';
import { runPreview } from './previewRunner.worker';
import { PREVIEW_SAMPLE } from './previewSample.worker';
import { PREVIEW_TEXT_CHARS } from './previewValues.worker';

/** What a preview reads of its rows, through real DuckDB: values cut as the grid cuts them, Run's column names, a text budget. */
let instance: DuckDBInstance;
let n = 0;
beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
});
afterAll(() => instance.closeSync());

async function rows(sql: string): Promise<Extract<PreviewAnswer, { kind: 'rows' }>> {
  const a = await runPreview(instance, `v${n++}`, sql, sql.length, PREVIEW_SAMPLE);
  if (a.kind !== 'rows') throw new Error(JSON.stringify(a));
  return a;
}

const cut = (s: string) => `${s.slice(0, CELL_CHARS)}…`;

describe('the values a preview carries', () => {
  it('cuts each long value in DuckDB to CELL_CHARS characters and "…", as the grid draws it', async () => {
    const a = await rows("select repeat('x', 2000000) as big, range from range(101)");
    expect(a.values[0]).toHaveLength(100);
    expect(a.values[0]!.every((v) => v === cut('x'.repeat(CELL_CHARS + 1)))).toBe(true);
    expect(a.values[1]![99]).toBe('99');
    expect(a.more).toBe(true);
    expect(a.overBudget).toBeUndefined();
  });

  it('cuts the text of other types too (a long list), and leaves short values whole', async () => {
    const a = await rows("select range(0, 1000) as l, 'short' as s, NULL::VARCHAR as n");
    expect(a.values[0]![0]).toBe(cut(`[${Array.from({ length: 1000 }, (_, i) => i).join(', ')}]`));
    expect(a.values[1]![0]).toBe('short');
    expect(a.values[2]![0]).toBeNull();
  });

  it('keeps the first rows within the text budget and says rows were left out', async () => {
    const columns = Array.from({ length: 20 }, (_, i) => `repeat('y', 5000) as y${i}`).join(', ');
    const a = await rows(`select ${columns} from range(100)`);
    const perRow = 20 * (CELL_CHARS + 1);
    expect(a.values[0]).toHaveLength(Math.floor(PREVIEW_TEXT_CHARS / perRow));
    expect(a).toMatchObject({ more: true, overBudget: true });
  });

  it('names the columns as Run does: repeated names stay repeated', async () => {
    const a = await rows('select 1 as a, 2 as a, 3 as A');
    expect(a.columns.map((c) => c.name)).toEqual(['a', 'a', 'A']);
    expect(a.values).toEqual([['1'], ['2'], ['3']]);
  });

  it('a CTE step keeps its names too, and a binder error still points into the editor', async () => {
    const sql = 'with t as (select 1 as a, 2 as a) select * from t';
    const step = await runPreview(instance, `v${n++}`, sql, sql.indexOf('2 as'), PREVIEW_SAMPLE);
    expect(step).toMatchObject({ kind: 'rows', steps: ['t'] });
    const bad = 'select 1 as a,\n  nope';
    expect(await runPreview(instance, `v${n++}`, bad, bad.length, PREVIEW_SAMPLE)).toMatchObject({ kind: 'invalid', position: bad.indexOf('nope') });
  });
});
