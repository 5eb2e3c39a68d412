import { readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { openSessions } from '../../shared/views/appView';
import { queryEnd } from '../../../test/support/coreEvents';
import { writeSessionLog } from '../../../test/support/sessionLogWriter';
import { startTestCore, tempDir } from '../../../test/support/testCore';
import { useTestCore } from '../../../test/support/useTestCore';

const FLIGHTS = 'node_modules/vega-datasets/data/flights-3m.parquet';

describe('opening files given on the command line (real SQLite, real DuckDB)', () => {
  const app = useTestCore();

  it('adds each file to the catalog and opens a session on it whose first query shows all its rows', async () => {
    const csv = join(app.dir(), "it's trips.csv");
    writeFileSync(csv, 'city,n\nOslo,1\nLima,2\n"Quote ""q""",3\n');
    const before = openSessions(app.core().view()).length; // the first start's empty session
    const outcomes = await app.core().openFiles([csv, FLIGHTS]);
    expect(outcomes.map((o) => o.kind)).toEqual(['opened', 'opened']);

    const view = app.core().view();
    const sessions = openSessions(view).slice(before);
    expect(sessions.map((s) => s.title)).toEqual(["it's trips.csv", 'flights-3m.parquet']);
    // the last file's session is the one a window shows
    expect(sessions.at(-1)!.activatedSeq).toBe(Math.max(...openSessions(view).map((s) => s.activatedSeq)));
    for (const [i, outcome] of outcomes.entries()) {
      if (outcome.kind !== 'opened') throw new Error('not opened');
      const session = view.sessions[outcome.sessionId]!;
      expect(session.datasetIds).toEqual([outcome.datasetId]);
      const query = session.history[0]!;
      expect(session.draft).toBe(query.sql);
      const end = await queryEnd(app.core(), outcome.sessionId, query.queryId, 60_000);
      expect(end.type).toBe('QueryCompleted');
      const raw = await DuckDBInstance.create(':memory:');
      const c = await raw.connect();
      const source = i === 0 ? `read_csv('${csv.replaceAll("'", "''")}')` : `read_parquet('${FLIGHTS}')`;
      const n = Number((await c.runAndReadAll(`select count(*) from ${source}`)).getRows()[0]![0]);
      c.closeSync();
      raw.closeSync();
      expect(end.type === 'QueryCompleted' && end.payload.rowCount).toBe(n);
    }
  }, 120_000);

  it('finds a file already in the catalog by its path instead of adding it twice', async () => {
    const csv = join(app.dir(), 'a.csv');
    writeFileSync(csv, 'x\n1\n');
    const before = openSessions(app.core().view()).length;
    const [first] = await app.core().openFiles([csv]);
    const [second] = await app.core().openFiles([join(app.dir(), '.', 'a.csv')]);
    expect(first?.kind === 'opened' && second?.kind === 'opened' && second.datasetId === first.datasetId).toBe(true);
    expect(Object.keys(app.core().view().datasets)).toHaveLength(1);
    expect(openSessions(app.core().view())).toHaveLength(before + 2);
    // through a link to it, too
    const link = join(app.dir(), 'linked.csv');
    symlinkSync(csv, link);
    const [linked] = await app.core().openFiles([link]);
    expect(linked?.kind === 'opened' && linked.datasetId === (first?.kind === 'opened' ? first.datasetId : '')).toBe(true);
    expect(Object.keys(app.core().view().datasets)).toHaveLength(1);
  });

  it('given one file several times in one call (as typed, with ./, with //, through a link), then one dataset and one session', async () => {
    const csv = join(app.dir(), 'pipe.csv');
    writeFileSync(csv, 'x\n1\n');
    symlinkSync(csv, join(app.dir(), 'pipe-link.csv'));
    const before = openSessions(app.core().view()).length;
    const outcomes = await app.core().openFiles([csv, join(app.dir(), 'pipe-link.csv'), `${app.dir()}/./pipe.csv`, `${app.dir()}//pipe.csv`]);
    expect(outcomes.map((o) => o.kind)).toEqual(['opened']);
    expect(Object.keys(app.core().view().datasets)).toHaveLength(1);
    expect(openSessions(app.core().view()).slice(before).map((s) => s.title)).toEqual(['pipe.csv']);
  });

  it('reports a file it cannot read with the catalog’s message and error id, and opens no session for it', async () => {
    const missing = join(app.dir(), 'nope.parquet');
    const before = openSessions(app.core().view()).length;
    const [outcome] = await app.core().openFiles([missing]);
    expect(outcome?.kind).toBe('failed');
    if (outcome?.kind !== 'failed') return;
    expect(outcome.errorId).toMatch(/\S/);
    const failed = Object.values(app.core().view().datasets).find((d) => d.source === missing);
    expect(failed?.status).toBe('failed');
    expect(failed?.error?.id).toBe(outcome.errorId);
    expect(openSessions(app.core().view())).toHaveLength(before);
  });

  it('given a signed URL that fails, when opened, then the failure names it without its token or password, as the log line and stderr print it', async () => {
    const server = createServer((_req, res) => res.writeHead(404).end());
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    try {
      const { port } = server.address() as AddressInfo;
      const [outcome] = await app.core().openFiles([`http://user:hunter2@127.0.0.1:${port}/d/data.csv?X-Amz-Signature=secret#frag`]);
      expect(outcome).toMatchObject({ kind: 'failed', source: `http://127.0.0.1:${port}/d/data.csv` });
      for (const secret of ['secret', 'hunter2', 'frag']) expect(JSON.stringify(outcome)).not.toContain(secret);
    } finally {
      await new Promise((done) => server.close(done));
    }
  });

  it('given URLs whose file names are percent-encoded, then each dataset, tab and cached copy is named as a local file of that name is', async () => {
    const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/csv' }).end('x\n1\n'));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    try {
      const { port } = server.address() as AddressInfo;
      const before = openSessions(app.core().view()).length;
      const outcomes = await app.core().openFiles([`http://127.0.0.1:${port}/with%20space.csv`, `http://127.0.0.1:${port}/%F0%9F%8E%89party%F0%9F%8E%89.csv`]);
      expect(outcomes.map((o) => o.kind)).toEqual(['opened', 'opened']);
      const view = app.core().view();
      expect(outcomes.map((o) => (o.kind === 'opened' ? view.datasets[o.datasetId]?.name : o))).toEqual(['with_space', 'party']);
      expect(openSessions(view).slice(before).map((s) => s.title)).toEqual(['with space.csv', '🎉party🎉.csv']);
      const copies = readdirSync(join(app.dir(), 'downloads'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.csv'));
      expect(copies.map((f) => f.split(/[\\/]/).at(-1)).sort()).toEqual(['with space.csv', '🎉party🎉.csv'].sort());
    } finally {
      await new Promise((done) => server.close(done));
    }
  }, 60_000);

  it('opens an exported session log as an import: a data dir without it gets the session, one with it says so and adds nothing', async () => {
    const sessionId = openSessions(app.core().view())[0]!.id;
    await app.core().dispatch({ type: 'RenameSession', sessionId, title: 'Shared “log”' });
    const file = join(app.dir(), 'shared.sextant.ndjson');
    writeFileSync(file, await writeSessionLog(app.core().store, sessionId));

    const [here] = await app.core().openFiles([file]);
    expect(here).toMatchObject({ kind: 'imported', sessionId, alreadyImported: true });

    const elsewhere = tempDir('sextant-open-log-');
    const other = await startTestCore(elsewhere.path);
    try {
      const before = Object.keys(other.view().datasets).length;
      const [imported] = await other.openFiles([file]);
      expect(imported).toMatchObject({ kind: 'imported', sessionId, alreadyImported: false });
      expect(other.view().sessions[sessionId]).toMatchObject({ title: 'Shared “log”', closed: false });
      // a log opens as an import, never as an NDJSON dataset
      expect(Object.keys(other.view().datasets)).toHaveLength(before);
    } finally {
      await other.close();
      elsewhere.remove();
    }
  }, 60_000);
});
