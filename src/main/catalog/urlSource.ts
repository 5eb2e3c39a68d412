import type { DatasetFormat } from '../../shared/contracts/events';
import { download, type DownloadProgressReport } from './download';
import { readHead } from './sniff';
import { cachedFormat, decideUrlFile } from './urlFile';

/** A URL's local copy and what it holds. */
export interface UrlCopy {
  /** The copy in the cache, its name saying its format (docs/query-engine.md, "URLs"). */
  readonly path: string;
  /** Undefined when nothing tells: the catalog refuses it as a file it cannot read. */
  readonly format: DatasetFormat | undefined;
  readonly download: { readonly bytes: number; readonly sha256: string };
}

/**
 * Downloads `url` into `cacheDir` (or finds its complete copy there) and says its format: the one
 * decided when the bytes arrived and written into the copy's name, so it is the same at every
 * start. `recorded`, a registered dataset's format, wins over anything the server now says;
 * `signal` calls the download off (download.ts).
 */
export async function fetchUrl(
  url: string,
  cacheDir: string,
  recorded: DatasetFormat | undefined,
  onProgress: (p: DownloadProgressReport) => void,
  { signal, fresh }: { signal?: AbortSignal | undefined; fresh?: boolean | undefined } = {},
): Promise<UrlCopy> {
  const got = await download(url, cacheDir, {
    onProgress,
    ...(signal ? { signal } : {}),
    ...(fresh ? { fresh } : {}),
    nameFile: async (facts, part) => decideUrlFile(facts, await readHead(part), recorded).name,
  });
  const format = recorded ?? cachedFormat(got.path, await readHead(got.path));
  return { path: got.path, format, download: { bytes: got.bytes, sha256: got.sha256 } };
}
