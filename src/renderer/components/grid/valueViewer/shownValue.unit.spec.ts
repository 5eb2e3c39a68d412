import { describe, expect, it } from 'vitest';
import { codePoints, firstChars, FORMAT_CHARS, isNestedType, shownNote, shownValue } from './shownValue';

describe('what the value viewer shows', () => {
  it('given SQL NULL, then NULL, said to be no value (the text “NULL” is a four-character value)', () => {
    expect(shownNote(shownValue(null, 'VARCHAR'))).toBe('SQL NULL: no value');
    expect(shownValue(null, 'VARCHAR').form).toBe('null');
    expect(shownValue('NULL', 'VARCHAR')).toMatchObject({ form: 'text', text: 'NULL' });
    expect(shownNote(shownValue('NULL', 'VARCHAR'))).toBe('4\u00a0characters');
    expect(shownNote(shownValue('', 'VARCHAR'))).toBe('Empty text');
  });

  it('given a STRUCT, LIST, ARRAY or MAP, then its DuckDB text is laid out; other types are not', () => {
    for (const t of ['STRUCT("a" INTEGER)', 'INTEGER[]', 'INTEGER[3]', 'MAP(VARCHAR, INTEGER)', 'STRUCT("n" BIGINT)[]', 'UNION("n" INTEGER)']) expect(isNestedType(t), t).toBe(true);
    for (const t of ['VARCHAR', 'BIGINT', 'BLOB', 'DECIMAL(18,3)']) expect(isNestedType(t), t).toBe(false);
    const long = `{'a': ${'a'.repeat(80)}}`;
    expect(shownValue(long, 'STRUCT("a" VARCHAR)')).toMatchObject({ form: 'nested', formatted: true, text: `{\n  'a': ${'a'.repeat(80)}\n}` });
    expect(shownNote(shownValue(long, 'STRUCT("a" VARCHAR)'))).toBe('87\u00a0characters · formatted');
  });

  it('given a value its layout leaves as it is, then it is not said to be formatted', () => {
    expect(shownValue('[1, 2, 3]', 'INTEGER[]')).toMatchObject({ form: 'nested', formatted: false, text: '[1, 2, 3]' });
    expect(shownNote(shownValue('[1, 2, 3]', 'INTEGER[]'))).toBe('9\u00a0characters');
    expect(shownValue('{"a": 1}', 'VARCHAR')).toMatchObject({ form: 'json', formatted: false, text: '{"a": 1}' });
    expect(shownNote(shownValue('{"a": 1}', 'VARCHAR'))).toBe('8\u00a0characters · JSON');
  });

  it('given text that is a JSON object or array, then it is laid out as JSON; a JSON scalar or bracketed prose is left alone', () => {
    expect(shownValue('{"a":[1,2]}', 'VARCHAR')).toMatchObject({ form: 'json', formatted: true, text: '{"a": [1, 2]}' });
    expect(shownNote(shownValue('{"a":[1,2]}', 'VARCHAR'))).toBe('11\u00a0characters · JSON, formatted');
    expect(shownValue('"just a string"', 'VARCHAR')).toMatchObject({ form: 'text', formatted: false });
    expect(shownValue('[draft] see {x}', 'VARCHAR')).toMatchObject({ form: 'text', text: '[draft] see {x}' });
    expect(shownValue('{"a": 1,}', 'VARCHAR')).toMatchObject({ form: 'text', text: '{"a": 1,}' });
  });

  it('given a value longer than the limit, then the first characters are drawn and the note says how many of how many', () => {
    const v = shownValue('é'.repeat(250), 'VARCHAR', 100);
    expect(v.text).toBe('é'.repeat(100));
    expect(v.cut).toEqual({ shown: 100, of: 250 });
    expect(shownNote(v)).toBe('250\u00a0characters · showing the first 100 of 250 characters');
    expect(shownValue('short', 'VARCHAR', 100).cut).toBeUndefined();
  });

  it('given a laid-out value longer than the limit, then the cut counts the laid-out text', () => {
    const json = `[${Array.from({ length: 40 }, (_, i) => `"${String(i).padStart(3, '0')}"`).join(',')}]`;
    const v = shownValue(json, 'VARCHAR', 50);
    expect(v.formatted).toBe(true);
    expect(v.text).toBe('[\n  "000",\n  "001",\n  "002",\n  "003",\n  "004",\n  "005",\n  "0'.slice(0, 50));
    expect(shownNote(v)).toMatch(/^241\u00a0characters · JSON, formatted · showing the first 50 of \d+ formatted characters$/);
  });

  it('given a value too long to lay out, then it is drawn as it is', () => {
    const huge = `[${'1,'.repeat(FORMAT_CHARS / 2)}1]`;
    expect(shownValue(huge, 'INTEGER[]')).toMatchObject({ form: 'text', formatted: false });
  });

  it('given a BLOB, then its bytes are counted, each \\xAA escape one byte', () => {
    const blob = shownValue('\\xAA\\x00ab\\x5Cc', 'BLOB');
    expect(blob).toMatchObject({ form: 'blob', bytes: 6, text: '\\xAA\\x00ab\\x5Cc' });
    expect(shownNote(blob)).toBe('6\u00a0bytes');
  });

  it('given emoji, then a character is a code point and a cut never splits one', () => {
    expect(codePoints('😀ab')).toBe(3);
    expect(firstChars('😀😀😀', 2)).toBe('😀😀');
    expect(firstChars('ab', 5)).toBe('ab');
  });
});
