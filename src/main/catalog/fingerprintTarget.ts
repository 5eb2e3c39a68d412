import type { CsvReading, DatasetFormat } from '../../shared/contracts/events';
import { isUrl } from '../../shared/domain/datasetName';
import type { FingerprintTarget } from '../query/workerProtocol';
import { sourcePath } from './localPath';

/**
 * What a dataset's fingerprint is taken of: the file or glob a person gave (an Arrow or Windows-1252
 * file itself, not its converted copy). A URL's local copy is fingerprinted once but never watched: its download
 * hash already says what was received, and nothing changes it behind Sextant's back.
 */
export function fingerprintTarget(source: string, format: DatasetFormat, location: string | undefined, reading?: CsvReading): { target: FingerprintTarget; watched: boolean } {
  if (isUrl(source)) return { target: { path: location ?? source, parquet: format === 'parquet', content: true }, watched: false };
  const converted = format === 'arrow' || reading?.encoding === 'windows-1252';
  const path = converted ? sourcePath(source) : (location ?? sourcePath(source));
  return { target: { path, parquet: format === 'parquet', content: true }, watched: true };
}
