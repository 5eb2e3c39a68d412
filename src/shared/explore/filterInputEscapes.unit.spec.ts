import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PageFilter } from '../contracts/protocol';
import { filterRefusal, formatFilterInput, parseFilterInput } from './filterInput';

const ok = (filters: PageFilter[]) => ({ ok: true, filters });
/** What an <input> keeps of a text set as its value: line breaks are dropped (HTML's value sanitization). */
const inputKeeps = (text: string) => text.replace(/[\r\n]/g, '');

describe('a text value shown in a filter box and read back from it', () => {
  it.each([
    ['a newline and a tab', 'line1\nline2\ttabbed', '=line1\\nline2\ttabbed'],
    ['a carriage return', 'a\r\nb', '=a\\r\\nb'],
    ['a backslash before n', 'C:\\new', '=C:\\\\new'],
    ['a backslash before nothing special', 'C:\\temp\\', '=C:\\temp\\'],
    ['a backslash before a newline', 'x\\\ny', '=x\\\\\\ny'],
    ['two backslashes', 'a\\\\b', '=a\\\\\\b'],
    ['quotes', `it's "quoted"`, `=it's "quoted"`],
    ['a leading =', '=x', '==x'],
    ['a leading >', '>5', '=>5'],
    ['.. inside text', 'a..b', '=a..b'],
    ['a leading space', ' x', '= x'],
  ])('given a value with %s set by a click, when the box shows it and is read back, then the filter is the same', (_, value, shown) => {
    const filters: PageFilter[] = [{ column: 3, op: 'eq', value }];
    const text = formatFilterInput(filters, 'VARCHAR')!;
    expect(text).toBe(shown);
    // what the box holds is what it shows: nothing an <input> drops
    expect(inputKeeps(text)).toBe(text);
    expect(parseFilterInput(text, 3, 'VARCHAR')).toEqual(ok(filters));
  });

  it.each([
    ['a newline', 'line1\nline2'],
    ['a leading newline', '\nx'],
    ['only a newline', '\n'],
    ['null and a newline', 'null\n'],
    ['a backslash and n', '\\n'],
    ['a leading ~', '~x'],
  ])('given contains of %s, when shown and read back, then it is the same filter', (_, value) => {
    const filters: PageFilter[] = [{ column: 3, op: 'contains', value }];
    const text = formatFilterInput(filters, 'VARCHAR')!;
    expect(inputKeeps(text)).toBe(text);
    expect(parseFilterInput(text, 3, 'VARCHAR')).toEqual(ok(filters));
  });

  it('given \\n typed in a box, when read, then it is a line feed; \\\\n is a backslash and n', () => {
    expect(parseFilterInput('=line1\\nline2', 3, 'VARCHAR')).toEqual(ok([{ column: 3, op: 'eq', value: 'line1\nline2' }]));
    expect(parseFilterInput('=a\\\\nb', 3, 'VARCHAR')).toEqual(ok([{ column: 3, op: 'eq', value: 'a\\nb' }]));
    expect(parseFilterInput('~\\r', 3, 'VARCHAR')).toEqual(ok([{ column: 3, op: 'contains', value: '\r' }]));
  });

  it('given any text value, when the box shows it through an <input>, then it reads back as the same filter', () => {
    const value = fc.string({ unit: fc.constantFrom('a', '\\', 'n', 'r', '\n', '\r', '\t', '=', '~', ' ', '"', "'", '>', '.'), maxLength: 30 });
    fc.assert(
      fc.property(fc.constantFrom('eq', 'ne', 'contains'), value, (op, v) => {
        fc.pre(op !== 'contains' || v.length > 0);
        const filters = [{ column: 3, op, value: v }] as PageFilter[];
        const text = formatFilterInput(filters, 'VARCHAR')!;
        expect(parseFilterInput(inputKeeps(text), 3, 'VARCHAR')).toEqual(ok(filters));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('NaN and infinities on a float column', () => {
  it.each([
    ['nan', [{ op: 'eq', value: 'nan' }]],
    ['NaN', [{ op: 'eq', value: 'NaN' }]],
    ['inf', [{ op: 'eq', value: 'inf' }]],
    ['-inf', [{ op: 'eq', value: '-inf' }]],
    ['!=nan', [{ op: 'ne', value: 'nan' }]],
    ['>= -Infinity', [{ op: 'ge', value: '-Infinity' }]],
    ['-inf..0', [{ op: 'ge', value: '-inf' }, { op: 'le', value: '0' }]],
    ['0..<inf', [{ op: 'range', lo: '0', hi: 'inf' }]],
    ['inf..nan', [{ op: 'ge', value: 'inf' }, { op: 'le', value: 'nan' }]],
  ] as const)('given %j typed on a DOUBLE column, when read, then it is the filter DuckDB casts it to', (text, filters) => {
    for (const type of ['DOUBLE', 'FLOAT']) expect(parseFilterInput(text, 3, type)).toEqual(ok(filters.map((f) => ({ column: 3, ...f }) as PageFilter)));
  });

  it('given nan or inf shown in a box, when read back, then it is the same filter', () => {
    for (const value of ['nan', 'inf', '-inf']) {
      const filters: PageFilter[] = [{ column: 3, op: 'eq', value }];
      expect(parseFilterInput(formatFilterInput(filters, 'DOUBLE')!, 3, 'DOUBLE')).toEqual(ok(filters));
    }
  });

  it.each([
    ['nan', 'BIGINT', /not a whole number/],
    ['inf', 'DECIMAL(9,2)', /not a number/],
    ['nanx', 'DOUBLE', /not a number/],
    ['infinite', 'DOUBLE', /not a number/],
    ['nan..0', 'DOUBLE', /range is empty/],
    ['inf..<inf', 'DOUBLE', /range is empty/],
    // a half-open range reads its ends as DOUBLEs, but nan and inf are no ends of an integer range
    ['0..<inf', 'INTEGER', /“inf” is not a number/],
    ['0..<nan', 'BIGINT', /“nan” is not a number/],
    ['-inf..<0', 'DECIMAL(9,2)', /“-inf” is not a number/],
  ])('given %j on %s, when read, then it is refused', (text, type, why) => {
    const r = parseFilterInput(text, 3, type);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(why);
  });
});

describe('filters main would refuse', () => {
  it('given a value over 1,000 characters, then it says so in the words of a box; 1,000 are fine', () => {
    expect(filterRefusal([{ column: 0, op: 'eq', value: 'x'.repeat(100_000) }])).toBe('Too long: at most 1,000 characters');
    expect(filterRefusal([{ column: 0, op: 'eq', value: 'x'.repeat(1_000) }])).toBeUndefined();
    expect(filterRefusal([{ column: 0, op: 'isNull' }])).toBeUndefined();
  });
});
