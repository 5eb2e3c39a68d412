import type { DatasetFormat } from '../contracts/events';
import { isBareName } from '../sql/sqlIdentifier';

/**
 * Extensions stripped from a file name, longest first (`.csv.gz` before `.gz`); `.txt` and `.dat`
 * are text the catalog reads as CSV (catalog/sourceLocator.ts).
 */
const EXTENSIONS = ['.csv.gz', '.tsv.gz', '.tab.gz', '.ndjson', '.jsonl', '.parquet', '.duckdb', '.arrows', '.arrow', '.json', '.csv', '.tsv', '.tab', '.ipc', '.feather', '.txt', '.dat', '.gz', '.db'];

/** True when a source is an http(s) URL rather than a path. */
export const isUrl = (source: string): boolean => /^https?:\/\//i.test(source);

/** The root of a Windows path: a drive (`C:\`, `C:/`) or a UNC share (`\\server\share`). */
export const WINDOWS_ROOT = /^([a-zA-Z]:(?=[\\/])|\\\\)/;

/**
 * A path's or URL's segments: a URL and a Windows path split at `/` and `\` (a browser reads an
 * http URL's `\` as `/`), any other path at `/` alone, as a `\` is a character of a POSIX file name.
 */
const segmentsOf = (source: string): string[] => source.split(isUrl(source) || WINDOWS_ROOT.test(source) ? /[\\/]/ : '/').filter((s) => s.length > 0);

/**
 * The last path segment of a file path or URL, without a URL's query string or fragment: in a
 * path, `?` and `#` are ordinary characters (`invoice #7.csv`). A URL's segment is decoded
 * (`with%20space.csv` → `with space.csv`), as a `file://` URL's path is (datasetSource.ts).
 */
export function baseName(source: string): string {
  if (!isUrl(source)) return segmentsOf(source).at(-1) ?? '';
  return percentDecoded(segmentsOf(source.replace(/[?#].*$/, '')).at(-1) ?? '');
}

/**
 * `%XX` sequences decoded where they spell UTF-8; a malformed one (`100%`, `%ZZ`, a cut `%E0%A4`) is
 * kept as it is rather than throwing, as a browser shows such a URL.
 */
function percentDecoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}

/** True when a source names several files by pattern (`/data/trips/*.parquet`). */
export const isGlob = (source: string): boolean => !isUrl(source) && /[*?[]/.test(source);

/**
 * A literal path as a part of a DuckDB glob: each of `[`, `*`, `?` in it becomes a one-character
 * class (`Q1 [final]` → `Q1 [[]final]`), since DuckDB's glob has no escape character.
 */
export const globLiteral = (path: string): string => path.replace(/[[*?]/g, (c) => `[${c}]`);

/**
 * The part of a source a dataset is named after: the file (or folder) name, or for a glob the last
 * folder before the pattern (`/data/trips/*.parquet` → `trips`).
 */
function stem(source: string, pattern: boolean): string {
  if (!pattern) return baseName(source);
  const segments = segmentsOf(source);
  const fixed = segments.slice(0, segments.findIndex((s) => isGlob(s)));
  return fixed.at(-1) ?? '';
}

/** Latin letters NFD does not split into a base letter and a mark. */
const LETTERS: Readonly<Record<string, string>> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

/**
 * A name as a bare SQL identifier: accents dropped (`été` → `ete`: NFD, then the combining marks
 * removed), every run of other characters outside `a-z0-9` one `_`, none leading or trailing; a
 * name starting with a digit gets `t_` before it, one DuckDB reserves (`group`, `semi`) `_` after it.
 */
export function bareName(text: string): string {
  const ascii = text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^ -~]/g, (c) => LETTERS[c] ?? '_');
  const name = ascii.replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  if (name === '') return 'dataset';
  if (/^[0-9]/.test(name)) return `t_${name}`;
  return isBareName(name) ? name : `${name}_`;
}

/**
 * The catalog's naming rule (docs/contracts.md, "Dataset names"): the file name without its
 * extensions as a bare SQL identifier (`bareName`); a taken name gets `_2`, `_3`… `pattern` says
 * whether `source` is a glob: a file or folder whose name merely holds `[`, `*` or `?` is named after
 * itself. Only a new dataset is named so: a registered one keeps the name its event recorded.
 */
export function datasetName(source: string, taken: ReadonlySet<string>, pattern = isGlob(source)): string {
  let name = stem(source, pattern).toLowerCase();
  // strip every known extension (trips.csv.gz → trips), but never the whole name
  for (let stripped = true; stripped; ) {
    stripped = false;
    for (const ext of EXTENSIONS) {
      if (name.endsWith(ext) && name.length > ext.length) {
        name = name.slice(0, -ext.length);
        stripped = true;
        break;
      }
    }
  }
  name = bareName(name);
  if (!taken.has(name)) return name;
  // `group_` taken: `group_2`, not `group__2`
  const base = name.replace(/_+$/, '');
  for (let n = 2; ; n++) if (!taken.has(`${base}_${n}`)) return `${base}_${n}`;
}

/** The format a source's name implies, or undefined when it names none we read. */
export function formatOf(source: string): DatasetFormat | undefined {
  const name = baseName(source).toLowerCase().replace(/\.gz$/, '');
  if (name.endsWith('.csv')) return 'csv';
  if (name.endsWith('.tsv') || name.endsWith('.tab')) return 'tsv';
  if (name.endsWith('.parquet')) return 'parquet';
  if (name.endsWith('.ndjson') || name.endsWith('.jsonl')) return 'ndjson';
  if (name.endsWith('.json')) return 'json';
  if (['.arrow', '.arrows', '.ipc', '.feather'].some((ext) => name.endsWith(ext))) return 'arrow';
  if (name.endsWith('.duckdb') || name.endsWith('.db')) return 'duckdb';
  return undefined;
}
