import { SHUTDOWN_LIMIT_MS } from '../query/queryWorker';

/** One part of the process to close on the way out, named as the exit message says it. */
export interface StopStep {
  readonly name: string;
  close(): Promise<void>;
}

export interface StopOutcome {
  /** Steps still closing when time ran out, and those never started. */
  readonly unfinished: readonly string[];
  readonly failed: readonly { readonly name: string; readonly message: string }[];
}

/**
 * Past the DuckDB worker's own limit (queryWorker.ts), which its close may need: DuckDB checkpoints
 * its WAL then, and with gigabytes of kept results that took over 5 s, the limit this was, so a plain
 * Ctrl+C ended "without closing cleanly" and the next start replayed the WAL (9 s).
 */
export const STOP_TIMEOUT_MS = SHUTDOWN_LIMIT_MS + 5_000;

/**
 * Closes the steps in order, each once the one before has settled (a failed one does not keep the
 * next from closing), giving up after `timeoutMs` in all: a close that never settles (a disk that
 * refuses every write) must not keep the process alive after SIGTERM.
 */
export async function stopWithin(steps: readonly StopStep[], timeoutMs: number, timers: Pick<typeof globalThis, 'setTimeout' | 'clearTimeout'> = globalThis): Promise<StopOutcome> {
  const failed: { name: string; message: string }[] = [];
  let done = 0;
  const all = (async () => {
    for (const step of steps) {
      try {
        await step.close();
      } catch (e) {
        failed.push({ name: step.name, message: e instanceof Error ? e.message : String(e) });
      }
      done++;
    }
  })();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<void>((resolve) => {
    timer = timers.setTimeout(resolve, timeoutMs);
  });
  await Promise.race([all, late]);
  timers.clearTimeout(timer);
  return { unfinished: steps.slice(done).map((s) => s.name), failed: [...failed] };
}

/**
 * What the exit says when it was not clean, or undefined when it was. Nothing acknowledged is lost
 * either way: the store commits each append with an fsync before acknowledging it (storeFile.ts),
 * and the next start reads the log's WAL as it left it.
 */
export function stopMessage(outcome: StopOutcome, timeoutMs: number): string | undefined {
  const parts = [
    ...(outcome.unfinished.length > 0 ? [`${outcome.unfinished.join(' and ')} did not finish closing within ${timeoutMs / 1000} s`] : []),
    ...outcome.failed.map((f) => `${f.name} failed to close (${f.message})`),
  ];
  if (parts.length === 0) return undefined;
  return `Sextant stopped without closing cleanly: ${parts.join('; ')}. Everything it acknowledged is in the event store (each command is on disk before it is acknowledged).`;
}
