import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Frame } from '../shared/contracts/frames';
import { IPC_TO_MAIN, IPC_TO_RENDERER } from '../shared/contracts/ipcChannels';
import type { ClientMessage, ServerMessage } from '../shared/contracts/protocol';
import { createDesktopApi } from './desktopApi';
import type { IpcRendererLike } from './ipcChannel';

/** ipcRenderer as main would drive it: records what the preload sends, and delivers main's messages. */
class FakeIpc implements IpcRendererLike {
  readonly sent: { channel: string; args: unknown[] }[] = [];
  private readonly listeners = new Map<string, ((event: unknown, ...args: unknown[]) => void)[]>();
  send(channel: string, ...args: unknown[]) {
    this.sent.push({ channel, args });
  }
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void) {
    this.listeners.set(channel, [...(this.listeners.get(channel) ?? []), listener]);
    return this;
  }
  fromMain(payload: unknown) {
    for (const l of this.listeners.get(IPC_TO_RENDERER) ?? []) l({}, payload);
  }
  messages(): ClientMessage[] {
    return this.sent.map((s) => JSON.parse(s.args[0] as string) as ClientMessage);
  }
  channelsListened(): string[] {
    return [...this.listeners.keys()];
  }
}

const respond = (ipc: FakeIpc, id: number, value: unknown) =>
  ipc.fromMain(JSON.stringify({ type: 'response', id, result: { ok: true, value } } satisfies ServerMessage));

describe('the preload’s window.sextant', () => {
  afterEach(() => vi.useRealTimers());

  it('is the typed API and nothing more: no ipcRenderer, no raw send, no channel names', () => {
    const api = createDesktopApi(new FakeIpc(), () => '');
    expect(Object.keys(api).sort()).toEqual(['cancelChart', 'cancelExport', 'cancelPreview', 'cancelProfile', 'chartData', 'datasetsNotHere', 'dispatch', 'exportOutcome', 'exportSession', 'fetchPage', 'importChunk', 'importSession', 'locateDataset', 'onConnection', 'onFrame', 'pathForFile', 'pivotPage', 'previewSql', 'profileColumns', 'sessionAt', 'startExport', 'subscribe', 'timeline', 'unsubscribe']);
    expect(Object.values(api).every((v) => typeof v === 'function')).toBe(true);
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('a call travels as one protocol message on the one fixed channel, and resolves with main’s answer', async () => {
    const ipc = new FakeIpc();
    const api = createDesktopApi(ipc, () => '');
    const pending = api.dispatch({ type: 'RenameSession', sessionId: 's1', title: 'Sales' });
    expect(ipc.sent.map((s) => s.channel)).toEqual([IPC_TO_MAIN]);
    expect(ipc.sent[0]!.args).toHaveLength(1);
    const [message] = ipc.messages();
    expect(message).toEqual({ id: 1, request: { method: 'dispatch', command: { type: 'RenameSession', sessionId: 's1', title: 'Sales' } } });
    respond(ipc, 1, { aggregateId: 's1', lastSeq: 7 });
    expect(await pending).toEqual({ ok: true, value: { aggregateId: 's1', lastSeq: 7 } });
  });

  it('main’s frames reach the page’s listeners, are acknowledged, and anything but text from IPC is ignored', () => {
    vi.useFakeTimers(); // the ack waits on a timer: run it, and every timer after it, without waiting
    const ipc = new FakeIpc();
    const api = createDesktopApi(ipc, () => '');
    const seen: Frame[] = [];
    api.onFrame((f) => seen.push(f));
    ipc.fromMain({ type: 'frames', frames: [] }); // an object, not text: dropped
    ipc.fromMain(JSON.stringify({ type: 'frames', frames: [{ kind: 'live', subscriptionId: 'a', seq: 3, storeId: '' }] } satisfies ServerMessage));
    expect(seen).toEqual([{ kind: 'live', subscriptionId: 'a', seq: 3, storeId: '' }]);
    expect(ipc.messages()).toEqual([]); // acknowledged in batches, not frame by frame
    vi.runAllTimers();
    expect(ipc.messages()).toEqual([{ request: { method: 'ack', received: 1 } }]);
    expect(ipc.channelsListened()).toEqual([IPC_TO_RENDERER]);
  });

  it('reports itself connected, and hands a dropped file to Electron’s path lookup', async () => {
    const files: File[] = [];
    const api = createDesktopApi(new FakeIpc(), (file) => {
      files.push(file);
      return '/data/trips.csv';
    });
    const connected = await new Promise<boolean>((resolve) => api.onConnection(resolve));
    expect(connected).toBe(true);
    const dropped = new File(['a,b'], 'trips.csv');
    expect(api.pathForFile(dropped)).toBe('/data/trips.csv');
    expect(files).toEqual([dropped]);
  });
});
