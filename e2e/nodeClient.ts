import WebSocket from 'ws';
import type { EventType } from '../src/shared/contracts/events';
import type { SextantApi } from '../src/shared/contracts/protocol';
import { openSessions, type SessionView } from '../src/shared/views/appView';
import { createApiClient } from '../src/shared/client/apiClient';
import { createWsChannel } from '../src/renderer/api/wsChannel';
import { StreamClient } from '../src/renderer/state/streamClient';
import { expect } from './fixtures';

const channelTo = (url: string) => {
  const { port, searchParams } = new URL(url);
  return createWsChannel(`ws://127.0.0.1:${port}/ws?token=${searchParams.get('token')}`, {
    WebSocket: WebSocket as unknown as NonNullable<Parameters<typeof createWsChannel>[1]>['WebSocket'],
  });
};

/**
 * Another client of a running host, from Node: the renderer's own API client and stream client
 * over the `ws` package. Acts on the app the way a second window would.
 */
export async function nodeClient(url: string): Promise<{ api: SextantApi; stream: StreamClient; sessions(): SessionView[]; close(): void }> {
  const channel = channelTo(url);
  const api = createApiClient(channel);
  const stream = new StreamClient(api, ['session/*', 'catalog']);
  await expect.poll(() => stream.getState().live, { message: 'the Node client goes live' }).toBe(true);
  return { api, stream, sessions: () => openSessions(stream.getState().view), close: () => channel.close() };
}


/**
 * How many events of a type the running host's log holds, asked over the protocol (the host holds
 * its store file exclusively): a subscription replayed from the start, counted until it goes live.
 */
export async function countStoredEvents(url: string, type: EventType, pattern = 'session/*'): Promise<number> {
  const channel = channelTo(url);
  const api = createApiClient(channel);
  let count = 0;
  let live = false;
  api.onFrame((frame) => {
    if (frame.kind === 'event' && frame.event.type === type) count++;
    if (frame.kind === 'live') live = true;
  });
  try {
    const subscribed = await api.subscribe('count', pattern, { afterSeq: 0 });
    expect(subscribed.ok).toBe(true);
    await expect.poll(() => live, { message: 'the replay reaches live' }).toBe(true);
    return count;
  } finally {
    channel.close();
  }
}
