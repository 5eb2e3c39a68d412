import type { DuckDBConnection } from '@duckdb/node-api';
import type { CsvReading } from '../../shared/contracts/events';
import { UTF16_SNIFF_BYTES, utf16Order } from '../../shared/domain/utf16Bytes';
import { literal } from '../query/sql';
import { bigEndianWords, COMPRESSED, head, refusal } from './csvReading.worker';

/** How many files' first bytes are read at once. */
const HEADS_AT_ONCE = 16;

/**
 * The encoding a folder's or a pattern's CSV or TSV files are read in, from each one's first bytes
 * (docs/query-engine.md, "CSV that DuckDB's defaults misread"). DuckDB reads all of them in one
 * encoding and sniffs UTF-16 as UTF-8: with CRLF line ends it fails in its dialect sniffer, with LF
 * it says "not utf-8 encoded" and Latin-1 would then misread them. So the files are looked at before
 * DuckDB reads them, as a single file's are: all UTF-16 little-endian (a mark, or the bytes without
 * one), read as UTF-16; one big-endian, or UTF-16 beside files that are not, refused in words. A
 * compressed file's bytes say nothing of its text, and an empty or unreadable one nothing at all:
 * those are left to DuckDB. Run once per registration, on the worker: a few KiB per file, read
 * HEADS_AT_ONCE at a time (one by one, 2,000 small files took ~310 ms, more than DuckDB's read of
 * them all; 16 at a time, ~70 ms), and no further once files of both kinds are seen.
 */
export async function patternReading(c: DuckDBConnection, pattern: string): Promise<CsvReading> {
  const files = (await c.runAndReadAll(`SELECT file FROM glob(${literal(pattern)}) ORDER BY file`)).getRowsJS().map((r) => String(r[0]));
  let utf16: string | undefined;
  let other: string | undefined;
  for (let at = 0; at < files.length && (utf16 === undefined || other === undefined); at += HEADS_AT_ONCE) {
    const batch = files.slice(at, at + HEADS_AT_ONCE);
    const heads = await Promise.all(batch.map((file) => (COMPRESSED.test(file) ? undefined : head(file, UTF16_SNIFF_BYTES))));
    batch.forEach((file, i) => {
      if (COMPRESSED.test(file)) return void (other ??= file);
      const bytes = heads[i];
      if (!bytes?.length) return;
      const order = utf16Order(bytes);
      if (order === 'big-endian') throw refusal('DATASET_UNSUPPORTED', bigEndianWords(file));
      if (order) utf16 ??= file;
      else other ??= file;
    });
  }
  if (utf16 === undefined) return {};
  if (other !== undefined) {
    throw refusal(
      'DATASET_UNSUPPORTED',
      `The files are in different encodings: ${utf16} is UTF-16, ${other} is not, and Sextant reads all of a folder’s or pattern’s files in one encoding. Save them all as UTF-8 (or all as UTF-16) and add it again.`,
    );
  }
  return { encoding: 'utf-16' };
}
