import { beforeAll, describe, expect, it } from 'vitest';
import { useTestSession } from '../../../test/support/useTestSession';

/**
 * Every value reaches the client as DuckDB's own text, through the result table and fetchPage:
 * nothing passes through a JS number or Date on the way, so nothing is rounded or shifted.
 */
describe('exact values through fetchPage', () => {
  const { core, run } = useTestSession('all');
  beforeAll(async () => {
    await core().queryWorker.request({ type: 'exec', sql: "SET TimeZone = 'UTC'" });
  });

  /** Runs `select <expr> as v` and returns the cell and the column's DuckDB type. */
  async function cell(expr: string): Promise<{ value: string | null; type: string }> {
    const { queryId, end } = await run(`select ${expr} as v`);
    if (end.type !== 'QueryCompleted') throw new Error(`query ended with ${end.type}: ${JSON.stringify(end.payload)}`);
    const page = await core().runner.fetchPage(queryId, 0, 10);
    if (!page.ok) throw new Error(page.error.message);
    expect(page.value.totalRows).toBe(1);
    return { value: page.value.values[0]![0]!, type: page.value.columns[0]!.type };
  }

  it.each([
    ['BIGINT beyond 2^53', '9007199254740993::BIGINT', '9007199254740993', 'BIGINT'],
    ['BIGINT max', '9223372036854775807::BIGINT', '9223372036854775807', 'BIGINT'],
    ['HUGEINT max', '170141183460469231731687303715884105727::HUGEINT', '170141183460469231731687303715884105727', 'HUGEINT'],
    ['UBIGINT max', '18446744073709551615::UBIGINT', '18446744073709551615', 'UBIGINT'],
    ['DECIMAL(38,10)', '1234567890123456789012345678.0123456789::DECIMAL(38,10)', '1234567890123456789012345678.0123456789', 'DECIMAL(38,10)'],
    ['DECIMAL keeps trailing zeros', '0.10::DECIMAL(5,2)', '0.10', 'DECIMAL(5,2)'],
    ['DATE before 1970 and far ahead', "DATE '1601-01-01'", '1601-01-01', 'DATE'],
    ['TIMESTAMP with microseconds', "TIMESTAMP '2262-04-11 23:47:16.854775'", '2262-04-11 23:47:16.854775', 'TIMESTAMP'],
    ['TIMESTAMP_NS keeps nanoseconds', "'2024-05-06 07:08:09.123456789'::TIMESTAMP_NS", '2024-05-06 07:08:09.123456789', 'TIMESTAMP_NS'],
    ['TIMESTAMPTZ in the session time zone', "TIMESTAMPTZ '2024-01-01 12:34:56.5+02'", '2024-01-01 10:34:56.5+00', 'TIMESTAMP WITH TIME ZONE'],
    ['INTERVAL', "INTERVAL '1 year 2 months 3 days 04:05:06.789'", '1 year 2 months 3 days 04:05:06.789', 'INTERVAL'],
    ['UUID', "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::UUID", 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'UUID'],
    ['BLOB with non-text bytes', "'\\xAA\\x00ab'::BLOB", '\\xAA\\x00ab', 'BLOB'],
    ['LIST with a NULL', '[1, NULL, 3]', '[1, NULL, 3]', 'INTEGER[]'],
    ['STRUCT', "{'a': 1, 'b': 'x y'}", "{'a': 1, 'b': x y}", 'STRUCT("a" INTEGER, "b" VARCHAR)'],
    ['MAP', "MAP {'k1': 10, 'k2': 20}", '{k1=10, k2=20}', 'MAP(VARCHAR, INTEGER)'],
    ['nested LIST of STRUCT', "[{'n': 9007199254740993::BIGINT}]", '[{\'n\': 9007199254740993}]', 'STRUCT("n" BIGINT)[]'],
    ['NaN', "'nan'::DOUBLE", 'nan', 'DOUBLE'],
    ['+Infinity', "'inf'::DOUBLE", 'inf', 'DOUBLE'],
    ['-Infinity', "'-inf'::FLOAT", '-inf', 'FLOAT'],
    ['DOUBLE as its shortest round-trip text', '0.1::DOUBLE + 0.2::DOUBLE', '0.30000000000000004', 'DOUBLE'],
  ])('%s', async (_label, expr, text, type) => {
    expect(await cell(expr)).toEqual({ value: text, type });
  });

  it('tells SQL NULL from the empty string', async () => {
    const { queryId } = await run("select * from (values (NULL::VARCHAR), (''), ('NULL')) t(v)");
    const page = await core().runner.fetchPage(queryId, 0, 10);
    expect(page.ok && page.value.values).toEqual([[null, '', 'NULL']]);
  });

  it('keeps a result whose column names repeat', async () => {
    const { queryId } = await run('select 1 as a, 2 as a');
    const page = await core().runner.fetchPage(queryId, 0, 10);
    expect(page.ok && page.value.columns.map((c) => c.name)).toEqual(['a', 'a']);
    expect(page.ok && page.value.values).toEqual([['1'], ['2']]);
  });
});
