import type { Frame } from '../../src/shared/contracts/frames';
import type { ClientChannel, ClientMessage, ClientRequest, ServerMessage } from '../../src/shared/contracts/protocol';

/** sessionStorage for Node: what the stream client keeps across a reload. */
export class MapStorage implements Storage {
  private readonly map = new Map<string, string>();
  get length(): number {
    return this.map.size;
  }
  clear(): void {
    this.map.clear();
  }
  getItem(key: string): string | null {
    return this.map.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.map.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.map.delete(key);
  }
  setItem(key: string, value: string): void {
    this.map.set(key, value);
  }
}

/**
 * Wraps a client channel to watch and hold its traffic: records what the client sends and the
 * frames it is handed, and can stall (hold incoming messages unread, like a hung renderer).
 */
export class ChannelProbe implements ClientChannel {
  readonly sent: ClientMessage[] = [];
  /** Every frame that reached the client's code, in order, tagged with the connection it came on. */
  readonly delivered: { connection: number; frame: Frame }[] = [];
  private readonly held: string[] = [];
  private readonly listeners = new Set<(text: string) => void>();
  private stalled = false;
  private connection = 0;

  constructor(private readonly inner: ClientChannel) {
    inner.onMessage((text) => (this.stalled ? this.held.push(text) : this.deliver(text)));
    inner.onConnection((connected) => {
      if (connected) this.connection++;
      else this.held.length = 0; // lost with the connection
    });
  }

  stall(): void {
    this.stalled = true;
  }
  resume(): void {
    this.stalled = false;
    for (const text of this.held.splice(0)) this.deliver(text);
  }
  /** Frames main has sent that the stalled client has not read. */
  heldFrames(): Frame[] {
    return this.held.flatMap((t) => {
      const m = JSON.parse(t) as ServerMessage;
      return m.type === 'frames' ? [...m.frames] : [];
    });
  }
  subscribes(): Extract<ClientRequest, { method: 'subscribe' }>[] {
    return this.sent.flatMap((m) => ('id' in m && m.request.method === 'subscribe' ? [m.request] : []));
  }
  framesOn(connection: number): Frame[] {
    return this.delivered.filter((d) => d.connection === connection).map((d) => d.frame);
  }
  get connections(): number {
    return this.connection;
  }

  send(text: string): boolean {
    this.sent.push(JSON.parse(text) as ClientMessage);
    return this.inner.send(text);
  }
  onMessage(listener: (text: string) => void): void {
    this.listeners.add(listener);
  }
  onConnection(listener: (connected: boolean) => void): void {
    this.inner.onConnection(listener);
  }
  isConnected(): boolean {
    return this.inner.isConnected();
  }

  private deliver(text: string): void {
    const m = JSON.parse(text) as ServerMessage;
    if (m.type === 'frames') for (const frame of m.frames) this.delivered.push({ connection: this.connection, frame });
    this.listeners.forEach((l) => l(text));
  }
}

export async function waitFor(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
