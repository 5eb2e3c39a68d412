import { open } from 'node:fs/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Column, CsvReading } from '../../shared/contracts/events';
import { DELIMITER, looksRagged, readingAfter, type CsvFormat, type Sniffed } from '../../shared/domain/csvReading';
import { literal } from '../query/sql';

/** Enough of a file for its byte-order mark and its first line. */
const HEAD_BYTES = 64 * 1024;

async function head(path: string): Promise<Uint8Array | undefined> {
  try {
    const file = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(HEAD_BYTES);
      const { bytesRead } = await file.read(buffer, 0, HEAD_BYTES, 0);
      return buffer.subarray(0, bytesRead);
    } finally {
      await file.close();
    }
  } catch {
    return undefined;
  }
}

/** The reading to try after registering failed with `error`; `file`: the one file read, undefined for a pattern. */
export async function readingAfterFailure(error: unknown, tried: CsvReading, file: string | undefined): Promise<CsvReading | undefined> {
  const words = error instanceof Error ? error.message : String(error);
  return readingAfter(words, tried, file === undefined ? undefined : await head(file));
}

/**
 * Whether a CSV or TSV that read with DuckDB's defaults was misread as a ragged one (looksRagged),
 * asking DuckDB's sniffer what it made of the file. Only for one file in UTF-8 or Latin-1: a
 * pattern's files are sniffed one by one by DuckDB, and UTF-16's first line is not text here.
 */
export async function misreadAsRagged(c: DuckDBConnection, format: CsvFormat, columns: readonly Column[], file: string | undefined, reading: CsvReading): Promise<boolean> {
  if (reading.ragged || file === undefined || reading.encoding === 'utf-16') return false;
  const bytes = await head(file);
  const firstLine = bytes === undefined ? undefined : Buffer.from(bytes).toString('latin1').split(/\r?\n/)[0];
  let sniffed: Sniffed | undefined;
  try {
    const delim = format === 'tsv' ? `, delim = ${literal(DELIMITER.tsv)}` : '';
    const encoding = reading.encoding ? `, encoding = ${literal(reading.encoding)}` : '';
    const [row] = (await c.runAndReadAll(`SELECT Delimiter, SkipRows, HasHeader FROM sniff_csv(${literal(file)}${delim}${encoding})`)).getRowObjectsJS();
    if (row) sniffed = { delimiter: String(row['Delimiter']), skipRows: Number(row['SkipRows']), hasHeader: row['HasHeader'] === true };
  } catch {
    sniffed = undefined; // the columns alone can still tell
  }
  return looksRagged(format, columns, sniffed, firstLine);
}
