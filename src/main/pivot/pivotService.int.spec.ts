import { beforeAll, describe, expect, it } from 'vitest';
import type { Column } from '../../shared/contracts/events';
import type { PivotPage } from '../../shared/pivot/pivotPage';
import { pivotOpenAsSql } from '../../shared/pivot/pivotOpenAsSql';
import type { PivotSpec } from '../../shared/pivot/pivotSpec';
import { openSessions } from '../../shared/views/appView';
import { queryEnd, startQuery } from '../../../test/support/coreEvents';
import { startTestCore, tempDir, type TestCore } from '../../../test/support/testCore';
import { useRawTable } from '../../../test/support/useRawTable';
import { pivotRows } from '../../../test/support/usePivotResult';
import { useTestSession } from '../../../test/support/useTestSession';
import { PivotService } from './pivotService';

/** Hostile names, NULL groups, and 60 column values (so 50 are shown and 10 go to "Other"). */
const SQL = `select CASE WHEN range % 11 = 0 THEN NULL ELSE 'g' || (range % 3) END AS "grp ""a""",
  'ü' || (range % 4) AS "città 🌆", range % 60 AS "mo""nth", (range * 7 % 101)::BIGINT AS "de lay", 'x' AS "grp ""a"""
from range(3000) -- trailing comment`;
const G = 'grp "a"';
const C = 'città 🌆';
const M = 'mo"nth';
const V = 'de lay';


describe('PivotService over a real result', () => {
  const app = useTestSession('all');
  const { raw } = useRawTable(`CREATE TABLE t AS SELECT "grp ""a""" AS g, "città 🌆" AS c, "mo""nth" AS m, "de lay" AS v FROM (${SQL}\n)`);
  let core: TestCore;
  let pivots: PivotService;
  let queryId: string;
  let columns: readonly Column[];
  beforeAll(async () => {
    core = app.core();
    pivots = new PivotService(core.queryWorker, core.runner, () => core.projections.current.view);
    const ran = await app.run(SQL);
    queryId = ran.queryId;
    columns = ran.end.type === 'QueryCompleted' ? ran.end.payload.columns : [];
  });

  /** Every row of the pivot, read in pages of 7 (so rows cross page boundaries). */
  async function all(spec: PivotSpec): Promise<{ first: PivotPage; rows: (string | null)[][] }> {
    const first = await pivots.page(queryId, spec, 0, 7);
    if (!first.ok) throw new Error(first.error.message);
    const rows = pivotRows(first.value);
    while (rows.length < first.value.totalRows) {
      const next = await pivots.page(queryId, spec, rows.length, 7);
      if (!next.ok) throw new Error(next.error.message);
      rows.push(...pivotRows(next.value));
    }
    return { first: first.value, rows };
  }
  const avg = async (where: string): Promise<number | null> => {
    const v = (await raw().runAndReadAll(`SELECT avg(v) AS a FROM t WHERE ${where}`)).getRowObjectsJS()[0]?.['a'];
    return v === null || v === undefined ? null : Number(v);
  };
  const close = (app: string | null, expected: number | null) => (expected === null ? expect(app).toBeNull() : expect(Number(app)).toBeCloseTo(expected, 9));
  const eq = (col: 'g' | 'c', v: string | null) => (v === null ? `${col} IS NULL` : `${col} = '${v}'`);

  const spec: PivotSpec = { rows: [G, C], columns: [M], values: V, aggregate: 'Average' };

  it('gives every cell, subtotal and total the average raw DuckDB computes from the rows, 50 columns and "Other"', async () => {
    const { first, rows } = await all(spec);
    expect(first.columns.map((c) => c.name).slice(0, 4)).toEqual(['level', G, C, '0']);
    expect(first.columns.map((c) => c.name).slice(-3)).toEqual(['49', 'Other', 'Total']);
    expect(first.keys).toMatchObject({ distinct: 60 });
    expect(first.keys.values).toHaveLength(50);
    // 4 groups (3 and NULL) × (1 subtotal + 4 cities) + the grand total
    expect(rows).toHaveLength(1 + 4 * 5);
    // the groups a person counts: raw DuckDB's distinct (group, city) pairs, the NULL group's included
    const pairs = (await raw().runAndReadAll('SELECT count(*) AS n FROM (SELECT DISTINCT g, c FROM t)')).getRowObjectsJS()[0]?.['n'];
    expect(first.groups).toBe(Number(pairs));
    for (const row of rows) {
      const [level, g, c] = row;
      const where = level === '0' ? 'true' : level === '1' ? eq('g', g!) : `${eq('g', g!)} AND ${eq('c', c!)}`;
      for (const m of [0, 7, 49]) close(row[3 + m]!, await avg(`${where} AND m = ${m}`));
      close(row[3 + 50]!, await avg(`${where} AND m >= 50`));
      close(row[3 + 51]!, await avg(where));
    }
  });

  it('ranks the column keys by their rows, NULL values included, not by the values or the groups', async () => {
    // key 100: 60 rows, every value NULL; keys 1…51: 10 rows each, each key in the same 2 groups
    const { queryId: id } = await app.run(`select range % 2 AS g, CASE WHEN range < 60 THEN 100 ELSE range % 51 + 1 END AS k, CASE WHEN range < 60 THEN NULL ELSE range END AS v from range(570)`);
    const page = await pivots.page(id, { rows: ['g'], columns: ['k'], values: 'v', aggregate: 'Average' }, 0, 10);
    if (!page.ok) throw new Error(page.error.message);
    expect(page.value.keys.distinct).toBe(52);
    expect(page.value.keys.values.flat()).toContain('100');
    expect(page.value.keys.values.flat()).not.toContain('50');
  });

  it("answers a new pivot's first page before its table is made, with the same rows, count and types as the table", async () => {
    for (const aggregate of ['Sum', 'Average', 'Count', 'Min'] as const) {
      const s = { ...spec, aggregate, collapsed: ['g2'] };
      const head = await pivots.page(queryId, s, 3, 7);
      // past the first thousand rows: waits for the table, and later pages are read from it
      await pivots.page(queryId, s, 2000, 1);
      const table = await pivots.page(queryId, s, 3, 7);
      if (!head.ok || !table.ok) throw new Error('no page');
      expect(head.value.totalRows).toBe(1 + 4 + 3 * 4);
      // the groups are the 4 × 4 detail rows, g2's collapsed ones included
      expect(head.value.groups).toBe(4 * 4);
      expect(head.value).toEqual(table.value);
    }
  });

  it('a new pivot asked first past its first thousand rows is planned without a head, and its table answers as a head would', async () => {
    for (const aggregate of ['Sum', 'Median'] as const) {
      const s = { ...spec, aggregate, collapsed: ['g1'] };
      const far = await pivots.page(queryId, s, 2000, 1);
      const near = await pivots.page(queryId, s, 3, 7);
      const fresh = await pivots.page(queryId, { ...s, collapsed: ['g1', 'nothing'] }, 3, 7);
      if (!far.ok || !near.ok || !fresh.ok) throw new Error('no page');
      expect(far.value.groups).toBe(4 * 4);
      expect(far.value.values.every((c) => c.length === 0)).toBe(true);
      expect(far.value.empty).toEqual([]);
      expect({ ...far.value, offset: 3, values: near.value.values, empty: near.value.empty }).toEqual(near.value);
      // the same pivot answered by a head: a collapsed group no row has changes nothing
      expect(fresh.value).toEqual(near.value);
    }
  });

  it('leaves no table of partial groups behind once the pivot is made', async () => {
    await all({ ...spec, aggregate: 'Sum' });
    const left = async () => Number((await core.queryWorker.request({ type: 'read', sql: "SELECT count(*) AS n FROM duckdb_tables() WHERE temporary AND table_name LIKE '%_partial'" }))[0]?.['n']);
    // dropped after the pivot is made, without holding up its first page
    for (let i = 0; i < 50 && (await left()) > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await left()).toBe(0);
  });

  it('orders the grand total first and each group before its children', async () => {
    const { rows } = await all(spec);
    expect(rows.map((r) => `${r[0]}:${r[1]}:${r[2]}`).slice(0, 7)).toEqual(['0:null:null', '1:g0:null', '2:g0:ü0', '2:g0:ü1', '2:g0:ü2', '2:g0:ü3', '1:g1:null']);
    expect(rows.at(-5)?.slice(0, 3)).toEqual(['1', null, null]);
  });

  it('sorts groups by a value column at every level, children moving with their group', async () => {
    const { rows } = await all({ ...spec, sort: { valueColumn: 51, descending: true } });
    const tops = rows.filter((r) => r[0] === '1').map((r) => Number(r[3 + 51]));
    expect(tops).toEqual([...tops].sort((a, b) => b - a));
    let parent: string | null | undefined;
    let last = Infinity;
    for (const r of rows.slice(1)) {
      if (r[0] === '1') [parent, last] = [r[1], Infinity];
      else {
        expect(r[1]).toBe(parent);
        expect(Number(r[3 + 51])).toBeLessThanOrEqual(last);
        last = Number(r[3 + 51]);
      }
    }
  });

  it('collapses first-level groups to their subtotal rows, the NULL group too', async () => {
    const { rows } = await all({ ...spec, collapsed: ['g1', null] });
    expect(rows).toHaveLength(1 + 4 + 2 * 4);
    expect(rows.filter((r) => r[0] === '2').map((r) => r[1])).not.toContain('g1');
    expect(rows.filter((r) => r[0] === '2').map((r) => r[1])).not.toContain(null);
    expect(rows.filter((r) => r[0] === '1').map((r) => r[1])).toEqual(['g0', 'g1', 'g2', null]);
    // a text group collapsed alone leaves the NULL group's rows in place
    const one = await all({ ...spec, collapsed: ['g1'] });
    expect(one.rows).toHaveLength(1 + 4 + 3 * 4);
    expect(one.rows.filter((r) => r[0] === '2' && r[1] === null)).toHaveLength(4);
  });

  it('takes medians from the rows', async () => {
    const { rows } = await all({ rows: [G], columns: [], values: V, aggregate: 'Median' });
    for (const row of rows.slice(1)) {
      const m = (await raw().runAndReadAll(`SELECT median(v) AS m FROM t WHERE ${eq('g', row[1]!)}`)).getRowObjectsJS()[0]?.['m'];
      close(row[2]!, Number(m));
    }
  });

  const CASED = `select range AS "n", range * 10 AS "N" from range(3)`;
  it('reads columns whose names differ only in case as the columns named (DuckDB binds names ignoring case)', async () => {
    const cased = await app.run(CASED);
    for (const [aggregate, expected] of [
      ['Sum', [['0', null, '30'], ['1', '0', '0'], ['1', '1', '10'], ['1', '2', '20']]],
      ['Median', [['0', null, '10.0'], ['1', '0', '0.0'], ['1', '1', '10.0'], ['1', '2', '20.0']]],
    ] as const) {
      const p = await pivots.page(cased.queryId, { rows: ['n'], columns: [], values: 'N', aggregate }, 0, 10);
      if (!p.ok) throw new Error(p.error.message);
      expect(pivotRows(p.value), aggregate).toEqual(expected);
      expect(p.value.columns.map((c) => c.name)).toEqual(['level', 'n', `${aggregate} of N`]);
      // "Open as SQL" reads the same columns in raw DuckDB
      const spec: PivotSpec = { rows: ['n'], columns: [], values: 'N', aggregate };
      const sql = pivotOpenAsSql(spec, CASED, { keys: [], distinct: 0 }, cased.end.type === 'QueryCompleted' ? cased.end.payload.columns : []);
      const own = (await raw().runAndReadAll(`SELECT COLUMNS(*)::VARCHAR FROM (${sql})`)).getRowsJS();
      expect(own, aggregate).toEqual(expected.map((r) => r.slice(1)));
    }
  });

  it('"Open as SQL" gives the same rows in raw DuckDB', async () => {
    const sorted = { ...spec, sort: { valueColumn: 3, descending: false } };
    const { first, rows } = await all(sorted);
    const sql = pivotOpenAsSql(sorted, SQL, { keys: first.keys.values, distinct: first.keys.distinct }, columns);
    const own = (await raw().runAndReadAll(`SELECT COLUMNS(*)::VARCHAR FROM (${sql})`)).getRowsJS();
    expect(own).toEqual(rows.map((r) => r.slice(1)));
  });

  it('sorts as "Open as SQL" does (one window per level over ROLLUP), three levels deep, NULL groups and empty cells included', async () => {
    const specs: PivotSpec[] = [
      { rows: [G, C, M], columns: [], values: V, aggregate: 'Average', sort: { valueColumn: 0, descending: true } },
      { rows: [C, G, M], columns: [], values: V, aggregate: 'Min', sort: { valueColumn: 0, descending: false } },
      { rows: [G, C], columns: [M], values: V, aggregate: 'Count', sort: { valueColumn: 7, descending: true } },
    ];
    for (const sorted of specs) {
      const { first, rows } = await all(sorted);
      const sql = pivotOpenAsSql(sorted, SQL, { keys: first.keys.values, distinct: first.keys.distinct }, columns);
      const own = (await raw().runAndReadAll(`SELECT COLUMNS(*)::VARCHAR FROM (${sql})`)).getRowsJS();
      expect(own).toEqual(rows.map((r) => r.slice(1)));
    }
  });

  it('refuses columns the result lacks and averages of text, with an error id', async () => {
    const missing = await pivots.page(queryId, { ...spec, rows: ['nope'] }, 0, 10);
    expect(missing.ok ? undefined : missing.error.code).toBe('INVALID_COMMAND');
    const text = await pivots.page(queryId, { ...spec, values: C }, 0, 10);
    expect(text.ok ? undefined : [text.error.code, text.error.message, typeof text.error.id]).toEqual(['INVALID_COMMAND', 'Average needs a number column; città 🌆 is VARCHAR.', 'string']);
  });
});

describe('Pivot settings', () => {
  it('survive a restart as the session recorded them', async () => {
    const dir = tempDir();
    try {
      let core = await startTestCore(dir.path);
      const sessionId = openSessions(core.projections.current.view)[0]!.id;
      const queryId = await startQuery(core, sessionId, 'select 1 as "a b", 2 as v');
      await queryEnd(core, sessionId, queryId);
      const spec: PivotSpec = { rows: ['a b'], columns: [], values: 'v', aggregate: 'Sum', sort: { valueColumn: 0, descending: true } };
      expect((await core.dispatch({ type: 'SetPivot', sessionId, queryId, spec })).ok).toBe(true);
      await core.close();
      core = await startTestCore(dir.path);
      try {
        expect(core.view().sessions[sessionId]?.history.find((h) => h.queryId === queryId)?.pivot).toEqual(spec);
        expect((await core.dispatch({ type: 'SetPivot', sessionId, queryId, spec: null })).ok).toBe(true);
        expect(core.view().sessions[sessionId]?.history.find((h) => h.queryId === queryId)?.pivot).toBeUndefined();
      } finally {
        await core.close();
      }
    } finally {
      dir.remove();
    }
  });
});
