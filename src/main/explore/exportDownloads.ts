import { rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { ExportFormat } from '../../shared/explore/exportFormat';
import type { SessionExportFormat } from '../../shared/share/sessionExportFormat';

/** A finished export waiting for its browser to fetch it. */
export interface ExportDownload {
  readonly exportId: string;
  readonly path: string;
  readonly fileName: string;
  /** A result's format, or a whole session's (share/sessionExportService.ts). */
  readonly format: ExportFormat | SessionExportFormat;
  /** Called once the web host has sent the whole file: only then was it downloaded (a result's export records it). */
  readonly sent?: () => void;
}

/** How long an unclaimed download is kept before its file is deleted. */
export const DOWNLOAD_TTL_MS = 10 * 60_000;

/**
 * Finished exports a browser may download, each once: `take` hands a file to the web host and
 * forgets it (the host deletes the file once sent); one never fetched is deleted after a timeout,
 * when its connection goes away (the export services' `abandon`), or when Sextant stops (`close`).
 */
export class ExportDownloads {
  private readonly waiting = new Map<string, { download: ExportDownload; timer: ReturnType<typeof setTimeout> }>();
  private closed = false;

  constructor(private readonly ttlMs = DOWNLOAD_TTL_MS) {}

  add(download: ExportDownload): void {
    if (this.closed) {
      // Finished as Sextant stops (a session export still writing when `close` ran): nobody can fetch
      // it, and the process may exit right after, so it goes now rather than on a later turn.
      try {
        rmSync(download.path, { force: true });
      } catch {
        // best effort: the next start empties the downloads folder
      }
      return;
    }
    const timer = setTimeout(() => void this.discard(download.exportId), this.ttlMs);
    timer.unref();
    this.waiting.set(download.exportId, { download, timer });
  }

  /** The download of `exportId`, once; undefined when there is none (never made, taken, or expired). */
  take(exportId: string): ExportDownload | undefined {
    const w = this.waiting.get(exportId);
    if (!w) return undefined;
    clearTimeout(w.timer);
    this.waiting.delete(exportId);
    return w.download;
  }

  /** Deletes the file of a download nobody fetched. */
  async discard(exportId: string): Promise<void> {
    const d = this.take(exportId);
    // Best effort, and never a rejection: the expiry timer calls this with nobody to hear one.
    if (d) await rm(d.path, { force: true }).catch(() => undefined);
  }

  /** Sextant is stopping: every waiting file is deleted, and any added later at once. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.waiting.keys()].map((id) => this.discard(id)));
  }
}
