import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { toAppError } from '../../shared/contracts/errors';
import { explainDuckdbFailure, withoutSystemSuggestion, withoutWrapper } from './queryErrors.worker';

/** What DuckDB really throws for `sql` (run the way the worker runs it), as the worker first sees it. */
async function duckdbFailure(sql: string, config: Record<string, string> = {}) {
  const instance = await DuckDBInstance.create(':memory:', config);
  const c = await instance.connect();
  try {
    const statements = await c.extractStatements(sql);
    const result = await (await statements.prepare(0)).stream();
    while ((await result.fetchChunk())?.rowCount) {
      // drain: the failure may come with any chunk
    }
  } catch (e) {
    return toAppError(e, 'the-id', 'SQL_ERROR');
  } finally {
    c.closeSync();
    instance.closeSync();
  }
  throw new Error(`${sql} did not fail`);
}

describe('what a person reads when DuckDB fails a query', () => {
  it('running out of memory gets its own code, keeps the id, names the limit, and keeps DuckDB’s words', async () => {
    const raw = await duckdbFailure('select list(range) from range(50000000)', { memory_limit: '64MB' });
    expect(raw.message).toMatch(/^Out of Memory Error: /); // pins DuckDB's wording the mapping relies on
    const shown = explainDuckdbFailure(raw);
    expect(shown.code).toBe('OUT_OF_MEMORY');
    expect(shown.id).toBe('the-id');
    const [lead, ...rest] = shown.message.split('\n\n');
    expect(lead).toBe(
      'DuckDB ran out of memory: this query needs more than its memory limit (61.0 MiB) for work it cannot spill to disk, such as one very large list, string or hash table.',
    );
    expect(rest.join('\n\n')).toBe(raw.message);
  });

  it('an out-of-memory text without the usual figures still gets the code and a lead', () => {
    const shown = explainDuckdbFailure({ id: 'x', code: 'SQL_ERROR', message: 'Out of Memory Error: could not allocate block' });
    expect(shown.code).toBe('OUT_OF_MEMORY');
    expect(shown.message).toMatch(/^DuckDB ran out of memory: this query needs more than its memory limit for work/);
    // Sorting or filtering a kept result (a page request) can run out too, and says so in the same terms.
    const page = explainDuckdbFailure({ id: 'y', code: 'INTERNAL', message: 'Out of Memory Error: could not allocate block' }, 'this request');
    expect(page).toMatchObject({ id: 'y', code: 'OUT_OF_MEMORY' });
    expect(page.message).toMatch(/^DuckDB ran out of memory: this request needs more/);
  });

  it('a write the disk refused gets a first line in Sextant’s words, then DuckDB’s text; the code and id stay', () => {
    const raw = 'Failed to append: Failed to commit: Could not write file "/home/me/.config/Sextant/duckdb/workspace.duckdb": No space left on device';
    const shown = explainDuckdbFailure({ id: 'z', code: 'SQL_ERROR', message: raw });
    expect(shown).toMatchObject({ id: 'z', code: 'SQL_ERROR' });
    expect(shown.message).toBe(`DuckDB ran out of disk space: the disk holding its files is full, so this query could not finish. Free some space and run it again.\n\n${raw}`);
    // a sort of a kept result spilling to a full disk, and a file-size limit (EFBIG), in the same terms
    expect(explainDuckdbFailure({ id: 'y', code: 'INTERNAL', message: 'IO Error: Could not write file "/d/duckdb/.tmp/duckdb_temp_storage-0.tmp": No space left on device' }, 'this request').message).toMatch(
      /^DuckDB ran out of disk space: the disk holding its files is full, so this request could not finish\. Free some space and run it again\.\n\nIO Error: /,
    );
    expect(explainDuckdbFailure({ id: 'x', code: 'SQL_ERROR', message: 'Could not write file "/d/duckdb/workspace.duckdb": File too large' }).message).toMatch(
      /^DuckDB could not write its files: the system refused a file that large \(a file-size limit\), so this query could not finish\.\n\nCould not write file /,
    );
  });

  it('a missing table’s “Did you mean” is dropped when it offers one of DuckDB’s catalog views, kept when it offers a table', async () => {
    const raw = await duckdbFailure('select * from nope');
    expect(raw.message).toMatch(/\nDid you mean "pg_\w+"\?/);
    const shown = explainDuckdbFailure(raw);
    expect(shown.message).toBe(withoutWrapper(raw.message).replace(/\nDid you mean "pg_\w+"\?/, ''));
    expect(shown.message).toMatch(/^Catalog Error: Table with name nope does not exist!\n\nLINE 1: select \* from nope\n +\^$/);
    expect(withoutSystemSuggestion('Catalog Error: Table with name carz does not exist!\nDid you mean "cars"?')).toBe('Catalog Error: Table with name carz does not exist!\nDid you mean "cars"?');
    expect(withoutSystemSuggestion('x\nDid you mean "information_schema.columns"?')).toBe('x');
    expect(withoutSystemSuggestion('x\nDid you mean "duckdb_tables"?')).toBe('x');
  });

  it('other failures keep their code and DuckDB’s text, without node-api’s wrapper', async () => {
    const raw = await duckdbFailure('select nope from range(1)');
    const shown = explainDuckdbFailure(raw);
    expect(shown.code).toBe('SQL_ERROR');
    expect(shown.id).toBe('the-id');
    expect(shown.message).toMatch(/^Binder Error: Referenced column "nope" not found/);
  });
});
