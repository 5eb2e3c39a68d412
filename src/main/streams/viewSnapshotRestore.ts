import { z } from 'zod';
import { appErrorSchema, validationIssues } from '../../shared/contracts/errors';
import { columnSchema, datasetFormatSchema, datasetTableSchema } from '../../shared/contracts/events';
import { datasetPhaseSchema } from '../../shared/domain/datasetLifecycle';
import { emptyView, foldAppView, type AppView, type HistoryEntry, type SessionView } from '../../shared/views/appView';
import { APP_VIEW_SCHEMA_VERSION } from '../../shared/views/appViewSchema';
import type { Logger } from '../platform/logger';
import type { EventStore } from '../store/eventStore';
import type { SnapshotRow, ViewSnapshots } from '../store/viewSnapshots';
import { defineLazyHistory } from './lazyHistory';
import type { Projections } from './projections';

/** The name of a session's history part in a snapshot. */
export const historyPart = (sessionId: string): string => `history/${sessionId}`;

/** A view as a snapshot holds it: `view` at `seq`, each session's history in the part `refs` names. */
export interface SnapshotBase {
  readonly view: AppView;
  readonly seq: number;
  /** Part name → the seq of the row that holds it. */
  readonly refs: ReadonlyMap<string, number>;
}

export interface RestoreOutcome {
  /** Where main's view came from: a snapshot plus the events after it, or the whole log. */
  readonly from: 'snapshot' | 'log';
  /** Events folded at start (after the snapshot's seq, or all of them). */
  readonly folded: number;
  /** The snapshot the view was restored from; the writer's starting point for writing only what changed. */
  readonly base: SnapshotBase | undefined;
}

/**
 * Builds main's view at start: from the newest usable snapshot plus the events after it, else by
 * folding the whole log. A snapshot is only a shortcut: one of another view schema, ahead of the
 * log, unreadable or off-shape is skipped (with a warning when it is damage), never a failed start.
 */
export function restoreProjections(store: EventStore, snapshots: ViewSnapshots, projections: Projections, log: Logger): RestoreOutcome {
  const lastSeq = store.lastSeq();
  const base = newestUsable(store, snapshots, lastSeq, log);
  projections.rebuild(store, base && { view: base.view, seq: base.seq });
  const folded = projections.current.seq - (base?.seq ?? 0);
  return { from: base ? 'snapshot' : 'log', folded, base };
}

function newestUsable(store: EventStore, snapshots: ViewSnapshots, lastSeq: number, log: Logger): SnapshotBase | undefined {
  for (const head of snapshots.heads()) {
    if (head.schemaVersion !== APP_VIEW_SCHEMA_VERSION) {
      log.info({ seq: head.seq, schemaVersion: head.schemaVersion, current: APP_VIEW_SCHEMA_VERSION }, 'view snapshot of another view schema ignored');
      continue;
    }
    if (head.seq > lastSeq) {
      log.warn({ seq: head.seq, lastSeq }, 'view snapshot ahead of the event log ignored');
      continue;
    }
    const base = decodeHead(store, snapshots, head, log);
    if (base) return base;
  }
  return undefined;
}

const sessionHeadSchema = z.object({
  id: z.string(),
  title: z.string(),
  closed: z.boolean(),
  version: z.number().int(),
  openedSeq: z.number().int(),
  activatedSeq: z.number().int(),
  closedSeq: z.number().int().optional(),
  draft: z.string(),
  datasetIds: z.array(z.string()),
  /** The seq of the part holding this session's history. */
  history: z.number().int(),
});

const datasetViewSchema = z.object({
  id: z.string(),
  source: z.string(),
  requestedSeq: z.number().int(),
  status: datasetPhaseSchema,
  name: z.string().optional(),
  format: datasetFormatSchema.optional(),
  columns: z.array(columnSchema),
  error: appErrorSchema.optional(),
  location: z.string().optional(),
  tables: z.array(datasetTableSchema).optional(),
  download: z.object({ bytes: z.number(), sha256: z.string() }).optional(),
});

/** What a history part's entries must have to be folded onto (checked cheaply: a session may hold 100,000 queries). */
const isEntry = (h: unknown): h is HistoryEntry => {
  if (typeof h !== 'object' || h === null) return false;
  const e = h as Record<string, unknown>;
  return typeof e['queryId'] === 'string' && typeof e['sql'] === 'string' && typeof e['phase'] === 'string' && typeof e['startedAt'] === 'string';
};

const headSchema = z.object({
  sessions: z.record(z.string(), sessionHeadSchema),
  datasets: z.record(z.string(), datasetViewSchema),
  /** Datasets removed from the catalog, kept so that Undo can bring them back. */
  removedDatasets: z.record(z.string(), datasetViewSchema).optional(),
  /** Each session's last query, by session id (none for a session without queries). */
  lastQueries: z.record(z.string(), z.custom<HistoryEntry>(isEntry)),
});

/**
 * The view a head row describes, with each session's history loaded from its part on first read
 * (lazyHistory.ts):
 * a start parses the sessions and the catalog (small), not a year of query history; a window that
 * subscribes `session/<id>` loads that one history. The objects are the parsed JSON itself (zod
 * only checks them), so keys keep the order the fold gave them.
 */
function decodeHead(store: EventStore, snapshots: ViewSnapshots, head: SnapshotRow, log: Logger): SnapshotBase | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(head.body);
  } catch (e) {
    log.warn({ seq: head.seq, err: e }, 'view snapshot is not valid JSON: ignored, the view is rebuilt from the log');
    return undefined;
  }
  const checked = headSchema.safeParse(parsed);
  if (!checked.success) {
    log.warn({ seq: head.seq, issues: validationIssues(checked.error).slice(0, 3) }, 'view snapshot is not a view: ignored, the view is rebuilt from the log');
    return undefined;
  }
  const { sessions, datasets, removedDatasets, lastQueries } = parsed as {
    sessions: Record<string, Record<string, unknown>>;
    datasets: AppView['datasets'];
    removedDatasets?: AppView['removedDatasets'];
    lastQueries: Record<string, HistoryEntry>;
  };
  const refs = new Map<string, number>();
  for (const [id, session] of Object.entries(sessions)) {
    const name = historyPart(id);
    const partSeq = session['history'] as number;
    refs.set(name, partSeq);
    defineLazyHistory(session, lastQueries[id], () => readHistory(snapshots, name, partSeq, log) ?? historyFromLog(store, id, head.seq));
  }
  return { view: { sessions, datasets, ...(removedDatasets ? { removedDatasets } : {}) } as unknown as AppView, seq: head.seq, refs };
}

/** A history part, or undefined (with a warning) when it is missing or damaged. */
function readHistory(snapshots: ViewSnapshots, name: string, seq: number, log: Logger): readonly HistoryEntry[] | undefined {
  const row = snapshots.part(name, seq);
  if (!row || row.schemaVersion !== APP_VIEW_SCHEMA_VERSION) {
    log.warn({ part: name, seq }, 'view snapshot part missing: that session is folded from the log');
    return undefined;
  }
  try {
    const history: unknown = JSON.parse(row.body);
    if (isHistory(history)) return history;
  } catch {
    // reported below, like any other damage
  }
  log.warn({ part: name, seq }, 'view snapshot part is damaged: that session is folded from the log');
  return undefined;
}

const isHistory = (value: unknown): value is HistoryEntry[] => Array.isArray(value) && (value as unknown[]).every(isEntry);

/** One session's history as of `seq`, folded from its own events: what a damaged part is replaced by. */
function historyFromLog(store: EventStore, sessionId: string, seq: number): readonly HistoryEntry[] {
  const events = store.readAggregate('QuerySession', sessionId).filter((e) => e.globalSeq <= seq);
  const session: SessionView | undefined = foldAppView(emptyView(), events).sessions[sessionId];
  return session?.history ?? [];
}
