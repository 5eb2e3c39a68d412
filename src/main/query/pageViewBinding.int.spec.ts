import { beforeAll, describe, expect, it } from 'vitest';
import type { Page, PageView } from '../../shared/contracts/protocol';
import { useTestSession } from '../../../test/support/useTestSession';

/** Values a person might type (or paste) into a filter box, each also stored in the result. */
const HOSTILE = [
  "it's",
  "'); drop table sextant_results.canary; --",
  'back\\slash\\',
  '"double" quotes',
  'nul\u0000inside',
  'emoji 🦆🚀',
  '$1',
  '?',
  'x'.repeat(10_000),
];
const LONG_NAME = `n${'"'.repeat(3)}'); drop table x; --${'é'.repeat(9_970)}`;
const sqlText = (s: string) => `'${s.replaceAll("'", "''").replaceAll('\u0000', "' || chr(0) || '")}'`;
const ident = (s: string) => `"${s.replaceAll('"', '""')}"`;

/** One row per hostile value, plus rows that must not match: v is the value, k its number. */
const SQL = `select * from (values ${[...HOSTILE, 'plain', 'other'].map((v, k) => `(${k}, ${sqlText(v)})`).join(', ')}) t(${ident('k "id\'s"')}, ${ident(LONG_NAME)})`;

describe('filter values are bound as parameters, never SQL text', () => {
  const { core, run } = useTestSession('all');
  let queryId: string;
  beforeAll(async () => {
    await core().queryWorker.request({ type: 'exec', sql: 'CREATE TABLE sextant_results.canary AS SELECT 42 AS answer' });
    const ran = await run(SQL);
    queryId = ran.queryId;
    expect(ran.end.type).toBe('QueryCompleted');
  });

  async function page(view: PageView, offset = 0, limit = 1000): Promise<Page> {
    const r = await core().runner.fetchPage(queryId, offset, limit, view);
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.value;
  }
  const keys = (p: Page) => p.values[0];

  it('= each hostile value finds exactly its own row, as the first page (top-N) and from the kept copy', async () => {
    for (const [k, value] of HOSTILE.entries()) {
      const view: PageView = { filter: [{ column: 1, op: 'eq', value }], orderBy: [{ column: 0, descending: true }] };
      const first = await page(view);
      expect(first.totalRows, JSON.stringify(value.slice(0, 40))).toBe(1);
      expect(keys(first)).toEqual([String(k)]);
      expect(first.values[1]).toEqual([value]);
      // past the first page's top-N: read from the materialised view table
      expect((await page(view, 1001, 10)).totalRows).toBe(1);
    }
  });

  it('contains each hostile value (ignoring case) finds the rows holding it', async () => {
    for (const value of HOSTILE) {
      const expected = [...HOSTILE, 'plain', 'other'].flatMap((v, k) => (v.toLowerCase().includes(value.toLowerCase()) ? [String(k)] : []));
      const p = await page({ filter: [{ column: 1, op: 'contains', value }] });
      expect(keys(p), JSON.stringify(value.slice(0, 40))).toEqual(expected);
    }
  });

  it('a hostile value compared with a number matches nothing, and != keeps every other row', async () => {
    for (const value of HOSTILE) {
      expect((await page({ filter: [{ column: 0, op: 'lt', value }] })).totalRows).toBe(0);
      expect((await page({ filter: [{ column: 1, op: 'ne', value }] })).totalRows).toBe(HOSTILE.length + 1);
    }
  });

  it('nothing else changed: the result, its columns and the canary table are as they were', async () => {
    const all = await page({ orderBy: [{ column: 0 }] });
    expect(all.totalRows).toBe(HOSTILE.length + 2);
    expect(all.values[1]).toEqual([...HOSTILE, 'plain', 'other']);
    expect(all.columns.map((c) => c.name)).toEqual(['k "id\'s"', LONG_NAME]);
    const canary = await core().queryWorker.request({ type: 'read', sql: 'SELECT answer FROM sextant_results.canary' });
    expect(canary).toEqual([{ answer: 42 }]);
  });
});
