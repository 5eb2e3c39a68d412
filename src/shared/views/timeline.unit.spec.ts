import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../contracts/events';
import type { ViewEvent } from './appView';
import { mergeTimeline, TimelineFold, timelineOf, viewLabel } from './timeline';

/** Given these events of session s1 (seq 1, 2, …, a minute apart), the timeline is … */
function given(events: readonly SessionEvent[]): (ViewEvent & SessionEvent)[] {
  return events.map((e, i) => ({ ...e, globalSeq: i + 1, aggregateType: 'QuerySession', aggregateId: 's1', aggregateSeq: i + 1, occurredAt: `2026-01-01T10:${String(i).padStart(2, '0')}:00.000Z` }) as ViewEvent & SessionEvent);
}

const columns = [
  { name: 'origin', type: 'VARCHAR' },
  { name: 'dep_delay', type: 'INTEGER' },
];

describe('timeline', () => {
  it('groups a query with its outcome, newest first, each entry ending at its last event', () => {
    const entries = timelineOf(
      given([
        { type: 'SessionOpened', payload: { title: 'Session 1' } },
        { type: 'QueryStarted', payload: { queryId: 'q1', sql: 'select *\n  from flights' } },
        { type: 'ExecutionBegan', payload: { queryId: 'q1' } },
        { type: 'QueryCompleted', payload: { queryId: 'q1', rowCount: 3000, columns, durationMs: 5 } },
        { type: 'QueryStarted', payload: { queryId: 'q2', sql: 'select nope' } },
        { type: 'QueryFailed', payload: { queryId: 'q2', error: { id: 'e', code: 'SQL_ERROR', message: 'bad' } } },
      ]),
    );
    expect(entries.map((e) => [e.label, e.seq])).toEqual([
      ['Ran query select nope · failed', 6],
      ['Ran query select * from flights · 3,000 rows', 4],
      ['Opened', 1],
    ]);
    expect(entries[1]).toMatchObject({ kind: 'query', queryId: 'q1', at: '2026-01-01T10:03:00.000Z' });
  });

  it('names what an undo and a redo took back by the action they address', () => {
    const entries = timelineOf(
      given([
        { type: 'SessionOpened', payload: { title: 'Session 1' } },
        { type: 'SessionRenamed', payload: { title: 'Delays' } },
        { type: 'ActionUndone', payload: { seq: 2 } },
        { type: 'ActionRedone', payload: { seq: 2 } },
      ]),
    );
    expect(entries.map((e) => [e.kind, e.label])).toEqual([
      ['redo', 'Redid: renamed to “Delays”'],
      ['undo', 'Undid: renamed to “Delays”'],
      ['renamed', 'Renamed to “Delays”'],
      ['opened', 'Opened'],
    ]);
  });

  it('names an undone action mid-sentence: lower-cased after the colon', () => {
    const entries = timelineOf(
      given([
        { type: 'SessionOpened', payload: { title: 'Session 1' } },
        { type: 'QueryStarted', payload: { queryId: 'q1', sql: 'select 1' } },
        { type: 'PivotSet', payload: { queryId: 'q1', spec: null } },
        { type: 'ActionUndone', payload: { seq: 3 } },
        { type: 'ActionRedone', payload: { seq: 3 } },
      ]),
    );
    expect(entries.slice(0, 2).map((e) => e.label)).toEqual(['Redid: closed the pivot', 'Undid: closed the pivot']);
  });

  it('isolates user text holding a right-to-left override or letters, so it cannot reorder the entry’s own words; other text stays as typed', () => {
    const entries = timelineOf(
      given([
        { type: 'SessionOpened', payload: { title: 'Session 1' } },
        { type: 'SessionRenamed', payload: { title: 'Trips\u202e draft' } },
        { type: 'QueryStarted', payload: { queryId: 'q1', sql: "select 'שלום' as greeting" } },
        { type: 'QueryCompleted', payload: { queryId: 'q1', rowCount: 1, columns: [{ name: 'greeting', type: 'VARCHAR' }], durationMs: 1 } },
        { type: 'ResultViewSet', payload: { queryId: 'q1', orderBy: [], filter: [{ column: 0, op: 'eq', value: 'שלום' }] } },
        { type: 'ActionUndone', payload: { seq: 2 } },
      ]),
    );
    expect(entries.map((e) => e.label)).toEqual([
      'Undid: renamed to “\u2068Trips\u202e draft\u2069”',
      "Filtered greeting = '\u2068שלום\u2069'",
      "Ran query \u2068select 'שלום' as greeting\u2069 · 1 row",
      'Renamed to “\u2068Trips\u202e draft\u2069”',
      'Opened',
    ]);
  });

  it('collapses a run of draft saves into one "Edited SQL" that ends at the last save', () => {
    const entries = timelineOf(
      given([
        { type: 'SessionOpened', payload: { title: 'Session 1' } },
        { type: 'DraftSaved', payload: { sql: 's' } },
        { type: 'SessionActivated', payload: {} },
        { type: 'DraftSaved', payload: { sql: 'se' } },
        { type: 'DraftSaved', payload: { sql: 'sel' } },
        { type: 'SessionRenamed', payload: { title: 'Delays' } },
        { type: 'DraftSaved', payload: { sql: 'select' } },
      ]),
    );
    expect(entries.map((e) => [e.label, e.seq])).toEqual([
      ['Edited SQL', 7],
      ['Renamed to “Delays”', 6],
      ['Edited SQL', 5],
      ['Opened', 1],
    ]);
  });

  it('says what each chart showed as its accessible name does, so a change of colour or aggregate is not the same line twice', () => {
    const bar = { mark: 'Bar', x: 'weather', y: 'precipitation', aggregate: 'Sum' } as const;
    const entries = timelineOf(
      given([
        { type: 'SessionOpened', payload: { title: 'Session 1' } },
        { type: 'QueryStarted', payload: { queryId: 'q1', sql: 'select 1' } },
        { type: 'QueryCompleted', payload: { queryId: 'q1', rowCount: 1, columns, durationMs: 5 } },
        { type: 'ChartSet', payload: { queryId: 'q1', spec: bar } },
        { type: 'ChartSet', payload: { queryId: 'q1', spec: { ...bar, color: 'weather' } } },
        { type: 'ChartSet', payload: { queryId: 'q1', spec: { ...bar, aggregate: 'Average' } } },
        { type: 'ChartSet', payload: { queryId: 'q1', spec: null } },
      ]),
    );
    expect(entries.slice(0, 4).map((e) => e.label)).toEqual([
      'Closed the chart',
      'Charted bar chart of average of precipitation per weather',
      'Charted bar chart of sum of precipitation per weather, by weather',
      'Charted bar chart of sum of precipitation per weather',
    ]);
  });

  it('says a statement without a result set ran, not that it returned 0 rows', () => {
    const entries = timelineOf(
      given([
        { type: 'SessionOpened', payload: { title: 'Session 1' } },
        { type: 'QueryStarted', payload: { queryId: 'q1', sql: 'create table t(a int)' } },
        { type: 'QueryCompleted', payload: { queryId: 'q1', rowCount: 0, columns: [], durationMs: 5 } },
        { type: 'QueryStarted', payload: { queryId: 'q2', sql: 'select a from t' } },
        { type: 'QueryCompleted', payload: { queryId: 'q2', rowCount: 0, columns: [{ name: 'a', type: 'INTEGER' }], durationMs: 5 } },
      ]),
    );
    expect(entries.map((e) => e.label).slice(0, 2)).toEqual(['Ran query select a from t · 0 rows', 'Ran query create table t(a int) · statement ran']);
  });

  it('says sorts and filters with column names, and exports, closes and reopens', () => {
    const entries = timelineOf(
      given([
        { type: 'SessionOpened', payload: { title: 'Session 1' } },
        { type: 'QueryStarted', payload: { queryId: 'q1', sql: 'select 1' } },
        { type: 'QueryCompleted', payload: { queryId: 'q1', rowCount: 1, columns, durationMs: 5 } },
        { type: 'ResultViewSet', payload: { queryId: 'q1', orderBy: [{ column: 1, descending: true }], filter: [] } },
        { type: 'ResultViewSet', payload: { queryId: 'q1', orderBy: [], filter: [{ column: 0, op: 'eq', value: 'SEA' }] } },
        { type: 'ResultViewSet', payload: { queryId: 'q1', orderBy: [], filter: [{ column: 0, op: 'in', values: ['SEA', 'PDX'], chart: 1 }] } },
        { type: 'ResultViewSet', payload: { queryId: 'q1', orderBy: [], filter: [] } },
        { type: 'ResultExported', payload: { queryId: 'q1', format: 'parquet', target: 'download', rows: 1, bytes: 10 } },
        { type: 'SessionClosed', payload: {} },
        { type: 'SessionReopened', payload: {} },
      ]),
    );
    expect(entries.map((e) => e.label)).toEqual([
      'Reopened',
      'Closed',
      'Exported 1 row as Parquet',
      'Cleared sort and filters',
      "Filtered origin in ('SEA', 'PDX')",
      "Filtered origin = 'SEA'",
      'Sorted by dep_delay descending',
      'Ran query select 1 · 1 row',
      'Opened',
    ]);
  });

  it('starts a fork with where it came from, and names the columns of queries it carried', () => {
    const entries = timelineOf(
      given([
        {
          type: 'SessionForked',
          payload: {
            title: 'Delays (fork)',
            from: { sessionId: 's0', seq: 9, title: 'Delays', occurredAt: '2026-01-01T09:00:00.000Z' },
            draft: '',
            datasetIds: [],
            history: [{ queryId: 'q1', sql: 'select 1', phase: 'Completed', startedAt: 't', columns }],
          },
        },
        { type: 'ResultViewSet', payload: { queryId: 'q1', orderBy: [{ column: 0 }], filter: [] } },
      ]),
    );
    expect(entries.map((e) => e.label)).toEqual(['Sorted by origin', 'Forked from Delays']);
  });

  it('given a fold kept as the events came, when asked past the seq a window holds, then it sends what ends after it and where the window’s copies of moved entries end', () => {
    const events = given([
      { type: 'SessionOpened', payload: { title: 'Session 1' } },
      { type: 'QueryStarted', payload: { queryId: 'q1', sql: 'select 1' } },
      { type: 'DraftSaved', payload: { sql: 'select 2' } },
      { type: 'DraftSaved', payload: { sql: 'select 3' } },
      { type: 'QueryCompleted', payload: { queryId: 'q1', rowCount: 1, columns, durationMs: 5 } },
      { type: 'SessionRenamed', payload: { title: 'Delays' } },
    ]);
    const fold = new TimelineFold().add(events.slice(0, 3));
    const held = fold.newest(10);
    expect(held.entries.map((e) => [e.label, e.seq])).toEqual([['Edited SQL', 3], ['Ran query select 1 · running', 2], ['Opened', 1]]);

    fold.add(events.slice(3));
    const since = fold.newest(10, 3);
    expect(since.entries.map((e) => [e.label, e.seq])).toEqual([['Renamed to “Delays”', 6], ['Ran query select 1 · 1 row', 5], ['Edited SQL', 4]]);
    expect(since.moved).toEqual([2, 3]); // the query held at 2, the draft at 3
    expect(since.total).toBe(4);
    // The window's list, merged, is the whole fold's.
    expect(mergeTimeline(held.entries, since, 10)).toEqual(timelineOf(events));
    expect(mergeTimeline(held.entries, since, 2)).toEqual(timelineOf(events).slice(0, 2));
    expect(fold.newest(2).entries).toEqual(timelineOf(events).slice(0, 2));
  });

  it('names an attached dataset by its catalog name when it is known, and says "a dataset" when it is not', () => {
    const events = given([
      { type: 'SessionOpened', payload: { title: 'Session 1' } },
      { type: 'DatasetAttached', payload: { datasetId: 'd1' } },
      { type: 'DatasetAttached', payload: { datasetId: 'gone' } },
    ]);
    const names: Record<string, string> = { d1: 'cars' };
    const labels = new TimelineFold((id) => names[id]).add(events).newestFirst().map((e) => e.label);
    expect(labels).toEqual(['Attached a dataset', 'Attached “cars”', 'Opened']);
    expect(timelineOf(events).map((e) => e.label)).toEqual(['Attached a dataset', 'Attached a dataset', 'Opened']);
  });

  it('given two columns of one name, when the second is sorted, then it is named as Open as SQL and exports name it', () => {
    expect(viewLabel([{ column: 1, descending: true }], [], [{ name: 'a', type: 'INTEGER' }, { name: 'a', type: 'INTEGER' }])).toBe('Sorted by a_1 descending');
  });
});
