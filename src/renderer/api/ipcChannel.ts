import type { ClientChannel, PreloadBridge } from '../../shared/contracts/protocol';

/** Electron: the preload's bridge as a ClientChannel. IPC lives as long as the window: it never drops. */
export function createIpcChannel(bridge: PreloadBridge): ClientChannel {
  return {
    send: (text) => {
      bridge.send(text);
      return true;
    },
    onMessage: (listener) => void bridge.onMessage(listener),
    onConnection: (listener) => queueMicrotask(() => listener(true)),
    isConnected: () => true,
  };
}
