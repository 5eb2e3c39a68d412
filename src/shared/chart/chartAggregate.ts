import { sumsNearHugeintRange } from '../explore/columnKind';
import { halvesMean, sumsInHalves } from '../explore/halvesSum';
import type { ChartAggregate } from './chartSpec';

const AGGREGATE_SQL: Readonly<Record<Exclude<ChartAggregate, 'Count'>, string>> = { Sum: 'sum', Average: 'avg', Median: 'median', Min: 'min', Max: 'max' };

/**
 * A mark's value over the column `y` of `yType`. An Average of an integer wider than 64 bits or a
 * DECIMAL(p > 18, 0) sums each value's halves (halvesSum.ts), of a wider DECIMAL with decimals
 * DOUBLEs (favg), as a pivot's and a profile's: DuckDB's avg overflows its HUGEINT sum near ±1.7e38,
 * and sums a UHUGEINT as DOUBLEs.
 */
export function aggregateSql(aggregate: Exclude<ChartAggregate, 'Count'>, yType: string): string {
  if (aggregate !== 'Average') return `${AGGREGATE_SQL[aggregate]}(y)`;
  if (sumsInHalves(yType)) return halvesMean('y', yType);
  return sumsNearHugeintRange(yType) ? 'favg(y::DOUBLE)' : 'avg(y)';
}
