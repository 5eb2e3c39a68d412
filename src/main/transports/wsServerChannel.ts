import type { RawData, WebSocket } from 'ws';
import type { ServerChannel } from './serverChannel';

/** The WebSocket transport: one socket is one connection; its bufferedAmount is the byte backlog. */
export function wsServerChannel(ws: WebSocket): ServerChannel {
  return {
    send: (text) => {
      if (ws.readyState === ws.OPEN) ws.send(text);
    },
    backlogBytes: () => ws.bufferedAmount,
    onMessage: (listener) => {
      ws.on('message', (data: RawData, isBinary: boolean) => listener(isBinary ? undefined : rawText(data)));
    },
    onClose: (listener) => {
      ws.on('close', listener);
      ws.on('error', listener);
    },
  };
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(data).toString('utf8');
}
