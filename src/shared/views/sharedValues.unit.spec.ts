import { beforeEach, describe, expect, it } from 'vitest';
import type { Column, SessionEvent } from '../contracts/events';
import { emptyView, foldAppView, foldAppViewBatches, type ViewEvent } from './appView';
import { SharedValues } from './sharedValues';

let seq = 0;
/** An event as the store hands it over: its payload parsed from its own JSON, so no two share anything. */
const stored = (event: SessionEvent): ViewEvent =>
  ({ ...JSON.parse(JSON.stringify(event)), globalSeq: ++seq, aggregateType: 'QuerySession', aggregateId: 's', aggregateSeq: seq, occurredAt: `t${seq}` }) as ViewEvent;
const columns: Column[] = [
  { name: 'origin', type: 'VARCHAR' },
  { name: 'n', type: 'BIGINT' },
];
const query = (queryId: string, sql: string, cols: readonly Column[] = columns): ViewEvent[] => [
  stored({ type: 'QueryStarted', payload: { queryId, sql } }),
  stored({ type: 'QueryCompleted', payload: { queryId, rowCount: 1, columns: [...cols], durationMs: 1 } }),
];

describe('equal values kept once by a fold', () => {
  // Each test's log starts at seq 1: its expected timestamps do not depend on which tests ran before.
  beforeEach(() => {
    seq = 0;
  });

  // (A shared SQL text cannot be told from an equal copy in JavaScript, only in memory: the
  // benchmark's retained heap shows it, docs/store.md.)
  it('given two queries with the same result columns, when folded in one call (in two batches), then their entries share one column list', () => {
    const events = [stored({ type: 'SessionOpened', payload: { title: 't' } }), ...query('q1', 'select origin, count(*) as n from flights group by origin'), ...query('q2', 'select origin, count(*) as n from flights group by origin')];
    const [first, second] = foldAppViewBatches(emptyView(), [events.slice(0, 3), events.slice(3)]).sessions['s']!.history;
    expect(second!.columns).toBe(first!.columns);
    expect(second).toEqual({ ...first, queryId: 'q2', startedAt: 't4' });
  });

  it('given queries whose columns differ only in a type, an order or a length, then each keeps its own columns', () => {
    const variants: Column[][] = [columns, [columns[0]!, { name: 'n', type: 'DOUBLE' }], [columns[1]!, columns[0]!], [columns[0]!], []];
    const events = [stored({ type: 'SessionOpened', payload: { title: 't' } }), ...variants.flatMap((cols, i) => query(`q${i}`, 'select 1', cols))];
    expect(foldAppView(emptyView(), events).sessions['s']!.history.map((h) => h.columns)).toEqual(variants);
  });

  it('given a likely text, then the text kept equals the one asked for, whether or not the likely one does', () => {
    const shared = new SharedValues();
    expect(shared.text('select 1', 'select 1')).toBe('select 1');
    expect(shared.text('select 2', 'select 1')).toBe('select 2');
    expect(shared.text('select 10', 'select 1')).toBe('select 10');
    expect(shared.text('select 2')).toBe('select 2');
  });

  it('given more distinct column lists with one first name than it keeps, then the later ones are kept as they came', () => {
    const shared = new SharedValues();
    const lists = Array.from({ length: 20 }, (_, i): Column[] => [{ name: 'id', type: `T${i}` }]);
    for (const list of lists) expect(shared.columns(list)).toBe(list);
    const kept = lists.map((list) => shared.columns(structuredClone(list)));
    kept.slice(0, 16).forEach((k, i) => expect(k).toBe(lists[i]));
    kept.slice(16).forEach((k, i) => expect(k).not.toBe(lists[16 + i]));
  });
});
