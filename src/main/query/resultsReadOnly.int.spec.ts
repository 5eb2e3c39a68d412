import { beforeAll, describe, expect, it } from 'vitest';
import { openSessions } from '../../shared/views/appView';
import { queryEnd, startQuery } from '../../../test/support/coreEvents';
import type { TestCore } from '../../../test/support/testCore';
import { useTestCore } from '../../../test/support/useTestCore';
import { RESULTS_SCHEMA } from './sql';

/**
 * The results Sextant keeps are read by a person's SQL, never written: an UPDATE of one showed
 * another query's result as rows it never returned, with nothing to tell (real core, real DuckDB).
 */
describe('the kept results, read-only to a person’s SQL', () => {
  const started = useTestCore('all');
  let core: TestCore;
  let sessionId: string;
  beforeAll(() => {
    core = started.core();
    sessionId = openSessions(core.projections.current.view)[0]!.id;
  });
  const run = async (sql: string) => {
    const queryId = await startQuery(core, sessionId, sql);
    const end = await queryEnd(core, sessionId, queryId);
    return { queryId, type: end.type, code: end.type === 'QueryFailed' ? end.payload.error.code : undefined, message: end.type === 'QueryFailed' ? end.payload.error.message : undefined };
  };
  const page = async (queryId: string) => {
    const p = await core.runner.fetchPage(queryId, 0, 10);
    return p.ok ? p.value.values : p.error.code;
  };

  it('given a result, when a person’s SQL updates, deletes, drops or adds to its schema, or puts it on the search path, then each is refused and the result is as it was', async () => {
    const { queryId } = await run("select 42 as answer, 'real' as note");
    const table = `${RESULTS_SCHEMA}."q_${queryId.replaceAll('-', '')}"`;
    const attempts = [
      `update ${table} set c0 = 666, c1 = 'forged'`,
      `delete from ${table}`,
      `drop table ${table}`,
      `create table ${RESULTS_SCHEMA}.evil as select 1 as x`,
      `insert into ${table} values (1, 'more')`,
      `set search_path = '${RESULTS_SCHEMA}'`,
    ];
    for (const sql of attempts) {
      const outcome = await run(sql);
      expect(outcome, sql).toMatchObject({ type: 'QueryFailed', code: 'RESULTS_READ_ONLY' });
    }
    expect(await page(queryId)).toEqual([['42'], ['real']]);
    // reading them is a person's to do
    const read = await run(`select c0 from ${table}`);
    expect(read.type).toBe('QueryCompleted');
    expect(await page(read.queryId)).toEqual([['42']]);
  });
});
