import { randomUUID } from 'node:crypto';
import { open } from 'node:fs/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import { AppErrorException, appError } from '../../shared/contracts/errors';
import type { Column, CsvReading } from '../../shared/contracts/events';
import { DELIMITER, looksRagged, readingAfter, type CsvFormat, type Sniffed } from '../../shared/domain/csvReading';
import { utf16Order } from '../../shared/domain/utf16Bytes';
import { mixedWords, textVerdict, windows1252Words } from '../../shared/domain/csvText';
import { literal } from '../query/sql';
import { lineAt, scanOf } from './csvText.worker';

/** Enough of a file for its byte-order mark and its first line. */
const HEAD_BYTES = 64 * 1024;

/** The first `bytes` of `path` (fewer when it is shorter), or undefined when it cannot be read. */
export async function head(path: string, bytes = HEAD_BYTES): Promise<Uint8Array | undefined> {
  try {
    const file = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(bytes);
      const { bytesRead } = await file.read(buffer, 0, bytes, 0);
      return buffer.subarray(0, bytesRead);
    } finally {
      await file.close();
    }
  } catch {
    return undefined;
  }
}

/** DuckDB's words for a file its Latin-1 refuses: one with bytes 0x80–0x9F. */
const NOT_LATIN1 = /not latin-1 encoded/i;

/** Files DuckDB decompresses (by their name) before reading: their bytes say nothing of the text's encoding. */
export const COMPRESSED = /\.(gz|zst|zstd)$/i;

export const refusal = (code: 'DATASET_UNSUPPORTED' | 'DATASET_CORRUPT', message: string) => new AppErrorException(appError(randomUUID(), code, message));

/**
 * The reading to try after registering failed with `error`; `file`: the one file read, undefined for
 * a pattern. DuckDB read its first rows only: before Latin-1 is tried, the whole file's bytes say
 * whether Latin-1 reads it all (wholeFileReading), so a file it cannot read whole is refused here,
 * in words, not when a query reaches its later rows.
 */
export async function readingAfterFailure(error: unknown, tried: CsvReading, file: string | undefined): Promise<CsvReading | undefined> {
  const words = error instanceof Error ? error.message : String(error);
  if (NOT_LATIN1.test(words)) {
    throw refusal('DATASET_UNSUPPORTED', `${file === undefined ? 'A file it matches' : 'This file'} is neither UTF-8 nor Latin-1: it holds bytes 0x80–0x9F, which Latin-1 has no characters for (Windows-1252 writes € ’ “ ” with them). Save it as UTF-8 and add it again.`);
  }
  const firstBytes = file === undefined ? undefined : await head(file);
  if (!tried.encoding && utf16Order(firstBytes) === 'big-endian') throw refusal('DATASET_UNSUPPORTED', bigEndianWords('This file'));
  const next = readingAfter(words, tried, firstBytes);
  if (file === undefined || next?.encoding !== 'latin-1' || tried.encoding) return next;
  return (await wholeFileReading(file, tried)) ?? next;
}

/**
 * The encoding `file` needs, read whole (shared/domain/csvText.ts): Latin-1 for one that is not UTF-8,
 * undefined where UTF-8 reads it or its bytes cannot tell (compressed, binary). Throws, in words,
 * for one no encoding DuckDB has reads whole: Windows-1252's bytes 0x80–0x9F, or UTF-8 then not.
 */
async function wholeFileReading(file: string, tried: CsvReading): Promise<CsvReading | undefined> {
  if (COMPRESSED.test(file)) return undefined;
  const verdict = textVerdict(await scanOf(file));
  switch (verdict.kind) {
    case 'utf-8':
    case 'unknown':
      return undefined;
    case 'latin-1':
      return { ...tried, encoding: 'latin-1' };
    case 'windows-1252':
      throw refusal('DATASET_UNSUPPORTED', windows1252Words(verdict.bytes, (await lineAt(file, verdict.at)).line));
    case 'mixed': {
      const { line, byte } = await lineAt(file, verdict.at);
      throw refusal('DATASET_CORRUPT', mixedWords(byte, line));
    }
  }
}

/** Why UTF-16 big-endian is refused; `what`: the file named, or "This file". */
export const bigEndianWords = (what: string): string =>
  `${what} is UTF-16 big-endian, which DuckDB cannot read (it reads UTF-16 little-endian only). Save it as UTF-8, or as UTF-16 little-endian, and add it again.`;

/**
 * The reading a CSV or TSV that read without error needs instead, or undefined: UTF-16 (its bytes
 * say so without a mark, utf16Bytes.ts) that DuckDB's defaults read as text full of NULs is read as
 * UTF-16, or refused in big-endian; DuckDB read its first rows only, so a file whose later rows are
 * not UTF-8 is read as Latin-1 (or refused, as wholeFileReading says), and one misread as ragged
 * (misreadAsRagged) is read with NULL padding.
 */
export async function readingAfterSuccess(c: DuckDBConnection, format: CsvFormat, columns: readonly Column[], file: string | undefined, reading: CsvReading): Promise<CsvReading | undefined> {
  if (file !== undefined && !reading.encoding && !COMPRESSED.test(file)) {
    const order = utf16Order(await head(file));
    if (order === 'big-endian') throw refusal('DATASET_UNSUPPORTED', bigEndianWords('This file'));
    if (order) return { ...reading, encoding: 'utf-16' };
  }
  const whole = file === undefined || reading.encoding ? undefined : await wholeFileReading(file, reading);
  if (whole) return whole;
  return (await misreadAsRagged(c, format, columns, file, reading)) ? { ...reading, ragged: true } : undefined;
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
