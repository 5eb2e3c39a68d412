import { WINDOWS_ROOT } from '../../../shared/domain/datasetName';

/**
 * A failed dataset's error as its catalog entry shows it. The entry's name is already the path it
 * was added by (a failed dataset has no name), so the message says the file by its base name
 * instead of repeating the whole path ("No file at file.csv."); the whole path is the entry's tooltip.
 * A URL's message is kept as it is: it names the URL in display form, which is not the source.
 * Only a Windows path (`C:\…`, `\\server\…`) separates at `\`: elsewhere it is a file name's own
 * character (`/data/a\b.csv` is the file `a\b.csv`).
 */
export function errorWithoutSource(message: string, source: string): string {
  if (!source || /^[a-z][a-z0-9+.-]*:\/\//i.test(source)) return message;
  const separator = WINDOWS_ROOT.test(source) ? '[\\\\/]' : '/';
  const trimmed = source.replace(new RegExp(`${separator}+$`), '');
  const base = trimmed.split(new RegExp(separator)).pop() || source;
  if (base === source) return message;
  // a relative source is named resolved (absolute) in the message: the path that ends with it
  const escaped = trimmed.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // "<path>: why" (a reader's message the host prefixed with where): the entry says where already
  const said = message.startsWith(`${source}: `) ? message.slice(source.length + 2) : message;
  // a trailing separator goes only at the path's end: a file inside a folder source keeps its "/" ("sales/._x.parquet")
  return said.replace(new RegExp(`(?:[^\\s'"]*${separator})?${escaped}(?:${separator}(?=[\\s'"]|$))?`, 'g'), base);
}
