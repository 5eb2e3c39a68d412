import { chartProblem, MAX_CHART_MARKS } from '../../shared/chart/chartSpec';
import type { ChartData, ChartDataRequest } from '../../shared/chart/chartData';
import { chartSql } from '../../shared/chart/chartSql';
import { appError, fail, ok, type AppError, type Result } from '../../shared/contracts/errors';
import type { EventEnvelope } from '../../shared/contracts/events';
import type { AppView } from '../../shared/views/appView';
import { newErrorId, newId } from '../platform/ids';
import type { QueryRunner } from '../query/queryRunner';
import type { QueryWorker } from '../query/queryWorker';

interface InFlight {
  readonly chartId: string;
  readonly queryId: string;
  readonly settle: (result: Result<ChartData>) => void;
}

/**
 * Charts of results (docs/charts.md). A chart is a read: DuckDB aggregates a complete result's
 * rows (its kept table, never pulled into JS) into at most MAX_CHART_MARKS marks, on the worker's
 * chart connections. At most one chart query is in flight per session: a newer request interrupts
 * the older one, and a query started in the session (which replaces the result shown) interrupts it too.
 */
export class ChartService {
  private readonly inFlight = new Map<string, InFlight>();
  private closed = false;
  /** What the tests count: chart queries answered and interrupted. */
  readonly counts = { answered: 0, interrupted: 0 };

  constructor(
    private readonly pool: Pick<QueryWorker, 'request'>,
    private readonly runner: Pick<QueryRunner, 'keptResult'>,
    private readonly view: () => AppView,
  ) {}

  chart(request: ChartDataRequest): Promise<Result<ChartData>> {
    const { sessionId, queryId, spec } = request;
    if (this.closed) return Promise.resolve(fail(appError(newErrorId(), 'INTERRUPTED', 'Sextant is shutting down.')));
    const session = this.view().sessions[sessionId];
    if (!session?.history.some((h) => h.queryId === queryId)) {
      return Promise.resolve(fail(appError(newErrorId(), 'RESULT_NOT_FOUND', 'That result is not one of this session.', { details: { sessionId, queryId } })));
    }
    const kept = this.runner.keptResult(queryId);
    if (!kept.ok) return Promise.resolve(kept);
    const { table, rows } = kept.value;
    const problem = chartProblem(spec, rows.columns);
    if (problem) return Promise.resolve(fail(appError(newErrorId(), 'INVALID_COMMAND', problem, { details: { queryId } })));
    const query = chartSql(spec, table, rows.columns.map((c, i) => ({ name: c.name, type: c.type, ref: `c${i}` })), { rows: rows.rowCount });
    this.stop(sessionId, appError(newErrorId(), 'INTERRUPTED', 'A newer chart replaced this one.'));
    const chartId = newId();
    return new Promise((resolve) => {
      const entry: InFlight = {
        chartId,
        queryId,
        settle: (result) => {
          if (this.inFlight.get(sessionId) === entry) this.inFlight.delete(sessionId);
          resolve(result);
        },
      };
      this.inFlight.set(sessionId, entry);
      this.pool.request({ type: 'chart', chartId, sql: query.sql }).then(
        (marks) => {
          if (this.inFlight.get(sessionId) !== entry) return; // already answered: interrupted
          this.counts.answered++;
          const truncated = marks.length > MAX_CHART_MARKS;
          entry.settle(ok({ queryId, spec, columns: [...query.columns], rows: (truncated ? marks.slice(0, MAX_CHART_MARKS) : marks).map((r) => [...r]), truncated }));
        },
        (error: AppError) => {
          if (this.inFlight.get(sessionId) === entry) entry.settle(fail(error));
        },
      );
    });
  }

  /** Interrupts the session's chart query in flight; says whether there was one. */
  cancel(sessionId: string): Result<{ cancelled: boolean }> {
    return ok({ cancelled: this.stop(sessionId, appError(newErrorId(), 'INTERRUPTED', 'The chart was cancelled.')) });
  }

  /** A query started in a session replaces the result its chart was of: the chart's query stops. */
  onEvent(e: EventEnvelope): void {
    if (e.type === 'QueryStarted' && this.inFlight.get(e.aggregateId)?.queryId !== e.payload.queryId) {
      this.stop(e.aggregateId, appError(newErrorId(), 'INTERRUPTED', 'A new query replaced the result this chart was of.'));
    }
  }

  close(): void {
    this.closed = true;
    for (const sessionId of [...this.inFlight.keys()]) this.stop(sessionId, appError(newErrorId(), 'INTERRUPTED', 'Sextant is shutting down.'));
  }

  private stop(sessionId: string, error: AppError): boolean {
    const entry = this.inFlight.get(sessionId);
    if (!entry) return false;
    this.inFlight.delete(sessionId);
    this.counts.interrupted++;
    entry.settle(fail(error));
    void this.pool.request({ type: 'cancelChart', chartId: entry.chartId }).catch(() => undefined);
    return true;
  }
}
