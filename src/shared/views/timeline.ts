import { z } from 'zod';
import type { Column, SessionEvent } from '../contracts/events';
import type { PageFilter } from '../contracts/pageView';
import { assertNever } from '../domain/decider';
import type { ViewEvent } from './appView';

/**
 * A session's actions as a person thinks of them, for the Timeline panel: a query with its outcome
 * is one entry, a run of draft saves is one "Edited SQL", a tab switch is none. Each entry ends at a
 * global seq: the point `sessionAt` shows the session as it was.
 */
export const timelineKinds = ['opened', 'forked', 'query', 'view', 'renamed', 'draft', 'dataset', 'exported', 'closed', 'reopened', 'undo', 'redo', 'chart', 'pivot'] as const;
export type TimelineKind = (typeof timelineKinds)[number];

export const timelineEntrySchema = z.object({
  kind: z.enum(timelineKinds),
  label: z.string(),
  /** When the entry's last event happened (ISO 8601). */
  at: z.string(),
  /** The global seq of the entry's last event: the session "as of" this entry. */
  seq: z.number().int().nonnegative(),
  /** The query a query, view or export entry is about. */
  queryId: z.string().optional(),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type SessionViewEvent = ViewEvent & SessionEvent;

const counts = new Intl.NumberFormat('en-US');
const rows = (n: number) => `${counts.format(n)} ${n === 1 ? 'row' : 'rows'}`;
/** The SQL as one short line: whitespace collapsed, cut at `max` characters. */
const shortSql = (sql: string, max = 60) => {
  const line = sql.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

/**
 * The timeline of one session's events (oldest first, as stored), newest entry first. Pure: the
 * same events give the same entries, whoever folds them.
 */
export function timelineOf(events: readonly SessionViewEvent[]): TimelineEntry[] {
  const entries: Mutable<TimelineEntry>[] = [];
  const queries = new Map<string, { entry: Mutable<TimelineEntry>; sql: string; columns?: readonly Column[] }>();
  /** The open "Edited SQL" entry: further saves extend it until another entry comes between. */
  let editing: Mutable<TimelineEntry> | undefined;
  /** Each entry's label by the aggregateSeq of the event that made it: what an undo or redo names. */
  const labels = new Map<number, string>();
  const add = (kind: TimelineKind, label: string, e: SessionViewEvent, queryId?: string): Mutable<TimelineEntry> => {
    const entry: Mutable<TimelineEntry> = { kind, label, at: e.occurredAt, seq: e.globalSeq, ...(queryId ? { queryId } : {}) };
    entries.push(entry);
    labels.set(e.aggregateSeq, label);
    editing = undefined;
    return entry;
  };
  const settle = (e: SessionViewEvent, queryId: string, outcome: string, columns?: readonly Column[]) => {
    const q = queries.get(queryId);
    if (!q) return;
    q.entry.label = `Ran query ${shortSql(q.sql)} · ${outcome}`;
    q.entry.at = e.occurredAt;
    q.entry.seq = e.globalSeq;
    if (columns) q.columns = columns;
  };

  for (const e of events) {
    switch (e.type) {
      case 'SessionOpened':
        add('opened', 'Opened', e);
        break;
      case 'SessionForked':
        add('forked', `Forked from ${e.payload.from.title}`, e);
        for (const h of e.payload.history) queries.set(h.queryId, { entry: { kind: 'query', label: '', at: h.startedAt, seq: e.globalSeq }, sql: h.sql, ...(h.columns ? { columns: h.columns } : {}) });
        break;
      case 'SessionRenamed':
        add('renamed', `Renamed to “${e.payload.title}”`, e);
        break;
      case 'SessionClosed':
        add('closed', 'Closed', e);
        break;
      case 'SessionReopened':
        add('reopened', 'Reopened', e);
        break;
      case 'SessionActivated':
        break; // switching tabs changes nothing in the session
      case 'DraftSaved':
        if (editing) {
          editing.at = e.occurredAt;
          editing.seq = e.globalSeq;
        } else {
          editing = add('draft', 'Edited SQL', e);
        }
        break;
      case 'DatasetAttached':
        add('dataset', 'Attached a dataset', e);
        break;
      case 'QueryStarted':
        queries.set(e.payload.queryId, { entry: add('query', `Ran query ${shortSql(e.payload.sql)} · running`, e, e.payload.queryId), sql: e.payload.sql });
        break;
      case 'ExecutionBegan':
        settle(e, e.payload.queryId, 'running');
        break;
      case 'QueryCompleted':
        settle(e, e.payload.queryId, rows(e.payload.rowCount), e.payload.columns);
        break;
      case 'QueryFailed':
        settle(e, e.payload.queryId, 'failed');
        break;
      case 'QueryCancelled':
        settle(e, e.payload.queryId, 'cancelled');
        break;
      case 'ResultViewSet':
        add('view', viewLabel(e.payload.orderBy, e.payload.filter, queries.get(e.payload.queryId)?.columns ?? []), e, e.payload.queryId);
        break;
      case 'ResultExported':
        add('exported', `Exported ${rows(e.payload.rows)} as ${e.payload.format === 'ndjson' ? 'NDJSON' : e.payload.format.toUpperCase()}`, e, e.payload.queryId);
        break;
      case 'ChartSet': {
        const spec = e.payload.spec;
        add('chart', spec ? `Charted ${spec.mark.toLowerCase()} of ${spec.x}${spec.y ? ` and ${spec.y}` : ''}` : 'Closed the chart', e, e.payload.queryId);
        break;
      }
      case 'PivotSet': {
        const spec = e.payload.spec;
        add('pivot', spec ? `Pivoted ${spec.aggregate.toLowerCase()} of ${spec.values} by ${spec.rows.join(', ')}${spec.columns.length ? ` across ${spec.columns.join(', ')}` : ''}` : 'Closed the pivot', e, e.payload.queryId);
        break;
      }
      case 'ActionUndone':
        add('undo', `Undid: ${labels.get(e.payload.seq) ?? 'an action'}`, e);
        break;
      case 'ActionRedone':
        add('redo', `Redid: ${labels.get(e.payload.seq) ?? 'an action'}`, e);
        break;
      default:
        return assertNever(e);
    }
  }
  // A query's entry moves to where it settled: order by the seq each entry ends at, newest first.
  return entries.sort((a, b) => b.seq - a.seq);
}

const opText: Readonly<Record<PageFilter['op'], string>> = { eq: '=', ne: '!=', lt: '<', le: '<=', gt: '>', ge: '>=', contains: 'contains', isNull: 'is null', notNull: 'is not null', range: 'in', in: 'in' };
const quote = (v: string) => (/^-?\d+(\.\d+)?$/.test(v) ? v : `'${v}'`);

/** "Sorted by dep_delay descending", "Filtered origin = 'SEA'", both, or "Cleared sort and filters". */
export function viewLabel(orderBy: readonly { column: number; descending?: boolean | undefined }[], filter: readonly PageFilter[], columns: readonly Column[]): string {
  const name = (i: number) => columns[i]?.name ?? `column ${i + 1}`;
  const parts: string[] = [];
  if (orderBy.length > 0) parts.push(`Sorted by ${orderBy.map((k) => `${name(k.column)}${k.descending ? ' descending' : ''}`).join(', then ')}`);
  if (filter.length > 0) {
    const conditions = filter.map((f) =>
      f.op === 'range'
        ? `${name(f.column)} ${opText[f.op]} [${quote(f.lo)}, ${quote(f.hi)})`
        : f.op === 'in'
          ? `${name(f.column)} ${opText[f.op]} (${f.values.map(quote).join(', ')})`
          : 'value' in f ? `${name(f.column)} ${opText[f.op]} ${quote(f.value)}` : `${name(f.column)} ${opText[f.op]}`,
    );
    parts.push(`${parts.length ? 'filtered' : 'Filtered'} ${conditions.join(' and ')}`);
  }
  return parts.length > 0 ? parts.join(', ') : 'Cleared sort and filters';
}
