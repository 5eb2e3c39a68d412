import { describe, expect, it } from 'vitest';
import type { ChartDataRequest } from '../../shared/chart/chartData';
import { recordingLogger } from '../../../test/support/recordingLogger';
import { useTestSession } from '../../../test/support/useTestSession';

/** Two HUGEINTs at its top: their exact sum overflows in DuckDB. */
const SQL = `select 'a' g, 170141183460469231731687303715884105727::HUGEINT h union all select 'a', 170141183460469231731687303715884105727::HUGEINT`;

/** The window shows a failed chart's error id with "Copy id": the core's log must hold it. */
describe('a failed chart in the log (real core, real DuckDB)', () => {
  const logged = recordingLogger('info');
  const { core, sessionId, run } = useTestSession('all', { log: logged.log });
  const lines = () => logged.errors.map((l) => JSON.parse(l) as Record<string, unknown>);
  const chart = async (spec: ChartDataRequest['spec']) => {
    const { queryId } = await run(SQL);
    return { queryId, answer: core().charts.chart({ sessionId: sessionId(), queryId, spec }) };
  };

  it('given a chart whose SQL DuckDB fails (a Sum of HUGEINTs overflowing), when asked, then its error id is logged as a warning', async () => {
    const { queryId, answer } = await chart({ mark: 'Bar', x: 'g', y: 'h', aggregate: 'Sum' });
    const result = await answer;
    if (result.ok) throw new Error('the chart was drawn: it should have failed');
    expect(result.error.message).toMatch(/beyond HUGEINT's range/);
    expect(lines().filter((l) => l['errorId'] === result.error.id)).toEqual([expect.objectContaining({ level: 40, code: result.error.code, sessionId: sessionId(), queryId, msg: result.error.message })]);
  });

  it('given a chart replaced by a newer one, then the older one is not logged: it was never shown', async () => {
    const { queryId, answer: older } = await chart({ mark: 'Bar', x: 'g', y: 'h', aggregate: 'Count' });
    const newer = core().charts.chart({ sessionId: sessionId(), queryId, spec: { mark: 'Bar', x: 'g', y: 'h', aggregate: 'Count' } });
    const replaced = await older;
    expect(replaced.ok ? 'drawn' : replaced.error.code).toBe('INTERRUPTED');
    expect((await newer).ok).toBe(true);
    expect(lines().filter((l) => l['code'] === 'INTERRUPTED')).toEqual([]);
  });
});
