import { useEffect, useState } from 'react';
import type { ChartData } from '../../../shared/chart/chartData';
import type { ChartSpec } from '../../../shared/chart/chartSpec';
import type { AppError } from '../../../shared/contracts/errors';
import type { PageFilter, SextantApi } from '../../../shared/contracts/protocol';

export type ChartState = { readonly kind: 'idle' } | { readonly kind: 'loading' } | { readonly kind: 'ready'; readonly data: ChartData } | { readonly kind: 'failed'; readonly error: AppError };

/**
 * The marks of a chart of a complete result, asked of main whenever the spec or the result changes.
 * A newer request replaces the older one in main (one chart query per session); leaving (the
 * region closed, another result shown) cancels what is still in flight.
 */
export function useChartData(
  api: SextantApi,
  sessionId: string,
  queryId: string,
  spec: ChartSpec | undefined,
  complete: boolean,
  linked?: { readonly slot: number; readonly filter: readonly PageFilter[]; readonly past?: boolean },
): ChartState {
  const [state, setState] = useState<ChartState>({ kind: 'idle' });
  const key = spec ? JSON.stringify([spec, linked ?? null]) : '';
  useEffect(() => {
    if (!spec || !complete) {
      setState({ kind: 'idle' });
      return;
    }
    let live = true;
    setState((s) => (s.kind === 'ready' ? s : { kind: 'loading' }));
    void api.chartData(sessionId, queryId, spec, linked).then((result) => {
      if (!live) return;
      if (result.ok) setState({ kind: 'ready', data: result.value });
      // a newer request replaced this one: its own answer follows
      else if (result.error.code !== 'INTERRUPTED') setState({ kind: 'failed', error: result.error });
    });
    return () => {
      live = false;
    };
  }, [api, sessionId, queryId, key, complete]);
  // the first chart leaving closes them all (a linked chart removed alone must not cancel its neighbours' queries)
  const first = (linked?.slot ?? 0) === 0;
  useEffect(() => () => void (first && api.cancelChart(sessionId)), [api, sessionId, queryId, first]);
  return state;
}
