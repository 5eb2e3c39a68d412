import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ResultView } from '../../shared/domain/resultView';
import { openAsSql } from '../../shared/explore/openAsSql';
import { useTestSession } from '../../../test/support/useTestSession';
import { rawTextRows, rowsOf } from '../../../test/support/rawTextRows';

/** A result with awkward names and values; k is unique so any sort has one right answer when k ends it. */
const SQL = `select range as k, range % 7 as "g ""group""", CASE WHEN range % 5 = 0 THEN NULL ELSE 'it''s ' || range || chr(0) || '🦆' END as "name; drop",
  DATE '2024-01-01' + (range % 40)::INTEGER as d, range % 3 as k from range(500) -- trailing comment`;

describe('Open as SQL gives the rows the app shows', () => {
  const { core, run } = useTestSession('all');
  let queryId: string;
  beforeAll(async () => {
    ({ queryId } = await run(SQL));
  });

  const views: Array<[string, ResultView]> = [
    ['sorted by two keys', { orderBy: [{ column: 1, descending: true }, { column: 0 }], filter: [] }],
    [
      'filtered with hostile text, a range and null checks',
      {
        orderBy: [{ column: 3 }, { column: 0, descending: true }],
        filter: [
          { column: 2, op: 'contains', value: "IT'S 1" },
          { column: 3, op: 'ge', value: '2024-01-05' },
          { column: 3, op: 'le', value: '2024-02-01' },
          { column: 2, op: 'notNull' },
        ],
      },
    ],
    ['a value that does not cast matches nothing', { orderBy: [], filter: [{ column: 0, op: 'eq', value: "'); drop table x; --" }] }],
    ['the repeated column name k, second of them', { orderBy: [{ column: 4 }, { column: 0 }], filter: [{ column: 4, op: 'eq', value: '2' }] }],
    [
      'values written as literals: a whole number, a list, a range, a date',
      {
        orderBy: [{ column: 0 }],
        filter: [
          { column: 0, op: 'ge', value: '007' },
          { column: 1, op: 'in', values: ['1', '3'] },
          { column: 0, op: 'range', lo: '20', hi: '300.5' },
          { column: 3, op: 'ne', value: '2024-01-09' },
        ],
      },
    ],
    // a cast rounds 2.6 to 3 and refuses a day that does not exist: the SQL keeps the cast, and so the rows
    ['values a cast would round or refuse', { orderBy: [{ column: 0 }], filter: [{ column: 1, op: 'eq', value: '2.6' }] }],
    ['a day that does not exist matches nothing', { orderBy: [], filter: [{ column: 3, op: 'eq', value: '2024-02-30' }] }],
  ];

  for (const [name, view] of views) {
    it(name, async () => {
      const page = await core().runner.fetchPage(queryId, 0, 1000, { orderBy: [...view.orderBy], filter: [...view.filter] });
      if (!page.ok) throw new Error(page.error.message);
      const entry = core().projections.current.view;
      const columns = Object.values(entry.sessions).flatMap((s) => s.history).find((h) => h.queryId === queryId)!.columns!;
      const expected = await rawTextRows(openAsSql(SQL, columns, view));
      if (!name.includes('nothing')) expect(expected.length).toBeGreaterThan(0);
      expect(page.value.totalRows).toBe(expected.length);
      expect(rowsOf(page.value)).toEqual(expected);
    });
  }

  it('given a script ending in a comment, with a statement before its query, then the opened SQL runs and gives the rows the app shows', async () => {
    const script = "set threads = 1; select range as k, range % 3 as g, 'a;b' as s from range(20);  -- done";
    const { queryId: scripted } = await run(script);
    const view: ResultView = { orderBy: [{ column: 1, descending: true }, { column: 0 }], filter: [{ column: 0, op: 'lt', value: '15' }] };
    const page = await core().runner.fetchPage(scripted, 0, 100, { orderBy: [...view.orderBy], filter: [...view.filter] });
    if (!page.ok) throw new Error(page.error.message);
    const columns = Object.values(core().projections.current.view.sessions).flatMap((s) => s.history).find((h) => h.queryId === scripted)!.columns!;
    const instance = await DuckDBInstance.create(':memory:');
    const c = await instance.connect();
    try {
      // the whole text, as a person runs it in the editor: DuckDB answers with its last statement's rows
      const opened = (await c.runAndReadAll(openAsSql(script, columns, view))).getRowsJS().map((r) => r.map(String));
      expect(opened).toHaveLength(15);
      expect(rowsOf(page.value)).toEqual(opened);
    } finally {
      c.closeSync();
      instance.closeSync();
    }
  });
});
