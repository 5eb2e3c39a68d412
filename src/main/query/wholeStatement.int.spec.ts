import { describe, expect, it } from 'vitest';
import { useRunSlot } from '../../../test/support/useRunSlot';
import { preparedWhole } from './wholeStatement.worker';

describe('a text of one statement is prepared whole', () => {
  const run = useRunSlot();

  it('one statement, however commented or ended: prepared in one call, its columns known', async () => {
    for (const sql of ['select 1 as a, 2 as b', '-- note\nselect 1 as a, 2 as b;', "select 'x;y' as a, 2 as b /* ; */"]) {
      const whole = await preparedWhole(run.slot().query, sql, undefined);
      expect(whole?.columnCount, sql).toBe(2);
      whole?.destroySync();
    }
  });

  it('left to the split: a script, a PIVOT DuckDB expands into several, and a parse or bind error (reported with its position by the split)', async () => {
    const c = run.slot().query;
    await c.run('create table t as select 1 as k, 2 as v');
    expect(await preparedWhole(c, 'select 1; select 2', undefined)).toBeUndefined();
    expect(await preparedWhole(c, 'pivot t on k using sum(v)', undefined)).toBeUndefined();
    expect(await preparedWhole(c, 'selec 1', undefined)).toBeUndefined();
    expect(await preparedWhole(c, 'select nope from t', undefined)).toBeUndefined();
  });

  it('a long text is left to the split without being tokenized here', async () => {
    const long = `select 1 as a -- ${'x'.repeat(70_000)}`;
    expect(await preparedWhole(run.slot().query, long, undefined)).toBeUndefined();
  });

  it('the data folder is guarded before DuckDB binds: a COPY into it is refused, not prepared', async () => {
    await expect(preparedWhole(run.slot().query, "copy (select 1) to '/data/x.csv'", '/data')).rejects.toMatchObject({ error: { code: 'DATA_DIR_PROTECTED' } });
  });
});
