import { access, constants, mkdir, realpath, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { appError, fail, ok, type Result } from '../../shared/contracts/errors';
import type { ExportTarget } from '../../shared/contracts/protocol';
import { newErrorId } from '../platform/ids';
import type { ExportDownload, ExportDownloads } from './exportDownloads';

/** Where main writes: a path (the save dialog's, or a test's), or the downloads folder for a browser. */
export type ResolvedTarget = { readonly kind: 'file'; readonly path: string } | { readonly kind: 'download' };

/** Asks the person where to save (the desktop's save dialog); undefined when they dismissed it. */
export type ChooseExportPath = (suggestedName: string) => Promise<string | undefined>;

/**
 * Where one export's file goes, settled before anything is written. The file is written to `temp`
 * beside `path` and renamed into place only once complete, so a failure leaves nothing at `path`.
 */
export interface Delivery {
  readonly exportId: string;
  readonly path: string;
  readonly temp: string;
  /** For a browser: the name its one-time download is offered under. */
  readonly download?: { readonly fileName: string };
}

/** How an export asks for its place. */
export interface DeliveryRequest {
  readonly exportId: string;
  readonly target: ExportTarget | ResolvedTarget;
  readonly choose: ChooseExportPath | undefined;
  /** The name offered by the save dialog and given to a download. */
  readonly suggestedName: () => string;
  /** With its dot: a download waits as `<exportId><extension>` in `downloadDir`. */
  readonly extension: string;
  readonly downloadDir: string;
  /** Sextant's data folder (event log, checkpoints, DuckDB's file, logs): a chosen path inside it is refused. */
  readonly dataDir: string;
}

/** A delivered export: its size and where it went, as outcomes tell the renderer. */
export interface Delivered {
  readonly bytes: number;
  /** The file's path, or 'download'. */
  readonly target: string;
  readonly download?: { readonly url: string; readonly fileName: string };
}

/**
 * Settles where an export goes: the given path, the save dialog's choice, or a file in the
 * downloads folder for a browser. No delivery when the person dismissed the save dialog.
 */
export async function deliveryFor(request: DeliveryRequest): Promise<Result<Delivery | undefined>> {
  const { exportId, target } = request;
  switch (target.kind) {
    case 'file':
      return outsideDataDir(exportId, target.path, request.dataDir);
    case 'saveDialog': {
      if (!request.choose) return fail(appError(newErrorId(), 'EXPORT_UNAVAILABLE', 'This window cannot show a save dialog; export as a download instead.'));
      const chosen = await request.choose(request.suggestedName());
      return chosen === undefined ? ok(undefined) : outsideDataDir(exportId, chosen, request.dataDir);
    }
    case 'download': {
      const fileName = request.suggestedName();
      await mkdir(request.downloadDir, { recursive: true });
      return ok(placed(exportId, join(request.downloadDir, `${exportId}${request.extension}`), { fileName }));
    }
  }
}

/**
 * A chosen path, unless it lies in Sextant's data folder: the save dialog offers every folder, and
 * an export renamed over events.sqlite (or a checkpoint, DuckDB's file, a log) replaced what a person
 * did with a CSV. The folder is compared as written and as the disk resolves it, so a link to the
 * data folder from elsewhere does not slip past.
 */
async function outsideDataDir(exportId: string, path: string, dataDir: string): Promise<Result<Delivery>> {
  const folder = dirname(resolve(path));
  const [realFolder, realData] = await Promise.all([realpath(folder).catch(() => folder), realpath(dataDir).catch(() => resolve(dataDir))]);
  if (within(resolve(dataDir), folder) || within(realData, realFolder)) {
    return fail(
      appError(newErrorId(), 'EXPORT_NOT_WRITABLE', `Sextant does not export into its own data folder (${dataDir}), where its event log and database live: choose another folder. Nothing was written.`, {
        details: { path },
      }),
    );
  }
  return ok(placed(exportId, path));
}

/** Whether `path` is `dir` or inside it. */
const within = (dir: string, path: string): boolean => {
  const rel = relative(dir, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
};

const placed = (exportId: string, path: string, download?: { fileName: string }): Delivery => ({
  exportId,
  path,
  temp: join(dirname(path), `.${basename(path)}.${exportId}.part`),
  ...(download ? { download } : {}),
});

/** Throws (as the file system says) when the target's folder is missing or not writable: before any work. */
export async function checkWritable(delivery: Delivery): Promise<void> {
  await access(dirname(delivery.path), constants.W_OK);
}

/** Renames the complete temp file into place; a browser's file waits in `downloads` to be fetched once (`sent` once it was, whole). */
export async function completeDelivery(delivery: Delivery, downloads: Pick<ExportDownloads, 'add'>, format: ExportDownload['format'], sent?: () => void): Promise<Delivered> {
  const { exportId, path, temp, download } = delivery;
  await rename(temp, path);
  const { size: bytes } = await stat(path);
  if (!download) return { bytes, target: path };
  downloads.add({ exportId, path, fileName: download.fileName, format, ...(sent ? { sent } : {}) });
  return { bytes, target: 'download', download: { url: `/exports/${exportId}`, fileName: download.fileName } };
}

/** Removes what a failed or cancelled export had written; never throws. */
export async function abandonDelivery(delivery: Delivery): Promise<void> {
  await rm(delivery.temp, { force: true }).catch(() => undefined);
}
