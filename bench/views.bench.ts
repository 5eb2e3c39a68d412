import { isDeepStrictEqual } from 'node:util';
import type { Column, DomainEvent } from '../src/shared/contracts/events';
import { emptyView, evolveAppView, foldAppView, type AppView, type DatasetView, type HistoryEntry, type SessionView, type ViewEvent } from '../src/shared/views/appView';
import { fromSamples, interleaved, type Bench } from './harness';

const SESSIONS = 2000;

/**
 * A heavy user's log, in memory (the fold alone, no SQLite): 100 datasets with 12 columns, 2,000
 * sessions, then queries as Started → Began → Completed (1 in 20 Failed, 1 in 20 Cancelled) on
 * a random session, as in store.bench.ts.
 */
function syntheticEvents(total: number): ViewEvent[] {
  const out: ViewEvent[] = [];
  const versions = new Map<string, number>();
  const push = (aggregateType: 'QuerySession' | 'Dataset', aggregateId: string, event: DomainEvent) => {
    const aggregateSeq = (versions.get(aggregateId) ?? 0) + 1;
    versions.set(aggregateId, aggregateSeq);
    out.push({ ...event, globalSeq: out.length + 1, aggregateType, aggregateId, aggregateSeq, occurredAt: new Date(1_767_225_600_000 + out.length * 1000).toISOString() } as ViewEvent);
  };
  const columns = (k: number): Column[] => Array.from({ length: k }, (_, i) => ({ name: `column_${i}`, type: i % 3 === 0 ? 'BIGINT' : i % 3 === 1 ? 'VARCHAR' : 'DOUBLE' }));
  for (let d = 0; d < 100; d++) {
    const source = `/data/files/source_${d}.parquet`;
    push('Dataset', `dataset-${d}`, { type: 'DatasetRequested', payload: { source } });
    push('Dataset', `dataset-${d}`, { type: 'DatasetRegistered', payload: { name: `source_${d}`, source, format: 'parquet', columns: columns(12) } });
  }
  for (let s = 0; s < SESSIONS; s++) push('QuerySession', `session-${s}`, { type: 'SessionOpened', payload: { title: `Session ${s + 1}` } });
  for (let q = 0; out.length < total; q++) {
    const id = `session-${(q * 7919) % SESSIONS}`;
    const queryId = `query-${q}`;
    push('QuerySession', id, { type: 'QueryStarted', payload: { queryId, sql: `select origin, count(*) from source_${q % 100} where distance > ${q % 1000} group by origin` } });
    push('QuerySession', id, { type: 'ExecutionBegan', payload: { queryId } });
    push(
      'QuerySession',
      id,
      q % 20 === 0
        ? { type: 'QueryFailed', payload: { queryId, error: { id: `error-${q}`, code: 'SQL_ERROR', message: 'Binder Error: Referenced column "delay" not found' } } }
        : q % 20 === 1
          ? { type: 'QueryCancelled', payload: { queryId, reason: 'cancelled by user' } }
          : { type: 'QueryCompleted', payload: { queryId, rowCount: q % 5000, columns: columns(3), durationMs: (q % 900) + 0.5 } },
    );
  }
  return out;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The floor for building the same view: a hand-written reducer that writes plain objects in place
 * and knows this log's shape (no purity, no unknown-session checks beyond what the log needs). It
 * builds what foldAppView builds, checked once below, so the ratio is what purity costs.
 */
function handWrittenFold(events: readonly ViewEvent[]): AppView {
  const sessions: Record<string, Mutable<Omit<SessionView, 'history'>> & { history: Mutable<HistoryEntry>[] }> = {};
  const datasets: Record<string, DatasetView> = {};
  for (const e of events) {
    if (e.aggregateType === 'Dataset') {
      if (e.type === 'DatasetRequested') datasets[e.aggregateId] = { id: e.aggregateId, source: e.payload.source, requestedSeq: e.globalSeq, status: 'loading', columns: [] };
      else if (e.type === 'DatasetRegistered') datasets[e.aggregateId] = { ...datasets[e.aggregateId]!, ...e.payload, status: 'ready' };
      continue;
    }
    if (e.type === 'SessionOpened') {
      sessions[e.aggregateId] = { id: e.aggregateId, title: e.payload.title, closed: false, version: e.aggregateSeq, openedSeq: e.globalSeq, activatedSeq: e.globalSeq, draft: '', datasetIds: [], history: [] };
      continue;
    }
    const s = sessions[e.aggregateId]!;
    s.version = e.aggregateSeq;
    const last = s.history[s.history.length - 1];
    switch (e.type) {
      case 'QueryStarted':
        s.history.push({ queryId: e.payload.queryId, sql: e.payload.sql, phase: 'Pending', startedAt: e.occurredAt });
        break;
      case 'ExecutionBegan':
        last!.phase = 'Executing';
        break;
      case 'QueryCompleted':
        Object.assign(last!, { phase: 'Completed', rowCount: e.payload.rowCount, columns: e.payload.columns, durationMs: e.payload.durationMs });
        break;
      case 'QueryFailed':
        Object.assign(last!, { phase: 'Failed', error: e.payload.error, durationMs: Date.parse(e.occurredAt) - Date.parse(last!.startedAt) });
        break;
      case 'QueryCancelled':
        Object.assign(last!, { phase: 'Cancelled', cancelReason: e.payload.reason, durationMs: Date.parse(e.occurredAt) - Date.parse(last!.startedAt) });
        break;
      default:
        throw new Error(`not in this log: ${e.type}`);
    }
  }
  return { sessions, datasets };
}

/** Main's rebuild at start: one fold over the whole log. */
const fold_rebuild: Bench = {
  name: 'views.fold_rebuild',
  what: "`foldAppView` of 300,000 in-memory events (the rebuild's log shape) in one call vs a hand-written mutable reducer building the same view (checked equal): what keeping the fold pure costs",
  async run() {
    const events = syntheticEvents(300_000);
    if (!isDeepStrictEqual(foldAppView(emptyView(), events), handWrittenFold(events))) throw new Error('the baseline builds another view');
    const { value, s, b } = await interleaved(2, 3, () => handWrittenFold(events), () => foldAppView(emptyView(), events));
    return fromSamples('views.fold_rebuild', 'ms', s, b, { events: events.length, per_event_us: ((value * 1000) / events.length).toFixed(3) });
  },
};

/**
 * One live event folded into a view of 2,000 sessions (what main does per append and the renderer
 * per frame), against JSON.parse of the same event: the cost of a frame arriving at all.
 */
const fold_live: Bench = {
  name: 'views.fold_live',
  what: 'one live event folded into a view of 2,000 sessions (what main does per append and the renderer per frame) vs a `JSON.parse` of the same event: what a frame costs beyond arriving at all',
  async run() {
    const events = syntheticEvents(120_000);
    const base = foldAppView(emptyView(), events.slice(0, 100_000));
    const live = events.slice(100_000);
    const texts = live.map((e) => JSON.stringify(e));
    let i = 0;
    let j = 0;
    let view = base;
    const { s, b } = await interleaved(
      5,
      400,
      () => JSON.parse(texts[j++ % texts.length]!),
      () => {
        // wraps around to the base: every sample folds a real next event onto a real view
        if (i % live.length === 0) view = base;
        view = evolveAppView(view, live[i++ % live.length]!);
      },
    );
    return fromSamples('views.fold_live', 'ms', s, b, { sessions: SESSIONS, queries_per_session: Math.round(Object.values(base.sessions).reduce((n, s) => n + s.history.length, 0) / SESSIONS) });
  },
};

export const benches: Bench[] = [fold_rebuild, fold_live];
