import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import Database from 'better-sqlite3';
import { newId } from '../src/main/platform/ids';
import { isSettled } from '../src/shared/domain/queryLifecycle';
import { openSessions } from '../src/shared/views/appView';
import { startTestCore, tempDir, type TestCore } from '../test/support/testCore';
import { FLIGHTS_3M as FLIGHTS } from './flightsResult';
import { fromSamples, interleaved, type Bench } from './harness';

const PAGE_ROWS = 200;

async function waitForCompletion(core: TestCore, sessionId: string, queryId: string): Promise<void> {
  for (;;) {
    const entry = core.projections.current.view.sessions[sessionId]?.history.find((h) => h.queryId === queryId);
    if (entry && isSettled(entry.phase)) {
      if (entry.phase !== 'Completed') throw new Error(`bench query ${entry.phase}: ${entry.error?.message ?? ''}`);
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const benches: Bench[] = [
  {
    // What the grid pays for a screenful when a person drags the scrollbar anywhere in 3M rows:
    // one page through the core (worker thread, text of every cell) vs raw DuckDB reading the
    // same rows of a table holding the same result as text, in the same process.
    name: 'workbench.grid_page_3m',
    what: 'one 200-row grid page deep in a 3M-row result through the core vs raw DuckDB reading the same rows as text',
    goal: 1.5,
    async run() {
      const dir = tempDir('sextant-bench-');
      // One worker, as on a 2-core machine: with two, a page asked of the worker that did not run the
      // query fails with "Table … does not exist" (each worker thread opens its own DuckDB instance).
      const core = await startTestCore(dir.path, { samples: [FLIGHTS] });
      try {
        await core.catalog.idle();
        const sessionId = openSessions(core.projections.current.view)[0]!.id;
        const started = await core.dispatch({ type: 'StartQuery', sessionId, sql: 'select * from flights_3m' });
        if (!started.ok || !started.value.queryId) throw new Error('could not start the bench query');
        const queryId = started.value.queryId;
        await waitForCompletion(core, sessionId, queryId);

        // Raw DuckDB gets its own database with the same rows: a second instance on the app's file would
        // fight the workers' instance over it.
        const instance = await DuckDBInstance.create(join(dir.path, 'raw.duckdb'), { memory_limit: '1GB' });
        const raw = await instance.connect();
        await raw.run(`CREATE TABLE result AS SELECT * FROM read_parquet('${FLIGHTS}')`);
        let i = 0;
        const nextOffset = () => Math.floor(((i++ * 7919) % 14_999) * PAGE_ROWS); // spread over all 3M rows, never cached twice in a row
        const { s, b } = await interleaved(
          5,
          20,
          async () => {
            const offset = nextOffset();
            const r = await raw.runAndReadAll(`SELECT COLUMNS(*)::VARCHAR FROM result WHERE rowid >= ${offset} AND rowid < ${offset + PAGE_ROWS} ORDER BY rowid`);
            r.getColumnsJS();
          },
          async () => {
            const page = await core.runner.fetchPage(queryId, nextOffset(), PAGE_ROWS);
            if (!page.ok) throw new Error(page.error.message);
          },
        );
        raw.closeSync();
        instance.closeSync();
        return fromSamples('workbench.grid_page_3m', 'ms', s, b, { rows: PAGE_ROWS });
      } finally {
        await core.close();
        dir.remove();
      }
    },
  },
  {
    // One debounced draft save: validated, decided against the session's history, appended with
    // its expected version and projected, vs a raw better-sqlite3 insert of one row in its own transaction.
    name: 'workbench.draft_save',
    what: 'one `SaveDraft` through the whole core vs a raw durable one-row insert',
    async run() {
      const dir = tempDir('sextant-bench-');
      const core = await startTestCore(dir.path);
      const db = new Database(join(dir.path, 'raw.sqlite'));
      try {
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = FULL');
        db.exec('CREATE TABLE drafts (id TEXT PRIMARY KEY, session TEXT NOT NULL, sql TEXT NOT NULL) STRICT');
        const insert = db.prepare('INSERT INTO drafts VALUES (?, ?, ?)');
        const rawSave = db.transaction((sql: string) => insert.run(newId(), 's', sql));
        const sessionId = openSessions(core.projections.current.view)[0]!.id;
        let n = 0;
        const sql = () => `select * from flights_3m where delay > ${n++}`;
        const { s, b } = await interleaved(
          5,
          100,
          () => rawSave.immediate(sql()),
          async () => {
            const r = await core.dispatch({ type: 'SaveDraft', sessionId, sql: sql() });
            if (!r.ok) throw new Error(r.error.message);
          },
        );
        return fromSamples('workbench.draft_save', 'ms', s, b);
      } finally {
        db.close();
        await core.close();
        dir.remove();
      }
    },
  },
];
