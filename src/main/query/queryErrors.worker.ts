import type { AppError } from '../../shared/contracts/errors';

/** DuckDB's words when an allocation would pass memory_limit: "… (50.2 MiB/61.0 MiB used)". */
const OUT_OF_MEMORY = /^Out of Memory Error:/;
const LIMIT_USED = /\([\d.]+ \w+\/([\d.]+ \w+) used\)/;

/**
 * What a person reads when DuckDB fails their SQL, or the sorting or filtering of a result. DuckDB's own text stays (it names the
 * problem and the place), minus the wrapper node-api puts before it. Running out of memory gets a
 * code of its own and a first line saying what happened in Sextant's terms: DuckDB's text alone
 * suggests thread counts and names no limit the person ever set.
 */
export function explainDuckdbFailure(error: AppError, what = 'this query'): AppError {
  const message = withoutWrapper(error.message);
  if (!OUT_OF_MEMORY.test(message)) return { ...error, message };
  const limit = LIMIT_USED.exec(message)?.[1];
  const lead =
    `DuckDB ran out of memory: ${what} needs more than ${limit ? `its memory limit (${limit})` : 'its memory limit'} ` +
    'for work it cannot spill to disk, such as one very large list, string or hash table.';
  return { ...error, code: 'OUT_OF_MEMORY', message: `${lead}\n\n${message}` };
}

/** node-api wraps DuckDB's text in "Failed to prepare statement …: "; a person needs only DuckDB's part. */
export const withoutWrapper = (message: string): string => message.replace(/^Failed to (extract statements|prepare)[^:]*: /, '');
