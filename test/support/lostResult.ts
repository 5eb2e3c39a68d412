import { expect } from 'vitest';
import { openSessions } from '../../src/shared/views/appView';
import { queryEnd, startQuery } from './coreEvents';
import { startTestCore, type TestCore } from './testCore';
import type { useTempDataDir } from './useTempDataDir';

const tableOf = (queryId: string): string => `sextant_results.q_${queryId.replaceAll('-', '')}`;

/**
 * A completed `select * from answers` whose table this data dir no longer holds, as after an import
 * into a fresh one or an eviction: `create` makes `answers`, the result's table is dropped, `change`
 * applied, and the core restarted, so the result's next read re-runs it.
 */
export async function lostResult(dir: ReturnType<typeof useTempDataDir<TestCore>>, create: string, change = 'select 1'): Promise<{ core: TestCore; queryId: string }> {
  const first = dir.keep(await startTestCore(dir.path()));
  const sessionId = openSessions(first.projections.current.view)[0]!.id;
  await first.queryWorker.request({ type: 'exec', sql: create });
  const queryId = await startQuery(first, sessionId, 'select * from answers');
  expect((await queryEnd(first, sessionId, queryId)).type).toBe('QueryCompleted');
  await first.queryWorker.request({ type: 'exec', sql: `drop table ${tableOf(queryId)}` });
  await first.queryWorker.request({ type: 'exec', sql: change });
  await first.close();
  return { core: dir.keep(await startTestCore(dir.path())), queryId };
}
