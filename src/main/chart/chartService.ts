import { isCompleted } from '../../shared/domain/queryLifecycle';
import { createHash } from 'node:crypto';
import { brushStep, chartCube, cubeable, cubeBrushable, stepIndex } from '../../shared/chart/chartCube';
import { axisKind, chartProblem, type SingleChartSpec } from '../../shared/chart/chartSpec';
import type { ChartData, ChartDataRequest } from '../../shared/chart/chartData';
import { sentMarks } from '../../shared/chart/chartMarks';
import type { ChartDataColumn } from '../../shared/chart/chartDataColumn';
import { chartSql, type ChartSourceColumn } from '../../shared/chart/chartSql';
import { leftOutSql, readChartLeftOut } from '../../shared/chart/chartLeftOut';
import { unplacedSql } from '../../shared/chart/chartUnplaced';
import { appError, fail, ok, type AppError, type Result } from '../../shared/contracts/errors';
import { chartFailureInWords } from '../../shared/chart/chartFailure';
import type { Column, EventEnvelope } from '../../shared/contracts/events';
import type { PageFilter } from '../../shared/contracts/pageView';
import { boundFilters } from '../../shared/explore/filterSql';
import { columnKind } from '../../shared/explore/columnKind';
import type { AppView } from '../../shared/views/appView';
import { withFailureLogged } from '../platform/answeredFailure';
import { newErrorId, newId } from '../platform/ids';
import { silentLogger, type Logger } from '../platform/logger';
import type { QueryRunner } from '../query/queryRunner';
import type { QueryWorker } from '../query/queryWorker';
import { quoteIdent } from '../../shared/sql/sqlIdentifier';
import { RESULTS_SCHEMA, resultTableId } from '../query/sql';
import { RerunWaits, type Kept } from '../query/rerunWaits';

interface InFlight {
  readonly chartId: string;
  readonly queryId: string;
  /** Whose slot it holds: a window's, of a session, live or in the Timeline's past view (`slotOf`). */
  readonly slot: Slot;
  readonly settle: (result: Result<ChartData>) => void;
}

/** A chart's place: which window asks, of which session, which of its charts, and whether of the past view. */
interface Slot {
  readonly owner: number;
  readonly sessionId: string;
  readonly past: boolean;
  readonly key: string;
}

/**
 * Who asks for charts: a window's connection. Its charts have slots of their own, so one window's
 * chart never interrupts another's; requests made in main itself (tests, benchmarks) share one.
 */
export type ChartOwner = object;
const IN_MAIN: ChartOwner = {};

/** What runs for one chart: its SQL with bound parameters, and whether a cube answers it. */
interface Planned {
  readonly sql: string;
  readonly params: readonly string[];
  readonly columns: readonly ChartDataColumn[];
  readonly cube: boolean;
}

/** Cubes kept at once (each is small: marks × brush bins); the oldest is dropped. */
const CUBE_LIMIT = 8;
const STEP_LIMIT = 256;

/**
 * Charts of results (docs/charts.md). A chart is a read: DuckDB aggregates a complete result's
 * rows (its kept table, never pulled into JS) into at most MAX_CHART_MARKS marks, on the worker's
 * chart connections. At most one chart query is in flight per chart of a session (its slot): a
 * newer request interrupts the older one, and a query started in the session (which replaces the
 * result shown) interrupts them all. A chart linked to a brushed one is answered from a cube built
 * once per brush (chartCube.ts) when it can be, so a brush move does not scan the result. A chart
 * of a result being re-run on demand waits for it in its slot (query/rerunWaits.ts).
 */
export class ChartService {
  private readonly inFlight = new Map<string, InFlight>();
  /** The brush step of a number column of a result (`queryId/column`): the one sent to the renderer and used for its cubes. */
  private readonly steps = new Map<string, Promise<number>>();
  /** What a chart leaves out (`gridCount`: rows with no place, NaNs and infinities), by result, SQL and grid filters. */
  private readonly counted = new Map<string, Promise<ReadonlyArray<string | null> | undefined>>();
  /** Cube tables by what they aggregate, oldest first; a build in progress is shared by the brush moves that need it. */
  private readonly cubes = new Map<string, Promise<string>>();
  private readonly reruns: RerunWaits;
  private readonly owners = new WeakMap<ChartOwner, number>();
  private nextOwner = 0;
  private closed = false;
  /** What the tests count: chart queries answered and interrupted, cubes built. */
  readonly counts = { answered: 0, interrupted: 0, cubes: 0 };

  constructor(
    private readonly queryWorker: Pick<QueryWorker, 'request'>,
    private readonly runner: Pick<QueryRunner, 'keptResult' | 'progressed'>,
    private readonly view: () => AppView,
    /** Where a failed chart's error is written, so the id the window shows is found in the log. */
    private readonly log: Logger = silentLogger(),
  ) {
    this.reruns = new RerunWaits(runner);
  }

  chart(request: ChartDataRequest, owner: ChartOwner = IN_MAIN): Promise<Result<ChartData>> {
    return withFailureLogged(this.log, this.answered(request, owner), { sessionId: request.sessionId, queryId: request.queryId });
  }

  private answered(request: ChartDataRequest, owner: ChartOwner): Promise<Result<ChartData>> {
    const { sessionId, queryId } = request;
    const slot = this.slotOf(owner, request);
    if (this.closed) return Promise.resolve(fail(appError(newErrorId(), 'INTERRUPTED', 'Sextant is shutting down.')));
    const entry = this.view().sessions[sessionId]?.history.find((h) => h.queryId === queryId);
    if (!entry) return Promise.resolve(fail(appError(newErrorId(), 'RESULT_NOT_FOUND', 'That result is not one of this session.', { details: { sessionId, queryId } })));
    const kept = this.runner.keptResult(queryId);
    // a completed result being re-run on demand (not kept here): its chart waits for it, as its grid does
    if (!kept.ok && kept.error.code === 'RESULT_INCOMPLETE' && isCompleted(entry.phase)) return this.afterRerun(request, slot);
    return this.answer(request, kept, slot);
  }

  /**
   * Holds the chart's slot while its result re-runs, so a newer chart, a cancel, a new query of the
   * session or closing ends the wait (INTERRUPTED) as they end a chart query; then answers.
   */
  private afterRerun(request: ChartDataRequest, slot: Slot): Promise<Result<ChartData>> {
    const { key } = slot;
    this.stop(key, appError(newErrorId(), 'INTERRUPTED', 'A newer chart replaced this one.'));
    return new Promise((resolve) => {
      const waiting: InFlight = { chartId: newId(), queryId: request.queryId, slot, settle: resolve };
      this.inFlight.set(key, waiting);
      const current = () => this.inFlight.get(key) === waiting;
      void this.reruns.kept(request.queryId, current).then((kept) => {
        if (!kept || !current()) return;
        this.inFlight.delete(key);
        resolve(this.answer(request, kept, slot));
      });
    });
  }

  private answer(request: ChartDataRequest, kept: Kept, slot: Slot): Promise<Result<ChartData>> {
    const { queryId } = request;
    const { linked: _linked, ...spec } = request.spec;
    if (!kept.ok) return Promise.resolve(kept);
    const { table, rows } = kept.value;
    const problem = chartProblem(spec, rows.columns);
    if (problem) return Promise.resolve(fail(appError(newErrorId(), 'INVALID_COMMAND', problem, { details: { queryId } })));
    // a chart is filtered by every filter but its own brush (crossfilter)
    const filter = (request.filter ?? []).filter((f) => !('chart' in f && f.chart === (request.slot ?? 0)));
    const missing = filter.find((f) => f.column >= rows.columns.length);
    if (missing) return Promise.resolve(fail(appError(newErrorId(), 'INVALID_COMMAND', `The result has no column ${missing.column + 1}.`, { details: { queryId } })));
    const { key } = slot;
    this.stop(key, appError(newErrorId(), 'INTERRUPTED', 'A newer chart replaced this one.'));
    const chartId = newId();
    return new Promise((resolve) => {
      const entry: InFlight = {
        chartId,
        queryId,
        slot,
        settle: (result) => {
          if (this.inFlight.get(key) === entry) this.inFlight.delete(key);
          resolve(result);
        },
      };
      this.inFlight.set(key, entry);
      const current = () => this.inFlight.get(key) === entry;
      const x = rows.columns.findIndex((c) => c.name === spec.x);
      const xColumn = rows.columns[x];
      const numberX = xColumn !== undefined && axisKind(xColumn.type) === 'number';
      void (async () => {
        // asked beside the marks, not before them: the first drawing does not wait for it
        const stepOfX = numberX ? this.stepOf(queryId, table, x, xColumn.type) : undefined;
        const unplacedRows = this.gridCount(queryId, table, rows.columns, filter, (source, where) => unplacedSql(spec, table, source, where));
        const leftOutValues = this.gridCount(queryId, table, rows.columns, filter, (source, where) => leftOutSql(spec, table, source, where));
        const planned = await this.plan(queryId, table, rows.columns, rows.rowCount, spec, filter);
        if (!current()) return; // interrupted while the cube was built: the cube stays for the next move
        const marks = await this.queryWorker.request({ type: 'chart', chartId, sql: planned.sql, ...(planned.params.length > 0 ? { params: planned.params } : {}) });
        // a count that failed leaves the chart as drawn, without its note
        const [step, unplacedRow, leftOutRow] = await Promise.all([stepOfX, unplacedRows.catch(() => undefined), leftOutValues.catch(() => undefined)]);
        const unplaced = unplacedRow && Number(unplacedRow[0] ?? 0);
        const leftOut = leftOutRow && readChartLeftOut(leftOutRow);
        if (!current()) return; // already answered: interrupted
        this.counts.answered++;
        const data: ChartData = { queryId, spec, ...sentMarks(planned.columns, marks) };
        entry.settle(ok({ ...data, ...(step === undefined ? {} : { brushStep: step }), ...(unplaced === undefined ? {} : { unplaced }), ...(leftOut ? { leftOut } : {}), ...(planned.cube ? { cube: true } : {}) }));
      })().catch((error: AppError) => {
        if (current()) entry.settle(fail(chartFailureInWords(error, spec, rows.columns)));
      });
    });
  }

  /** Interrupts the session's chart queries in flight that `owner` asked for; says whether there was one. */
  cancel(sessionId: string, owner: ChartOwner = IN_MAIN): Result<{ cancelled: boolean }> {
    const of = this.owners.get(owner);
    let cancelled = false;
    for (const key of this.keysOf(sessionId, (s) => s.owner === of)) cancelled = this.stop(key, appError(newErrorId(), 'INTERRUPTED', 'The chart was cancelled.')) || cancelled;
    return ok({ cancelled });
  }

  /** Every chart `owner` asked for, of every session, stops: its window is gone. */
  forget(owner: ChartOwner): void {
    const of = this.owners.get(owner);
    for (const [key, entry] of [...this.inFlight]) if (entry.slot.owner === of) this.stop(key, appError(newErrorId(), 'INTERRUPTED', 'The window closed.'));
  }

  /**
   * A query started in a session replaces the result its live charts were of: their queries stop,
   * in every window. A chart of the Timeline's past view is of a result of then, which stays.
   */
  onEvent(e: EventEnvelope): void {
    if (e.type !== 'QueryStarted') return;
    for (const key of this.keysOf(e.aggregateId, (s) => !s.past)) {
      if (this.inFlight.get(key)?.queryId !== e.payload.queryId) this.stop(key, appError(newErrorId(), 'INTERRUPTED', 'A new query replaced the result this chart was of.'));
    }
  }

  close(): void {
    this.closed = true;
    this.reruns.close();
    for (const key of [...this.inFlight.keys()]) this.stop(key, appError(newErrorId(), 'INTERRUPTED', 'Sextant is shutting down.'));
  }

  /**
   * The SQL for a chart: from a cube when one brush of another chart, over a number column,
   * snapped to its step, filters a histogram or bars of counts; else chartSql with every filter.
   */
  private async plan(queryId: string, table: string, columns: readonly Column[], rowCount: number, spec: SingleChartSpec, filter: readonly PageFilter[]): Promise<Planned> {
    const source: ChartSourceColumn[] = columns.map((c, i) => ({ name: c.name, type: c.type, ref: `c${i}` }));
    const brush = [...filter].reverse().find((f): f is Extract<PageFilter, { op: 'range' }> => f.op === 'range' && f.chart !== undefined && cubeBrushable(columns[f.column]?.type ?? ''));
    if (brush && cubeable(spec, source)) {
      const step = await this.stepOf(queryId, table, brush.column, columns[brush.column]?.type ?? '');
      const k0 = stepIndex(brush.lo, step);
      const k1 = stepIndex(brush.hi, step);
      if (k0 !== undefined && k1 !== undefined) {
        const others = boundFilters(filter.filter((f) => f !== brush), columns);
        const cube = chartCube(spec, table, source, `c${brush.column}`, step, others.sql || undefined);
        const name = await this.cubeTable(queryId, JSON.stringify([spec, brush.column, step, others]), cube.create, others.params);
        const marks = cube.marks(name, k0, k1);
        return { sql: marks.sql, params: [], columns: marks.columns, cube: true };
      }
    }
    const where = boundFilters(filter, columns);
    const query = chartSql(spec, table, source, { rows: rowCount, ...(where.sql ? { filter: where.sql } : {}) });
    return { sql: query.sql, params: where.params, columns: query.columns, cube: false };
  }

  /**
   * The one row of a count of what a chart leaves out among the rows the grid's filters pass: rows
   * with no place on an axis (chartUnplaced.ts), NaNs and infinities its aggregate leaves out
   * (chartLeftOut.ts); undefined when `sqlOf` has nothing to count. Brushes are not counted in, so a
   * brush move costs no scan: asked once per result, SQL and grid filters.
   */
  private gridCount(queryId: string, table: string, columns: readonly Column[], filter: readonly PageFilter[], sqlOf: (source: ChartSourceColumn[], where: string | undefined) => string | undefined): Promise<ReadonlyArray<string | null> | undefined> {
    const where = boundFilters(filter.filter((f) => !('chart' in f && f.chart !== undefined)), columns);
    const source: ChartSourceColumn[] = columns.map((c, i) => ({ name: c.name, type: c.type, ref: `c${i}` }));
    const sql = sqlOf(source, where.sql || undefined);
    if (sql === undefined) return Promise.resolve(undefined);
    const key = JSON.stringify([queryId, sql, where.params]);
    const known = this.counted.get(key);
    if (known) return known;
    if (this.counted.size >= STEP_LIMIT) this.counted.clear();
    const counted = this.queryWorker.request({ type: 'chart', chartId: newId(), sql, ...(where.params.length > 0 ? { params: where.params } : {}) }).then(([row]) => row ?? []);
    counted.catch(() => this.counted.delete(key));
    this.counted.set(key, counted);
    return counted;
  }

  /** The brush step of a number column: from its min and max, asked of DuckDB once per result and column. */
  private stepOf(queryId: string, table: string, column: number, type: string): Promise<number> {
    const key = `${queryId}/${column}`;
    const known = this.steps.get(key);
    if (known) return known;
    if (this.steps.size >= STEP_LIMIT) this.steps.clear();
    const c = `CAST(c${column} AS DOUBLE)`;
    const step = this.queryWorker
      .request({ type: 'chart', chartId: newId(), sql: `SELECT min(${c})::VARCHAR, max(${c})::VARCHAR FROM ${table} WHERE isfinite(${c})` })
      .then(([row]) => brushStep(Number(row?.[0]), Number(row?.[1]), columnKind(type).kind === 'integer'));
    step.catch(() => this.steps.delete(key));
    this.steps.set(key, step);
    return step;
  }

  /** The cube table for `what`, built once (and shared while building); the oldest beyond CUBE_LIMIT is dropped. */
  private cubeTable(queryId: string, what: string, create: (table: string) => string, params: readonly string[]): Promise<string> {
    const hash = createHash('sha256').update(queryId).update('\u0000').update(what).digest('hex').slice(0, 16);
    const known = this.cubes.get(hash);
    if (known) return known;
    // named like a view's copy of the result (`<result>_v_…`), so the result index never takes it for a result
    const name = `${RESULTS_SCHEMA}.${quoteIdent(`${resultTableId(queryId)}_v_cube_${hash}`)}`;
    const built = this.queryWorker.request({ type: 'chart', chartId: newId(), sql: create(name), ...(params.length > 0 ? { params } : {}) }).then(() => {
      this.counts.cubes++;
      return name;
    });
    built.catch(() => this.cubes.delete(hash));
    this.cubes.set(hash, built);
    for (const [old, table] of this.cubes) {
      if (this.cubes.size <= CUBE_LIMIT) break;
      this.cubes.delete(old);
      void table.then((t) => this.queryWorker.request({ type: 'exec', sql: `DROP TABLE IF EXISTS ${t}` })).catch(() => undefined);
    }
    return built;
  }

  private keysOf(sessionId: string, which: (slot: Slot) => boolean): string[] {
    return [...this.inFlight].flatMap(([key, entry]) => (entry.slot.sessionId === sessionId && which(entry.slot) ? [key] : []));
  }

  private slotOf(owner: ChartOwner, { sessionId, slot = 0, past }: ChartDataRequest): Slot {
    let id = this.owners.get(owner);
    if (id === undefined) this.owners.set(owner, (id = this.nextOwner++));
    return { owner: id, sessionId, past: past === true, key: JSON.stringify([id, sessionId, slot, past === true]) };
  }

  private stop(key: string, error: AppError): boolean {
    const entry = this.inFlight.get(key);
    if (!entry) return false;
    this.inFlight.delete(key);
    this.counts.interrupted++;
    entry.settle(fail(error));
    void this.queryWorker.request({ type: 'cancelChart', chartId: entry.chartId }).catch(() => undefined);
    return true;
  }
}

