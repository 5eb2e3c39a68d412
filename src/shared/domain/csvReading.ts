import type { Column, CsvReading } from '../contracts/events';
import { utf16Order } from './utf16Bytes';

/**
 * When DuckDB's defaults do not read a CSV or TSV, how Sextant reads it instead (docs/query-engine.md,
 * "CSV that DuckDB's defaults misread"): another encoding, or its short rows padded with NULLs.
 * Pure rules here; the worker tries them (catalog/csvReading.worker.ts).
 */

/** DuckDB's words for a CSV that is not UTF-8 (Latin-1, UTF-16…). */
export const notUtf8 = (words: string): boolean => /not utf-8 encoded/i.test(words);

/** DuckDB's words for a row with more or fewer columns than the file's first rows, with a delimiter it was given. */
const RAGGED = /Expected Number of Columns|too many columns|null_padding/i;

export type CsvFormat = 'csv' | 'tsv';
export const DELIMITER: Readonly<Record<CsvFormat, string>> = { csv: ',', tsv: '\t' };

/**
 * The reading to try after a registration failed with `words`, or undefined when another would not
 * help. A file whose first bytes are UTF-16 little-endian (its mark, or its bytes without one:
 * utf16Bytes.ts) is read as UTF-16 whatever DuckDB said: with CRLF line ends its sniffer fails before
 * it sees the encoding ("Error when sniffing file … Encoding: utf-8"). DuckDB 1.5 reads UTF-16 as
 * little-endian only (a big-endian file reads as one garbled column and no rows), so big-endian is
 * not guessed: the worker refuses it in words. Any other
 * non-UTF-8 file is read as Latin-1, whose DuckDB reader refuses only bytes 0x80–0x9F
 * (Windows-1252's "€", "’"…): the worker checks the whole file's bytes before Latin-1 is used
 * (csvText.ts), and the catalog says which was.
 */
export function readingAfter(words: string, tried: CsvReading, firstBytes: Uint8Array | undefined): CsvReading | undefined {
  if (!tried.encoding) {
    const order = utf16Order(firstBytes);
    if (order === 'little-endian') return { ...tried, encoding: 'utf-16' };
    if (order === 'big-endian') return undefined;
    if (notUtf8(words)) return { ...tried, encoding: 'latin-1' };
  }
  if (!tried.ragged && RAGGED.test(words)) return { ...tried, ragged: true };
  return undefined;
}

/** What DuckDB's sniffer made of a file (`sniff_csv`). */
export interface Sniffed {
  readonly delimiter: string;
  readonly skipRows: number;
  readonly hasHeader: boolean;
}

/**
 * Whether a file that read without error was misread as DuckDB does a ragged one (rows of unequal
 * length): its sniffer then finds no delimiter that splits every row alike, and either reads each
 * line as one text column named after the whole header ("a,b,c"), or skips every row up to the
 * first of the longest ones, header and data alike. `firstLine`: the file's first line.
 */
export function looksRagged(format: CsvFormat, columns: readonly Column[], sniffed: Sniffed | undefined, firstLine: string | undefined): boolean {
  const delimiter = DELIMITER[format];
  const lumped = columns.length === 1 && columns[0]!.name.includes(delimiter);
  // a first line with the delimiter that the sniffer skipped, finding no header after it: it was the header
  const skipped = sniffed !== undefined && sniffed.skipRows > 0 && !sniffed.hasHeader && (firstLine?.split(delimiter).length ?? 0) >= 2;
  return lumped || skipped;
}

/**
 * The options a reading adds to `read_csv(…)`: its encoding, and for a ragged file its delimiter with
 * NULL padding. A Windows-1252 file is read from its UTF-8 copy (catalog/windows1252Copy.ts): no encoding.
 */
export function readingOptions(format: CsvFormat, reading: CsvReading | undefined): string {
  if (!reading) return '';
  const encoding = reading.encoding && reading.encoding !== 'windows-1252' ? `, encoding = '${reading.encoding}'` : '';
  // a TSV's delimiter is always given (readerSql)
  const ragged = reading.ragged ? `${format === 'csv' ? ", delim = ','" : ''}, null_padding = true` : '';
  return `${encoding}${ragged}`;
}

const ENCODING_NAMES: Readonly<Record<NonNullable<CsvReading['encoding']>, string>> = { 'latin-1': 'Latin-1', 'utf-16': 'UTF-16', 'windows-1252': 'Windows-1252' };

/** A reading in words, as the catalog notes it under the dataset: "read as Latin-1, short rows padded with NULL". */
export function readingWords(reading: CsvReading): string {
  const parts = [
    ...(reading.encoding ? [`read as ${ENCODING_NAMES[reading.encoding]}, not UTF-8`] : []),
    ...(reading.ragged ? ['rows of unequal length padded with NULL'] : []),
  ];
  return parts.join('; ');
}
