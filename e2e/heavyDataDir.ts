import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EventMetadata, SessionEvent } from '../src/shared/contracts/events';
import { EventStore, type NewEvent } from '../src/main/store/eventStore';

/** What a heavy user's data dir holds; every count is the log's, written before the host starts. */
export interface HeavyShape {
  /** Open sessions besides the two long ones below. */
  readonly openSessions: number;
  readonly closedSessions: number;
  /** Queries in the history of the session titled "Long history". */
  readonly historyQueries: number;
  /** Events in the session titled "Long timeline" (a query every 50 events, the rest draft saves and a sort). */
  readonly timelineEvents: number;
  readonly datasets: number;
  readonly columnsPerDataset: number;
}

export const HEAVY: HeavyShape = { openSessions: 98, closedSessions: 50, historyQueries: 10_000, timelineEvents: 100_000, datasets: 200, columnsPerDataset: 50 };

const metadata: EventMetadata = { commandId: 'c', correlationId: 'c', issuedBy: 'user' };
const START = Date.parse('2026-01-01T00:00:00Z');
const columns = [
  { name: 'origin', type: 'VARCHAR' },
  { name: 'avg(dep_delay)', type: 'DOUBLE' },
];

/** A query's four events, settled as completed. */
function query(q: number, sql: string): SessionEvent[] {
  const queryId = `q-${String(q).padStart(6, '0')}`;
  return [
    { type: 'QueryStarted', payload: { queryId, sql } },
    { type: 'ExecutionBegan', payload: { queryId } },
    { type: 'QueryCompleted', payload: { queryId, rowCount: 300 + q, columns, durationMs: 12 } },
  ];
}

/**
 * Writes a heavy user's log into `dataDir/events.sqlite` through the store's own append (one
 * transaction per 5,000 events), and the datasets' files (a CSV of one row each) into `dataDir/files`,
 * so the catalog recreates them at start. Session ids are `open-<n>`, `closed-<n>`, `long-history`
 * and `long-timeline`; the last session opened is the one shown first.
 */
export function writeHeavyDataDir(dataDir: string, shape: HeavyShape = HEAVY): void {
  const store = new EventStore(join(dataDir, 'events.sqlite'));
  let clock = START;
  const write = (type: 'QuerySession' | 'Dataset', id: string, events: Iterable<SessionEvent | NewEvent['event']>) => {
    let version = 0;
    let batch: NewEvent[] = [];
    const topic = type === 'Dataset' ? 'catalog' : `session/${id}`;
    const flush = () => {
      store.append(type, id, version, batch);
      version += batch.length;
      batch = [];
    };
    for (const event of events) {
      batch.push({ event, topic, metadata, occurredAt: new Date((clock += 1000)).toISOString() });
      if (batch.length === 5000) flush();
    }
    if (batch.length > 0) flush();
  };

  const files = join(dataDir, 'files');
  mkdirSync(files, { recursive: true });
  for (let d = 0; d < shape.datasets; d++) {
    const name = `table_${String(d).padStart(3, '0')}`;
    const cols = Array.from({ length: shape.columnsPerDataset }, (_, c) => ({ name: `${name}_col_${String(c).padStart(2, '0')}`, type: c % 2 ? 'BIGINT' : 'VARCHAR' }));
    const source = join(files, `${name}.csv`);
    writeFileSync(source, `${cols.map((c) => c.name).join(',')}\n${cols.map((c, i) => (c.type === 'BIGINT' ? String(i) : 'x')).join(',')}\n`);
    write('Dataset', `ds-${d}`, [
      { type: 'DatasetRequested', payload: { source } },
      { type: 'DatasetRegistered', payload: { name, source, format: 'csv', columns: cols } },
    ]);
  }
  const open = (id: string, title: string, more: Iterable<SessionEvent> = []) =>
    write('QuerySession', id, (function* () {
      yield { type: 'SessionOpened', payload: { title } } as SessionEvent;
      yield* more;
    })());
  for (let s = 0; s < shape.closedSessions; s++) open(`closed-${s}`, `Closed ${s}`, [...query(0, 'select 1'), { type: 'SessionClosed', payload: {} }]);
  for (let s = 0; s < shape.openSessions; s++) open(`open-${s}`, `Session ${s}`, [{ type: 'DraftSaved', payload: { sql: `select ${s}` } }, ...query(0, `select ${s}`)]);
  open('long-history', 'Long history', (function* () {
    for (let q = 0; q < shape.historyQueries; q++) yield* query(q, `select origin, avg(dep_delay) from table_000 where distance > ${q} group by origin`);
    yield { type: 'DraftSaved', payload: { sql: 'select 1' } } as SessionEvent;
  })());
  open('long-timeline', 'Long timeline', (function* () {
    let n = 1;
    for (let q = 0; n < shape.timelineEvents; q++) {
      const block: SessionEvent[] = [...query(q, `select origin from table_001 where distance > ${q}`), { type: 'ResultViewSet', payload: { queryId: `q-${String(q).padStart(6, '0')}`, orderBy: [{ column: 1, descending: true }], filter: [] } }];
      for (let d = block.length; d < 50; d++) block.push({ type: 'DraftSaved', payload: { sql: `select origin from table_001 where distance > ${q + d}` } });
      for (const e of block) {
        if (n++ >= shape.timelineEvents) return;
        yield e;
      }
    }
  })());
  store.close();
}

/**
 * The "Long timeline" session's Timeline as main returns it (its newest `max` entries, newest first,
 * and how many it has), worked out from how the session is written above rather than by folding
 * its events, so it checks the fold and the panel. Each block of 50 events makes a query's entry, a
 * sort's and one "Edited SQL" for its draft saves; the last block is cut short.
 */
export function longTimeline(shape: HeavyShape = HEAVY, max = 1000): { newest: string[]; total: number } {
  const events = shape.timelineEvents - 1; // after SessionOpened
  const labels = ['Opened'];
  for (let q = 0; q * 50 < events; q++) {
    const length = Math.min(50, events - q * 50);
    const outcome = length >= 3 ? `${(300 + q).toLocaleString('en-US')} rows` : 'running';
    labels.push(`Ran query select origin from table_001 where distance > ${q} · ${outcome}`);
    if (length >= 4) labels.push('Sorted by avg(dep_delay) descending');
    if (length >= 5) labels.push('Edited SQL');
  }
  return { newest: labels.reverse().slice(0, max), total: labels.length };
}
