import type { SessionCommand } from '../contracts/commands';
import type { Rejection } from '../contracts/errors';
import type { SessionEvent } from '../contracts/events';
import { chartsOf, type ChartSpec } from '../chart/chartSpec';
import { reject } from './decider';

type SetChart = Extract<SessionCommand, { type: 'SetChart' }>;

/** Identifies a chart setting by its content (null: no chart shown), so setting the same one again records nothing. */
export const chartKey = (spec: ChartSpec | null): string => {
  if (!spec) return '';
  const [first, ...linked] = chartsOf(spec).map((c) => [c.mark, c.x, c.y ?? null, c.color ?? null, c.aggregate]);
  // one chart keeps the key it always had (snapshots hold it); linked charts follow it
  return JSON.stringify(linked.length > 0 ? [...(first ?? []), linked] : first);
};

/**
 * The session decider's rule for SetChart: only a completed query of this session has a result to
 * chart. Which columns a spec may name is the chart service's to check when it draws (a column
 * missing there is a clear error, not a lost setting); the same setting again records nothing.
 */
export function decideChart(command: SetChart, result: { readonly chart: string } | undefined): readonly SessionEvent[] | Rejection {
  if (!result) return reject('RESULT_NOT_FOUND', 'Only a completed query of this session can be charted.', { queryId: command.queryId });
  return chartKey(command.spec) === result.chart ? [] : [{ type: 'ChartSet', payload: { queryId: command.queryId, spec: command.spec } }];
}
