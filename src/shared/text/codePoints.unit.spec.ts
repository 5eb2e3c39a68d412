import { describe, expect, it } from 'vitest';
import { shortened, utf16Offset } from './codePoints';

describe('a code point offset as a string index', () => {
  it('given text with emoji (two units each) and accents (one), then code points are counted through them', () => {
    const sql = "select '😀😀' as smile frm cars";
    expect(utf16Offset(sql, 21)).toBe(sql.indexOf('frm')); // DuckDB's position of "frm"
    expect(utf16Offset("select 'é' as x", 10)).toBe(10);
  });

  it('given ASCII, then the offset is itself; past the end, counted on', () => {
    expect(utf16Offset('select 1', 3)).toBe(3);
    expect(utf16Offset('ab', 5)).toBe(5);
    expect(utf16Offset('😀', 2)).toBe(3);
  });
});

describe('a label shortened to its length', () => {
  it('given an emoji across the cut, then it is left out whole, not halved into "�"', () => {
    const label = shortened(`${'a'.repeat(8)}🙂🙂 tail`, 10);
    expect(label).toBe(`${'a'.repeat(8)}…`);
    expect(label).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/); // no lone high half
    expect(shortened(`${'a'.repeat(7)}🙂🙂 tail`, 10)).toBe(`${'a'.repeat(7)}🙂…`);
  });

  it('given text within the length, then it is itself; longer, it ends in "…" within the length', () => {
    expect(shortened('select 1', 8)).toBe('select 1');
    expect(shortened('select 123', 8)).toBe('select…');
    expect(shortened('select 123', 8).length).toBeLessThanOrEqual(8);
  });
});
