import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PageFilter } from '../contracts/protocol';
import { filterCount, formatFilterInput, parseFilterInput } from './filterInput';

const ok = (filters: PageFilter[]) => ({ ok: true, filters });
const parse = (text: string, type: string) => parseFilterInput(text, 3, type);
const message = (text: string, type: string): string => {
  const r = parse(text, type);
  if (r.ok) throw new Error(`expected ${JSON.stringify(text)} to be refused for ${type}`);
  return r.message;
};

describe('a filter box on a text column', () => {
  it('searches for what is typed, ignoring case (DuckDB does the case), or matches the whole value after =', () => {
    expect(parse('berlin', 'VARCHAR')).toEqual(ok([{ column: 3, op: 'contains', value: 'berlin' }]));
    expect(parse('=Berlin', 'VARCHAR')).toEqual(ok([{ column: 3, op: 'eq', value: 'Berlin' }]));
    expect(parse('!=Berlin', 'VARCHAR')).toEqual(ok([{ column: 3, op: 'ne', value: 'Berlin' }]));
    expect(parse('=', 'VARCHAR')).toEqual(ok([{ column: 3, op: 'eq', value: '' }]));
  });

  it('reads null and not null for any column, and an empty box as no filter', () => {
    for (const type of ['VARCHAR', 'BIGINT', 'DATE', 'BOOLEAN', 'INTEGER[]']) {
      expect(parse(' NULL ', type)).toEqual(ok([{ column: 3, op: 'isNull' }]));
      expect(parse('not   null', type)).toEqual(ok([{ column: 3, op: 'notNull' }]));
      expect(parse('   ', type)).toEqual(ok([]));
    }
  });

  it('searches for text that looks like syntax when it starts with ~', () => {
    expect(parse('~null', 'VARCHAR')).toEqual(ok([{ column: 3, op: 'contains', value: 'null' }]));
    expect(parse('~=x', 'VARCHAR')).toEqual(ok([{ column: 3, op: 'contains', value: '=x' }]));
    expect(message('~', 'VARCHAR')).toMatch(/search for/);
  });

  it.each([
    ['a quote', "O'Brien"],
    ['an injection attempt', "'); drop table t; --"],
    ['backslashes', 'C:\\temp\\'],
    ['NUL', 'a\u0000b'],
    ['emoji', '🦆 duck'],
    ['a double quote', '"quoted"'],
  ])('takes %s as a plain value', (_, value) => {
    expect(parse(value, 'VARCHAR')).toEqual(ok([{ column: 3, op: 'contains', value }]));
    expect(parse(`=${value}`, 'VARCHAR')).toEqual(ok([{ column: 3, op: 'eq', value }]));
  });

  it('takes 1,000 characters and explains the protocol’s limit beyond', () => {
    const long = "x'".repeat(500);
    expect(parse(long, 'VARCHAR')).toEqual(ok([{ column: 3, op: 'contains', value: long }]));
    const tooLong = '🦆'.repeat(5_000);
    const m = message(tooLong, 'VARCHAR');
    expect(m).toBe('Too long: at most 1,000 characters');
  });
});

describe('a filter box on a number, date or timestamp column', () => {
  it.each([
    ['>5', 'BIGINT', [{ op: 'gt', value: '5' }]],
    ['>= 5', 'BIGINT', [{ op: 'ge', value: '5' }]],
    ['<-5', 'INTEGER', [{ op: 'lt', value: '-5' }]],
    ['<=0', 'INTEGER', [{ op: 'le', value: '0' }]],
    ['=7', 'TINYINT', [{ op: 'eq', value: '7' }]],
    ['7', 'TINYINT', [{ op: 'eq', value: '7' }]],
    ['<>7', 'TINYINT', [{ op: 'ne', value: '7' }]],
    ['-5..-1', 'SMALLINT', [{ op: 'ge', value: '-5' }, { op: 'le', value: '-1' }]],
    ['1.5 .. 2', 'DOUBLE', [{ op: 'ge', value: '1.5' }, { op: 'le', value: '2' }]],
    ['>1e-3', 'FLOAT', [{ op: 'gt', value: '1e-3' }]],
    ['>9007199254740993', 'BIGINT', [{ op: 'gt', value: '9007199254740993' }]],
    ['=18446744073709551615', 'UBIGINT', [{ op: 'eq', value: '18446744073709551615' }]],
    ['>=1234567890123456789012345678.0123456789', 'DECIMAL(38,10)', [{ op: 'ge', value: '1234567890123456789012345678.0123456789' }]],
    ['.5..1.25', 'DECIMAL(5,2)', [{ op: 'ge', value: '.5' }, { op: 'le', value: '1.25' }]],
    ['2024-01-01..2024-12-31', 'DATE', [{ op: 'ge', value: '2024-01-01' }, { op: 'le', value: '2024-12-31' }]],
    ['>2024-02-29', 'DATE', [{ op: 'gt', value: '2024-02-29' }]],
    ['<2024-05-06 07:08:09.123456789', 'TIMESTAMP_NS', [{ op: 'lt', value: '2024-05-06 07:08:09.123456789' }]],
    ['>=2024-05-06T07:08', 'TIMESTAMP', [{ op: 'ge', value: '2024-05-06T07:08' }]],
    ['>2024-01-01', 'TIMESTAMP', [{ op: 'gt', value: '2024-01-01' }]],
    ['<2024-01-01 12:00:00+02:00', 'TIMESTAMP WITH TIME ZONE', [{ op: 'lt', value: '2024-01-01 12:00:00+02:00' }]],
    ['09:00..17:30:00', 'TIME', [{ op: 'ge', value: '09:00' }, { op: 'le', value: '17:30:00' }]],
    ['true', 'BOOLEAN', [{ op: 'eq', value: 'true' }]],
    ['9..<10', 'DOUBLE', [{ op: 'range', lo: '9', hi: '10' }]],
    ['-5 ..< -1', 'SMALLINT', [{ op: 'range', lo: '-5', hi: '-1' }]],
    // a range compares numbers as DOUBLE, so its ends are DOUBLEs even on an integer column
    ['1.5..<1e3', 'INTEGER', [{ op: 'range', lo: '1.5', hi: '1e3' }]],
    ['2001-03-01..<2001-04-01', 'TIMESTAMP', [{ op: 'range', lo: '2001-03-01', hi: '2001-04-01' }]],
    ['!=FALSE', 'BOOLEAN', [{ op: 'ne', value: 'FALSE' }]],
    // the ends DuckDB's dates and timestamps have, as the grid shows them
    ['infinity', 'DATE', [{ op: 'eq', value: 'infinity' }]],
    ['!=-infinity', 'TIMESTAMP WITH TIME ZONE', [{ op: 'ne', value: '-infinity' }]],
    ['<infinity', 'TIMESTAMP', [{ op: 'lt', value: 'infinity' }]],
    // a DECIMAL figure as the app prints it (chart data, profile): scientific notation
    ['=1e-10', 'DECIMAL(38,10)', [{ op: 'eq', value: '1e-10' }]],
    ['>-2.92e+27', 'DECIMAL(38,10)', [{ op: 'gt', value: '-2.92e+27' }]],
    ['1.50E1', 'DECIMAL(3,0)', [{ op: 'eq', value: '1.50E1' }]],
  ])('reads %j on %s', (text, type, filters) => {
    expect(parse(text, type)).toEqual(ok(filters.map((f) => ({ column: 3, ...f }) as PageFilter)));
  });

  it.each([
    ['abc', 'BIGINT', /not a whole number/],
    ['1.5', 'INTEGER', /not a whole number/],
    ['9223372036854775808', 'BIGINT', /outside BIGINT \(-9223372036854775808 to 9223372036854775807\)/],
    ['-1', 'UBIGINT', /outside UBIGINT/],
    ['>128', 'TINYINT', /outside TINYINT/],
    ['1.234', 'DECIMAL(5,2)', /more decimals than DECIMAL\(5,2\) holds \(2\)/],
    ['1234', 'DECIMAL(5,2)', /more digits before the point/],
    ['1e-11', 'DECIMAL(38,10)', /more decimals than DECIMAL\(38,10\) holds \(10\)/],
    ['1e30', 'DECIMAL(38,10)', /more digits before the point/],
    ['e5', 'DECIMAL(5,2)', /not a number/],
    ['infinity', 'DECIMAL(5,2)', /not a number/],
    ['infinite', 'DATE', /not a date/],
    ['.', 'DECIMAL(5,2)', /not a number/],
    ['1e400', 'DOUBLE', /beyond the range of DOUBLE/],
    ['2023-02-29', 'DATE', /^“2023-02-29” is not a date: February 2023 has 28 days$/],
    ['2024-13-01', 'DATE', /^“2024-13-01” is not a date: there is no month 13$/],
    ['2024-1-01', 'DATE', /^“2024-1-01” is not a date \(YYYY-MM-DD\)$/],
    ['2001-02-29 10:00', 'TIMESTAMP', /^“2001-02-29” is not a date: February 2001 has 28 days$/],
    ['2024-04-31 10:00:00+02:00', 'TIMESTAMP WITH TIME ZONE', /April 2024 has 30 days/],
    ['2024-01-01 24:00', 'TIMESTAMP', /not a timestamp/],
    ['2024-01-01 12:00+02', 'TIMESTAMP', /not a timestamp/],
    // DuckDB casts these to NULL, so the filter would match no row: an offset needs the seconds, T and Z are capitals
    ['2024-01-01 12:00+02', 'TIMESTAMP WITH TIME ZONE', /not a timestamp/],
    ['>=2024-01-01T12:00Z', 'TIMESTAMP WITH TIME ZONE', /not a timestamp/],
    ['2024-01-01 12:00:00z', 'TIMESTAMP WITH TIME ZONE', /not a timestamp/],
    ['2024-01-01t12:00', 'TIMESTAMP', /not a timestamp/],
    ['25:00', 'TIME', /not a time/],
    ['5..', 'BIGINT', /both ends/],
    ['5..<', 'BIGINT', /both ends/],
    ['5..<5', 'BIGINT', /range is empty: it starts and stops at “5”/],
    ['10..<1', 'DOUBLE', /range is empty/],
    ['1..<x', 'DOUBLE', /not a number/],
    ['2024-01-01..<2024-13-01', 'DATE', /not a date/],
    ['10..1', 'BIGINT', /range is empty/],
    ['1.10..1.05', 'DECIMAL(5,2)', /range is empty/],
    ['2024-12-31..2024-01-01', 'DATE', /range is empty/],
    ['>', 'DOUBLE', /value after >/],
    ['>true', 'BOOLEAN', /true, false/],
    ['yes', 'BOOLEAN', /not true or false/],
    ["'); drop table t; --", 'BIGINT', /not a whole number/],
  ])('refuses %j on %s and says why', (text, type, why) => {
    expect(message(text, type)).toMatch(why);
  });

  it('quotes at most 40 characters of a bad value in its message', () => {
    const m = message('x'.repeat(10_000), 'BIGINT');
    expect(m.length).toBeLessThan(80);
  });
});

describe('a filter box on an ENUM or INTERVAL column: text, and ordered as DuckDB orders it', () => {
  const MOOD = "ENUM('sad', 'ok', 'it''s happy')";
  it('compares in the ENUM’s declared order and INTERVAL’s length, where it used to search for “>sad”', () => {
    expect(parse('>sad', MOOD)).toEqual(ok([{ column: 3, op: 'gt', value: 'sad' }]));
    expect(parse("<= it's happy", MOOD)).toEqual(ok([{ column: 3, op: 'le', value: "it's happy" }]));
    expect(parse('sad..ok', MOOD)).toEqual(
      ok([
        { column: 3, op: 'ge', value: 'sad' },
        { column: 3, op: 'le', value: 'ok' },
      ]),
    );
    expect(parse('>1 day', 'INTERVAL')).toEqual(ok([{ column: 3, op: 'gt', value: '1 day' }]));
    expect(parse('1 hour..<2 days', 'INTERVAL')).toEqual(ok([{ column: 3, op: 'range', lo: '1 hour', hi: '2 days' }]));
  });

  it('keeps text’s grammar for the rest: contains, =, !=, ~', () => {
    expect(parse('sa', MOOD)).toEqual(ok([{ column: 3, op: 'contains', value: 'sa' }]));
    expect(parse('=sad', MOOD)).toEqual(ok([{ column: 3, op: 'eq', value: 'sad' }]));
    expect(parse('=a..b', MOOD)).toEqual(ok([{ column: 3, op: 'eq', value: 'a..b' }]));
    expect(parse('~>sad', MOOD)).toEqual(ok([{ column: 3, op: 'contains', value: '>sad' }]));
    expect(parse('2 days', 'INTERVAL')).toEqual(ok([{ column: 3, op: 'contains', value: '2 days' }]));
    expect(formatFilterInput([{ column: 3, op: 'contains', value: '>sad' }], MOOD)).toBe('~>sad');
    expect(formatFilterInput([{ column: 3, op: 'contains', value: 'a..b' }], 'INTERVAL')).toBe('~a..b');
  });

  it('says what is wrong rather than matching nothing: a value the ENUM does not hold, no interval, an empty range', () => {
    expect(message('>glad', MOOD)).toBe("“glad” is not one of sad, ok, it's happy");
    expect(message('>soon', 'INTERVAL')).toBe('“soon” is not an interval (as 1 day, 2 hours or 01:30:00)');
    expect(message('ok..sad', MOOD)).toBe('The range is empty: “ok” comes after “sad”');
    expect(message('ok..<ok', MOOD)).toBe('The range is empty: “ok” comes at “ok”');
    expect(message('>', MOOD)).toBe('Type a value after >');
    expect(message('sad..', MOOD)).toBe('A range needs both ends, as in sad..it\'s happy');
  });

  it('leaves plain text a search: >50K finds the census’s “>50K”', () => {
    expect(parse('>50K', 'VARCHAR')).toEqual(ok([{ column: 3, op: 'contains', value: '>50K' }]));
    expect(parse('a..b', 'JSON')).toEqual(ok([{ column: 3, op: 'contains', value: 'a..b' }]));
  });
});

describe('the text a box shows for its filters', () => {
  it.each([
    [[], 'VARCHAR', ''],
    [[{ op: 'contains', value: 'berlin' }], 'VARCHAR', 'berlin'],
    [[{ op: 'contains', value: 'null' }], 'VARCHAR', '~null'],
    [[{ op: 'contains', value: ' lead' }], 'VARCHAR', '~ lead'],
    [[{ op: 'eq', value: 'x' }], 'VARCHAR', '=x'],
    [[{ op: 'isNull' }], 'DATE', 'null'],
    [[{ op: 'gt', value: '5' }], 'BIGINT', '>5'],
    [[{ op: 'ge', value: '1' }, { op: 'le', value: '9' }], 'BIGINT', '1..9'],
    [[{ op: 'range', lo: '9', hi: '10', chart: 0 }], 'DOUBLE', '9..<10'],
  ])('shows %j on %s as %j', (filters, type, text) => {
    expect(formatFilterInput(filters.map((f) => ({ column: 3, ...f }) as PageFilter), type)).toBe(text);
  });

  it('says nothing for filters no single box can show', () => {
    expect(formatFilterInput([{ column: 3, op: 'gt', value: '1' }, { column: 3, op: 'lt', value: '9' }], 'BIGINT')).toBeUndefined();
    expect(formatFilterInput([{ column: 3, op: 'gt', value: 'b' }], 'VARCHAR')).toBeUndefined();
    expect(formatFilterInput([{ column: 3, op: 'contains', value: '1' }], 'BIGINT')).toBeUndefined();
    expect(formatFilterInput([{ column: 3, op: 'range', lo: 'a', hi: 'b' }], 'VARCHAR')).toBeUndefined();
  });

  it('shows a brush [9, 10) as text that reads back as [9, 10), not as 9..10, which includes 10', () => {
    const brush: PageFilter = { column: 3, op: 'range', lo: '9', hi: '10', chart: 0 };
    const shown = formatFilterInput([brush], 'DOUBLE')!;
    expect(parse(shown, 'DOUBLE')).toEqual(ok([{ column: 3, op: 'range', lo: '9', hi: '10' }]));
  });
});

describe('the number of filters a person set', () => {
  it('is one per column box: a range a..b is two conditions in one box', () => {
    const range = parse('2001-03-01..2001-03-31', 'TIMESTAMP');
    if (!range.ok) throw new Error(range.message);
    const filters: PageFilter[] = [...range.filters, { column: 0, op: 'eq', value: 'SFO' }, { column: 1, op: 'in', values: ['a', 'b'], chart: 1 }];
    expect(filterCount(filters)).toBe(3);
    expect(filterCount([])).toBe(0);
  });
});

/** Filters a box can hold, per column type: what parse can produce. */
const text = fc.string({ unit: 'binary', minLength: 0, maxLength: 60 });
const oneOf = <const T extends string>(...xs: T[]) => fc.constantFrom(...xs);
const compareOp = oneOf('eq', 'ne', 'lt', 'le', 'gt', 'ge');
const nullOps = fc.constantFrom<PageFilter[]>([{ column: 3, op: 'isNull' }], [{ column: 3, op: 'notNull' }]);
const bigintFilters = (value: fc.Arbitrary<bigint>) =>
  fc.oneof(
    fc.tuple(compareOp, value).map(([op, v]): PageFilter[] => [{ column: 3, op, value: String(v) }]),
    fc.tuple(value, value).map(([a, b]): PageFilter[] => [
      { column: 3, op: 'ge', value: String(a < b ? a : b) },
      { column: 3, op: 'le', value: String(a < b ? b : a) },
    ]),
    nullOps,
  );
const pad = (n: number, width: number) => String(n).padStart(width, '0');
const instant = fc.date({ min: new Date('1000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true });
const dateText = instant.map((d) => d.toISOString().slice(0, 10));
/** A brush's [lo, hi) as a chart writes it (brushRange.ts): a number's String, a day, or an instant to the second in UTC. */
const brushOf = (end: fc.Arbitrary<string>, less: (a: string, b: string) => boolean, chart: fc.Arbitrary<number | undefined> = fc.constant(undefined)) =>
  fc
    .tuple(end, end, chart)
    .filter(([a, b]) => a !== b && (less(a, b) || less(b, a)))
    .map(([a, b, c]): PageFilter[] => [{ column: 3, op: 'range', lo: less(a, b) ? a : b, hi: less(a, b) ? b : a, ...(c === undefined ? {} : { chart: c }) }]);
const numberEnd = fc.double({ noNaN: true, noDefaultInfinity: true }).map(String);
const byNumber = (a: string, b: string) => Number(a) < Number(b);
const byText = (a: string, b: string) => a < b;
const secondText = instant.map((d) => d.toISOString().slice(0, 19).replace('T', ' '));

const boxes: ReadonlyArray<readonly [string, fc.Arbitrary<PageFilter[]>]> = [
  [
    'VARCHAR',
    fc.oneof(
      fc.tuple(oneOf('eq', 'ne'), text).map(([op, value]): PageFilter[] => [{ column: 3, op, value }]),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }).map((value): PageFilter[] => [{ column: 3, op: 'contains', value }]),
      fc.constantFrom('null', 'NOT NULL', ' null ', '=x', '~', '!=', '  ').map((value): PageFilter[] => [{ column: 3, op: 'contains', value }]),
      nullOps,
    ),
  ],
  ['BIGINT', fc.oneof(bigintFilters(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n })), brushOf(numberEnd, byNumber))],
  ['DOUBLE', fc.oneof(fc.tuple(compareOp, numberEnd).map(([op, value]): PageFilter[] => [{ column: 3, op, value }]), brushOf(numberEnd, byNumber), nullOps)],
  ['DATE', fc.oneof(fc.tuple(compareOp, dateText).map(([op, value]): PageFilter[] => [{ column: 3, op, value }]), brushOf(dateText, byText), nullOps)],
  [
    'TIMESTAMP',
    fc.oneof(
      fc
        .tuple(compareOp, dateText, fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 999999 }))
        .map(([op, d, h, m, us]): PageFilter[] => [{ column: 3, op, value: `${d} ${pad(h, 2)}:${pad(m, 2)}:00.${pad(us, 6)}` }]),
      brushOf(secondText, byText),
    ),
  ],
  ['DECIMAL(9,3)', fc.tuple(compareOp, fc.integer({ min: -999_999_999, max: 999_999_999 })).map(([op, n]): PageFilter[] => [{ column: 3, op, value: (n / 1000).toFixed(3) }])],
  ['BOOLEAN', fc.tuple(oneOf('eq', 'ne'), oneOf('true', 'false', 'TRUE')).map(([op, value]): PageFilter[] => [{ column: 3, op, value }])],
  [
    "ENUM('a', 'b..c', '>d', 'e f')",
    fc.oneof(
      fc.tuple(oneOf('eq', 'ne'), text).map(([op, value]): PageFilter[] => [{ column: 3, op, value }]),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }).map((value): PageFilter[] => [{ column: 3, op: 'contains', value }]),
      fc.constantFrom('>d', 'a..b', '<', '..').map((value): PageFilter[] => [{ column: 3, op: 'contains', value }]),
      fc.tuple(compareOp, oneOf('a', 'b..c', '>d', 'e f')).map(([op, value]): PageFilter[] => [{ column: 3, op, value }]),
      nullOps,
    ),
  ],
  ['INTERVAL', fc.tuple(compareOp, fc.integer({ min: -99, max: 99 }), oneOf('days', 'hours', 'months')).map(([op, n, unit]): PageFilter[] => [{ column: 3, op, value: `${n} ${unit}` }])],
];

describe('parse(format(filters)) = filters', () => {
  it.each(boxes)('for every filter a box on %s can hold', (type, filters) => {
    fc.assert(
      fc.property(filters, (f) => {
        const shown = formatFilterInput(f, type);
        expect(shown).toBeDefined();
        expect(parseFilterInput(shown!, 3, type)).toEqual(ok(f));
      }),
      { numRuns: 300 },
    );
  });

  // a chart's brush or clicked bar names the chart; text cannot, so typed back it is the same condition, the person's own
  it.each([
    ['BIGINT', brushOf(numberEnd, byNumber, fc.integer({ min: 0, max: 7 }))],
    ['DOUBLE', brushOf(numberEnd, byNumber, fc.integer({ min: 0, max: 7 }))],
    ['DATE', brushOf(dateText, byText, fc.integer({ min: 0, max: 7 }))],
    ['TIMESTAMP WITH TIME ZONE', brushOf(secondText, byText, fc.integer({ min: 0, max: 7 }))],
    ['VARCHAR', fc.tuple(text, fc.integer({ min: 0, max: 7 })).map(([value, chart]): PageFilter[] => [{ column: 3, op: 'eq', value, chart }])],
  ] as const)('for a chart’s selection on %s, but for the chart it names', (type, filters) => {
    fc.assert(
      fc.property(filters, (f) => {
        const unnamed = f.map((g) => Object.fromEntries(Object.entries(g).filter(([k]) => k !== 'chart')));
        expect(parseFilterInput(formatFilterInput(f, type)!, 3, type)).toEqual(ok(unnamed as PageFilter[]));
      }),
      { numRuns: 300 },
    );
  });

  it.each(['VARCHAR', 'BIGINT', 'DOUBLE', 'DECIMAL(5,2)', 'DATE', 'TIMESTAMP WITH TIME ZONE', 'BOOLEAN', 'STRUCT(a INTEGER)', "ENUM('1', '2', 'a')", 'INTERVAL'])(
    'whatever is typed on %s: never throws, and what it accepts reads back the same',
    (type) => {
      fc.assert(
        fc.property(fc.oneof(text, fc.stringMatching(/^[<>=!~.\de\s:T-]{0,20}$/)), (typed) => {
          const r = parseFilterInput(typed, 3, type);
          if (!r.ok) return;
          expect(parseFilterInput(formatFilterInput(r.filters, type)!, 3, type)).toEqual(r);
        }),
        { numRuns: 300 },
      );
    },
  );
});
