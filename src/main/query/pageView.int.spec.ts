import { beforeAll, describe, expect, it } from 'vitest';
import type { Page, PageView } from '../../shared/contracts/protocol';
import { queryEnd, recordingClient, startQuery } from '../../../test/support/coreEvents';
import { useTestSession } from '../../../test/support/useTestSession';
import { rawTextRows, rowsOf } from '../../../test/support/rawTextRows';

const SQL = `select range as n, range % 3 as g, CASE WHEN range % 5 = 0 THEN NULL ELSE 'Item ' || range END as s,
  DATE '2024-01-01' + (range % 40)::INTEGER as d from range(1000)`;

describe('sorted and filtered pages, done by DuckDB', () => {
  const { core, sessionId, run } = useTestSession('all');
  let queryId: string;
  beforeAll(async () => {
    ({ queryId } = await run(SQL));
  });

  async function page(offset: number, limit: number, view: PageView): Promise<Page> {
    const r = await core().runner.fetchPage(queryId, offset, limit, view);
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.value;
  }

  it('sorts by several keys, NULLs last, and pages the sorted rows at any offset', async () => {
    const view: PageView = { orderBy: [{ column: 2, descending: true }, { column: 0 }] };
    const expected = await rawTextRows(`${SQL} order by s desc nulls last, n`);
    const first = await page(0, 10, view);
    expect(first).toMatchObject({ totalRows: 1000, complete: true });
    expect(rowsOf(first)).toEqual(expected.slice(0, 10));
    expect(rowsOf(await page(795, 10, view))).toEqual(expected.slice(795, 805));
    expect(rowsOf(await page(990, 50, view))).toEqual(expected.slice(990));
  });

  it('filters in the column’s own type and counts what passes', async () => {
    const view: PageView = { filter: [{ column: 1, op: 'eq', value: '1' }, { column: 3, op: 'ge', value: '2024-02-01' }], orderBy: [{ column: 0, descending: true }] };
    const expected = await rawTextRows(`select * from (${SQL}) where g = 1 and d >= DATE '2024-02-01' order by n desc`);
    const p = await page(0, 1000, view);
    expect(p.totalRows).toBe(expected.length);
    expect(rowsOf(p)).toEqual(expected);
  });

  it('an `in` (bars brushed across on a chart) keeps the rows of any of its values, each bound and cast to the column’s type', async () => {
    const view: PageView = { filter: [{ column: 1, op: 'in', values: ['0', '2', 'not a number'], chart: 1 }, { column: 2, op: 'in', values: ['Item 3', 'Item 6', "x' OR 1=1 --"], chart: 2 }] };
    const expected = await rawTextRows(`select * from (${SQL}) where g in (0, 2) and s in ('Item 3', 'Item 6')`);
    const p = await page(0, 1000, view);
    expect(expected.length).toBe(2);
    expect(rowsOf(p)).toEqual(expected);
    expect((await page(0, 1, { filter: [{ column: 3, op: 'in', values: ['2024-01-02', '2024-01-03'] }] })).totalRows).toBe(50);
  });

  it('contains matches the shown text ignoring case; isNull finds SQL NULLs', async () => {
    const found = await page(0, 1000, { filter: [{ column: 2, op: 'contains', value: 'item 99' }] });
    expect(rowsOf(found)).toEqual(await rawTextRows(`select * from (${SQL}) where lower(s) like '%item 99%'`));
    expect((await page(0, 1, { filter: [{ column: 2, op: 'isNull' }] })).totalRows).toBe(200);
    expect((await page(0, 1, { filter: [{ column: 2, op: 'notNull' }] })).totalRows).toBe(800);
  });

  it('a value that does not fit the column matches nothing, and SQL in a value stays a value', async () => {
    expect((await page(0, 10, { filter: [{ column: 0, op: 'eq', value: 'not a number' }] })).totalRows).toBe(0);
    const p = await page(0, 10, { filter: [{ column: 2, op: 'eq', value: "x' OR 1=1 --" }] });
    expect(p.totalRows).toBe(0);
    expect((await page(0, 1, {})).totalRows).toBe(1000);
  });

  it('refuses a column the result does not have, with INVALID_COMMAND', async () => {
    const r = await core().runner.fetchPage(queryId, 0, 10, { orderBy: [{ column: 9 }] });
    expect(r.ok ? 'ok' : r.error.code).toBe('INVALID_COMMAND');
  });

  it('travels through the client protocol: orderBy and filter are validated and applied', async () => {
    const client = recordingClient(core());
    const r = await client.conn.handle({ method: 'fetchPage', queryId, offset: 0, limit: 3, orderBy: [{ column: 0, descending: true }], filter: [{ column: 1, op: 'ne', value: '0' }] });
    expect(r.ok && (r.value as Page).values[0]).toEqual(['998', '997', '995']);
    const bad = await client.conn.handle({ method: 'fetchPage', queryId, offset: 0, limit: 3, filter: [{ column: 0, op: 'like', value: '%' }] });
    expect(bad.ok ? 'ok' : bad.error.code).toBe('INVALID_COMMAND');
    client.conn.close();
  });

  it('a running query cannot be sorted yet: RESULT_INCOMPLETE', async () => {
    const running = await startQuery(core(), sessionId(), 'select count(*) from range(20000000000) t(x) where x % 7 = 3');
    const r = await core().runner.fetchPage(running, 0, 10, { orderBy: [{ column: 0 }] });
    expect(r.ok ? 'ok' : r.error.code).toBe('RESULT_INCOMPLETE');
    await core().dispatch({ type: 'CancelQuery', sessionId: sessionId() });
    await queryEnd(core(), sessionId(), running);
  });
});
