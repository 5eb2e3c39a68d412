import { shortened } from '../text/codePoints';
import { z } from 'zod';
import type { Column, SessionEvent } from '../contracts/events';
import type { PageFilter } from '../contracts/pageView';
import { chartWords } from '../chart/chartLabel';
import { pivotLayoutWords } from '../pivot/pivotSpec';
import { assertNever } from '../domain/decider';
import { withoutResultSet } from '../domain/queryLifecycle';
import type { ViewEvent } from './appView';
import { countText } from '../text/counts';
import { columnNames } from '../explore/openAsSql';
import { isolateBidi } from '../text/isolate';
import { exportFormatLabel } from '../explore/exportFormat';

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

const rows = (n: number) => countText(n, 'row');
/** The SQL as one short line: whitespace collapsed, cut at `max` characters. */
const shortSql = (sql: string, max = 60) => {
  const line = sql.replace(/\s+/g, ' ').trim();
  return isolateBidi(shortened(line, max));
};

/**
 * The timeline of one session's events (oldest first, as stored), newest entry first. Pure: the
 * same events give the same entries, whoever folds them.
 */
export function timelineOf(events: readonly SessionViewEvent[]): TimelineEntry[] {
  return new TimelineFold().add(events).newestFirst();
}

/** What a window that holds a timeline up to a seq is sent: the entries ending after it, and the seqs its held copies of them end at. */
export interface TimelineSince {
  readonly entries: TimelineEntry[];
  readonly total: number;
  /** For each entry sent that the window already held (a query settled since, a draft saved again): the seq its held copy ends at, to drop. */
  readonly moved: number[];
}

/**
 * A window's timeline with an answer past its newest entry merged in (`TimelineFold.newest` with
 * `after`): the moved entries' old copies dropped, the newest `max` kept. The same list as asking
 * for the whole timeline again.
 */
export function mergeTimeline(held: readonly TimelineEntry[], answer: Pick<TimelineSince, 'entries'> & { readonly moved?: readonly number[] | undefined }, max: number): TimelineEntry[] {
  const gone = new Set(answer.moved);
  return [...answer.entries, ...held.filter((e) => !gone.has(e.seq))].sort((a, b) => b.seq - a.seq).slice(0, max);
}

/**
 * `timelineOf` kept as events come: fold a session's events in order, in as many calls as they
 * arrive in, and ask for the newest entries at any time; the answer is `timelineOf`'s over all the
 * events folded so far. Main keeps one per session it was asked about, so a second request reads
 * only the events since the first.
 */
export class TimelineFold {
  private readonly entries: Mutable<TimelineEntry>[] = [];
  private readonly queries = new Map<string, { entry: Mutable<TimelineEntry>; sql: string; columns?: readonly Column[] }>();
  /** The open "Edited SQL" entry: further saves extend it until another entry comes between. */
  private editing: Mutable<TimelineEntry> | undefined;
  /** Each entry's label by the aggregateSeq of the event that made it: what an undo or redo names. */
  private readonly labels = new Map<number, string>();
  /** The seqs each entry has ended at, in order: where a window that asked earlier holds it. */
  private readonly ends = new Map<TimelineEntry, number[]>();
  /** The aggregate seq of the last event folded (0 before any). */
  version = 0;

  /** `datasetName`: a dataset's catalog name, for "Attached “cars”" (a session's events hold only its id). */
  constructor(private readonly datasetName: (datasetId: string) => string | undefined = () => undefined) {}

  get total(): number {
    return this.entries.length;
  }

  add(events: readonly SessionViewEvent[]): this {
    for (const e of events) {
      this.fold(e);
      this.version = e.aggregateSeq;
    }
    return this;
  }

  /** Every entry, newest first: the fold's own objects, which later events change. */
  newestFirst(): Mutable<TimelineEntry>[] {
    // A query's entry moves to where it settled: order by the seq each entry ends at, newest first.
    return [...this.entries].sort((a, b) => b.seq - a.seq);
  }

  /** The newest `max` entries (copies), or, past `after`, only those ending after it and where the held copies of them end. */
  newest(max: number, after?: number): TimelineSince {
    const shown = (after === undefined ? this.newestFirst() : this.entries.filter((e) => e.seq > after).sort((a, b) => b.seq - a.seq)).slice(0, max);
    const moved: number[] = [];
    if (after !== undefined)
      for (const entry of shown) {
        const held = this.ends.get(entry)?.findLast((seq) => seq <= after);
        if (held !== undefined) moved.push(held);
      }
    return { entries: shown.map((e) => ({ ...e })), total: this.entries.length, moved };
  }

  /** A query's entry alone (a copy), however old; none if the session has no such query. */
  ofQuery(queryId: string): TimelineSince {
    const entry = this.queries.get(queryId)?.entry;
    return { entries: entry ? [{ ...entry }] : [], total: this.entries.length, moved: [] };
  }

  private add1(kind: TimelineKind, label: string, e: SessionViewEvent, queryId?: string): Mutable<TimelineEntry> {
    const entry: Mutable<TimelineEntry> = { kind, label, at: e.occurredAt, seq: e.globalSeq, ...(queryId ? { queryId } : {}) };
    this.entries.push(entry);
    this.ends.set(entry, [e.globalSeq]);
    this.labels.set(e.aggregateSeq, label);
    this.editing = undefined;
    return entry;
  }

  /** The label of the action an undo or redo addresses, mid-sentence (`Undid: closed the pivot`): every label starts with our own verb, never user text. */
  private actionLabel(seq: number): string {
    const label = this.labels.get(seq);
    return label === undefined ? 'an action' : label.charAt(0).toLowerCase() + label.slice(1);
  }

  private move(entry: Mutable<TimelineEntry>, e: SessionViewEvent): void {
    entry.at = e.occurredAt;
    entry.seq = e.globalSeq;
    this.ends.get(entry)?.push(e.globalSeq);
  }

  private settle(e: SessionViewEvent, queryId: string, outcome: string, columns?: readonly Column[]): void {
    const q = this.queries.get(queryId);
    if (!q) return;
    q.entry.label = `Ran query ${shortSql(q.sql)} · ${outcome}`;
    this.move(q.entry, e);
    if (columns) q.columns = columns;
  }

  private fold(e: SessionViewEvent): void {
    const add = this.add1.bind(this);
    switch (e.type) {
      case 'SessionOpened':
        add('opened', 'Opened', e);
        break;
      case 'SessionForked':
        add('forked', `Forked from ${isolateBidi(e.payload.from.title)}`, e);
        for (const h of e.payload.history) this.queries.set(h.queryId, { entry: { kind: 'query', label: '', at: h.startedAt, seq: e.globalSeq }, sql: h.sql, ...(h.columns ? { columns: h.columns } : {}) });
        break;
      case 'SessionRenamed':
        add('renamed', `Renamed to “${isolateBidi(e.payload.title)}”`, e);
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
        if (this.editing) this.move(this.editing, e);
        else this.editing = add('draft', 'Edited SQL', e);
        break;
      case 'DatasetAttached':
        add('dataset', attached(this.datasetName(e.payload.datasetId)), e);
        break;
      case 'QueryStarted':
        this.queries.set(e.payload.queryId, { entry: add('query', `Ran query ${shortSql(e.payload.sql)} · running`, e, e.payload.queryId), sql: e.payload.sql });
        break;
      case 'ExecutionBegan':
        this.settle(e, e.payload.queryId, 'running');
        break;
      case 'QueryCompleted':
        this.settle(e, e.payload.queryId, withoutResultSet(e.payload.columns) ? 'statement ran' : rows(e.payload.rowCount), e.payload.columns);
        break;
      case 'QueryFailed':
        this.settle(e, e.payload.queryId, 'failed');
        break;
      case 'QueryCancelled':
        this.settle(e, e.payload.queryId, 'cancelled');
        break;
      case 'ResultViewSet':
        add('view', viewLabel(e.payload.orderBy, e.payload.filter, this.queries.get(e.payload.queryId)?.columns ?? []), e, e.payload.queryId);
        break;
      case 'ResultExported':
        add('exported', `Exported ${rows(e.payload.rows)} as ${exportFormatLabel[e.payload.format]}`, e, e.payload.queryId);
        break;
      case 'ChartSet': {
        const spec = e.payload.spec;
        add('chart', spec ? `Charted ${chartWords(spec)}` : 'Closed the chart', e, e.payload.queryId);
        break;
      }
      case 'PivotSet': {
        const spec = e.payload.spec;
        add('pivot', spec ? `Pivoted ${spec.aggregate.toLowerCase()} of ${isolateBidi(spec.values)}${pivotLayoutWords(spec)}` : 'Closed the pivot', e, e.payload.queryId);
        break;
      }
      case 'ActionUndone':
        add('undo', `Undid: ${this.actionLabel(e.payload.seq)}`, e);
        break;
      case 'ActionRedone':
        add('redo', `Redid: ${this.actionLabel(e.payload.seq)}`, e);
        break;
      default:
        return assertNever(e);
    }
  }
}

const opText: Readonly<Record<PageFilter['op'], string>> = { eq: '=', ne: '!=', lt: '<', le: '<=', gt: '>', ge: '>=', contains: 'contains', isNull: 'is null', notNull: 'is not null', range: 'in', in: 'in' };
const quote = (v: string) => (/^-?\d+(\.\d+)?$/.test(v) ? v : `'${isolateBidi(v)}'`);

/** "Sorted by dep_delay descending", "Filtered origin = 'SEA'", both, or "Cleared sort and filters". */
export function viewLabel(orderBy: readonly { column: number; descending?: boolean | undefined }[], filter: readonly PageFilter[], columns: readonly Column[]): string {
  // repeated names told apart as Open as SQL and exports name them (`a`, `a_1`)
  const names = columnNames(columns).names;
  const name = (i: number) => isolateBidi(names[i] ?? `column ${i + 1}`);
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

const attached = (name: string | undefined): string => (name === undefined ? 'Attached a dataset' : `Attached “${isolateBidi(name)}”`);
