import type { Completion } from '@codemirror/autocomplete';
import { describe, expect, it } from 'vitest';
import { accept as acceptIn, complete, ready } from './completionProbe';

// The tester's catalog: cars, a dataset with a column `h` (what `t.h` wrongly offered), `types` (a
// DuckDB keyword as a name) and odd_names (names beyond ASCII).
const datasets = [
  ready({ name: 'cars', format: 'json', columns: [{ name: 'Name', type: 'VARCHAR' }, { name: 'Horsepower', type: 'BIGINT' }] }),
  ready({ name: 'other', format: 'csv', columns: [{ name: 'h', type: 'VARCHAR' }] }),
  ready({ name: 'types', format: 'parquet', columns: [{ name: 'tiny', type: 'TINYINT' }, { name: 'big', type: 'BIGINT' }] }),
  ready({ name: 'odd_names', format: 'csv', columns: [{ name: 'émoji 🚀', type: 'VARCHAR' }, { name: 'plain', type: 'INTEGER' }] }),
];

const options = async (doc: string, explicit = false): Promise<Completion[]> => (await complete(doc, explicit, datasets)).results.flatMap((r) => r.options);
const labels = async (doc: string, explicit = false) => (await options(doc, explicit)).map((o) => o.label);
const accept = (doc: string, label: string) => acceptIn(doc, label, datasets);

describe('after a CTE’s or a subquery’s alias', () => {
  it('given a CTE with an aliased column, when `t.h` is typed, then its own columns are offered, not another dataset’s `h`', async () => {
    const offered = await options('with t as (select Name, Horsepower as hp from cars) select * from t where t.h|');
    expect(offered.map((o) => [o.label, o.detail])).toEqual([
      ['Name', 'VARCHAR'],
      ['hp', 'BIGINT'],
    ]);
  });
  it('given a subquery aliased s, when Ctrl+Space follows `s.` or `s.n` is typed, then only its column nm is offered, no keyword', async () => {
    expect(await labels('select * from (select Name as nm from cars) s where s.|', true)).toEqual(['nm']);
    expect(await labels('select * from (select Name as nm from cars) s where s.n|')).toEqual(['nm']);
  });
  it('given `*`, a column list, EXCLUDE or a CTE read by another, then the columns are those DuckDB gives', async () => {
    expect(await labels('with t as (select * from cars) select t.| from t')).toEqual(['Name', 'Horsepower']);
    expect(await labels('with t(a, b) as (select Name, Horsepower from cars) select t.| from t')).toEqual(['a', 'b']);
    expect(await labels('select s.| from (select * exclude (Name) from cars) s')).toEqual(['Horsepower']);
    expect(await labels('with a as (select Name n, count(*) c from cars group by 1), b as (select * from a) select b.| from b')).toEqual(['n', 'c']);
    expect(await labels('select * from (select c.| from cars c) s')).toEqual(['Name', 'Horsepower']);
  });
  it('given a relation whose columns cannot be told, then nothing is offered rather than other datasets’ columns', async () => {
    expect(await labels("select * from read_csv('x.csv') r where r.|", true)).toEqual([]);
    expect(await labels('select * from (values (1)) v where v.|', true)).toEqual([]);
  });
  it('given a CTE, when a FROM names a table, then the CTE is offered first', async () => {
    const offered = await options('with t as (select 1 as one) select * from |', true);
    const top = Math.max(...offered.map((o) => o.boost ?? 0));
    expect(offered.find((o) => o.label === 't')?.boost).toBe(top);
  });
});

describe('a word beyond ASCII after `alias.`', () => {
  it('given `o.ém`, then every completion replaces the whole `ém`, no keyword is offered, and Enter gives the column', async () => {
    const { pos, results } = await complete('select * from odd_names o where o.ém|', false, datasets);
    expect(results.flatMap((r) => r.options.map((o) => o.label))).toEqual(['émoji 🚀', 'plain']);
    for (const r of results) expect(r.from).toBe(pos - 'ém'.length);
    expect(await accept('select * from odd_names o where o.ém|', 'émoji 🚀')).toBe('select * from odd_names o where o."émoji 🚀"');
  });
  it('given a bare `émo`, then keywords too replace the whole word', async () => {
    const { pos, results } = await complete('select * from odd_names where émo|', false, datasets);
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) expect(r.from).toBe(pos - 'émo'.length);
  });
});

describe('inside strings and comments', () => {
  it('given a string or a comment being typed, then nothing is offered, even for Ctrl+Space', async () => {
    for (const doc of ["select * from cars where Name = 'Ho|", '-- Ho|', 'select 1 /* Ho|', "select 'it''s Ho|", 'select $$Ho|']) {
      expect(await labels(doc), doc).toEqual([]);
      expect(await labels(doc, true), doc).toEqual([]);
    }
  });
  it('given a string or a comment closed before the word, then completion is offered', async () => {
    expect(await labels("select * from cars where Name = 'x' and Ho|")).toContain('Horsepower');
    expect(await labels('select /* c */ Ho|')).toContain('Horsepower');
  });
});

describe('Ctrl+Space after FROM', () => {
  it('given `from `, then DuckDB’s internal functions are not offered, and datasets rank above functions and keywords', async () => {
    for (const doc of ['select * from |', 'select * from cars join |', 'select * from cars, |']) {
      const offered = await options(doc, true);
      expect(offered.filter((o) => o.label.startsWith('__internal')), doc).toEqual([]);
      const cars = offered.find((o) => o.label === 'cars');
      const others = offered.filter((o) => o.type === 'keyword' || o.type === 'variable'); // lang-sql types a function 'variable'
      expect(others.map((o) => o.label)).toEqual(expect.arrayContaining(['abs', 'all']));
      expect(cars?.boost ?? 0, doc).toBeGreaterThan(Math.max(...others.map((o) => o.boost ?? 0)));
      // a column is no table
      expect(offered.filter((o) => o.type === 'property'), doc).toEqual([]);
    }
  });
});

describe('`alias.` as it is typed', () => {
  it('given an alias of `types` (a DuckDB keyword) or of cars, when the dot is typed, then the columns pop at once', async () => {
    expect(await labels('from types x where x.|')).toEqual(['tiny', 'big']);
    expect(await labels('select * from cars t where t.|')).toEqual(['Name', 'Horsepower']);
  });
});

describe('a bare column of what the FROM reads', () => {
  /** The column options at `|`, best first as CodeMirror ranks equal matches: by boost. */
  const columns = async (doc: string, explicit = false) =>
    (await options(doc, explicit)).filter((o) => o.type === 'property').sort((a, b) => (b.boost ?? 0) - (a.boost ?? 0));

  it('given a CTE read by the FROM after the cursor, when `h` is typed, then its column `hour` is offered first, from t', async () => {
    const offered = await columns('with t as (select 1 as hour) select h| from t');
    expect(offered.map((o) => [o.label, o.detail])[0]).toEqual(['hour', 't']);
    expect(offered.find((o) => o.label === 'h')?.boost ?? 0).toBeLessThan(offered[0]!.boost ?? 0);
  });
  it('given a CTE read by the FROM, then its column `hour` ranks above another dataset’s exact `h`, however well that matches', async () => {
    // CodeMirror's order: match score plus boost; a prefix short of the whole label costs 100 (FuzzyMatcher)
    const score = (o: Completion) => (o.label === 'h' ? 0 : -100) + (o.boost ?? 0);
    for (const [doc, own] of [
      ['with t as (select 1 as hour) select h| from t', 'hour'],
      ['with "my t" as (select 1 as "h our") select h| from "my t"', 'h our'],
    ]) {
      const offered = (await columns(doc!)).filter((o) => o.label.startsWith('h'));
      expect(offered.sort((a, b) => score(b) - score(a)).map((o) => o.label), doc).toEqual([own, 'h']);
    }
  });
  it('given a subquery with an alias, then its select list’s names are offered bare, above other datasets’ columns', async () => {
    const offered = await columns('select n| from (select Name as nm, Horsepower from cars) s');
    expect(offered.slice(0, 2).map((o) => [o.label, o.detail])).toEqual([
      ['nm', 'VARCHAR · s'],
      ['Horsepower', 'BIGINT · s'],
    ]);
  });
  it('given a dataset the FROM reads, aliased, then each of its columns is offered once, from it', async () => {
    const offered = await columns('select Ho| from cars c');
    expect(offered.filter((o) => o.label === 'Horsepower').map((o) => [o.detail, o.boost])).toEqual([['BIGINT · cars', 3]]);
  });
  it('given a correlated subquery, then the outer FROM’s columns are offered too; given the subquery being typed, then not its own alias', async () => {
    const inner = await columns('select * from cars c where exists (select 1 from other o where o.h = Ho|)');
    expect(inner.find((o) => o.label === 'Horsepower')?.detail).toBe('BIGINT · cars');
    expect(inner.find((o) => o.label === 'h')?.boost).toBe(3);
    const own = await columns('with t as (select 1 as hour) select * from (select h| from t) s');
    expect(own.filter((o) => o.boost === 3).map((o) => [o.label, o.detail])).toEqual([['hour', 't']]);
  });
  it('given an opening quote, then a CTE’s column is offered quoted and replaces from the quote', async () => {
    expect(await accept('with t as (select 1 as hour) select "ho| from t', '"hour"')).toBe('with t as (select 1 as hour) select "hour" from t');
  });
});

describe('a quoted name after `x.`', () => {
  it('given a CTE, a table’s alias or a dataset, when `x."Na` is typed, then x’s columns are offered quoted, and replace from the quote', async () => {
    for (const [doc, done] of [
      ['with t as (select * from cars) select t."Na| from t', 'with t as (select * from cars) select t."Name" from t'],
      ['select * from cars t where t."Na|', 'select * from cars t where t."Name"'],
      ['select t."Na| from cars t', 'select t."Name" from cars t'],
      ['select cars."Na| from cars', 'select cars."Name" from cars'],
    ]) {
      expect(await labels(doc!), doc).toEqual(['"Name"', '"Horsepower"']);
      expect(await accept(doc!, '"Name"'), doc).toBe(done);
    }
  });
  it('given the closing quote typed for it (closeBrackets), then it is replaced too, once', async () => {
    expect(await accept('with t as (select * from cars) select t."Na|" from t', '"Name"')).toBe('with t as (select * from cars) select t."Name" from t');
    expect(await accept('select t."Na|" from cars t', '"Name"')).toBe('select t."Name" from cars t');
  });
});
