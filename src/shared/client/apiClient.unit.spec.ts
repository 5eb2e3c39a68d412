import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Frame } from '../contracts/frames';
import type { ClientChannel, ClientMessage, ServerMessage } from '../contracts/protocol';
import { createApiClient } from './apiClient';

/** A channel the test drives from main's side. */
class ScriptedChannel implements ClientChannel {
  readonly sent: ClientMessage[] = [];
  connected = false;
  private readonly messageListeners = new Set<(t: string) => void>();
  private readonly connectionListeners = new Set<(c: boolean) => void>();
  send(text: string) {
    if (!this.connected) return false;
    this.sent.push(JSON.parse(text) as ClientMessage);
    return true;
  }
  onMessage(l: (t: string) => void) {
    this.messageListeners.add(l);
  }
  onConnection(l: (c: boolean) => void) {
    this.connectionListeners.add(l);
  }
  isConnected() {
    return this.connected;
  }
  setConnected(c: boolean) {
    this.connected = c;
    this.connectionListeners.forEach((l) => l(c));
  }
  deliver(m: ServerMessage) {
    this.messageListeners.forEach((l) => l(JSON.stringify(m)));
  }
  acks() {
    return this.sent.flatMap((m) => ('id' in m ? [] : [m.request.received]));
  }
}

const live = (i: number): Frame => ({ kind: 'live', subscriptionId: 's', seq: i, storeId: '' });

describe('createApiClient', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('resolves a call with the response that carries its id', async () => {
    const ch = new ScriptedChannel();
    ch.setConnected(true);
    const api = createApiClient(ch);
    const a = api.unsubscribe('a');
    const b = api.unsubscribe('b');
    const [ida, idb] = ch.sent.map((m) => ('id' in m ? m.id : -1));
    ch.deliver({ type: 'response', id: idb!, result: { ok: true, value: { subscriptionId: 'b' } } });
    ch.deliver({ type: 'response', id: ida!, result: { ok: true, value: { subscriptionId: 'a' } } });
    expect(await a).toEqual({ ok: true, value: { subscriptionId: 'a' } });
    expect(await b).toEqual({ ok: true, value: { subscriptionId: 'b' } });
  });

  it('fails calls in flight with DISCONNECTED when the connection drops', async () => {
    const ch = new ScriptedChannel();
    ch.setConnected(true);
    const api = createApiClient(ch);
    const pending = api.fetchPage('q', 0, 10);
    ch.setConnected(false);
    const r = await pending;
    expect(r.ok ? 'ok' : r.error.code).toBe('DISCONNECTED');
    expect(r.ok ? '' : r.error.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('a call made while connecting waits for the connection (a page that just loaded asks for rows)', async () => {
    const ch = new ScriptedChannel();
    const api = createApiClient(ch, { connectWaitMs: 1000 });
    const page = api.fetchPage('q', 0, 10);
    vi.advanceTimersByTime(500);
    expect(ch.sent).toEqual([]);
    ch.setConnected(true);
    const sent = ch.sent[0];
    expect(sent && 'id' in sent && sent.request).toEqual({ method: 'fetchPage', queryId: 'q', offset: 0, limit: 10 });
    ch.deliver({ type: 'response', id: sent && 'id' in sent ? sent.id : -1, result: { ok: true, value: 'rows' } });
    expect(await page).toEqual({ ok: true, value: 'rows' });
  });

  it('a call made while disconnected fails with DISCONNECTED if no connection comes in time', async () => {
    const ch = new ScriptedChannel();
    const api = createApiClient(ch, { connectWaitMs: 1000 });
    const later = api.dispatch({ type: 'OpenSession' });
    vi.advanceTimersByTime(1000);
    const r = await later;
    expect(r.ok ? 'ok' : r.error.code).toBe('DISCONNECTED');
    ch.setConnected(true);
    expect(ch.sent).toEqual([]); // not sent late, after the caller was told it failed
  });

  it('a call the channel refuses before it says it dropped (a socket already closing) waits for the connection, then is sent once', async () => {
    const ch = new ScriptedChannel();
    ch.setConnected(true);
    const api = createApiClient(ch, { connectWaitMs: 1000 });
    ch.connected = false; // closing: send refuses, no onConnection(false) yet
    const cancel = api.dispatch({ type: 'CancelQuery', sessionId: 's' });
    ch.setConnected(false);
    vi.advanceTimersByTime(500);
    ch.setConnected(true);
    const sent = ch.sent.filter((m) => 'id' in m);
    expect(sent.map((m) => 'id' in m && m.request)).toEqual([{ method: 'dispatch', command: { type: 'CancelQuery', sessionId: 's' } }]);
    ch.deliver({ type: 'response', id: sent[0] && 'id' in sent[0] ? sent[0].id : -1, result: { ok: true, value: 'done' } });
    expect(await cancel).toEqual({ ok: true, value: 'done' });
  });

  it('a call the channel refuses fails with DISCONNECTED if no connection comes in time, and is not sent late', async () => {
    const ch = new ScriptedChannel();
    ch.setConnected(true);
    const api = createApiClient(ch, { connectWaitMs: 1000 });
    ch.connected = false;
    const cancel = api.dispatch({ type: 'CancelQuery', sessionId: 's' });
    vi.advanceTimersByTime(1000);
    const r = await cancel;
    expect(r.ok ? 'ok' : r.error.code).toBe('DISCONNECTED');
    ch.setConnected(true);
    expect(ch.sent.filter((m) => 'id' in m)).toEqual([]);
  });

  it('refuses, without sending, a request larger than main accepts', async () => {
    const ch = new ScriptedChannel();
    ch.setConnected(true);
    const api = createApiClient(ch);
    const r = await api.dispatch({ type: 'StartQuery', sessionId: 's', sql: 'x'.repeat(1024 * 1024 + 10) });
    expect(r.ok ? 'ok' : r.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(ch.sent).toEqual([]);
  });

  it('counts the limit in UTF-8 bytes, as the server does: 600,000 “é” are 1.2 MB though fewer characters than the limit', async () => {
    const ch = new ScriptedChannel();
    ch.setConnected(true);
    const api = createApiClient(ch);
    const r = await api.dispatch({ type: 'SaveDraft', sessionId: 's', sql: 'é'.repeat(600_000) });
    expect(r.ok ? 'ok' : r.error.message).toMatch(/too large to send \(1,200,\d{3} bytes, limit 1,048,576\)/);
    expect(ch.sent).toEqual([]);
  });

  it('acknowledges processed frames as a running total: at once past a threshold, otherwise shortly after', () => {
    const ch = new ScriptedChannel();
    ch.setConnected(true);
    const api = createApiClient(ch, { ackEvery: 10, ackDelayMs: 20 });
    const seen: Frame[] = [];
    api.onFrame((f) => seen.push(f));
    ch.deliver({ type: 'frames', frames: [live(1), live(2), live(3)] });
    expect(seen).toHaveLength(3);
    expect(ch.acks()).toEqual([]);
    vi.advanceTimersByTime(20);
    expect(ch.acks()).toEqual([3]);
    ch.deliver({ type: 'frames', frames: Array.from({ length: 12 }, (_, i) => live(4 + i)) });
    expect(ch.acks()).toEqual([3, 15]);
    vi.advanceTimersByTime(100);
    expect(ch.acks()).toEqual([3, 15]);
  });

  it('counts frames afresh on a new connection, as main does', () => {
    const ch = new ScriptedChannel();
    ch.setConnected(true);
    const api = createApiClient(ch, { ackEvery: 1 });
    api.onFrame(() => {});
    ch.deliver({ type: 'frames', frames: [live(1), live(2)] });
    ch.setConnected(false);
    ch.setConnected(true);
    ch.deliver({ type: 'frames', frames: [live(3)] });
    expect(ch.acks()).toEqual([2, 1]);
  });

  it('a listener that throws does not stop the others or the acknowledgement', () => {
    const ch = new ScriptedChannel();
    ch.setConnected(true);
    const api = createApiClient(ch, { ackEvery: 1 });
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    api.onFrame(() => {
      throw new Error('bad listener');
    });
    const seen: Frame[] = [];
    api.onFrame((f) => seen.push(f));
    ch.deliver({ type: 'frames', frames: [live(1)] });
    expect(seen).toHaveLength(1);
    expect(ch.acks()).toEqual([1]);
    expect(errors).toHaveBeenCalled();
    errors.mockRestore();
  });

  it('tells connection listeners about each change once, and a late listener that it is connected', async () => {
    const ch = new ScriptedChannel();
    const api = createApiClient(ch);
    const seen: boolean[] = [];
    api.onConnection((c) => seen.push(c));
    ch.setConnected(true);
    ch.setConnected(true);
    ch.setConnected(false);
    ch.setConnected(true);
    expect(seen).toEqual([true, false, true]);
    const late: boolean[] = [];
    api.onConnection((c) => late.push(c));
    await Promise.resolve();
    expect(late).toEqual([true]);
  });
});
