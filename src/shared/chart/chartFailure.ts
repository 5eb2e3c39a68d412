import type { AppError } from '../contracts/errors';
import type { Column } from '../contracts/events';
import { sumOverflowInWords } from '../pivot/pivotOverflow';
import type { ChartSpec } from './chartSpec';
import { TOO_CLOSE_TO_BIN } from './chartSql';

/** DuckDB's prefix on the chart SQL's own words (chartSql.ts raises them with error()). */
const OWN_WORDS = new RegExp(`^Invalid Input Error: (${TOO_CLOSE_TO_BIN}[\\s\\S]*)$`);

/**
 * A chart's failure in words a person reads: a Sum of Y beyond HUGEINT's range as the pivot says it,
 * and the chart SQL's own refusals without DuckDB's "Invalid Input Error:" before them. DuckDB's
 * message is kept as the cause; any other failure is returned as it is.
 */
export function chartFailureInWords(error: AppError, spec: Pick<ChartSpec, 'aggregate' | 'y'>, columns: readonly Column[]): AppError {
  const own = OWN_WORDS.exec(error.message)?.[1];
  if (own !== undefined) return { ...error, message: own, cause: { code: 'DUCKDB_INVALID_INPUT', message: error.message } };
  const y = spec.y === undefined ? undefined : columns.find((c) => c.name === spec.y);
  return y === undefined ? error : sumOverflowInWords(error, { aggregate: spec.aggregate, values: y.name }, y.type);
}
