import type { ChartData } from '../../src/shared/chart/chartData';
import type { Result } from '../../src/shared/contracts/errors';

/** A chart's marks, or the spec fails saying why main refused them. */
export function chartAnswer(r: Result<ChartData>): ChartData {
  if (!r.ok) throw new Error(`chart failed: ${r.error.code} ${r.error.message}`);
  return r.value;
}
