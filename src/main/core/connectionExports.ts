import type { Result } from '../../shared/contracts/errors';
import type { ExportService } from '../explore/exportService';
import type { SessionExportOutcome, SessionExportService } from '../share/sessionExportService';

/**
 * The exports one connection started, which live as long as it does (docs/explore.md, docs/share.md):
 * when it closes, its running result exports are cancelled and the downloads it never fetched are
 * deleted. An export that answers after the connection closed (it was still being placed or
 * written) is abandoned at once: its answer reaches nobody, and nobody is left to fetch its file.
 */
export class ConnectionExports {
  /** Result exports started here: the ones a scoped connection may ask about or cancel. */
  private readonly results = new Set<string>();
  /** Session exports written here as downloads. */
  private readonly sessionDownloads = new Set<string>();
  private closed = false;

  constructor(
    private readonly exports: Pick<ExportService, 'abandon'>,
    private readonly sessionExports: Pick<SessionExportService, 'abandon'>,
  ) {}

  /** Whether this connection started the result export `exportId`. */
  has(exportId: string): boolean {
    return this.results.has(exportId);
  }

  /** Notes a result export this connection started (none when the save dialog was dismissed); answers its answer. */
  started<T extends Result<{ exportId?: string }>>(answer: T): T {
    const exportId = answer.ok ? answer.value.exportId : undefined;
    if (exportId === undefined) return answer;
    if (this.closed) this.exports.abandon(exportId);
    else this.results.add(exportId);
    return answer;
  }

  /** Notes a session export this connection asked for, if it waits as a download; answers its answer. */
  exported<T extends Result<{ outcome?: SessionExportOutcome }>>(answer: T): T {
    const outcome = answer.ok ? answer.value.outcome : undefined;
    if (!outcome?.download) return answer;
    if (this.closed) this.sessionExports.abandon(outcome.exportId);
    else this.sessionDownloads.add(outcome.exportId);
    return answer;
  }

  /** The connection is gone: nobody is left to see its exports end or fetch their files. */
  close(): void {
    this.closed = true;
    for (const id of this.results) this.exports.abandon(id);
    for (const id of this.sessionDownloads) this.sessionExports.abandon(id);
    this.results.clear();
    this.sessionDownloads.clear();
  }
}
