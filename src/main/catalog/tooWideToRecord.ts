import { appError, type AppError } from '../../shared/contracts/errors';
import type { DatasetRegistered } from '../../shared/contracts/events';
import { MAX_EVENT_PAYLOAD_CHARS } from '../store/eventAppender';
import { grouped } from '../../shared/text/counts';
import { shownSource } from './sourceChecks';

/**
 * A dataset DuckDB reads whose description (its columns, names and types) is over what one catalog
 * event may carry: the store's refusal, said as a reason it could not be added, under the refusal's
 * id. SQL still reads the file itself, which the message names as the way to it.
 */
export function tooWideToRecord(refusal: AppError, source: string, registered: Pick<DatasetRegistered, 'format' | 'columns' | 'tables'>): AppError {
  const size = typeof refusal.details?.['size'] === 'number' ? ` (${grouped(refusal.details['size'])} characters; the limit is ${grouped(MAX_EVENT_PAYLOAD_CHARS)})` : '';
  // a database file's columns are its tables'
  const columns = registered.columns.length + (registered.tables ?? []).reduce((n, t) => n + t.columns.length, 0);
  const instead = registered.format === 'duckdb' ? 'Attach the file in SQL instead (ATTACH … (READ_ONLY)).' : 'Read the file in SQL instead (read_parquet, read_csv, …).';
  return appError(refusal.id, 'DATASET_UNSUPPORTED', `${shownSource(source)} could not be added: its ${grouped(columns)} columns are more than the catalog can record for one dataset${size}. ${instead}`, {
    details: { columns, ...(refusal.details ?? {}) },
  });
}
