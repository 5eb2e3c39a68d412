import { beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../shared/contracts/errors';
import type { PageFilter } from '../../shared/contracts/pageView';
import type { ColumnProfile, ProfileAnswer } from '../../shared/explore/columnProfile';
import { openSessions } from '../../shared/views/appView';
import { queryEnd, startQuery } from '../../../test/support/coreEvents';
import { useRawTable } from '../../../test/support/useRawTable';
import { useTestCore } from '../../../test/support/useTestCore';

type Profiled = Omit<ProfileAnswer, 'requestId'>;

const HOSTILE = "it's'); drop table t; --";
/** The defect's 100 rows (col_0 = 0…99), with NULLs, a hostile text, dates and doubles to filter and profile. */
const SQL = `SELECT range AS col_0, CASE WHEN range % 7 = 0 THEN NULL ELSE range % 13 END AS col_1,
  CASE WHEN range % 5 = 0 THEN '${HOSTILE.replaceAll("'", "''")}' WHEN range % 9 = 0 THEN NULL ELSE 'w' || (range % 4) END AS note,
  DATE '2001-01-01' + range::INTEGER AS day, CASE WHEN range % 6 = 0 THEN NULL ELSE range * 0.5 END::DOUBLE AS x
FROM range(100)`;
const NAMES = ['col_0', 'col_1', 'note', 'day', 'x'];

const value = (r: Result<Profiled>): Profiled => {
  if (!r.ok) throw new Error(`profile failed: ${r.error.code} ${r.error.message}`);
  return r.value;
};

/** Filters as the grid sends them, and the same rows as a WHERE raw DuckDB reads. */
const FILTERS: Record<string, { filter: PageFilter[]; where: string }> = {
  'col_0 < 48 (the defect’s 48 of 100 rows)': { filter: [{ column: 0, op: 'lt', value: '48' }], where: 'col_0 < 48' },
  'note is not the hostile text and day <= 2001-03-01': {
    filter: [
      { column: 2, op: 'ne', value: HOSTILE },
      { column: 3, op: 'le', value: '2001-03-01' },
    ],
    where: `note <> '${HOSTILE.replaceAll("'", "''")}' AND day <= DATE '2001-03-01'`,
  },
  'x in a brush 10..<30 and col_1 not null': {
    filter: [
      { column: 4, op: 'range', lo: '10', hi: '30', chart: 0 },
      { column: 1, op: 'notNull' },
    ],
    where: 'x >= 10 AND x < 30 AND col_1 IS NOT NULL',
  },
};

describe('a filtered result’s profile describes the rows the grid shows (real core, raw DuckDB as the oracle)', () => {
  const started = useTestCore('all');
  const { raw } = useRawTable(`CREATE TABLE t AS ${SQL}`);
  let queryId: string;
  beforeAll(async () => {
    const core = started.core();
    const sessionId = openSessions(core.projections.current.view)[0]!.id;
    queryId = await startQuery(core, sessionId, SQL);
    expect((await queryEnd(core, sessionId, queryId)).type).toBe('QueryCompleted');
  });

  const profile = (filter: PageFilter[]) => started.core().profiles.profile({ kind: 'result', queryId, filter }, [0, 1, 2, 3, 4]);
  const rawRow = async (sql: string) => (await raw().runAndReadAll(sql)).getRowsJS()[0]!.map((v) => (v === null ? null : String(v)));

  /** Rows, nulls, distinct, min and max of every column, as raw DuckDB counts them over `where`. */
  async function expected(where: string) {
    const [rows] = await rawRow(`SELECT count(*) FROM t WHERE ${where}`);
    const columns = [];
    for (const name of NAMES) {
      const [nulls, distinct, min, max] = await rawRow(`SELECT count(*) - count(${name}), count(DISTINCT ${name}), min(${name})::VARCHAR, max(${name})::VARCHAR FROM t WHERE ${where}`);
      columns.push({ nulls: Number(nulls), distinct: Number(distinct), ...(name === 'note' ? {} : { min, max }) });
    }
    return { rows: Number(rows), columns };
  }
  const figures = (p: ColumnProfile) => ({ nulls: p.nulls, distinct: p.distinct, ...(p.kind === 'categorical' ? {} : { min: p.min, max: p.max }) });

  for (const [name, { filter, where }] of Object.entries(FILTERS)) {
    it(`filtered by ${name}: rows, nulls, distinct, min and max equal raw DuckDB over the filtered rows`, async () => {
      const want = await expected(where);
      const answer = value(await profile(filter));
      expect(answer.filtered).toEqual({ rows: want.rows, of: 100 });
      expect(answer.rows).toBe(want.rows);
      expect(answer.columns.map((c) => figures(c.profile))).toEqual(want.columns);
    });
  }

  it('the defect: col_0 under "< 48" is Distinct 48, Min 0, Max 47, not the whole result’s 100, 0, 99; unfiltered it is those', async () => {
    const col0 = (a: Profiled) => figures(a.columns[0]!.profile);
    expect(col0(value(await profile([{ column: 0, op: 'lt', value: '48' }])))).toEqual({ nulls: 0, distinct: 48, min: '0', max: '47' });
    const whole = value(await profile([]));
    expect(col0(whole)).toEqual({ nulls: 0, distinct: 100, min: '0', max: '99' });
    expect(whole.filtered).toBeUndefined();
  });

  it('the hostile text’s frequent-value count is the filtered one, and the filter’s text is data, not SQL', async () => {
    const answer = value(await profile([{ column: 0, op: 'ge', value: '50' }]));
    const note = answer.columns[2]!.profile;
    const [hostile] = await rawRow(`SELECT count(*) FROM t WHERE col_0 >= 50 AND note = '${HOSTILE.replaceAll("'", "''")}'`);
    expect(note.kind === 'categorical' ? note.top.find((t) => t.value === HOSTILE)?.count : undefined).toBe(Number(hostile));
    // a value that does not cast to the column's type matches nothing, as in the grid
    expect(value(await profile([{ column: 0, op: 'eq', value: HOSTILE }])).filtered).toEqual({ rows: 0, of: 100 });
  });

  it('each filter is profiled once and cached in main, as the unfiltered profile is; another filter is another profile', async () => {
    const core = started.core();
    const a: PageFilter[] = [{ column: 1, op: 'gt', value: '3' }];
    const before = core.profiles.batchesRun;
    const first = value(await profile(a));
    expect(core.profiles.batchesRun - before).toBe(1);
    expect(value(await profile(a))).toEqual(first);
    expect(core.profiles.batchesRun - before).toBe(1);
    await profile([{ column: 1, op: 'gt', value: '4' }]);
    expect(core.profiles.batchesRun - before).toBe(2);
    expect(value(await profile(a))).toEqual(first);
    expect(core.profiles.batchesRun - before).toBe(2);
  });

  it('refuses a filter on a column the result lacks, with an error id', async () => {
    const r = await profile([{ column: 9, op: 'isNull' }]);
    expect(r.ok ? undefined : [r.error.code, typeof r.error.id]).toEqual(['INVALID_COMMAND', 'string']);
  });
});
