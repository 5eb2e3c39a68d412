/**
 * The COPY of an export, on the DuckDB worker thread. Each export gets a connection of its own, so
 * a cancel interrupts exactly it and pages and queries keep their own connections meanwhile.
 */
import type { DuckDBInstance } from '@duckdb/node-api';
import { interruptJob, jobSettled, startedJob, type InterruptibleJob } from '../query/jobInterrupt.worker';
import { trackProgress } from '../query/progressTracking.worker';
import type { RunProgress } from '../query/workerProtocol';

/** Running exports, by job id: what a cancel interrupts. */
const exporting = new Map<number, InterruptibleJob>();

export interface ExportCallbacks {
  progress(p: RunProgress): void;
  /** Checked before the COPY starts: a cancel that lands before the connection exists is not lost. */
  cancelled(): boolean;
}

/** Runs `sql` (a COPY … TO …) and answers with the rows DuckDB says it wrote. */
export async function runExportCopy(instance: DuckDBInstance, jobId: number, sql: string, progressIntervalMs: number, cb: ExportCallbacks): Promise<{ rows: number }> {
  const c = await instance.connect();
  const job = startedJob(c);
  exporting.set(jobId, job);
  const started = performance.now();
  let timer: ReturnType<typeof setInterval> | undefined;
  try {
    await trackProgress(c);
    if (cb.cancelled()) throw new Error('cancelled before the COPY began');
    timer = setInterval(() => {
      const p = c.progress;
      cb.progress({ elapsedMs: Math.round(performance.now() - started), ...(p.percentage >= 0 ? { percent: Math.min(100, p.percentage) } : {}) });
    }, progressIntervalMs);
    const result = await c.run(sql);
    return { rows: Number(result.rowsChanged) };
  } finally {
    clearInterval(timer);
    jobSettled(job);
    exporting.delete(jobId);
    c.closeSync();
  }
}

/** Interrupts one export's COPY until it stops (jobInterrupt.worker.ts); its job then fails as INTERRUPTED. */
export function interruptExport(jobId: number): void {
  const job = exporting.get(jobId);
  if (job) interruptJob(job);
}

/** Interrupts every running export: the worker is stopping. */
export function interruptAllExports(): void {
  for (const job of exporting.values()) interruptJob(job);
}
