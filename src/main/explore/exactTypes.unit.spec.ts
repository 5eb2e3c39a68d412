import { describe, expect, it } from 'vitest';
import { parseType, TypeTextError, typeWithLeavesAsText } from './exactTypes';

/** The export's rule for JSON, near enough: 128-bit and unbounded integers, long DECIMALs. */
const HUGE = /^(HUGEINT|UHUGEINT|BIGNUM|VARINT)$/i;
const huge = (leaf: string) => HUGE.test(leaf);
const exact = (type: string) => typeWithLeavesAsText(type, huge);

describe('rewriting a DuckDB type so huge integers at any depth become VARCHAR', () => {
  it('replaces a top-level one, as before', () => {
    expect(exact('HUGEINT')).toBe('VARCHAR');
    expect(exact('UHUGEINT')).toBe('VARCHAR');
    expect(exact('BIGNUM')).toBe('VARCHAR');
    expect(exact('VARINT')).toBe('VARCHAR');
  });

  it('replaces them inside STRUCT, LIST, ARRAY, MAP and UNION, keeping everything else', () => {
    expect(exact('STRUCT("a" HUGEINT, "b" HUGEINT[], "n" BIGINT, "u" UBIGINT)')).toBe('STRUCT("a" VARCHAR, "b" VARCHAR[], "n" BIGINT, "u" UBIGINT)');
    expect(exact('MAP(VARCHAR, UHUGEINT)')).toBe('MAP(VARCHAR, VARCHAR)');
    expect(exact('MAP(HUGEINT[], STRUCT("z" UHUGEINT))')).toBe('MAP(VARCHAR[], STRUCT("z" VARCHAR))');
    expect(exact('HUGEINT[3]')).toBe('VARCHAR[3]');
    expect(exact('HUGEINT[]')).toBe('VARCHAR[]');
    expect(exact('UNION("h" HUGEINT, "s" VARCHAR)')).toBe('UNION("h" VARCHAR, "s" VARCHAR)');
    expect(exact('STRUCT("x" BIGNUM, "d" DECIMAL(38,10))')).toBe('STRUCT("x" VARCHAR, "d" DECIMAL(38,10))');
  });

  it('keeps list and array suffixes in order, innermost first, and nesting of any depth', () => {
    expect(exact('HUGEINT[2][]')).toBe('VARCHAR[2][]');
    expect(exact('HUGEINT[][1]')).toBe('VARCHAR[][1]');
    expect(exact('STRUCT("s" STRUCT("l" MAP(VARCHAR, UNION("h" UHUGEINT, "i" INTEGER)[])[])[4])')).toBe(
      'STRUCT("s" STRUCT("l" MAP(VARCHAR, UNION("h" VARCHAR, "i" INTEGER)[])[])[4])',
    );
  });

  it('quotes field names whatever they hold: a type name, a comma, a quote, a space, an emoji, a bracket', () => {
    const hostile = 'STRUCT("HUGEINT" HUGEINT, "a,b" HUGEINT, "q""q" HUGEINT, "sp ace 🦆" HUGEINT, "x) y(" INTEGER, "[]" BIGINT)';
    expect(exact(hostile)).toBe('STRUCT("HUGEINT" VARCHAR, "a,b" VARCHAR, "q""q" VARCHAR, "sp ace 🦆" VARCHAR, "x) y(" INTEGER, "[]" BIGINT)');
    // a field named like a huge type is a name, not a type
    expect(exact('STRUCT("HUGEINT" INTEGER, "UHUGEINT" INTEGER[])')).toBeUndefined();
    // a name that ends a quote and carries SQL stays inside its quotes
    expect(exact('STRUCT("a"" VARCHAR); DROP TABLE t; --" HUGEINT)')).toBe('STRUCT("a"" VARCHAR); DROP TABLE t; --" VARCHAR)');
  });

  it("reads DuckDB's own spelling too: bare field names, even a type name as one, and a quoted type", () => {
    expect(exact('STRUCT(HUGEINT HUGEINT, "a,b" HUGEINT, b INTEGER)')).toBe('STRUCT("HUGEINT" VARCHAR, "a,b" VARCHAR, "b" INTEGER)');
    expect(exact('STRUCT(a "NULL", b hugeint)')).toBe('STRUCT("a" "NULL", "b" VARCHAR)');
    expect(exact('STRUCT(é HUGEINT)')).toBe('STRUCT("é" VARCHAR)');
  });

  it('keeps DECIMAL, ENUM strings, GEOMETRY and multi-word types beside a replaced one', () => {
    expect(exact(`STRUCT("d" DECIMAL(18,3), "e" ENUM('a', 'b''c', 'HUGEINT'), "g" GEOMETRY('OGC:CRS84'), "t" TIMESTAMP WITH TIME ZONE, "h" HUGEINT)`)).toBe(
      `STRUCT("d" DECIMAL(18,3), "e" ENUM('a','b''c','HUGEINT'), "g" GEOMETRY('OGC:CRS84'), "t" TIMESTAMP WITH TIME ZONE, "h" VARCHAR)`,
    );
  });

  it('hands the caller each leaf as its plain name, so DECIMAL(p,s) can be judged by its precision', () => {
    const seen: string[] = [];
    typeWithLeavesAsText(`STRUCT("d" DECIMAL(38,10), "q" "HUGEINT", "t" TIME WITH TIME ZONE, "e" ENUM('x'))[]`, (leaf) => (seen.push(leaf), false));
    expect(seen).toEqual(['DECIMAL(38,10)', 'HUGEINT', 'TIME WITH TIME ZONE', "ENUM('x')"]);
    expect(typeWithLeavesAsText('STRUCT(d DECIMAL(38,10), e DECIMAL(5,2))', (leaf) => leaf === 'DECIMAL(38,10)')).toBe('STRUCT("d" VARCHAR, "e" DECIMAL(5,2))');
  });

  it('leaves a type without any huge integer alone, so no cast is added', () => {
    for (const type of [
      'INTEGER',
      'BIGINT',
      'UBIGINT',
      'DECIMAL(38,10)',
      'TIMESTAMP WITH TIME ZONE',
      'INTEGER[]',
      'BIGINT[3]',
      'STRUCT("a" INTEGER, "b" VARCHAR)',
      'MAP(VARCHAR, UBIGINT[])',
      'UNION("n" BIGINT, "s" VARCHAR)',
      `ENUM('HUGEINT', 'UHUGEINT')`,
      'STRUCT("HUGEINT" BIGINT)',
    ])
      expect(exact(type), type).toBeUndefined();
  });

  it('refuses text it cannot read rather than guessing', () => {
    for (const bad of ['', 'STRUCT(', 'STRUCT("a HUGEINT)', 'MAP(VARCHAR)', 'HUGEINT[', 'HUGEINT)', 'STRUCT(a)', "ENUM('a)", 'DECIMAL(38,10']) {
      expect(() => exact(bad), bad).toThrow(TypeTextError);
    }
  });

  it('never writes a bare word that could carry SQL, even from odd type text', () => {
    expect(() => exact('STRUCT("a" HUGEINT, "b" INTEGER--)')).toThrow(TypeTextError);
    expect(() => exact('STRUCT("a" HUGEINT, "b" DECIMAL(1;2))')).toThrow(TypeTextError);
    // an unchanged type is never written, so it is only read
    expect(parseType('INTEGER--')).toEqual({ kind: 'leaf', name: [{ kind: 'word', text: 'INTEGER--' }], args: undefined });
  });
});
