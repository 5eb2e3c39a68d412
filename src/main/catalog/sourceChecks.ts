import type { AppError } from '../../shared/contracts/errors';
import { resolve, sep } from 'node:path';
import { globLiteral, isGlob, isUrl } from '../../shared/domain/datasetName';
import { displayUrl } from './urlFile';
import { notUtf8 } from '../../shared/domain/csvReading';
import { duckdbMessage } from './duckdbMessage';

/** DuckDB's words for a file it cannot make sense of, and what to tell a person instead. */
const CORRUPT: readonly [RegExp, string][] = [
  // "don't know what type": DuckDB's Thrift reader on a Parquet footer whose bytes were garbled
  [/No magic bytes found|too small to be a Parquet file|Invalid Parquet|parquet.*(corrupt|invalid)|don't know what type/i, 'is not a valid Parquet file'],
  [/Malformed JSON|JSON.*(parse|invalid)/i, 'is not valid JSON'],
  [/not a valid DuckDB database|database file.*(invalid|corrupt)|unable to open database|IO Error.*header/i, 'is not a DuckDB database Sextant can open'],
  [/Error when sniffing file|CSV Error|Could not convert string|Invalid unicode/i, 'could not be read as CSV'],
];

/** A source as messages and log lines name it: a URL without its userinfo, query or fragment (urlFile.ts). */
export const shownSource = (source: string): string => (isUrl(source) ? displayUrl(source) : source);

/**
 * True when a message already says where it failed: the source itself, a URL in display form, or
 * a URL's server alone (a message about a web page names only that: the URL's path may hold a token).
 */
function saysWhere(message: string, source: string): boolean {
  if (message.includes(source) || message.includes(shownSource(source))) return true;
  if (!isUrl(source)) return false;
  try {
    return message.includes(`server at ${new URL(source).host}`);
  } catch {
    return false;
  }
}

/**
 * What is corrupt: the source, or, when DuckDB names another file it read for a folder or a
 * pattern (`File '/d/x.parquet' too small…`, `No magic bytes found at end of file '…'`), that
 * file, in the source. Not for a URL: the file DuckDB names is its downloaded copy.
 */
function toBlame(said: string, raw: string): string {
  if (isUrl(raw)) return shownSource(raw);
  // greedy: a name may hold a quote (`O'Brien.parquet`); DuckDB names the path it resolved
  const file = /\bfile '(.+)'/i.exec(said)?.[1];
  const base = resolve(raw);
  const within = file !== undefined && (file.startsWith(`${base}${sep}`) || (isGlob(raw) && file !== base));
  return within ? `${file}, in ${raw},` : raw;
}

/**
 * A file in the download cache, `<dataDir>/downloads/<16 hex>/<name>` (download.ts's `downloadDir`),
 * as a message names it: in quotes, whatever spaces the data dir's path holds (macOS's "Application
 * Support"), else up to a space.
 */
const DOWNLOAD_COPY = /"[^"]*[\\/]downloads[\\/][0-9a-f]{16}[\\/][^"]+"|'[^']*[\\/]downloads[\\/][0-9a-f]{16}[\\/][^']+'|[^\s"']*[\\/]downloads[\\/][0-9a-f]{16}[\\/][^\s"']+/g;

/**
 * Turns a failure to read a source into a message a person understands, keeping its id (minted
 * where it was first seen) and DuckDB's own words after it for the details.
 */
export function explainReadFailure(thrown: AppError, raw: string): AppError {
  const source = shownSource(raw);
  // A message naming the URL as given (from code that did not know) names it in display form;
  // not when that form holds the URL whole (`https://h` → `https://h/`): nothing is hidden, and
  // `https://h/` in the message would become `https://h//`. DuckDB names a URL's copy in the
  // download cache, a path the person never chose: the URL it came from is named instead.
  const named = isUrl(raw) ? thrown.message.replace(DOWNLOAD_COPY, (copy) => (/^["']/.test(copy) ? `${copy[0]}${source}${copy[0]}` : source)) : thrown.message;
  const error = { ...thrown, message: source.includes(raw) ? named : named.replaceAll(raw, source) };
  if (error.code !== 'DATASET_UNREADABLE' && error.code !== 'SQL_ERROR' && error.code !== 'INTERNAL') {
    return saysWhere(error.message, raw) || error.code === 'DOWNLOAD_FAILED' ? error : { ...error, message: `${source}: ${error.message}` };
  }
  // DuckDB's cause and suggestions, not the options it read with nor the SQL it ran (whole in details.duckdb).
  const said = duckdbMessage(error.message);
  const details = { ...error.details, duckdb: error.message };
  if (/No files found that match the pattern/i.test(said)) {
    // a folder is read through a glob of its own (folderSource.ts): its words, not the glob's
    const glob = /No files found that match the pattern "(.+)"/i.exec(said)?.[1];
    const folder = !isUrl(raw) && glob?.startsWith(`${globLiteral(resolve(raw))}${sep}`) === true;
    const message = folder ? `The folder ${source} holds no Parquet or CSV files any more.` : `No files match ${source}.`;
    return { ...error, details, code: 'DATASET_MISSING', message };
  }
  for (const [pattern, what] of CORRUPT) {
    if (pattern.test(said)) return { ...error, details, code: 'DATASET_CORRUPT', message: `${toBlame(said, raw)} ${what}: ${said}${notUtf8(said) ? `${/[.!?]$/.test(said) ? '' : '.'} ${utf8Only(raw)}` : ''}` };
  }
  return { ...error, details, code: 'DATASET_UNREADABLE', message: `${source} could not be read: ${said}` };
}

/**
 * What to do with a CSV that is not UTF-8 and that Sextant could not read another way either
 * (shared/domain/csvReading.ts reads Latin-1, and UTF-16 little-endian told by its first bytes): a
 * pattern's file in Latin-1 or another encoding, or one whose first rows are fine.
 */
const utf8Only = (raw: string): string =>
  `Sextant reads a CSV that is not UTF-8 as Latin-1, or as UTF-16 when its first bytes are, and could read this one as neither: save it as UTF-8 and add it again, or read it in SQL with read_csv('${raw.replaceAll("'", "''")}', encoding = …).`;
