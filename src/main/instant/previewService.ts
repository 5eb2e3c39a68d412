import { appError, fail, ok, type AppError, type Result } from '../../shared/contracts/errors';
import type { PreviewAnswer, PreviewRequest } from '../../shared/instant/preview';
import { newErrorId, newId } from '../platform/ids';
import { logAppError, type Logger } from '../platform/logger';
import type { QueryWorker } from '../query/queryWorker';

export interface PreviewServiceOptions {
  /** A preview running longer than this is interrupted and fails with TIMEOUT. */
  readonly budgetMs: number;
  /** Whether a session exists and is open: previews belong to one. */
  readonly sessionOpen: (sessionId: string) => boolean;
  /** Where a failed preview's error is written, so the id the editor shows is found in the log. */
  readonly log?: Logger;
}

export const DEFAULT_PREVIEW_BUDGET_MS = 2_000;

interface InFlight {
  readonly previewId: string;
  readonly settle: (result: Result<PreviewAnswer>) => void;
}

/**
 * Instant previews (docs/instant.md). Transient by design: no command, no event, no history — a
 * preview is a read on the DuckDB worker's preview connections and an answer to one caller. At
 * most one is in flight per session: a newer request interrupts the older one, whose call fails
 * at once with INTERRUPTED (its DuckDB work is interrupted behind it), and a preview that runs past
 * its budget is interrupted and fails with TIMEOUT.
 */
export class PreviewService {
  private readonly inFlight = new Map<string, InFlight>();
  private closed = false;
  /** What the benchmarks and tests count: previews answered, and previews interrupted by a newer one, a cancel or the budget. */
  readonly counts = { answered: 0, interrupted: 0, timedOut: 0 };

  constructor(
    private readonly queryWorker: Pick<QueryWorker, 'request'>,
    private readonly options: PreviewServiceOptions,
  ) {}

  preview(request: PreviewRequest): Promise<Result<PreviewAnswer>> {
    const { sessionId, sql, cursor } = request;
    if (this.closed) return Promise.resolve(fail(appError(newErrorId(), 'INTERRUPTED', 'Sextant is shutting down.')));
    if (!this.options.sessionOpen(sessionId)) {
      return Promise.resolve(fail(appError(newErrorId(), 'SESSION_NOT_FOUND', 'There is no open session to preview in.', { details: { sessionId } })));
    }
    this.stop(sessionId, appError(newErrorId(), 'INTERRUPTED', 'A newer preview replaced this one.'));
    const previewId = newId();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.counts.timedOut++;
        this.stop(sessionId, appError(newErrorId(), 'TIMEOUT', `The preview took longer than ${this.options.budgetMs / 1000} s and was stopped. Run the query to see its result.`));
      }, this.options.budgetMs);
      const entry: InFlight = {
        previewId,
        settle: (result) => {
          clearTimeout(timer);
          // one replaced by a newer preview was never shown; any other failure was, with its id
          if (!result.ok && result.error.code !== 'INTERRUPTED' && this.options.log) logAppError(this.options.log, 'info', result.error, { sessionId });
          if (this.inFlight.get(sessionId) === entry) this.inFlight.delete(sessionId);
          resolve(result);
        },
      };
      this.inFlight.set(sessionId, entry);
      this.queryWorker.request({ type: 'preview', previewId, sql, cursor: Math.min(cursor, sql.length) }).then(
        (answer) => {
          if (this.inFlight.get(sessionId) !== entry) return; // already answered: interrupted or timed out
          this.counts.answered++;
          entry.settle(ok(answer));
        },
        (error: AppError) => {
          if (this.inFlight.get(sessionId) === entry) entry.settle(fail(error));
        },
      );
    });
  }

  /** Interrupts the session's preview in flight; says whether there was one. */
  cancel(sessionId: string): Result<{ cancelled: boolean }> {
    return ok({ cancelled: this.stop(sessionId, appError(newErrorId(), 'INTERRUPTED', 'The preview was cancelled.')) });
  }

  /** Every preview in flight stops; later requests are refused. */
  close(): void {
    this.closed = true;
    for (const sessionId of [...this.inFlight.keys()]) this.stop(sessionId, appError(newErrorId(), 'INTERRUPTED', 'Sextant is shutting down.'));
  }

  /** Answers the session's preview in flight with `error` at once and interrupts its DuckDB work. */
  private stop(sessionId: string, error: AppError): boolean {
    const entry = this.inFlight.get(sessionId);
    if (!entry) return false;
    this.inFlight.delete(sessionId);
    if (error.code === 'INTERRUPTED') this.counts.interrupted++;
    entry.settle(fail(error));
    void this.queryWorker.request({ type: 'cancelPreview', previewId: entry.previewId }).catch(() => undefined);
    return true;
  }
}
