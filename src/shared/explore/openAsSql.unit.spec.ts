import { describe, expect, it } from 'vitest';
import { openAsSql, quoteText } from './openAsSql';
import { quoteIdent } from '../sql/sqlIdentifier';

const columns = [
  { name: 'dep_delay', type: 'INTEGER' },
  { name: 'origin', type: 'VARCHAR' },
  { name: 'we"ird\'; drop', type: 'DATE' },
];

describe('Open as SQL', () => {
  it('given bars brushed across on a chart, when opened as SQL, then their `in` lists each value as an escaped literal', () => {
    const sql = openAsSql('select * from flights', columns, { orderBy: [], filter: [{ column: 1, op: 'in', values: ["O'Hare", 'SEA'], chart: 1 }] });
    expect(sql).toContain(`WHERE "origin" IN ('O''Hare', 'SEA')`);
  });

  it('wraps the query, quotes every name, writes values as escaped literals in the column type', () => {
    const sql = openAsSql('select * from flights;  \n', columns, {
      orderBy: [{ column: 0, descending: true }, { column: 1 }],
      filter: [
        { column: 0, op: 'ge', value: '10' },
        { column: 1, op: 'contains', value: "o'hare" },
        { column: 2, op: 'isNull' },
      ],
    });
    expect(sql).toBe(
      [
        'SELECT *',
        'FROM (',
        'select * from flights',
        ') AS t',
        `WHERE "dep_delay" >= 10`,
        `  AND contains(lower(CAST("origin" AS VARCHAR)), lower('o''hare'))`,
        `  AND "we""ird'; drop" IS NULL`,
        'ORDER BY "dep_delay" DESC NULLS LAST, "origin" ASC NULLS LAST',
      ].join('\n'),
    );
  });

  it('writes a number or a date as a plain literal where it means what the cast means, else keeps the cast', () => {
    const where = (column: number, value: string) => openAsSql('t', columns, { orderBy: [], filter: [{ column, op: 'eq', value }] }).split('\n').at(-1);
    expect(where(0, '150')).toBe('WHERE "dep_delay" = 150');
    expect(where(0, '007')).toBe('WHERE "dep_delay" = 7');
    // a cast rounds 1.5 to 2, and 3000000000 is past INTEGER: the cast says what the app does
    expect(where(0, '1.5')).toBe(`WHERE "dep_delay" = TRY_CAST('1.5' AS INTEGER)`);
    expect(where(0, '3000000000')).toBe(`WHERE "dep_delay" = TRY_CAST('3000000000' AS INTEGER)`);
    expect(where(2, '2024-02-29')).toBe(`WHERE "we""ird'; drop" = DATE '2024-02-29'`);
    expect(where(2, '2023-02-29')).toBe(`WHERE "we""ird'; drop" = TRY_CAST('2023-02-29' AS DATE)`);
  });

  it('keeps a line comment inside the query from swallowing the closing parenthesis', () => {
    expect(openAsSql('select 1 -- note\n as x', [{ name: 'x', type: 'INTEGER' }], { orderBy: [{ column: 0 }], filter: [] })).toBe(
      'SELECT *\nFROM (\nselect 1 -- note\n as x\n) AS t\nORDER BY "x" ASC NULLS LAST',
    );
  });

  it('wraps the statement the result came from, the last: a semicolon and comment after it left out, statements before it kept in front', () => {
    const view = { orderBy: [{ column: 0 }], filter: [] };
    expect(openAsSql('select * from cars;  -- done', [{ name: 'x', type: 'INTEGER' }], view)).toBe('SELECT *\nFROM (\nselect * from cars\n) AS t\nORDER BY "x" ASC NULLS LAST');
    expect(openAsSql("set threads = 1; select 'a;b' as x; /* end */", [{ name: 'x', type: 'VARCHAR' }], view)).toBe(
      "set threads = 1;\nSELECT *\nFROM (\nselect 'a;b' as x\n) AS t\nORDER BY \"x\" ASC NULLS LAST",
    );
  });

  it('hostile values stay literals: quotes doubled, backslashes as they are, NUL through chr(0)', () => {
    expect(quoteText("'); drop table x; --")).toBe("'''); drop table x; --'");
    expect(quoteText('a\\b')).toBe("'a\\b'");
    expect(quoteText('a\u0000b')).toBe("('a' || chr(0) || 'b')");
    expect(quoteText('🦆')).toBe("'🦆'");
    expect(quoteIdent('a"b')).toBe('"a""b"');
    const long = 'x'.repeat(10_000);
    expect(openAsSql('select 1', [{ name: 's', type: 'VARCHAR' }], { orderBy: [], filter: [{ column: 0, op: 'eq', value: long }] })).toContain(`"s" = '${long}'`);
  });

  it('renames repeated column names in an alias list so a filter can name each', () => {
    const sql = openAsSql('select 1 as a, 2 as a', [{ name: 'a', type: 'INTEGER' }, { name: 'a', type: 'INTEGER' }], { orderBy: [{ column: 1 }], filter: [] });
    expect(sql).toContain(') AS t("a", "a_1")');
    expect(sql).toContain('ORDER BY "a_1" ASC NULLS LAST');
  });
});
