import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chunkText, textInJs } from './chunkText.worker';

/** The fast path must write exactly what DuckDB's own VARCHAR cast writes, or the first page would differ from the rest. */
describe('chunkText matches DuckDB’s VARCHAR cast', () => {
  let instance: DuckDBInstance;
  let c: DuckDBConnection;
  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
    c = await instance.connect();
  });
  afterAll(() => {
    c.closeSync();
    instance.closeSync();
  });

  /** Renders `literals` (SQL expressions of `type`) both ways and compares. */
  async function same(type: string, literals: string[]): Promise<void> {
    const values = literals.map((l) => `((${l})::${type})`).join(', ');
    const typed = await c.stream(`select v from (values ${values}) t(v)`);
    const chunk = (await typed.fetchChunk())!;
    expect(textInJs(typed.columnTypes())).toBe(true);
    const text = await c.runAndReadAll(`select v::VARCHAR from (values ${values}) t(v)`);
    expect(chunkText(chunk, literals.length)).toEqual(text.getColumnsJS());
  }

  const big = (bits: number, signed: boolean) =>
    signed ? fc.bigInt(-(2n ** BigInt(bits - 1)), 2n ** BigInt(bits - 1) - 1n) : fc.bigInt(0n, 2n ** BigInt(bits) - 1n);
  const run = (arb: fc.Arbitrary<string[]>, type: string) => fc.assert(fc.asyncProperty(arb, (ls) => same(type, ls)), { numRuns: 25 });

  it.each([
    ['TINYINT', 8, true],
    ['SMALLINT', 16, true],
    ['INTEGER', 32, true],
    ['BIGINT', 64, true],
    ['HUGEINT', 128, true],
    ['UTINYINT', 8, false],
    ['USMALLINT', 16, false],
    ['UINTEGER', 32, false],
    ['UBIGINT', 64, false],
    ['UHUGEINT', 128, false],
  ] as const)('%s', (type, bits, signed) => run(fc.array(big(bits, signed).map(String), { minLength: 1, maxLength: 50 }), type));

  it('BOOLEAN and NULL', () => same('BOOLEAN', ['true', 'false', 'NULL']));

  it('VARCHAR, including empty, unicode and quotes', () =>
    run(fc.array(fc.string({ unit: 'grapheme', maxLength: 20 }).map((s) => `'${s.replaceAll("'", "''")}'`), { minLength: 1, maxLength: 30 }), 'VARCHAR'));

  it('DATE, BC dates and infinities', async () => {
    // Astronomical year 0 is 1 BC: around it, and around a 400-year cycle that lands on it.
    await same('DATE', ["'infinity'", "'-infinity'", "'0044-03-15 (BC)'", "'0001-12-31 (BC)'", "'0001-01-01 (BC)'", "'0002-12-31 (BC)'", "'0001-01-01'", "'9999-12-31'", "'1970-01-01'", "'5877641-06-25 (BC)'", "'5881580-07-10'"]);
    await same('DATE', Array.from({ length: 40 }, (_, i) => `(DATE '0001-12-31 (BC)' + ${(i - 20) * 17})`));
    await run(fc.array(fc.integer({ min: -2_000_000_000, max: 2_000_000_000 }).map((d) => `(DATE '1970-01-01' + ${d})`), { minLength: 1, maxLength: 40 }), 'DATE');
  });

  it('TIMESTAMP with and without fractions, and infinities', async () => {
    await same('TIMESTAMP', ["'infinity'", "'-infinity'", "'2024-01-01 00:00:00'", "'2024-01-01 12:34:56.5'", "'1901-12-13 20:45:52.000001'", "'0044-03-15 (BC) 12:00:00'", "'0001-12-31 (BC) 23:59:59.999999'", "'0001-01-01 (BC) 00:00:00'"]);
    await run(
      fc.array(fc.bigInt(-200_000_000_000_000_000n, 250_000_000_000_000_000n).map((us) => `make_timestamp(${us}::BIGINT)`), { minLength: 1, maxLength: 40 }),
      'TIMESTAMP',
    );
  });

  it.each(['DECIMAL(4,1)', 'DECIMAL(9,4)', 'DECIMAL(18,3)', 'DECIMAL(38,10)'])('%s, trailing zeros kept', async (type) => {
    const [, p, s] = /DECIMAL\((\d+),(\d+)\)/.exec(type)!.map(Number) as [number, number, number];
    const max = 10n ** BigInt(p) - 1n;
    const text = (n: bigint): string => {
      const digits = (n < 0n ? -n : n).toString().padStart(s + 1, '0');
      return `'${n < 0n ? '-' : ''}${digits.slice(0, digits.length - s)}.${digits.slice(digits.length - s)}'`;
    };
    await run(fc.array(fc.bigInt(-max, max).map(text), { minLength: 1, maxLength: 40 }), type);
  });

  it('UUID', () => run(fc.array(fc.uuid().map((u) => `'${u}'`), { minLength: 1, maxLength: 30 }), 'UUID'));

  it('DOUBLE: shortest round-trip digits, DuckDB’s notation, nan and infinities', async () => {
    await same('DOUBLE', ["'nan'", "'inf'", "'-inf'", '0', "'-0.0'", '1', '100000', '1e15', '1e16', '1e-4', '1e-5', '123456789012345678', '5e-324', '1.7976931348623157e308']);
    // Each side of the two edges of fixed notation, and numbers well inside it.
    await same('DOUBLE', ["'9999999999999998'", "'-9999999999999998'", "'9.999999999999999e15'", "'0.0001'", "'-0.0001'", "'0.00009999999999999999'", "'0.00010000000000000002'", "'123.456'", "'-42.5'", "'1e15'", "'0.1'"]);
    await run(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => `'${d}'`), { minLength: 1, maxLength: 50 }), 'DOUBLE');
    await run(fc.array(fc.integer({ min: -1e9, max: 1e9 }).map((n) => `${n} / 1000.0`), { minLength: 1, maxLength: 50 }), 'DOUBLE');
  });

  it('refuses types whose JS text differs from DuckDB’s', async () => {
    const r = await c.stream("select 1.5::FLOAT b, INTERVAL 1 DAY c, [1] d, {'a': 1} e, '\\x00'::BLOB f, TIMESTAMPTZ '2024-01-01' g, TIME '01:02:03' h");
    for (const t of r.columnTypes()) expect(textInJs([t]), t.toString()).toBe(false);
  });
});
