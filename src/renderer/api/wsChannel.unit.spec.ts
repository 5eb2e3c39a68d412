import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createWsChannel } from './wsChannel';

/** A WebSocket the test opens, closes and reads by hand. */
class FakeSocket {
  static all: FakeSocket[] = [];
  readyState = 0;
  onopen: ((e: unknown) => void) | null = null;
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onclose: ((e: unknown) => void) | null = null;
  onerror: ((e: unknown) => void) | null = null;
  readonly sent: string[] = [];
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(text: string) {
    this.sent.push(text);
  }
  close() {
    this.fail();
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  fail() {
    this.readyState = 3;
    this.onclose?.({});
  }
}

describe('createWsChannel', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    FakeSocket.all = [];
  });
  afterEach(() => vi.useRealTimers());

  const channel = (random = () => 0.5) =>
    createWsChannel('ws://127.0.0.1:1/ws?token=t', { WebSocket: FakeSocket, minBackoffMs: 100, maxBackoffMs: 1000, random });

  it('reports each connect and drop once, and only sends while open', () => {
    const ch = channel();
    const seen: boolean[] = [];
    ch.onConnection((c) => seen.push(c));
    expect(ch.send('x')).toBe(false);
    FakeSocket.all[0]!.open();
    expect(ch.isConnected()).toBe(true);
    expect(ch.send('hello')).toBe(true);
    expect(FakeSocket.all[0]!.sent).toEqual(['hello']);
    FakeSocket.all[0]!.fail();
    expect(seen).toEqual([true, false]);
    expect(ch.send('x')).toBe(false);
  });

  it('reconnects after a drop with capped exponential backoff, reset by a successful connect', () => {
    channel();
    const delays: number[] = [];
    let last = 0;
    const attempt = () => {
      const before = FakeSocket.all.length;
      FakeSocket.all.at(-1)!.fail();
      // Advance until the next attempt starts, measuring how long that took.
      let waited = 0;
      while (FakeSocket.all.length === before) {
        vi.advanceTimersByTime(10);
        waited += 10;
      }
      delays.push(waited);
      last = waited;
    };
    for (let i = 0; i < 6; i++) attempt();
    expect(delays).toEqual([100, 200, 400, 800, 1000, 1000]); // random() = 0.5: no jitter
    FakeSocket.all.at(-1)!.open();
    attempt();
    expect(last).toBe(100);
  });

  it('spreads reconnects with jitter between half and one and a half steps', () => {
    const delaysFor = (r: number) => {
      FakeSocket.all = [];
      channel(() => r);
      FakeSocket.all[0]!.fail();
      let waited = 0;
      while (FakeSocket.all.length === 1) {
        vi.advanceTimersByTime(5);
        waited += 5;
      }
      return waited;
    };
    expect(delaysFor(0)).toBe(50);
    expect(delaysFor(0.999)).toBe(150);
  });

  it('passes text messages on, and stops reconnecting once closed', () => {
    const ch = channel();
    const got: string[] = [];
    ch.onMessage((t) => got.push(t));
    FakeSocket.all[0]!.open();
    FakeSocket.all[0]!.onmessage?.({ data: '{"type":"frames","frames":[]}' });
    FakeSocket.all[0]!.onmessage?.({ data: new ArrayBuffer(2) });
    expect(got).toEqual(['{"type":"frames","frames":[]}']);
    ch.close();
    vi.advanceTimersByTime(10_000);
    expect(FakeSocket.all).toHaveLength(1);
  });
});
