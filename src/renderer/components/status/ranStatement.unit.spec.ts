import { describe, expect, it } from 'vitest';
import { ranStatementText, ranWithoutResultSet, statementKind } from './ranStatement';

describe('a statement without a result set in the status bar', () => {
  it('given a completed query with no columns, when asked, then it ran without a result set; one with columns and no rows did not', () => {
    expect(ranWithoutResultSet({ phase: 'Completed', columns: [] })).toBe(true);
    expect(ranWithoutResultSet({ phase: 'Completed', columns: [{ name: 'Count', type: 'BIGINT' }] })).toBe(false);
    expect(ranWithoutResultSet({ phase: 'Completed' })).toBe(false);
    expect(ranWithoutResultSet({ phase: 'Executing', columns: [] })).toBe(false);
  });
  it('given DDL, SET and ATTACH, when named, then the kind is in DuckDB’s words', () => {
    expect(statementKind('create table walk_v(a int)')).toBe('CREATE TABLE');
    expect(statementKind('CREATE OR REPLACE TEMP VIEW v AS SELECT 1')).toBe('CREATE VIEW');
    expect(statementKind('drop table if exists t')).toBe('DROP TABLE');
    expect(statementKind('set threads=2')).toBe('SET');
    expect(statementKind("attach ':memory:' as m2")).toBe('ATTACH');
  });
  it('given several statements and comments, when named, then the last statement is the one named', () => {
    expect(statementKind('select 1;\n-- make it\n/* here */ create schema s;\n')).toBe('CREATE SCHEMA');
    expect(statementKind('   ')).toBeUndefined();
    expect(statementKind('(select 1)')).toBeUndefined();
  });
  it('given the duration, when said, then it reads "Statement ran in T ms: KIND"', () => {
    expect(ranStatementText({ sql: 'create table walk_v(a int)', durationMs: 15 })).toBe('Statement ran in 15\u00a0ms: CREATE TABLE');
    expect(ranStatementText({ sql: '(weird)', durationMs: 1234 })).toBe('Statement ran in 1,234\u00a0ms');
  });
});
