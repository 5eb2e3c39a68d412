import { describe, expect, it } from 'vitest';
import { qualifierColumns, tablePosition } from './queryRelations';
import { nest, tokensAt } from './sqlGroups';

const catalog = (path: readonly string[]) => (path.join('.').toLowerCase() === 'cars' ? [{ name: 'Name', type: 'VARCHAR' }, { name: 'Horsepower', type: 'BIGINT' }] : undefined);
/** What `q` names at `|` in `sql`: its columns' names, [] when they cannot be told, null when the query does not define it. */
const columnsOf = (sql: string, q = 'q') => {
  const pos = sql.indexOf('|');
  const columns = qualifierColumns(nest(tokensAt(sql.replace('|', ''))), pos, q, catalog);
  return columns === null ? null : (columns ?? []).map((c) => c.name);
};

describe('the columns a subquery gives, from its select list', () => {
  it('given aliases with or without AS, then their names; given an operand, then no alias is read', () => {
    expect(columnsOf('select q.| from (select count(*) n, Name "the name", Horsepower + 1 as hp1 from cars) q')).toEqual(['n', 'the name', 'hp1']);
    expect(columnsOf('select q.| from (select Name, case when true then 1 end c from cars) q')).toEqual(['Name', 'c']);
    expect(columnsOf('select q.| from (select 12 n, 1.5 x, Name || 1 from cars) q')).toEqual(['n', 'x']);
    // `a and b` is an expression DuckDB names itself, not `a` aliased b
    expect(columnsOf('select q.| from (select Name = 1 and Horsepower from cars) q')).toEqual([]);
  });
  it('given FROM-first or DISTINCT ON, then DuckDB’s columns', () => {
    expect(columnsOf('select q.| from (from cars) q')).toEqual(['Name', 'Horsepower']);
    expect(columnsOf('select q.| from (from cars select Name) q')).toEqual(['Name']);
    expect(columnsOf('select q.| from (select distinct on (Name) Name, Horsepower from cars) q')).toEqual(['Name', 'Horsepower']);
  });
  it('given a CTE named like the table it reads, then its body reads the table', () => {
    expect(columnsOf('with cars as (select Name from cars) select q.| from cars q')).toEqual(['Name']);
  });
  it('given a name the query does not define, then null (a catalog name, lang-sql’s); an alias of an unknown table, then none', () => {
    expect(columnsOf('select q.| from cars')).toBeNull();
    expect(columnsOf('select * from two.|', 'two')).toBeNull();
    expect(columnsOf('select q.| from nowhere q')).toEqual([]);
  });
  it('given a name with letters beyond ASCII, then it is one name', () => {
    expect(columnsOf('select émo.| from (select Name as ñame from cars) émo', 'émo')).toEqual(['ñame']);
  });
  it('given nested block comments, then all of them is a comment, as DuckDB reads it', () => {
    expect(columnsOf('select q.| from (select 1 a /* x /* y */ z */ from cars) q')).toEqual(['a']);
  });
  it('given a quoted name being typed (no closing quote), then its name is all of what is typed', () => {
    expect(columnsOf('select q.| from (select Name as "the na')).toBeNull();
    expect(columnsOf('with q as (select 1 as "a""b") select q.| from q')).toEqual(['a"b']);
    expect(columnsOf('select "my q".| from cars "my q', 'my q')).toEqual(['Name', 'Horsepower']);
  });
});

describe('where a table is named', () => {
  const at = (sql: string) => tablePosition(nest(tokensAt(sql.replace('|', ''))), sql.indexOf('|'));
  it('given FROM, JOIN or a FROM list’s comma, then a table; given ON, WHERE or `left`, then not', () => {
    for (const sql of ['from |', 'select * from |', 'select * from a join |', 'select * from a, |', 'select * from (select * from |']) expect(at(sql), sql).toBeDefined();
    for (const sql of ['select |', 'select * from a where |', 'select * from a join b on |', 'select * from a left |', 'select * from a |']) expect(at(sql), sql).toBeUndefined();
  });
});
