import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { StreamClient } from '../src/renderer/state/streamClient';
import { expect, test } from './fixtures';
import { apiClient, launchHost, readStore, sequenceProblems, type StoredEvent } from './faultHost';

const ROUNDS = Number(process.env['KILL_ROUNDS'] ?? 2);
/** Runs for minutes unless interrupted: still running when the app is killed. */
const LONG_SQL = 'select count(*) from range(20000000000) t(x) where x % 7 = 3';

interface Ack {
  readonly seq: number;
  readonly aggregateId: string;
  readonly type: 'SessionRenamed' | 'DraftSaved';
  readonly text: string;
}

test.beforeEach(() => {
  test.skip(test.info().project.name !== 'web', 'kills hosts of its own');
});

test(`kill -9 of the app while queries run and commands are written (${ROUNDS} rounds): nothing acknowledged is lost, interrupted queries fail as INTERRUPTED, the store passes integrity_check`, async ({ browser }) => {
  test.setTimeout(60_000 + ROUNDS * 30_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'sextant-kill-'));
  const storePath = join(dataDir, 'events.sqlite');
  const acked: Ack[] = [];
  const started: { sessionId: string; queryId: string; round: number }[] = [];
  let querySessions: string[] = [];
  let writerSessions: string[] = [];
  const problems: string[] = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const host = await launchHost(dataDir);
      const { api, close } = apiClient(host.url);
      const stream = new StreamClient(api, ['session/*'], undefined);
      const cleanups: (() => void)[] = [close];
      try {
        await expect.poll(() => stream.getState().live, { message: 'the client goes live' }).toBe(true);
        if (round === 0) {
          const open = async (title: string) => {
            const r = await api.dispatch({ type: 'OpenSession', title });
            if (!r.ok) throw new Error(r.error.message);
            return r.value.aggregateId;
          };
          querySessions = [await open('Query A'), await open('Query B')];
          writerSessions = [await open('Writer 1'), await open('Writer 2'), await open('Writer 3'), await open('Writer 4')];
        }
        // Queries of the previous round were failed as INTERRUPTED when this host started.
        for (const q of started.filter((s) => s.round === round - 1)) {
          const entry = stream.getState().view.sessions[q.sessionId]?.history.find((h) => h.queryId === q.queryId);
          expect(entry?.phase, `query of round ${q.round} after the restart`).toBe('Failed');
          expect(entry?.error?.code).toBe('INTERRUPTED');
        }
        // Two long queries, running on DuckDB when the kill comes.
        for (const sessionId of querySessions) {
          const r = await api.dispatch({ type: 'StartQuery', sessionId, sql: LONG_SQL });
          expect(r.ok).toBe(true);
          if (r.ok) started.push({ sessionId, queryId: r.value.queryId!, round });
        }
        await expect
          .poll(() => started.filter((s) => s.round === round).every((q) => stream.getState().view.sessions[q.sessionId]?.history.some((h) => h.queryId === q.queryId && h.phase === 'Executing')), {
            message: 'both queries are running',
          })
          .toBe(true);

        // Four writers, each a window of its own (its own socket), waiting for each acknowledgement before the next command.
        let killed = false;
        const roundStart = acked.length;
        const windows = writerSessions.map(() => apiClient(host.url));
        cleanups.push(...windows.map((w) => w.close));
        const writers = writerSessions.map(async (sessionId, w) => {
          const client = windows[w]!.api;
          for (let i = 0; !killed; i++) {
            const text = `r${round} w${w} #${i}`;
            const rename = i % 2 === 0;
            const r = await client.dispatch(rename ? { type: 'RenameSession', sessionId, title: text } : { type: 'SaveDraft', sessionId, sql: `select '${text}'` });
            if (r.ok) acked.push({ seq: r.value.lastSeq, aggregateId: sessionId, type: rename ? 'SessionRenamed' : 'DraftSaved', text });
            else if (r.error.code !== 'DISCONNECTED') problems.push(`round ${round}: ${r.error.code} ${r.error.message}`);
          }
        });
        await sleep(400 + Math.random() * 800);
        // a loaded machine may not have acknowledged one yet: the kill must land among acknowledged writes
        await expect.poll(() => acked.length - roundStart, { message: 'a command of this round acknowledged' }).toBeGreaterThan(0);
        await host.kill9();
        killed = true;
        expect(host.child.signalCode).toBe('SIGKILL');
        expect(acked.length - roundStart, 'commands acknowledged in this round before the kill').toBeGreaterThan(0);
        await Promise.all(writers);
      } finally {
        cleanups.forEach((c) => c());
        if (host.child.exitCode === null && host.child.signalCode === null) await host.kill9();
      }

      // The process is dead: raw SQLite may open the file now.
      const { integrity, events } = readStore(storePath);
      expect(integrity).toBe('ok');
      expect(sequenceProblems(events)).toEqual([]);
      const bySeq = new Map<number, StoredEvent>(events.map((e) => [e.global_seq, e]));
      const lost = acked.filter((a) => {
        const e = bySeq.get(a.seq);
        return !e || e.aggregate_id !== a.aggregateId || e.event_type !== a.type || !e.payload.includes(a.text);
      });
      expect(lost, 'acknowledged commands missing after kill -9').toEqual([]);
      // …and there exactly once.
      const written = new Map<string, number>();
      for (const e of events) {
        const p = JSON.parse(e.payload) as { title?: string; sql?: string };
        const text = e.event_type === 'SessionRenamed' ? p.title : e.event_type === 'DraftSaved' ? /^select '(.*)'$/.exec(p.sql ?? '')?.[1] : undefined;
        if (text !== undefined) written.set(text, (written.get(text) ?? 0) + 1);
      }
      expect(acked.filter((a) => written.get(a.text) !== 1).map((a) => `${a.text}: ${written.get(a.text) ?? 0}`)).toEqual([]);
    }
    expect(problems).toEqual([]);
    expect(acked.length).toBeGreaterThan(ROUNDS * 10);

    // One more start: the last round's queries are failed too, and a person sees it.
    const host = await launchHost(dataDir);
    try {
      const page = await browser.newPage();
      await page.goto(host.url);
      await page.getByRole('tablist', { name: 'Sessions' }).getByRole('tab', { name: 'Query A' }).click();
      await expect(page.getByRole('status')).toContainText('Failed: Sextant stopped while this query was running.');
      await expect(page.getByRole('list', { name: 'Query history' }).getByRole('listitem')).toHaveCount(ROUNDS);
      await page.close();
    } finally {
      await host.stop();
    }
    const { integrity, events } = readStore(storePath);
    expect(integrity).toBe('ok');
    const failed = new Map(
      events
        .filter((e) => e.event_type === 'QueryFailed')
        .map((e) => JSON.parse(e.payload) as { queryId: string; error: { code: string; id: string } })
        .map((p) => [p.queryId, p.error] as const),
    );
    for (const q of started) {
      expect(failed.get(q.queryId)?.code, `query of round ${q.round}`).toBe('INTERRUPTED');
      expect(failed.get(q.queryId)?.id).toMatch(/^[0-9a-f-]{36}$/);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
