import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from '@playwright/test';
import type { AppError } from '../src/shared/contracts/errors';
import { expect, test } from './fixtures';
import { apiClient, launchHost, readStore, sequenceProblems, type LaunchOptions } from './faultHost';

/**
 * A full disk, two ways: a file-size limit on the app's process (RLIMIT_FSIZE via `ulimit -f`; a
 * write past it fails with EFBIG, as on a full disk, for every file: the store, DuckDB's file, the
 * log), and, where this user may mount one, a real full tmpfs (ENOSPC). Either way the app says so
 * with an error id, stays up, and loses nothing it acknowledged; freed, it carries on.
 */

const LIMIT = 3 * 1024 * 1024;
const ERROR_ID = /^[0-9a-f-]{36}$/;

/** JSON lines of an earlier run, exactly `bytes` long. */
function logLines(bytes: number): string {
  const line = (pad: number) => `${JSON.stringify({ level: 30, msg: 'an earlier run', pad: 'p'.repeat(pad) })}\n`;
  const overhead = line(0).length;
  const full = line(1000);
  const count = Math.floor((bytes - overhead) / full.length);
  const text = full.repeat(count) + line(bytes - count * full.length - overhead);
  expect(text.length).toBe(bytes);
  return text;
}

interface Acked {
  readonly seq: number;
  readonly text: string;
}

test.beforeEach(() => {
  test.skip(test.info().project.name !== 'web', 'starts hosts of its own');
  test.skip(process.platform === 'win32', 'no ulimit or tmpfs on Windows');
});

/** Writes drafts until the store refuses even the smallest; returns what was acknowledged and the refusals. */
async function fillStore(url: string, sessionId: string): Promise<{ acked: Acked[]; refusals: AppError[] }> {
  const { api, close } = apiClient(url);
  const acked: Acked[] = [];
  const refusals: AppError[] = [];
  try {
    let size = 200_000;
    for (let i = 0; i < 400 && size > 0; i++) {
      const text = `draft ${i}`;
      const r = await api.dispatch({ type: 'SaveDraft', sessionId, sql: `-- ${text}\n${'x'.repeat(size)}` });
      if (r.ok) acked.push({ seq: r.value.lastSeq, text });
      else {
        refusals.push(r.error);
        size = size === 1 ? 0 : Math.floor(size / 4) || 1;
      }
    }
  } finally {
    close();
  }
  return { acked, refusals };
}

/**
 * What the store says when the disk refuses its write, word for word (docs/faults.md): ENOSPC is
 * SQLite's SQLITE_FULL; EFBIG past a file-size limit is an I/O error, as a failing disk's would be.
 */
const refusals = {
  full: (store: string) => ({
    code: 'STORE_FULL',
    message: `The disk holding the event store ${store} is full: nothing was stored. Free some space and try again; everything saved before is intact.`,
  }),
  refused: (store: string) => ({
    code: 'STORE_WRITE_FAILED',
    message: `The event store ${store} could not be written (the disk refused the write: it may be full or failing): nothing was stored. Free some space or check the disk, then try again; everything saved before is intact.`,
  }),
} as const;
type Refusal = ReturnType<(typeof refusals)[keyof typeof refusals]>;

/** The scenario both variants share, once the host runs on a disk that is about to be full. */
async function fullDisk(browser: Browser, dataDir: string, launch: LaunchOptions, expected: Refusal, free: () => void): Promise<void> {
  const host = await launchHost(dataDir, launch);
  const acked: Acked[] = [];
  let sessionId: string;
  let stopped: Awaited<ReturnType<typeof host.stop>> | undefined;
  try {
    const { api, close } = apiClient(host.url);
    const opened = await api.dispatch({ type: 'OpenSession', title: 'Before the disk filled' });
    if (!opened.ok) throw new Error(opened.error.message);
    sessionId = opened.value.aggregateId;
    acked.push({ seq: opened.value.lastSeq, text: 'Before the disk filled' });
    close();

    const filled = await fillStore(host.url, sessionId);
    acked.push(...filled.acked);
    expect(filled.acked.length, 'drafts stored before the disk filled').toBeGreaterThan(2);
    const [first] = filled.refusals;
    expect({ code: first?.code, message: first?.message }).toEqual(expected);
    expect(first?.id).toMatch(ERROR_ID);

    // What a person sees: running a query now is refused in the status bar, named, with the id to quote.
    const page = await browser.newPage();
    await page.goto(host.url);
    await page.getByRole('textbox', { name: 'SQL editor' }).fill('select 42');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(page.getByRole('status')).toContainText(`Query not saved: ${expected.message}`);
    // and so is a new session: the bar says which action the disk refused
    await page.getByRole('button', { name: 'New session' }).click();
    await expect(page.getByRole('status')).toContainText(`New session not saved: ${expected.message}`);
    await expect(page.getByRole('status')).toContainText(/error id [0-9a-f-]{36}/);
    await page.close();
    expect(host.child.exitCode, 'the app is still running').toBeNull();
    expect(host.child.signalCode).toBeNull();
  } finally {
    stopped = await host.stop();
  }
  // SIGTERM on a full disk ends the app by itself, not by the SIGKILL stop() sends after 15 s
  // (pino's flush at exit once retried the refused log write forever).
  expect(stopped?.signal).not.toBe('SIGKILL');

  // Nothing acknowledged was lost, and the file is sound.
  const { integrity, events } = readStore(join(dataDir, 'events.sqlite'));
  expect(integrity).toBe('ok');
  expect(sequenceProblems(events)).toEqual([]);
  const bySeq = new Map(events.map((e) => [e.global_seq, e]));
  expect(acked.filter((a) => !bySeq.get(a.seq)?.payload.includes(a.text)).map((a) => a.text)).toEqual([]);

  // Space freed: the app starts on the same store and works.
  free();
  const again = await launchHost(dataDir);
  try {
    const { api, close } = apiClient(again.url);
    const renamed = await api.dispatch({ type: 'RenameSession', sessionId, title: 'After space was freed' });
    expect(renamed.ok).toBe(true);
    close();
  } finally {
    await again.stop();
  }
}

test('a full disk (file-size limit): the store refuses with STORE_WRITE_FAILED and its message, DuckDB and the log refuse writes; the app says so with ids, stays up and loses nothing acknowledged', async ({ browser }) => {
  test.setTimeout(120_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'sextant-full-'));
  try {
    // The log is all but full before the app starts: its next lines fail, which must not take the app down.
    mkdirSync(join(dataDir, 'logs'));
    writeFileSync(join(dataDir, 'logs', 'sextant.log'), logLines(LIMIT - 300));

    // First, a result too big for DuckDB's file: the query fails cleanly with an id, the next one runs.
    const host = await launchHost(dataDir, { fileSizeLimitBytes: LIMIT });
    try {
      const { api, close } = apiClient(host.url);
      const opened = await api.dispatch({ type: 'OpenSession', title: 'Big result' });
      const sessionId = opened.ok ? opened.value.aggregateId : '';
      const big = await api.dispatch({ type: 'StartQuery', sessionId, sql: 'select range, md5(range::varchar) || md5((range * 7)::varchar) as pad from range(400000)' });
      const queryId = big.ok ? big.value.queryId! : '';
      await expect.poll(async () => ((r) => (r.ok ? 'ok' : r.error.code))(await api.fetchPage(queryId, 0, 1)), { timeout: 30_000 }).not.toMatch(/^(ok|RESULT_INCOMPLETE)$/);
      const page = await api.fetchPage(queryId, 0, 1);
      expect(page.ok).toBe(false);
      if (!page.ok) {
        expect(page.error.id).toMatch(ERROR_ID);
        expect(page.error.message).toMatch(/Could not write file .*workspace\.duckdb.*File too large/);
      }
      const small = await api.dispatch({ type: 'StartQuery', sessionId, sql: 'select 6 * 7 as answer' });
      await expect.poll(async () => ((r) => (r.ok ? r.value.values : r.error.code))(await api.fetchPage(small.ok ? small.value.queryId! : '', 0, 1)), { timeout: 30_000 }).toEqual([['42']]);
      close();
      expect(host.stderr()).toMatch(/^Sextant cannot write its log .*sextant\.log: .*(EFBIG|too large)/m);
      expect(host.stderr().match(/cannot write its log/g)).toHaveLength(1);
    } finally {
      await host.stop();
    }

    // Then the event store itself fills.
    await fullDisk(browser, dataDir, { fileSizeLimitBytes: LIMIT }, refusals.refused(join(dataDir, 'events.sqlite')), () => {});
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('a full disk (a real, full tmpfs): the store refuses with STORE_FULL and an id, and loses nothing acknowledged', async ({ browser }) => {
  test.setTimeout(120_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'sextant-tmpfs-'));
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=6m', 'tmpfs', dataDir]).status === 0;
  if (!mounted) console.log('[faults-disk] tmpfs variant skipped: this user cannot mount a tmpfs (the file-size-limit variant covers a full disk)');
  test.skip(!mounted, 'cannot mount a tmpfs here');
  try {
    await fullDisk(browser, dataDir, {}, refusals.full(join(dataDir, 'events.sqlite')), () => {
      expect(spawnSync('mount', ['-o', 'remount,size=64m', dataDir]).status).toBe(0);
    });
  } finally {
    spawnSync('umount', [dataDir]);
    rmSync(dataDir, { recursive: true, force: true });
  }
});
