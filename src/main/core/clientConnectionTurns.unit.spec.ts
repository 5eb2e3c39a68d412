import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { ok } from '../../shared/contracts/errors';
import type { ServerMessage } from '../../shared/contracts/protocol';
import { silentLogger } from '../platform/logger';
import type { ServerChannel } from '../transports/serverChannel';
import { serveConnection, type ConnectionServices } from './clientConnection';

/** A connection whose messages the test hands over as one socket read does: many, synchronously. */
function fakeChannel(answered: (m: ServerMessage) => void): ServerChannel & { receive(text: string): void; close(): void } {
  let listener: (text: string | undefined) => void = () => {};
  let closed: () => void = () => {};
  return {
    send: (text) => answered(JSON.parse(text) as ServerMessage),
    backlogBytes: () => 0,
    onMessage: (l) => void (listener = l),
    onClose: (l) => void (closed = l),
    receive: (text) => listener(text),
    close: () => closed(),
  };
}

const busyFor = (ms: number): void => {
  const end = performance.now() + ms;
  while (performance.now() < end);
};

it('one client’s burst of requests does not hold main: another connection is answered before the burst is', async () => {
  const services = {
    log: silentLogger(),
    view: () => ({}),
    // A read that costs main 2 ms of synchronous work (a timeline reads the session's events from SQLite).
    timeline: (sessionId: string) => {
      busyFor(2);
      return Promise.resolve(ok({ entries: [], total: 0, sessionId }));
    },
  } as unknown as ConnectionServices;
  const stormAnswers: ServerMessage[] = [];
  /** How much of the burst had been answered when the other connection was. */
  let otherAnsweredAfter: number | undefined;
  const storm = fakeChannel((m) => void stormAnswers.push(m));
  const other = fakeChannel(() => (otherAnsweredAfter ??= stormAnswers.length));
  serveConnection(services, storm);
  serveConnection(services, other);
  const sessionId = randomUUID();
  const burst = 500; // a second of work, all in one read of the socket
  setImmediate(() => {
    // The other window's request, read from its socket on the next turn of the event loop.
    other.receive(JSON.stringify({ id: 1, request: { method: 'timeline', sessionId } }));
  });
  for (let id = 1; id <= burst; id++) storm.receive(JSON.stringify({ id, request: { method: 'timeline', sessionId } }));
  for (let i = 0; i < 2000 && stormAnswers.length < burst; i++) await new Promise((r) => setTimeout(r, 2));
  // Every request of the burst answered, in order; the other window's long before the burst's end.
  expect(stormAnswers.map((m) => (m.type === 'response' ? m.id : 0))).toEqual(Array.from({ length: burst }, (_, i) => i + 1));
  expect(otherAnsweredAfter).toBeLessThan(burst / 2);
});
