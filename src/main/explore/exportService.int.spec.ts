import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportProgress } from '../../shared/contracts/frames';
import type { PageView } from '../../shared/contracts/protocol';
import { exportFormats, type ExportFormat } from '../../shared/explore/exportFormat';
import { queryEnd, startQuery } from '../../../test/support/coreEvents';
import { smallDisk } from '../../../test/support/smallDisk';
import type { TestCore } from '../../../test/support/testCore';
import { useTestSession } from '../../../test/support/useTestSession';
import type { ResolvedTarget } from './exportDelivery';

const SQL = `select range as n, range % 7 as g, CASE WHEN range % 5 = 0 THEN NULL ELSE 'Item ' || range END as s,
  DATE '2024-01-01' + (range % 40)::INTEGER as d, (range / 8)::DOUBLE as x from range(5000)`;
/** Big enough that a CSV export runs for a while on a small machine: something to cancel. */
const BIG_SQL = `select range as n, repeat('export ', 8) || range as s from range(6000000)`;

const READER: Readonly<Record<ExportFormat, (p: string) => string>> = {
  csv: (p) => `read_csv('${p}')`,
  parquet: (p) => `read_parquet('${p}')`,
  json: (p) => `read_json('${p}')`,
  ndjson: (p) => `read_json('${p}', format = 'newline_delimited')`,
};

/** Raw DuckDB, outside the app. */
async function raw<T = unknown[]>(sql: string): Promise<T[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const c = await instance.connect();
  try {
    return (await c.runAndReadAll(sql)).getRowsJS() as T[];
  } finally {
    c.closeSync();
    instance.closeSync();
  }
}

describe('exporting a result', () => {
  const app = useTestSession('all');
  let core: TestCore;
  let sessionId: string;
  let queryId: string;
  let out: string;
  const frames: ExportProgress[] = [];
  beforeAll(async () => {
    core = app.core();
    sessionId = app.sessionId();
    ({ queryId } = await app.run(SQL));
    out = mkdtempSync(join(tmpdir(), 'sextant-export-'));
    core.bus.subscribe((m) => m.kind === 'progress' && m.progress.kind === 'export' && frames.push(m.progress));
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  async function exportTo(target: ResolvedTarget, format: ExportFormat, view?: PageView, q = queryId) {
    const started = await core.exports.start({ sessionId, queryId: q, format, ...(view ? { view } : {}) }, target);
    if (!started.ok) throw new Error(`${started.error.code}: ${started.error.message}`);
    const exportId = started.value.exportId!;
    return { exportId, outcome: await core.exports.outcome(exportId) };
  }

  const exportedEvents = () => core.store.readAggregate('QuerySession', sessionId).filter((e) => e.type === 'ResultExported');

  it.each(exportFormats)('writes %s that raw DuckDB reads back with the same rows and types', async (format) => {
    const path = join(out, `all.${format}`);
    const { outcome } = await exportTo({ kind: 'file', path }, format);
    expect(outcome).toMatchObject({ ok: true, value: { rows: 5000, bytes: statSync(path).size, target: path } });
    const reader = READER[format](path);
    const diff = await raw(`(SELECT * FROM ${reader} EXCEPT ALL SELECT * FROM (${SQL})) UNION ALL (SELECT * FROM (${SQL}) EXCEPT ALL SELECT * FROM ${reader})`);
    expect(diff).toEqual([]);
    const types = await raw<[string, string]>(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM ${reader})`);
    expect(types).toEqual([
      ['n', 'BIGINT'],
      ['g', 'BIGINT'],
      ['s', 'VARCHAR'],
      ['d', 'DATE'],
      ['x', 'DOUBLE'],
    ]);
    // in the grid's order
    expect((await raw<[bigint]>(`SELECT n FROM ${reader} LIMIT 3`)).map((r) => Number(r[0]))).toEqual([0, 1, 2]);
    expect(readdirSync(out).filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  it('exports the result as the grid shows it: filtered and sorted', async () => {
    const path = join(out, 'view.parquet');
    const view: PageView = { filter: [{ column: 1, op: 'eq', value: '3' }], orderBy: [{ column: 4, descending: true }] };
    const { outcome } = await exportTo({ kind: 'file', path }, 'parquet', view);
    const expected = await raw(`select * from (${SQL}) where g = 3 order by x desc, n`);
    expect(outcome).toMatchObject({ ok: true, value: { rows: expected.length } });
    expect(await raw(`SELECT * FROM read_parquet('${path}')`)).toEqual(expected);
  });

  it('reports progress and ends with a done frame carrying the exact rows and bytes, recorded once as ResultExported', async () => {
    const before = exportedEvents().length;
    const path = join(out, 'progress.csv');
    const { exportId, outcome } = await exportTo({ kind: 'file', path }, 'csv');
    const mine = frames.filter((f) => f.exportId === exportId);
    expect(mine[0]).toMatchObject({ state: 'running', sessionId, queryId });
    expect(mine.at(-1)).toMatchObject({ state: 'done', rows: 5000, bytes: statSync(path).size });
    expect(outcome.ok).toBe(true);
    const events = exportedEvents().slice(before);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ aggregateId: sessionId, payload: { queryId, format: 'csv', target: path, rows: 5000, bytes: statSync(path).size } });
    const entry = core.projections.current.view.sessions[sessionId]!.history.find((h) => h.queryId === queryId);
    expect(entry?.exports?.at(-1)).toMatchObject({ format: 'csv', rows: 5000, target: path });
  });

  it('a download waits in the data dir for the web host, once', async () => {
    const { exportId, outcome } = await exportTo({ kind: 'download' }, 'ndjson');
    expect(outcome).toMatchObject({ ok: true, value: { target: 'download', download: { url: `/exports/${exportId}` } } });
    const d = core.downloads.take(exportId);
    expect(d && existsSync(d.path)).toBe(true);
    expect(d?.fileName).toMatch(/^Session 1 - select range as n.*\.ndjson$/);
    expect(core.downloads.take(exportId)).toBeUndefined();
  });

  it('cancel interrupts the COPY and leaves no partial file, and records nothing', async () => {
    const big = await startQuery(core, sessionId, BIG_SQL);
    await queryEnd(core, sessionId, big, 60_000);
    const before = exportedEvents().length;
    const dir = join(out, 'cancel');
    mkdirSync(dir);
    const started = await core.exports.start({ sessionId, queryId: big, format: 'csv' }, { kind: 'file', path: join(dir, 'big.csv') });
    if (!started.ok) throw new Error(started.error.message);
    const exportId = started.value.exportId!;
    // wait until the partial file really holds bytes
    await expect.poll(() => frames.some((f) => f.exportId === exportId && f.bytesWritten > 0), { timeout: 60_000 }).toBe(true);
    expect(readdirSync(dir).some((f) => f.endsWith('.part'))).toBe(true);
    expect(core.exports.cancel(exportId).ok).toBe(true);
    const outcome = await core.exports.outcome(exportId);
    expect(outcome).toMatchObject({ ok: false, error: { code: 'INTERRUPTED' } });
    expect(readdirSync(dir)).toEqual([]);
    expect(frames.filter((f) => f.exportId === exportId).at(-1)).toMatchObject({ state: 'cancelled' });
    expect(exportedEvents().length).toBe(before);
  }, 180_000);

  it('a folder that does not exist gives EXPORT_NOT_WRITABLE with an id, and leaves nothing', async () => {
    const { outcome } = await exportTo({ kind: 'file', path: join(out, 'missing', 'x.csv') }, 'csv');
    expect(outcome).toMatchObject({ ok: false, error: { code: 'EXPORT_NOT_WRITABLE' } });
    if (!outcome.ok) expect(outcome.error.id).toMatch(/[0-9a-f-]{36}/);
    expect(existsSync(join(out, 'missing'))).toBe(false);
  });

  it('a folder removed while the export runs gives EXPORT_NOT_WRITABLE and records nothing', async () => {
    const before = exportedEvents().length;
    const dir = join(out, 'vanishing');
    mkdirSync(dir);
    const started = await core.exports.start({ sessionId, queryId, format: 'parquet' }, { kind: 'file', path: join(dir, 'x.parquet') });
    if (!started.ok) throw new Error(started.error.message);
    rmSync(dir, { recursive: true, force: true });
    const outcome = await core.exports.outcome(started.value.exportId!);
    expect(outcome).toMatchObject({ ok: false, error: { code: 'EXPORT_NOT_WRITABLE' } });
    expect(existsSync(dir)).toBe(false);
    expect(exportedEvents().length).toBe(before);
  });

  it('a full disk (a real, full tmpfs) gives EXPORT_DISK_FULL and leaves no partial file', async (ctx) => {
    const disk = smallDisk('64k');
    if (!disk) return ctx.skip('this user cannot mount a tmpfs');
    try {
      const { outcome } = await exportTo({ kind: 'file', path: join(disk.dir, 'x.csv') }, 'csv');
      expect(outcome).toMatchObject({ ok: false, error: { code: 'EXPORT_DISK_FULL' } });
      expect(readdirSync(disk.dir)).toEqual([]);
    } finally {
      disk.undo();
    }
  });

  it('refuses a result that is not the session’s, or does not exist', async () => {
    const r = await core.exports.start({ sessionId: 'nope', queryId, format: 'csv' }, { kind: 'file', path: join(out, 'n.csv') });
    expect(r).toMatchObject({ ok: false, error: { code: 'RESULT_NOT_FOUND' } });
    const r2 = await core.exports.start({ sessionId, queryId: 'missing', format: 'csv' }, { kind: 'file', path: join(out, 'n.csv') });
    expect(r2).toMatchObject({ ok: false, error: { code: 'RESULT_NOT_FOUND' } });
    expect(await core.exports.outcome('missing')).toMatchObject({ ok: false, error: { code: 'EXPORT_NOT_FOUND' } });
  });
});
