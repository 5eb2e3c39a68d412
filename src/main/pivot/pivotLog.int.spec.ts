import { describe, expect, it } from 'vitest';
import { recordingClient } from '../../../test/support/coreEvents';
import { recordingLogger } from '../../../test/support/recordingLogger';
import { useTestSession } from '../../../test/support/useTestSession';

/** Two HUGEINTs at its top: their exact sum overflows in DuckDB. */
const SQL = `select 170141183460469231731687303715884105727::HUGEINT h union all select 170141183460469231731687303715884105727::HUGEINT`;

/** The window shows a failed pivot's error id with "Copy id": the core's log must hold it. */
describe('a failed pivot in the log (real core, real DuckDB, over the wire)', () => {
  const logged = recordingLogger('info');
  const { core, run } = useTestSession('all', { log: logged.log });
  const lines = () => logged.errors.map((l) => JSON.parse(l) as Record<string, unknown>);

  it('given Sum of a HUGEINT column overflowing, when a window asks for the pivot, then the error id it is answered with is logged as a warning', async () => {
    const { queryId } = await run(SQL);
    const { conn } = recordingClient(core());
    const answer = await conn.handle({ method: 'pivotPage', queryId, spec: { rows: [], columns: [], values: 'h', aggregate: 'Sum' }, offset: 0, limit: 100 });
    conn.close();
    if (answer.ok) throw new Error('the pivot was answered: it should have failed');
    expect(answer.error.message).toMatch(/beyond HUGEINT's range/);
    expect(lines().filter((l) => l['errorId'] === answer.error.id)).toEqual([expect.objectContaining({ level: 40, code: answer.error.code, queryId, msg: answer.error.message })]);
  });

  it('given a spec naming no column of the result, when refused, then that refusal’s id is logged too', async () => {
    const { queryId } = await run(SQL);
    const { conn } = recordingClient(core());
    const answer = await conn.handle({ method: 'pivotPage', queryId, spec: { rows: ['nope'], columns: [], values: 'h', aggregate: 'Count' }, offset: 0, limit: 100 });
    conn.close();
    if (answer.ok) throw new Error('the pivot was answered: it should have been refused');
    expect(answer.error.code).toBe('INVALID_COMMAND');
    expect(lines().filter((l) => l['errorId'] === answer.error.id)).toHaveLength(1);
  });
});
