import { isCompleted } from '../../shared/domain/queryLifecycle';
import type { AppView } from '../../shared/views/appView';
import type { QueryRunner } from './queryRunner';

type Runner = Pick<QueryRunner, 'keptResult' | 'progressed'>;
export type Kept = ReturnType<QueryRunner['keptResult']>;

/** Whether any session's history holds `queryId` as completed: a result a refusal as incomplete means is being re-run. */
export const completedIn = (view: AppView, queryId: string): boolean =>
  Object.values(view.sessions).some((s) => s.history.some((h) => h.queryId === queryId && isCompleted(h.phase)));

/**
 * Work waiting for a completed result that is being re-run on demand (its table is not kept here:
 * evicted, or imported from another machine): a chart, a column profile, a pivot. The grid waits for it by
 * asking again at each of its progress frames; so do they here, in main, so the renderer needs no
 * signal of its own. No timer: a frame comes at each step of the re-run and once more when it ends
 * (kept, or refused).
 */
export class RerunWaits {
  private readonly waiting = new Map<string, Array<() => void>>();
  private readonly progressed = (queryId: string): void => {
    const woken = this.waiting.get(queryId);
    if (!woken) return;
    this.waiting.delete(queryId);
    for (const wake of woken) wake();
  };

  constructor(private readonly runner: Runner) {
    runner.progressed.add(this.progressed);
  }

  /**
   * The result once its re-run has ended: kept, or why not (the re-run failed, or gave other rows).
   * Undefined when, at a frame, `wanted` says the caller no longer waits (replaced, cancelled).
   */
  async kept(queryId: string, wanted: () => boolean): Promise<Kept | undefined> {
    for (;;) {
      // registered before anything else runs: the frame that ends the re-run cannot come first
      await new Promise<void>((wake) => this.waiting.set(queryId, [...(this.waiting.get(queryId) ?? []), wake]));
      if (!wanted()) return undefined;
      // asking again also re-runs it once more if a worker crash cut the re-run off (queryRunner.ts)
      const kept = this.runner.keptResult(queryId);
      if (kept.ok || kept.error.code !== 'RESULT_INCOMPLETE') return kept;
    }
  }

  /** Stops listening; whoever still waits is answered by the caller (ChartService.close interrupts its charts). */
  close(): void {
    this.runner.progressed.delete(this.progressed);
    this.waiting.clear();
  }
}
