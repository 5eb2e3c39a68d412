import type { AppError } from '../contracts/errors';
import type { PivotSpec } from './pivotSpec';

/** DuckDB's words when an exact sum leaves HUGEINT's range (a DECIMAL wider than 18 digits is summed in one too). */
const HUGEINT_OVERFLOW = /Overflow in HUGEINT (?:addition|multiplication)/i;

/**
 * A Sum beyond HUGEINT's range, said in plain words instead of DuckDB's message (which quotes two
 * 39-digit numbers); the sum stays exact where DuckDB can make it so, rather than turning every
 * HUGEINT sum into a rounded DOUBLE. DuckDB's own message is kept as the cause, for the log.
 * Any other failure is returned as it is. A chart's Sum of its Y says the same (chartFailure.ts).
 */
export function sumOverflowInWords(error: AppError, spec: Pick<PivotSpec, 'aggregate' | 'values'>, valueType: string): AppError {
  if (spec.aggregate !== 'Sum' || !HUGEINT_OVERFLOW.test(error.message)) return error;
  const hugeint = valueType.trim().toUpperCase() === 'HUGEINT';
  const range = hugeint ? "HUGEINT's range" : `the range DuckDB sums a ${valueType} in (HUGEINT's)`;
  return {
    ...error,
    message: `The sum of ${spec.values} is beyond ${range}, about ±1.7e38, so DuckDB cannot add it exactly. Average (computed as a DOUBLE), Min and Max still work.`,
    cause: { code: 'DUCKDB_OVERFLOW', message: error.message },
  };
}
