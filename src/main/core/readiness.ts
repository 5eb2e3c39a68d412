import { fail, ok, withoutStack, type AppError, type Result } from '../../shared/contracts/errors';
import type { DuckDbDownProgress } from '../../shared/contracts/frames';
import { CATALOG_TOPIC } from '../../shared/contracts/topics';

type State = { readonly kind: 'starting' } | { readonly kind: 'ready' } | { readonly kind: 'failed'; readonly error: AppError };

/**
 * The core's readiness gate (docs/store.md, "A start"). A start serves windows as soon as main's
 * view is restored, since their first frames need nothing else; DuckDB's side comes up behind them
 * (the worker thread and its database, the results it keeps, the datasets' views). Whatever needs
 * that side is held here until it is up, then runs in the order it arrived. After a failed start it
 * is refused with the start's error, the one the log carries, so a refusal names what to look for;
 * windows are told of it at once (`signs`), not first by a refused Run.
 */
export class Readiness {
  private state: State = { kind: 'starting' };
  /** Resolves once the start is over, ready or failed; never rejects. */
  readonly settled: Promise<void>;

  /** `explain` turns whatever the start failed with into the error that refusals carry. */
  constructor(start: Promise<void>, explain: (failure: unknown) => AppError) {
    this.settled = start.then(
      () => {
        this.state = { kind: 'ready' };
      },
      (failure: unknown) => {
        this.state = { kind: 'failed', error: explain(failure) };
      },
    );
  }

  /** Resolves when the start is over: ok, or the error it failed with. */
  async outcome(): Promise<Result<void>> {
    await this.settled;
    return this.state.kind === 'failed' ? fail(this.state.error) : ok(undefined);
  }

  /**
   * What windows are told of a failed start (none while starting or ready): sent as it fails, and to
   * each catalog subscription going live after. The stack stays in the log line with the same id.
   */
  signs(): DuckDbDownProgress[] {
    return this.state.kind === 'failed' ? [{ kind: 'duckdbDown', topic: CATALOG_TOPIC, error: withoutStack(this.state.error) }] : [];
  }

  /** Runs `work` at once when ready (no extra turn), once ready while starting, never after a failed start. */
  hold<T>(work: () => Result<T> | Promise<Result<T>>): Promise<Result<T>> {
    switch (this.state.kind) {
      case 'ready':
        return Promise.resolve(work());
      case 'failed':
        return Promise.resolve(fail(this.state.error));
      case 'starting':
        return this.settled.then(() => this.hold(work));
    }
  }

  /**
   * As `hold`, but run after a failed start too: for what needs nothing of DuckDB's side. Held while
   * starting all the same, so it keeps its place among what `hold` holds. `refused` says when a
   * failed start refuses it anyway (the core is closing, which failed the start).
   */
  afterStart<T>(work: () => Result<T> | Promise<Result<T>>, refused: () => boolean = () => false): Promise<Result<T>> {
    if (this.state.kind === 'starting') return this.settled.then(() => this.afterStart(work, refused));
    return this.state.kind === 'failed' && refused() ? Promise.resolve(fail(this.state.error)) : Promise.resolve(work());
  }
}
