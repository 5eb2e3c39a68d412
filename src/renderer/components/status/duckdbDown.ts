import type { AppError } from '../../../shared/contracts/errors';

/** What the top bar shows, in a word, while DuckDB is not running. */
export const DUCKDB_DOWN_LABEL = 'DuckDB is not running';

/**
 * The whole sentence of the top bar's sign while DuckDB is not running (its start failed): DuckDB's
 * words with the error id the log carries, what cannot be done, what to do, and that nothing is lost.
 */
export function duckdbDownText(error: AppError): string {
  return (
    `${DUCKDB_DOWN_LABEL}. ${error.message} (error id ${error.id}). Queries, charts and exports cannot run until that is fixed ` +
    '(the program holding the file closed, or Sextant updated for a file of a newer DuckDB) and Sextant is started again; the sessions and their history are intact.'
  );
}

/**
 * Why Run is disabled while DuckDB is not running: its tooltip, so its accessible description (its
 * name stays "Run"), and the notice over the text when Ctrl/Cmd+Enter or a press on Run runs nothing
 * (a key cannot be disabled, so it says why as the button does): one sentence for both.
 */
export function runDisabledText(error: AppError): string {
  return `${DUCKDB_DOWN_LABEL}, so queries cannot run: ${error.message} (error id ${error.id}).`;
}
