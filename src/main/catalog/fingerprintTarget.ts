import { isAbsolute, resolve } from 'node:path';
import type { CsvReading, DatasetFormat } from '../../shared/contracts/events';
import { isUrl } from '../../shared/domain/datasetName';
import type { FingerprintTarget } from '../query/workerProtocol';

/**
 * What a dataset's fingerprint is taken of: the file or glob a person gave (an Arrow or Windows-1252
 * file itself, not its converted copy). A URL's local copy is fingerprinted once but never watched: its download
 * hash already says what was received, and nothing changes it behind Sextant's back.
 */
export function fingerprintTarget(source: string, format: DatasetFormat, location: string | undefined, reading?: CsvReading): { target: FingerprintTarget; watched: boolean } {
  const url = isUrl(source);
  const given = isAbsolute(source) ? source : resolve(source);
  const converted = format === 'arrow' || reading?.encoding === 'windows-1252';
  const path = url ? (location ?? source) : converted ? given : (location ?? given);
  return { target: { path, parquet: format === 'parquet', content: true }, watched: !url };
}
