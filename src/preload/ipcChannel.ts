import { IPC_TO_MAIN, IPC_TO_RENDERER } from '../shared/contracts/ipcChannels';
import type { ClientChannel } from '../shared/contracts/protocol';

/** The part of Electron's ipcRenderer the preload uses (tests pass a fake). */
export interface IpcRendererLike {
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/**
 * Electron IPC as the client's channel: one fixed channel each way, JSON text only (the same
 * messages the WebSocket carries). It lives as long as the window, so it never drops.
 */
export function createIpcChannel(ipc: IpcRendererLike): ClientChannel {
  return {
    send: (text) => {
      ipc.send(IPC_TO_MAIN, text);
      return true;
    },
    onMessage: (listener) => {
      ipc.on(IPC_TO_RENDERER, (_event, text) => {
        if (typeof text === 'string') listener(text);
      });
    },
    onConnection: (listener) => queueMicrotask(() => listener(true)),
    isConnected: () => true,
  };
}
