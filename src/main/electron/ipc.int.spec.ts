import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import type { WebContentsDidStartNavigationEventParams, WebFrameMain } from 'electron';
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { IPC_TO_MAIN, IPC_TO_RENDERER } from '../../shared/contracts/ipcChannels';
import { MAX_MESSAGE_BYTES } from '../../shared/contracts/limits';
import type { ServerMessage } from '../../shared/contracts/protocol';
import { openSessions } from '../../shared/views/appView';
import { answersTo, HOSTILE_COUNT as COUNT, HOSTILE_SEED as SEED, hostileMessages, whyWrong, type Response } from '../../../test/faults/hostileMessages';
import { startTestCore, tempDir, type TestCore } from '../../../test/support/testCore';
import type { ClientConnection } from '../core/clientConnection';
import type { ServerChannel } from '../transports/serverChannel';
import { registerIpc, type IpcContents, type IpcEvent, type IpcMainLike } from './ipc';

/** A window's WebContents: records what main sends it, and can navigate or be destroyed. */
class FakeContents implements IpcContents {
  private static nextId = 1;
  readonly id = FakeContents.nextId++;
  readonly replies: ServerMessage[] = [];
  readonly sentOn = new Set<string>();
  private destroyed = false;
  private readonly onDestroyed: (() => void)[] = [];
  private readonly onNavigation: ((details: Pick<WebContentsDidStartNavigationEventParams, 'isMainFrame' | 'isSameDocument'>) => void)[] = [];

  send(channel: string, ...args: unknown[]): void {
    this.sentOn.add(channel);
    this.replies.push(JSON.parse(args[0] as string) as ServerMessage);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  once(_event: 'destroyed', listener: () => void): this {
    this.onDestroyed.push(listener);
    return this;
  }
  on(_event: 'did-start-navigation', listener: (details: Pick<WebContentsDidStartNavigationEventParams, 'isMainFrame' | 'isSameDocument'>) => void): this {
    this.onNavigation.push(listener);
    return this;
  }
  /** Listeners registerIpc left on this window (a real WebContents keeps them as long as the window lives). */
  get listenerCount(): number {
    return this.onDestroyed.length + this.onNavigation.length;
  }
  navigate(details: { isMainFrame: boolean; isSameDocument: boolean }): void {
    this.onNavigation.forEach((l) => l(details));
  }
  destroy(): void {
    this.destroyed = true;
    this.onDestroyed.splice(0).forEach((l) => l());
  }
}

/** A frame as Electron describes the sender: its URL, and its parent (null for the window's own document). */
const frame = (url: string, parent: WebFrameMain | null = null): IpcEvent['senderFrame'] => ({ url, parent });
const APP = 'app://sextant/index.html';
const top = frame(APP);
// Only whether a parent exists matters; a stand-in top frame is enough to be one.
const subframe = frame(APP, top as WebFrameMain);

/** ipcMain: what registerIpc listens on, and a way to deliver a message as a renderer frame sends it. */
class FakeIpcMain implements IpcMainLike {
  private readonly listeners = new Map<string, ((event: IpcEvent, ...args: unknown[]) => void)[]>();
  on(channel: string, listener: (event: IpcEvent, ...args: unknown[]) => void): this {
    this.listeners.set(channel, [...(this.listeners.get(channel) ?? []), listener]);
    return this;
  }
  emit(sender: IpcContents, senderFrame: IpcEvent['senderFrame'], ...args: unknown[]): void {
    for (const l of this.listeners.get(IPC_TO_MAIN) ?? []) l({ sender, senderFrame }, ...args);
  }
  channels(): string[] {
    return [...this.listeners.keys()];
  }
}

const call = (id: number, request: unknown): string => JSON.stringify({ id, request });
const responses = (contents: FakeContents): Response[] => contents.replies.filter((m): m is Response => m.type === 'response');

describe('Electron IPC as registerIpc wires it (ipcMain, WebContents and frames stood in for)', () => {
  let dir: ReturnType<typeof tempDir>;
  let core: TestCore;
  let ipc: FakeIpcMain;
  let warnings: { msg: string; url?: string }[];
  let connections: ClientConnection[];

  beforeEach(async () => {
    dir = tempDir();
    core = await startTestCore(dir.path);
    ipc = new FakeIpcMain();
    warnings = [];
    connections = [];
    const log = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(JSON.parse(line) as { msg: string }) });
    registerIpc(
      ipc,
      {
        log,
        connect: (channel: ServerChannel) => {
          connections.push(core.connect(channel));
        },
      },
      {},
    );
  });
  afterEach(async () => {
    await core.close();
    dir.remove();
  });

  it('listens on the one channel, and answers the window on the other', async () => {
    const window = new FakeContents();
    const opened = await answersTo(
      () => window.replies,
      () => ipc.emit(window, top, call(1, { method: 'dispatch', command: { type: 'OpenSession', title: 'Over IPC' } })),
    );
    expect(ipc.channels()).toEqual([IPC_TO_MAIN]);
    expect([...window.sentOn]).toEqual([IPC_TO_RENDERER]);
    expect(opened[0]).toMatchObject({ id: 1, result: { ok: true } });
    expect(core.projections.current.view.sessions).not.toEqual({});
  });

  it('acts on nothing from a subframe, a foreign page or a frame already gone: no answer, no connection, a warning', async () => {
    const window = new FakeContents();
    const before = core.store.lastSeq();
    const open = call(1, { method: 'dispatch', command: { type: 'OpenSession', title: 'Forged' } });
    const senders = [
      subframe,
      frame('https://evil.example/'),
      frame('file:///home/me/evil.html'),
      frame('app://sextant.evil/index.html'),
      frame('http://127.0.0.1:5173/'), // a dev server this run does not use
      null,
    ];
    for (const sender of senders) ipc.emit(window, sender, open);
    expect(connections).toEqual([]);
    // Then a request from the window's own document. A timeline is answered only once the commands
    // its connection was sent before it have settled, so had a forged one been let in, its answer
    // and its event would be here by then.
    const sessionId = openSessions(core.projections.current.view)[0]!.id;
    const barrier = await answersTo(
      () => window.replies,
      () => ipc.emit(window, top, call(2, { method: 'timeline', sessionId })),
    );
    expect(barrier).toMatchObject([{ id: 2, result: { ok: true } }]);
    expect(window.replies).toEqual(barrier);
    expect(connections).toHaveLength(1);
    expect(core.store.lastSeq()).toBe(before);
    expect(warnings.map((w) => w.msg)).toEqual(senders.map(() => 'IPC from a frame that is not Sextant was refused'));
  });

  it('refuses what is not text, under id -1 with an error id, and keeps serving the window', async () => {
    const window = new FakeContents();
    for (const payload of [{ id: 1, request: { method: 'unsubscribe', subscriptionId: 'x' } }, 42, null, undefined, Buffer.from(call(1, {})), [call(1, {})]]) {
      const answers = await answersTo(
        () => window.replies,
        () => ipc.emit(window, top, payload),
      );
      expect(answers).toHaveLength(1);
      expect(answers[0]).toMatchObject({ id: -1, result: { ok: false, error: { code: 'INVALID_COMMAND', message: 'Malformed message refused: not text.' } } });
      expect(answers[0]!.result.ok ? '' : answers[0]!.result.error.id).toMatch(/^[0-9a-f-]{36}$/);
    }
    const still = await answersTo(
      () => window.replies,
      () => ipc.emit(window, top, call(7, { method: 'unsubscribe', subscriptionId: 'x' })),
    );
    expect(still).toEqual([{ type: 'response', id: 7, result: { ok: true, value: { subscriptionId: 'x' } } }]);
  });

  it('gives a malformed request its own id back, with an error id', async () => {
    const window = new FakeContents();
    const answers = await answersTo(
      () => window.replies,
      () => ipc.emit(window, top, call(42, { method: 'dispatch', command: { type: 'CompleteQuery', sessionId: 'a', queryId: 'b', rowCount: 1, columns: [], durationMs: 1 } })),
    );
    expect(answers).toHaveLength(1);
    expect(answers[0]).toMatchObject({ id: 42, result: { ok: false, error: { code: 'INVALID_COMMAND' } } });
    expect(answers[0]!.result.ok ? '' : answers[0]!.result.error.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('counts the size limit in UTF-8 bytes, as the client does: 600,000 “é” are refused though fewer characters than the limit', async () => {
    const window = new FakeContents();
    const text = call(1, { method: 'dispatch', command: { type: 'SaveDraft', sessionId: 's', sql: 'é'.repeat(600_000) } });
    expect(text.length).toBeLessThan(MAX_MESSAGE_BYTES);
    const answers = await answersTo(
      () => window.replies,
      () => ipc.emit(window, top, text),
    );
    expect(answers[0]).toMatchObject({ id: -1, result: { ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } } });
  });

  it('starts a new connection when the window loads a new document, and ends it when the window is destroyed', async () => {
    const window = new FakeContents();
    const subscribe = (id: number) => call(id, { method: 'subscribe', subscriptionId: 'all', pattern: 'session/*' });
    await answersTo(
      () => window.replies,
      () => ipc.emit(window, top, subscribe(1)),
    );
    expect(connections).toHaveLength(1);
    expect(connections[0]!.subscriptionCount).toBe(1);

    window.navigate({ isMainFrame: false, isSameDocument: false }); // an iframe navigating: same connection
    window.navigate({ isMainFrame: true, isSameDocument: true }); // a hash change: same document
    expect(connections[0]!.subscriptionCount).toBe(1);
    window.navigate({ isMainFrame: true, isSameDocument: false }); // a reload: its subscriptions must not carry over
    expect(connections[0]!.subscriptionCount).toBe(0);

    await answersTo(
      () => window.replies,
      () => ipc.emit(window, top, subscribe(2)),
    );
    expect(connections).toHaveLength(2);
    expect(connections[1]!.subscriptionCount).toBe(1);
    window.destroy();
    expect(connections[1]!.subscriptionCount).toBe(0);
  });

  it('leaves the same listeners on a window however often it reloads (none keeps an old connection alive)', async () => {
    const window = new FakeContents();
    const reload = async (n: number) => {
      await answersTo(
        () => window.replies,
        () => ipc.emit(window, top, call(n, { method: 'subscribe', subscriptionId: 'all', pattern: 'session/*' })),
      );
      window.navigate({ isMainFrame: true, isSameDocument: false });
    };
    await reload(1);
    const once = window.listenerCount;
    for (let n = 2; n <= 20; n++) await reload(n);
    expect(connections).toHaveLength(20);
    expect(connections.every((c) => c.subscriptionCount === 0)).toBe(true);
    expect(window.listenerCount).toBe(once);
  });

  it(`answers ${COUNT} hostile messages (seed ${SEED}) from the app's own frame each with an error id under the right id, changes nothing, and keeps serving`, async () => {
    const window = new FakeContents();
    const before = JSON.stringify(core.store.readAfter(0, 1_000_000));
    const messages = hostileMessages(SEED, COUNT);
    expect(new Set(messages.map((m) => m.kind)).size).toBeGreaterThanOrEqual(25);

    const unexpected: string[] = [];
    for (const m of messages) {
      // IPC carries whatever a renderer passes: bytes arrive as a Uint8Array, not text.
      const payload = typeof m.payload === 'string' ? m.payload : m.payload.binary;
      const answers = await answersTo(
        () => window.replies,
        () => ipc.emit(window, top, payload),
      );
      const problem = whyWrong(m, answers.length, answers[0]);
      if (problem) unexpected.push(`${m.kind}: ${problem}`);
    }
    expect([...new Set(unexpected)]).toEqual([]);
    expect(responses(window).length).toBe(messages.length);
    expect(JSON.stringify(core.store.readAfter(0, 1_000_000))).toBe(before);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(connections).toHaveLength(1);

    const after = await answersTo(
      () => window.replies,
      () => ipc.emit(window, top, call(1, { method: 'dispatch', command: { type: 'OpenSession', title: 'After' } })),
    );
    expect(after[0]?.result.ok).toBe(true);
  }, 120_000);
});

describe('the desktop’s save and open dialogs, as registerIpc hands them to a window’s connection', () => {
  let dir: ReturnType<typeof tempDir>;
  let core: TestCore;
  let ipc: FakeIpcMain;
  /** What each dialog was asked, by which window, and what the person "chose" (undefined: dismissed). */
  const asked: string[] = [];
  let choice: string | undefined;

  beforeEach(async () => {
    dir = tempDir();
    core = await startTestCore(dir.path);
    ipc = new FakeIpcMain();
    asked.length = 0;
    registerIpc(
      ipc,
      { log: pino({ level: 'silent' }), connect: (channel, host) => core.connect(channel, host) },
      {},
      async (contentsId, suggestedName) => (asked.push(`save ${contentsId} ${suggestedName}`), choice),
      () => undefined,
      async (contentsId) => (asked.push(`open ${contentsId}`), choice),
      async (contentsId, name) => (asked.push(`locate ${contentsId} ${name}`), choice),
    );
  });
  afterEach(async () => {
    await core.close();
    dir.remove();
  });

  const ask = async (window: FakeContents, id: number, request: unknown): Promise<Response> => {
    const [answer] = await answersTo(() => window.replies, () => ipc.emit(window, top, call(id, request)), 30_000);
    if (!answer) throw new Error('no answer');
    return answer;
  };

  it('exports to the path the asking window’s save dialog names, imports the file its open dialog names, and does nothing when either is dismissed', async () => {
    const window = new FakeContents();
    const opened = await ask(window, 1, { method: 'dispatch', command: { type: 'OpenSession', title: 'Dialogs' } });
    const sessionId = (opened.result as { ok: true; value: { aggregateId: string } }).value.aggregateId;
    // A folder of the person's, not the data folder (an export into that is refused).
    const documents = tempDir();
    onTestFinished(() => documents.remove());
    const log = join(documents.path, 'chosen.sextant.ndjson');

    choice = undefined;
    const dismissed = await ask(window, 2, { method: 'exportSession', sessionId, format: 'eventLog', target: { kind: 'saveDialog' } });
    expect(dismissed.result).toEqual({ ok: true, value: {} });
    expect(existsSync(log)).toBe(false);

    choice = log;
    const saved = await ask(window, 3, { method: 'exportSession', sessionId, format: 'eventLog', target: { kind: 'saveDialog' } });
    expect(saved.result).toMatchObject({ ok: true, value: { outcome: { format: 'eventLog', target: log } } });
    expect(readFileSync(log, 'utf8')).toContain(sessionId);

    const imported = await ask(window, 4, { method: 'importSession', source: { kind: 'openDialog' } });
    // The same session's log, read by main from the path the dialog gave: already here, nothing added.
    expect(imported.result).toMatchObject({ ok: true, value: { outcome: { sessionId, alreadyImported: true, appended: 0 } } });
    choice = undefined;
    expect((await ask(window, 5, { method: 'importSession', source: { kind: 'openDialog' } })).result).toEqual({ ok: true, value: {} });

    expect(asked).toEqual([expect.stringMatching(new RegExp(`^save ${window.id} .+\\.sextant\\.ndjson$`)), expect.stringMatching(new RegExp(`^save ${window.id} `)), `open ${window.id}`, `open ${window.id}`]);
  });
});
