import { describe, expect, it } from 'vitest';
import { utf16Offset } from './codePoints';

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
