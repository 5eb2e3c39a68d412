import { describe, expect, it } from 'vitest';
import { namesHistorySchema } from './historySchema';

describe('namesHistorySchema', () => {
  it.each([
    'select * from sextant.queries',
    'SELECT count(*) FROM Sextant . events',
    'select * from "sextant"."sessions"',
    'with q as (select 1) select * from q, sextant.datasets',
    'USE sextant; select * from queries',
    'use "sextant"',
    'create view mine as select sql from sextant.queries',
  ])('given %j, says the history may be read', (sql) => expect(namesHistorySchema(sql)).toBe(true));

  it.each([
    'select 1',
    "select * from read_csv('/home/me/.config/Sextant/exports/a.csv')",
    "select * from 'sextant-e2e-abc/flights.parquet'",
    'select * from sextant_history_store.main.queries',
    'select sextants from stars',
    'use sextant_archive',
  ])('given %j, says it does not', (sql) => expect(namesHistorySchema(sql)).toBe(false));
});
