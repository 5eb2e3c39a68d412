import { describe, expect, it } from 'vitest';
import type { DatasetView } from '../../../shared/views/appView';
import { namingAlias } from './catalogCompletion';
import { accept as acceptIn, complete as completeIn, ready } from './completionProbe';

const datasets = [
  ready({ name: 'hostile2', format: 'csv', columns: [{ name: 'group', type: 'VARCHAR' }, { name: '😀 emoji', type: 'INTEGER' }, { name: 'Name', type: 'VARCHAR' }] }),
  ready({ name: 'cars', format: 'json', columns: [{ name: 'Name', type: 'VARCHAR' }, { name: 'Year', type: 'DATE' }] }),
  ready({
    name: 'two',
    format: 'duckdb',
    tables: [
      { name: 'cars', columns: [{ name: 'Horsepower', type: 'BIGINT' }] },
      { name: 'weather', columns: [{ name: 'wind', type: 'DOUBLE' }] },
      { name: 'cars', schema: 'staging', columns: [{ name: 'draft', type: 'VARCHAR' }] },
    ],
  }),
];

const complete = (doc: string, explicit = true, within: readonly DatasetView[] = datasets) => completeIn(doc, explicit, within);

const labels = async (doc: string, explicit = true, type?: string) =>
  (await complete(doc, explicit)).results.flatMap((r) => r.options.filter((o) => type === undefined || o.type === type).map((o) => o.label));

const accept = (doc: string, label: string) => acceptIn(doc, label, datasets);

describe('completion of a DuckDB database file', () => {
  it('offers its tables after `two.`, and a table’s columns after `two.cars.`', async () => {
    expect((await labels('select * from two.|')).sort()).toEqual(['cars', 'staging', 'weather']);
    expect(await labels('select * from two.cars.|')).toEqual(['Horsepower']);
  });
  it('offers a table of another schema under it: `two.staging.` its tables, `two.staging.cars.` that table’s columns', async () => {
    expect(await labels('select * from two.staging.|')).toEqual(['cars']);
    expect(await labels('select * from two.staging.cars.|')).toEqual(['draft']);
  });
});

describe('completion of a database file’s main schema by name', () => {
  it('given `two.main.`, then main’s tables are offered, `two.main.cars.` that table’s columns; `two.` does not list main', async () => {
    expect((await labels('select * from two.main.|')).sort()).toEqual(['cars', 'weather']);
    expect(await labels('select * from two.main.cars.|')).toEqual(['Horsepower']);
    expect(await labels('select * from two.|')).not.toContain('main');
  });
  it('given a FROM reading `two.main.cars`, then its columns are the FROM’s: offered first, from it, and after its name', async () => {
    const offered = (await complete('select Ho| from two.main.cars')).results.flatMap((r) => r.options);
    expect(offered.find((o) => o.label === 'Horsepower')?.detail).toBe('BIGINT · two.main.cars');
    expect(await labels('select cars.| from two.main.cars')).toEqual(['Horsepower']);
  });
});

describe('completion of a database file’s views', () => {
  const shop = ready({
    name: 'shop',
    format: 'duckdb',
    tables: [
      { name: 'orders', columns: [{ name: 'cents', type: 'BIGINT' }] },
      { name: 'big_orders', kind: 'view', columns: [{ name: 'cents', type: 'BIGINT' }] },
      { name: 'gone_view', kind: 'view', columns: [], unreadable: 'Table with name gone does not exist!' },
      { name: 'archived', schema: 'old', kind: 'view', columns: [], unreadable: 'Table with name gone does not exist!' },
    ],
  });
  const options = async (doc: string) => (await complete(doc, true, [shop])).results.flatMap((r) => r.options);

  it('given a view that reads, then it is offered as a view with its columns; the database counts tables and views apart', async () => {
    const named = await options('select * from |');
    expect(named.find((o) => o.label === 'shop')?.detail).toBe('duckdb · 1\u00a0table, 3\u00a0views');
    const inShop = await options('select * from shop.|');
    expect(inShop.map((o) => [o.label, o.detail])).toEqual([
      ['orders', 'table · 1\u00a0column'],
      ['big_orders', 'view · 1\u00a0column'],
    ]);
    expect((await options('select * from shop.big_orders.|')).map((o) => o.label)).toEqual(['cents']);
  });

  it('given a view DuckDB cannot read, then neither it nor a schema holding only such views is offered', async () => {
    const labels = (await options('select * from shop.|')).map((o) => o.label);
    expect(labels).not.toContain('gone_view');
    expect(labels).not.toContain('old');
  });
});

describe('a bare column of a database file’s table', () => {
  it('is offered, those of the table the query names first, with the table it comes from', async () => {
    const { results } = await complete('select Hor| from two.cars', false);
    const options = results.flatMap((r) => r.options).filter((o) => o.type === 'property');
    expect(options.map((o) => [o.label, o.detail])).toContainEqual(['Horsepower', 'BIGINT · two.cars']);
    expect(await labels('select dra| from two.staging.cars', false, 'property')).toContain('draft');
    const named = (await complete('select | from two.weather')).results.flatMap((r) => r.options).filter((o) => o.type === 'property');
    const wind = named.find((o) => o.label === 'wind');
    expect(wind?.boost ?? 0).toBeGreaterThan(named.find((o) => o.label === 'Horsepower')?.boost ?? 0);
  });
});

describe('completion after `x.`', () => {
  it('offers only x’s columns, once each, for a dataset or its alias', async () => {
    expect(await labels('select * from hostile2 where hostile2.|')).toEqual(['group', '😀 emoji', 'Name']);
    expect(await labels('select * from hostile2 f where f.|')).toEqual(['group', '😀 emoji', 'Name']);
  });
  it('offers a subquery’s columns after its alias, `*` read as its source’s', async () => {
    expect(await labels('select * from (select * from hostile2) q where q.|')).toEqual(['group', '😀 emoji', 'Name']);
  });
});

describe('completing a name typed with letters beyond ASCII or emoji', () => {
  it('replaces the whole typed prefix', async () => {
    expect(await accept('select * from hostile2 where 😀|', '😀 emoji')).toBe('select * from hostile2 where "😀 emoji"');
    expect(await accept('select Nä|', 'Name')).toBe('select Name');
  });
});

describe('completing a quoted name being typed', () => {
  it('offers columns quoted, replacing from the opening quote (and the closing one typed for it)', async () => {
    expect(await labels('select "Nam|')).toContain('"Name"');
    expect(await accept('select "Nam| from cars', '"Name"')).toBe('select "Name" from cars');
    expect(await accept('select "Nam|" from cars', '"Name"')).toBe('select "Name" from cars');
    expect(await accept('select "😀|', '"😀 emoji"')).toBe('select "😀 emoji"');
  });
  it('given a name begun bare and then quoted (`a"`), when a completion is accepted, then it replaces the whole name, not only from the quote', async () => {
    const weird = [ready({ name: 'weird_name', format: 'csv', columns: [{ name: 'a"b', type: 'VARCHAR' }] })];
    expect(await acceptIn('select a"| from weird_name', '"a""b"', weird)).toBe('select "a""b" from weird_name');
    expect(await acceptIn('select a"|" from weird_name', '"a""b"', weird)).toBe('select "a""b" from weird_name');
    expect(await acceptIn('select * from weird_name w where w.a"|', '"a""b"', weird)).toBe('select * from weird_name w where w."a""b"');
    // every source answers from the name's first letter: a dataset's name too (lang-sql's)
    expect((await complete('select a"|', false, weird)).results.map((r) => r.from)).toEqual([7, 7]);
    // a keyword with a quoted name glued on stays: only the quoted name is replaced
    expect(await accept('select"Nam| from cars', '"Name"')).toBe('select"Name" from cars');
  });
  it('offers no columns after a quoted name already closed', async () => {
    expect(await labels('select "Name"|', false, 'property')).toEqual([]);
  });
});

describe('completing a word', () => {
  it('does not offer back the word being typed, which lang-sql reads as an alias', async () => {
    const offered = await labels('select * from hostile2 gro|', false);
    expect(offered).not.toContain('gro');
    expect(offered).toContain('group');
  });
  it('still offers an alias the query defines', async () => {
    expect(await labels('select * from hostile2 gro where g|', false)).toContain('gro');
  });
});

describe('naming an alias', () => {
  it('given an alias being typed, then nothing pops up; given a cast’s type or Ctrl+Space, then completion is offered', async () => {
    expect(await labels('select 3 as again_a|', false)).toEqual([]);
    expect(await labels('select * from cars as c|', false)).toEqual([]);
    expect(await labels('select 3 as "tot|', false)).toEqual([]);
    expect(await labels('select cast(1 as varch|', false)).toContain('varchar');
    expect((await labels('select 3 as ag|', true)).length).toBeGreaterThan(0);
    expect(namingAlias('select cast(a as int) as tot')).toBe(true);
    expect(namingAlias('select try_cast(a as dou')).toBe(false);
    expect(namingAlias('select cla')).toBe(false);
    // a cast's type however deep its expression, and what a CREATE … AS makes, still complete
    expect(namingAlias('select cast(coalesce(a, b) as VARCH')).toBe(false);
    expect(namingAlias('select cast(a + (b) as DOUB')).toBe(false);
    expect(namingAlias('create table x as sel')).toBe(false);
    expect(namingAlias('create or replace view v as\n sel')).toBe(false);
    expect(namingAlias('create macro m(a) as a')).toBe(false);
    expect(namingAlias('create table x as select a as tot')).toBe(true);
    expect(namingAlias('select (a + b) as tot')).toBe(true);
  });
});
