import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream';
import { rm, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { attachmentHeader } from '../explore/exportFileName';
import type { ExportDownloads } from '../explore/exportDownloads';
import type { ExportFormat } from '../../shared/explore/exportFormat';
import type { SessionExportFormat } from '../../shared/share/sessionExportFormat';

/** Where a finished export is fetched: `/exports/<exportId>`. */
const ROUTE = /^\/exports\/([0-9a-f-]{36})$/;

const CONTENT_TYPE: Readonly<Record<ExportFormat | SessionExportFormat, string>> = {
  csv: 'text/csv; charset=utf-8',
  parquet: 'application/vnd.apache.parquet',
  json: 'application/json',
  ndjson: 'application/x-ndjson',
  sql: 'application/sql; charset=utf-8',
  markdown: 'text/markdown; charset=utf-8',
  eventLog: 'application/x-ndjson',
};

/**
 * Serves a finished export once, as an attachment, then deletes its file (also when the browser
 * drops the transfer half way: a download is fetched once), and says when all of it was sent. The request has passed the web host's
 * token, Host and Origin checks before it gets here. Answers false when the path is not this route.
 */
export function serveExportDownload(downloads: Pick<ExportDownloads, 'take'>, req: IncomingMessage, res: ServerResponse): boolean {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const match = ROUTE.exec(url.pathname);
  if (!match) return false;
  const download = req.method === 'GET' ? downloads.take(match[1]!) : undefined;
  if (!download) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('This export is not available (it was downloaded already, or expired).');
    return true;
  }
  // Best effort: a file that cannot be deleted now (EBUSY, EPERM) is left, not an unhandled rejection.
  const remove = (): void => void rm(download.path, { force: true }).catch(() => undefined);
  void stat(download.path).then(
    (s) => {
      res.writeHead(200, {
        'content-type': CONTENT_TYPE[download.format],
        'content-length': String(s.size),
        'content-disposition': attachmentHeader(download.fileName),
      });
      // pipeline, not pipe: a read that fails (the file gone meanwhile, EIO) ends the response
      // instead of being an uncaught 'error'; either way the file is removed once. Only a transfer
      // that ended whole is a download (a dropped one is not said to be).
      pipeline(createReadStream(download.path), res, (error) => {
        remove();
        if (!error) download.sent?.();
      });
    },
    () => {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('This export’s file is gone.');
      remove();
    },
  )
    // A throw above would otherwise be an unhandled rejection, which ends a plain Node process.
    .catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('This export could not be sent.');
      else res.destroy();
      remove();
    });
  return true;
}
